/** View model of the VLSM mode: a parent network and named host requirements → an allocation table. */

import type { VlsmRequirement } from '../ip/index.ts';
import { formatAddress, formatNetwork, hostRange, parseNetwork, planVlsm, quoteInput } from '../ip/index.ts';
import type { ExportTable } from './export.ts';
import { formatCount, groupDigits, plural } from './format.ts';
import type { CalculatorState } from './state.ts';
import { type FieldError, fieldError, type ViewResult } from './view-result.ts';

/** Field names of the VLSM form: the parent, a row's host count (`hosts-0`, `hosts-1`, …) or the plan as a whole. */
export type VlsmField = 'network' | 'plan' | `hosts-${number}`;

/** Everything the VLSM mode renders. */
export interface VlsmView {
  readonly parentCidr: string;
  readonly headers: readonly string[];
  /** One row per allocation, largest first. */
  readonly rows: readonly (readonly string[])[];
  /** Free space left over, as a minimal CIDR list. */
  readonly unused: readonly string[];
  /** Sentences summarising use and waste. */
  readonly summary: readonly string[];
  readonly notes: readonly string[];
  readonly table: ExportTable;
  readonly exportName: string;
}

/** The host count typed in a row: a whole number (thousands separators allowed), or undefined. */
export function parseHosts(text: string): number | undefined {
  const digits = text.trim().replace(/[,_\s]/g, '');
  if (!/^\d{1,16}$/.test(digits)) return undefined;
  const value = Number(digits);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Builds the VLSM view; blank rows (no name, no hosts) are skipped, other bad rows get an error on their field. */
export function vlsmView(state: CalculatorState['vlsm']): ViewResult<VlsmView, VlsmField> {
  const errors: FieldError<VlsmField>[] = [];
  const parsed = parseNetwork(state.network);
  if (!parsed.ok) errors.push(fieldError('network', parsed.error));
  const requirements: VlsmRequirement[] = [];
  state.requirements.forEach((row, index) => {
    if (row.name.trim() === '' && row.hosts.trim() === '') return;
    const hosts = parseHosts(row.hosts);
    if (hosts === undefined) {
      errors.push({
        field: `hosts-${index}`,
        code: 'vlsm-invalid-requirement',
        message:
          row.hosts.trim() === ''
            ? `Enter how many hosts ${row.name.trim() ? quoteInput(row.name.trim(), 30) : `subnet ${index + 1}`} needs, e.g. 50`
            : `${quoteInput(row.hosts.trim(), 30)} is not a host count; enter a whole number of at least 1`,
      });
      return;
    }
    requirements.push({ name: row.name.trim(), hosts });
  });
  if (!parsed.ok || errors.length > 0) return { ok: false, errors };
  const parent = parsed.value.network;
  const plan = planVlsm(parent, requirements, { pointToPoint: state.pointToPoint });
  if (!plan.ok) return { ok: false, errors: [fieldError('plan', plan.error)] };
  const { allocations, unused, unusedAddresses, allocatedAddresses, wastedHosts } = plan.value;
  const headers = ['Name', 'Hosts needed', 'Subnet', 'Usable hosts', 'First usable', 'Last usable', 'Spare hosts'];
  const rows = allocations.map((a) => {
    const ends = hostRange(a.network);
    return [
      a.name,
      groupDigits(a.requestedHosts),
      formatNetwork(a.network),
      formatCount(a.usableHosts),
      formatAddress(ends.firstUsable),
      formatAddress(ends.lastUsable),
      groupDigits(a.waste),
    ];
  });
  const parentCidr = formatNetwork(parent);
  const total = allocatedAddresses + unusedAddresses;
  const percent = (part: bigint) => `${(Number((part * 10000n) / (total === 0n ? 1n : total)) / 100).toFixed(1)}%`;
  return {
    ok: true,
    value: {
      parentCidr,
      headers,
      rows,
      unused: unused.map((n) => formatNetwork(n)),
      summary: [
        `${plural(allocations.length, 'subnet')} use ${formatCount(allocatedAddresses)} of the ${formatCount(total)} addresses in ${parentCidr} (${percent(allocatedAddresses)}).`,
        `${formatCount(unusedAddresses)} ${unusedAddresses === 1n ? 'address is' : 'addresses are'} left unallocated (${percent(unusedAddresses)}).`,
        `${plural(wastedHosts, 'usable host address', 'usable host addresses')} inside the subnets ${wastedHosts === 1n ? 'is' : 'are'} spare: each subnet is rounded up to a power of two.`,
      ],
      notes: parsed.value.warnings.map((w) => w.message),
      table: { headers, rows },
      exportName: `vlsm ${parentCidr}`,
    },
  };
}
