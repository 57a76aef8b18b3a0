/**
 * An authoritative server's answer, as Knot DNS 3.2 gives it (RFC 1034 §4.3.2's algorithm): pick the closest zone
 * the server serves; below a zone cut answer with a referral (NS in authority, in-zone glue in additional, AA off);
 * otherwise an exact match, a CNAME (followed inside the same zone), a wildcard synthesis (RFC 4592), NODATA
 * (empty non-terminals included) or NXDOMAIN, the negative ones with the SOA in authority at
 * min(SOA TTL, MINIMUM) (RFC 2308 §3). A query for a zone the server does not serve gets REFUSED.
 */
import { NO_FLAGS, optRecord } from './encode.ts';
import type { Internet, NameServer, Zone } from './internet.ts';
import { isSubdomain, joinName, splitName } from './name.ts';
import type { Message, Question, ResourceRecord } from './types.ts';

/** Records of a zone indexed by owner name, with the set of names that exist (owners and their ancestors in-zone). */
interface ZoneIndex {
  readonly zone: Zone;
  readonly byName: ReadonlyMap<string, readonly ResourceRecord[]>;
  readonly existing: ReadonlySet<string>;
}

const indexCache = new WeakMap<Zone, ZoneIndex>();

function indexZone(zone: Zone): ZoneIndex {
  const hit = indexCache.get(zone);
  if (hit !== undefined) return hit;
  const byName = new Map<string, ResourceRecord[]>();
  const existing = new Set<string>();
  for (const r of zone.records) {
    const list = byName.get(r.name);
    if (list === undefined) byName.set(r.name, [r]);
    else list.push(r);
    const labels = splitName(r.name);
    for (let i = 0; i < labels.length; i++) {
      const name = joinName(labels.slice(i));
      if (!isSubdomain(name, zone.origin)) break;
      existing.add(name);
    }
  }
  const index = { zone, byName, existing };
  indexCache.set(zone, index);
  return index;
}

function negativeSoa(index: ZoneIndex): ResourceRecord[] {
  const soa = index.byName.get(index.zone.origin)?.find((r) => r.type === 6);
  if (soa === undefined || soa.data.kind !== 'SOA') return [];
  return [{ ...soa, ttl: Math.min(soa.ttl, soa.data.minimum) }];
}

/** The deepest zone cut (owner of NS records below the apex) at or above `name`, if any. */
function zoneCut(index: ZoneIndex, name: string): string | undefined {
  const labels = splitName(name);
  const apexLabels = splitName(index.zone.origin).length;
  for (let n = apexLabels + 1; n <= labels.length; n++) {
    const candidate = joinName(labels.slice(labels.length - n));
    if (index.byName.get(candidate)?.some((r) => r.type === 2)) return candidate;
  }
  return undefined;
}

function glueFor(index: ZoneIndex, ns: readonly ResourceRecord[]): ResourceRecord[] {
  const glue: ResourceRecord[] = [];
  for (const r of ns) {
    if (r.data.kind !== 'NS' || !isSubdomain(r.data.target, index.zone.origin)) continue;
    for (const g of index.byName.get(r.data.target) ?? []) if (g.type === 1 || g.type === 28) glue.push(g);
  }
  return glue;
}

/** Additional-section addresses for NS, MX and SRV targets inside the zone (RFC 1034 §4.3.2 step 6; Knot does this). */
function additionalFor(index: ZoneIndex, records: readonly ResourceRecord[]): ResourceRecord[] {
  const out: ResourceRecord[] = [];
  for (const r of records) {
    const target =
      r.data.kind === 'NS'
        ? r.data.target
        : r.data.kind === 'MX'
          ? r.data.exchange
          : r.data.kind === 'SRV'
            ? r.data.target
            : undefined;
    if (target === undefined || !isSubdomain(target, index.zone.origin)) continue;
    for (const g of index.byName.get(target) ?? []) if (g.type === 1 || g.type === 28) out.push(g);
  }
  return out;
}

