/** View model of the Contains / overlap mode: how two networks (or addresses) relate. */

import type { IpNetwork } from '../ip/index.ts';
import { formatAddress, formatNetwork, networkDetails, overlaps, parseNetwork, subnetOf } from '../ip/index.ts';
import { formatCount } from './format.ts';
import { type FieldError, fieldError, type ViewResult } from './view-result.ts';

/** How network A relates to network B. */
export type Relation = 'equal' | 'a-in-b' | 'b-in-a' | 'disjoint' | 'different-versions';

/** One side of the comparison. */
export interface CompareSide {
  readonly cidr: string;
  readonly first: string;
  readonly last: string;
  readonly size: string;
}

/** Everything the Contains / overlap mode renders. */
export interface CompareView {
  readonly relation: Relation;
  /** The answer as a sentence, e.g. "10.0.128.0/17 is inside 10.0.0.0/16". */
  readonly verdict: string;
  readonly aContainsB: boolean;
  readonly bContainsA: boolean;
  readonly overlap: boolean;
  /** The shared addresses as CIDR text, when they overlap. */
  readonly shared?: string;
  readonly a: CompareSide;
  readonly b: CompareSide;
  readonly notes: readonly string[];
}

/** Compares two inputs; each may be a network or a single address (read as /32 or /128). */
export function compareView(aText: string, bText: string): ViewResult<CompareView, 'a' | 'b'> {
  const a = parseNetwork(aText);
  const b = parseNetwork(bText);
  const errors: FieldError<'a' | 'b'>[] = [];
  if (!a.ok) errors.push(fieldError('a', a.error));
  if (!b.ok) errors.push(fieldError('b', b.error));
  if (!a.ok || !b.ok) return { ok: false, errors };
  const na = a.value.network;
  const nb = b.value.network;
  const ca = formatNetwork(na);
  const cb = formatNetwork(nb);
  const aContainsB = subnetOf(nb, na);
  const bContainsA = subnetOf(na, nb);
  const overlap = overlaps(na, nb);
  let relation: Relation;
  let verdict: string;
  if (na.version !== nb.version) {
    relation = 'different-versions';
    verdict = `${ca} is IPv${na.version} and ${cb} is IPv${nb.version}: they never overlap`;
  } else if (aContainsB && bContainsA) {
    relation = 'equal';
    verdict = `${ca} and ${cb} are the same network`;
  } else if (bContainsA) {
    relation = 'a-in-b';
    verdict = `${ca} is inside ${cb}`;
  } else if (aContainsB) {
    relation = 'b-in-a';
    verdict = `${cb} is inside ${ca}`;
  } else {
    relation = 'disjoint';
    verdict = `${ca} and ${cb} do not overlap`;
  }
  const notes = [...a.value.warnings, ...b.value.warnings].map((w) => w.message);
  const view: CompareView = {
    relation,
    verdict,
    aContainsB,
    bContainsA,
    overlap,
    a: side(na),
    b: side(nb),
    notes,
  };
  if (!overlap) return { ok: true, value: view };
  // Two CIDR blocks either nest or are disjoint, so the shared part is always the smaller block.
  return { ok: true, value: { ...view, shared: bContainsA ? ca : cb } };
}

function side(network: IpNetwork): CompareSide {
  const d = networkDetails(network);
  return {
    cidr: formatNetwork(network),
    first: formatAddress(d.networkAddress),
    last: formatAddress(d.lastAddress),
    size: formatCount(d.numAddresses),
  };
}
