/** View models of the Summarise mode: a list of networks → the minimal CIDR set, and an address range → CIDRs. */

import type { IpNetwork } from '../ip/index.ts';
import { collapseNetworks, formatNetwork, parseNetworkList, parseRange, summarizeRange } from '../ip/index.ts';
import { plural } from './format.ts';
import { fieldError, type ViewResult } from './view-result.ts';

/** A CIDR list result. */
export interface CidrListView {
  readonly cidrs: readonly string[];
  /** One-line summary, e.g. "4 networks → 2 CIDR blocks". */
  readonly summary: string;
}

/** Collapses a pasted list (one network per line) into the fewest CIDR blocks covering exactly the same addresses. */
export function summariseView(text: string): ViewResult<CidrListView, 'networks'> {
  const parsed = parseNetworkList(text);
  if (!parsed.ok) return { ok: false, errors: [fieldError('networks', parsed.error)] };
  const collapsed = collapseNetworks(parsed.value);
  return {
    ok: true,
    value: {
      cidrs: collapsed.map((n: IpNetwork) => formatNetwork(n)),
      summary: `${plural(parsed.value.length, 'network')} → ${plural(collapsed.length, 'CIDR block')}`,
    },
  };
}

/** Covers an inclusive `start - end` range with the fewest CIDR blocks. */
export function rangeView(text: string): ViewResult<CidrListView, 'range'> {
  const parsed = parseRange(text);
  if (!parsed.ok) return { ok: false, errors: [fieldError('range', parsed.error)] };
  const result = summarizeRange(parsed.value.first, parsed.value.last);
  if (!result.ok) return { ok: false, errors: [fieldError('range', result.error)] };
  return {
    ok: true,
    value: {
      cidrs: result.value.map((n) => formatNetwork(n)),
      summary: `The range is exactly ${plural(result.value.length, 'CIDR block')}`,
    },
  };
}
