/**
 * The Details mode's special-purpose classification (IANA registries): loaded by the subnet calculator on first use,
 * since the registry table is the largest part of the IP library the Details mode needs.
 */
import { networkDetails } from '../ip/details.ts';
import type { IpNetwork, NetworkDetails, Reachability, SpecialMatch, SpecialRelation } from '../ip/types.ts';
import type { DetailRow } from './details-basics.ts';
import { groupDigits } from './format.ts';

/** One special-purpose range the network touches, ready to show with links to its RFCs. */
export interface SpecialRow {
  readonly cidr: string;
  readonly name: string;
  /** How the network relates to the range, in words ("inside", "equal to", "contains", "overlaps"). */
  readonly relation: string;
  readonly globallyReachable: string;
  /** The RFC text as in the registry (`RFC 1122 §3.2.1.3`) and one link per RFC it names. */
  readonly rfc: string;
  readonly links: readonly { readonly label: string; readonly href: string }[];
}

/** The classification rows of the Details view. */
export interface DetailsClassification {
  readonly classification: string;
  readonly reachable: string;
  readonly special: readonly SpecialRow[];
  /** The reverse-DNS row of the details list (shown as "…" until this module is loaded). */
  readonly reverseRow: DetailRow;
}

const RELATION_WORDS: Record<SpecialRelation, string> = {
  inside: 'inside',
  equal: 'equal to',
  contains: 'contains',
  overlaps: 'overlaps',
};

const REACHABILITY_WORDS: Record<Reachability, string> = {
  global: 'Yes',
  'not-global': 'No',
  'partly-global': 'Partly (it contains both globally reachable and non-reachable space)',
};

/** Classifies a parsed network against the special-purpose registries, as display strings. */
export function detailsClassification(network: IpNetwork): DetailsClassification {
  const d = networkDetails(network);
  return {
    classification: d.classification,
    reachable: REACHABILITY_WORDS[d.reachability],
    special: d.special.map(specialRow),
    reverseRow: reverseRow(d),
  };
}

function reverseRow(d: NetworkDetails): DetailRow {
  const { zones, zoneCount, note } = d.reverseDns;
  const value =
    zones.length <= 4 ? zones.join(', ') : `${zones[0]}, ${zones[1]} … and ${groupDigits(zoneCount - 2n)} more`;
  return {
    key: 'reverse',
    label: zones.length > 1 ? 'Reverse-DNS zones' : 'Reverse-DNS zone',
    value,
    copy: zones.join('\n'),
    ...(note ? { note } : {}),
  };
}

/** A special match as display strings with RFC links (`RFC 1122 §3.2.1.3` → rfc1122#section-3.2.1.3). */
export function specialRow(match: SpecialMatch): SpecialRow {
  const { range } = match;
  const links = [...range.rfc.matchAll(/RFC\s*(\d+)(?:\s*§\s*([\d.]+\d))?/g)].map((m) => ({
    label: m[0],
    href: `https://www.rfc-editor.org/rfc/rfc${m[1]}${m[2] ? `#section-${m[2]}` : ''}`,
  }));
  const flag = range.globallyReachable;
  return {
    cidr: range.cidr,
    name: range.name,
    relation: RELATION_WORDS[match.relation],
    globallyReachable: flag === 'n/a' ? 'N/A' : flag ? 'Yes' : 'No',
    rfc: range.rfc,
    links,
  };
}
