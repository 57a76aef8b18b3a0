/** View model of the Split mode: parent network + new prefix or part count → a paged table of subnets. */

import type { IpNetwork, SubnetList } from '../ip/index.ts';
import {
  formatAddress,
  formatNetwork,
  hostRange,
  isIpv4MappedAddress,
  parseNetwork,
  quoteInput,
  splitNetwork,
  subnets,
} from '../ip/index.ts';
import type { ExportTable } from './export.ts';
import { formatCount, groupDigits, type LinkedNote, MAPPED_NOTATION_NOTE, plural } from './format.ts';
import { type PageWindow, pageWindow, parsePositiveInteger } from './paging.ts';
import type { CalculatorState } from './state.ts';
import { type FieldError, fieldError, type ViewResult } from './view-result.ts';

/** Fields of the Split form that can carry an error. */
export type SplitField = 'network' | 'newPrefix' | 'count';

/** Largest split exported in full; bigger splits export the page on screen. */
export const EXPORT_ALL_LIMIT = 4096;

/** Everything the Split mode renders. */
export interface SplitView {
  readonly version: 4 | 6;
  readonly parentCidr: string;
  readonly newPrefix: number;
  readonly count: bigint;
  /** One-line summary, e.g. "256 subnets of /24 — 256 addresses each, 254 usable hosts each". */
  readonly summary: string;
  /** Notes from the lib (count rounded up to a power of two; host bits of the parent cleared). */
  readonly notes: readonly string[];
  readonly window: PageWindow;
  readonly headers: readonly string[];
  /** The rows of the current page; the first cell is the 1-based subnet number. */
  readonly rows: readonly (readonly string[])[];
  /** Whether the export holds every subnet or only the current page. */
  readonly exportScope: 'all' | 'page';
  /** Builds the export table (all subnets when there are at most {@link EXPORT_ALL_LIMIT}, else this page). */
  exportTable(): ExportTable;
  /** A file-name stem for exports. */
  readonly exportName: string;
  /** Set when the page shows IPv4-mapped addresses: which text rule is followed, with its RFC link. */
  readonly mappedNote?: LinkedNote;
}

/** Reads a prefix length typed as `24` or `/24`. */
export function parsePrefixText(text: string): number | undefined {
  const m = /^\s*\/?\s*(\d{1,3})\s*$/.exec(text);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

/** Builds the Split view from the Split state; errors are addressed to the field that caused them. */
export function splitView(state: CalculatorState['split']): ViewResult<SplitView, SplitField> {
  const parsed = parseNetwork(state.network);
  if (!parsed.ok) return fail('network', parsed.error);
  const parent = parsed.value.network;
  const bits = parent.version === 4 ? 32 : 128;
  let list: SubnetList;
  if (state.by === 'prefix') {
    const newPrefix = parsePrefixText(state.newPrefix);
    if (newPrefix === undefined) {
      return fail('newPrefix', {
        code: 'new-prefix-invalid',
        message: `${quoteInput(state.newPrefix.trim(), 40)} is not a prefix length; enter a number from /${parent.prefixLength} to /${bits}, e.g. /${Math.min(bits, parent.prefixLength + 2)}`,
      });
    }
    const result = subnets(parent, { newPrefix });
    if (!result.ok) return fail('newPrefix', result.error);
    list = result.value;
  } else {
    const parts = parsePositiveInteger(state.count);
    if (parts === undefined) {
      return fail('count', {
        code: 'split-count-invalid',
        message: `${quoteInput(state.count.trim(), 40)} is not a number of parts; enter a whole number of at least 1, e.g. 4`,
      });
    }
    const result = splitNetwork(parent, parts);
    if (!result.ok) return fail('count', result.error);
    list = result.value;
  }
  const window = pageWindow(list.count, state.page);
  const ipv4 = parent.version === 4;
  const headers = ['#', 'Subnet', 'First usable', 'Last usable', ipv4 ? 'Broadcast' : 'Last address'];
  const rowsFrom = (start: bigint, size: number) =>
    list.subnetPage(start, size).map((net, i) => subnetRow(start + BigInt(i) + 1n, net));
  const page = list.subnetPage(window.start, window.size);
  const rows = page.map((net, i) => subnetRow(window.start + BigInt(i) + 1n, net));
  const mapped =
    parent.version === 6 &&
    page.some((net) => isIpv4MappedAddress(net.networkAddress) || isIpv4MappedAddress(hostRange(net).lastAddress));
  const example = list.subnetAt(0n) as IpNetwork;
  const ends = hostRange(example);
  const exportScope = list.count <= BigInt(EXPORT_ALL_LIMIT) ? 'all' : 'page';
  const parentCidr = formatNetwork(parent);
  const notes = [...parsed.value.warnings.map((w) => w.message), ...list.notes];
  return {
    ok: true,
    value: {
      version: parent.version,
      parentCidr,
      newPrefix: list.newPrefix,
      count: list.count,
      summary: `${plural(list.count, 'subnet')} of /${list.newPrefix} — ${formatCount(list.subnetSize)} ${list.subnetSize === 1n ? 'address' : 'addresses'} and ${plural(ends.usableHosts, 'usable host')} each`,
      notes,
      window,
      headers,
      rows,
      exportScope,
      exportTable: () => ({
        headers,
        rows: exportScope === 'all' ? rowsFrom(0n, Number(list.count)) : rows,
      }),
      exportName: `split ${parentCidr} to ${list.newPrefix}${exportScope === 'page' ? ` page ${window.page}` : ''}`,
      ...(mapped ? { mappedNote: MAPPED_NOTATION_NOTE } : {}),
    },
  };
}

function subnetRow(number: bigint, net: IpNetwork): readonly string[] {
  const ends = hostRange(net);
  return [
    groupDigits(number),
    formatNetwork(net),
    formatAddress(ends.firstUsable),
    formatAddress(ends.lastUsable),
    ends.broadcastAddress
      ? formatAddress(ends.broadcastAddress)
      : net.version === 4
        ? 'none'
        : formatAddress(ends.lastAddress),
  ];
}

function fail(field: SplitField, error: { code: string; message: string }): ViewResult<SplitView, SplitField> {
  const errors: FieldError<SplitField>[] = [fieldError(field, error)];
  return { ok: false, errors };
}