interface Lookup {
  readonly rcode: number;
  readonly aa: boolean;
  readonly answers: ResourceRecord[];
  readonly authorities: ResourceRecord[];
  readonly additionals: ResourceRecord[];
}

/** Looks `name`/`type` up in one zone, following CNAMEs that stay inside it (bounded: at most 16 links). */
function lookupInZone(index: ZoneIndex, name: string, type: number): Lookup {
  const answers: ResourceRecord[] = [];
  let current = name;
  for (let hop = 0; hop < 16; hop++) {
    const cut = zoneCut(index, current);
    if (cut !== undefined) {
      if (answers.length > 0) return { rcode: 0, aa: true, answers, authorities: [], additionals: [] };
      const ns = (index.byName.get(cut) ?? []).filter((r) => r.type === 2);
      return { rcode: 0, aa: false, answers, authorities: ns, additionals: glueFor(index, ns) };
    }
    let records = index.byName.get(current);
    if (records === undefined && !index.existing.has(current)) {
      // Wildcard (RFC 4592 §3.3.1): the closest encloser's '*' child, owner rewritten to the query name.
      const labels = splitName(current);
      for (let i = 1; i < labels.length && records === undefined; i++) {
        const encloser = joinName(labels.slice(i));
        if (!isSubdomain(encloser, index.zone.origin)) break;
        if (index.existing.has(encloser)) {
          const wild = index.byName.get(`*.${encloser}`);
          records = wild?.map((r) => ({ ...r, name: current }));
          break;
        }
      }
      if (records === undefined)
        return { rcode: 3, aa: true, answers, authorities: negativeSoa(index), additionals: [] };
    }
    const list = records ?? [];
    const exact = list.filter((r) => r.type === type);
    if (exact.length > 0)
      return {
        rcode: 0,
        aa: true,
        answers: [...answers, ...exact],
        authorities: [],
        additionals: additionalFor(index, exact),
      };
    const cname = list.find((r) => r.type === 5);
    if (cname === undefined || cname.data.kind !== 'CNAME' || type === 5) {
      return { rcode: 0, aa: true, answers, authorities: negativeSoa(index), additionals: [] };
    }
    answers.push(cname);
    current = cname.data.target;
    if (!isSubdomain(current, index.zone.origin))
      return { rcode: 0, aa: true, answers, authorities: [], additionals: [] };
  }
  return { rcode: 2, aa: false, answers, authorities: [], additionals: [] };
}

/** The zone `server` serves that is closest to `name`, or undefined. */
export function closestZone(internet: Internet, server: NameServer, name: string): Zone | undefined {
  let best: Zone | undefined;
  for (const zone of internet.zones) {
    if (!server.zones.includes(zone.origin) || !isSubdomain(name, zone.origin)) continue;
    if (best === undefined || zone.origin.length > best.origin.length) best = zone;
  }
  return best;
}

/** The response `server` sends to `query` (undefined when the server is down). Echoes EDNS when the query has it. */
export function authoritativeAnswer(internet: Internet, server: NameServer, query: Message): Message | undefined {
  if (server.down === true) return undefined;
  const question = query.questions[0] as Question;
  const zone = closestZone(internet, server, question.name);
  const lookup: Lookup =
    zone === undefined
      ? { rcode: 5, aa: false, answers: [], authorities: [], additionals: [] }
      : lookupInZone(indexZone(zone), question.name, question.type);
  const edns =
    query.edns === undefined
      ? undefined
      : { udpPayloadSize: 1232, extendedRcode: 0, version: 0, dnssecOk: false, flags: 0, options: [] };
  const base: Message = {
    id: query.id,
    flags: { ...NO_FLAGS, qr: true, aa: lookup.aa, rd: query.flags.rd, rcode: lookup.rcode },
    rcode: lookup.rcode,
    questions: [question],
    answers: lookup.answers,
    authorities: lookup.authorities,
    additionals: edns === undefined ? lookup.additionals : [...lookup.additionals, optRecord(edns)],
  };
  return edns === undefined ? base : { ...base, edns };
}
