/**
 * The recursive resolver model: stub → recursive resolver (with cache) → authoritative servers, in simulated time.
 *
 * It follows Unbound 1.17's iterator (iterator/iterator.c) with `module-config: "iterator"`, `target-fetch-policy:
 * "0 0 0 0 0"`, `prefetch: no`, `do-ip6: no`, `minimal-responses: yes`, so the integration test can compare the
 * upstream query sequence query for query:
 * - cold start primes the root: `. NS` to a root hint (RFC 8109);
 * - each resolution starts from the cache (answer, CNAME, negative entry), else from the deepest cached delegation;
 * - QNAME minimisation (RFC 9156 as Unbound does it): from a delegation point, add one label per query with QTYPE A;
 *   a name already cached (any answer) is skipped; at the full name the real QTYPE is sent, except that for QTYPE ≠ A
 *   Unbound first sends the full name with QTYPE A (the "hidden" type) and then the real one; NXDOMAIN or any error
 *   on a minimised query stops minimising and sends the full query (not strict); a referral restarts it;
 * - referrals cache the NS set and in-bailiwick glue (harden-glue); an NS without glue is resolved first (A only);
 * - CNAME answers are cached and the target is chased from the cache / closest delegation (up to 16 links);
 * - negative answers are cached for min(SOA TTL, SOA MINIMUM) (RFC 2308 §5), keyed by name and type like Unbound's
 *   message cache;
 * - a server that does not answer costs a timeout (Unbound's initial 376 ms) and is avoided for 900 s
 *   (infra-host-ttl); the next name server is tried;
 * - from each reply only the RRsets owned by the query name are kept (Unbound's scrub_sanitize): a chain that a
 *   server followed inside its zone is re-asked link by link;
 * - replies to the hidden-type query are cached as RRsets only (no message, no negative entry), the SOA of negative
 *   answers is shared per zone, equal RRsets keep their older TTL, TTLs are capped at 86,400 s (cache-max-ttl).
 * Where it deliberately differs from Unbound, and why: README.md in this folder.
 *
 * State (mutable, owned by one `Resolver`): `nowMs` (simulated clock), `cache` (key `name|type` → entry with the
 * time it was stored and its TTL), `downUntil` (address → time a dead server may be tried again), `nextId`.
 */
import { simulateHandshake } from '../handshake/index.ts';
import { authoritativeAnswer } from './authoritative.ts';
import { CLASSIC_UDP_PAYLOAD, typeName } from './constants.ts';
import { encodeMessage, NO_FLAGS, optRecord, queryMessage } from './encode.ts';
import type { Internet, NameServer, ServerTier } from './internet.ts';
import { ancestor, isSubdomain, labelCount } from './name.ts';
import type { Message, ResourceRecord } from './types.ts';

/** Stub → resolver transport. */
export type StubTransport = 'udp' | 'tcp' | 'dot' | 'doh';

export interface ResolverOptions {
  readonly qnameMinimisation: boolean;
  /** Round trip resolver → authoritative server, per tier (ms). */
  readonly rttMs: Readonly<Record<ServerTier, number>>;
  /** Round trip stub → resolver (ms). */
  readonly stubRttMs: number;
  readonly transport: StubTransport;
  /** TCP/TLS connection to the resolver already open (no setup cost). */
  readonly connectionReused: boolean;
  /** The stub's EDNS UDP payload size; null sends no EDNS (512-octet limit). */
  readonly stubUdpPayload: number | null;
  /** Time the resolver waits for a server that does not answer (ms). */
  readonly timeoutMs: number;
  /** TCP or TCP+TLS setup time for a round trip; defaults to the handshake model (TCP 1 RTT, TLS 1.3 +1 RTT). */
  readonly setupMs: (transport: 'tcp' | 'tls', rttMs: number) => number;
}

/** Defaults: unbound's 1232-octet buffer and 376 ms unknown-server timeout; a nearby resolver, distant servers. */
export const RESOLVER_DEFAULTS: ResolverOptions = {
  setupMs: connectionSetupMs,
  qnameMinimisation: true,
  rttMs: { root: 20, tld: 40, domain: 80 },
  stubRttMs: 10,
  transport: 'udp',
  connectionReused: false,
  stubUdpPayload: 1232,
  timeoutMs: 376,
};

/** What one exchange was: how the resolver classified the reply. */
export type HopOutcome =
  | 'answer'
  | 'referral'
  | 'cname'
  | 'nxdomain'
  | 'nodata'
  | 'timeout'
  | 'refused'
  | 'truncated'
  | 'servfail';

/** One query and its reply on the ladder. */
export interface Hop {
  readonly from: 'stub' | 'resolver';
  readonly to: string;
  readonly address: string;
  readonly transport: 'udp' | 'tcp' | 'dot' | 'doh';
  readonly query: Message;
  readonly queryBytes: Uint8Array;
  readonly response: Message | undefined;
  readonly responseBytes: Uint8Array | undefined;
  readonly sendMs: number;
  readonly receiveMs: number;
  readonly outcome: HopOutcome;
  /** True for a QNAME-minimised query (the name or the type is not the one being resolved). */
  readonly minimised: boolean;
}

/** One row of the cache table. */
export interface CacheRow {
  readonly name: string;
  readonly type: string;
  /** answer: from an answer section; delegation/glue: from a referral; authority: a negative answer's SOA. */
  readonly kind: 'answer' | 'delegation' | 'glue' | 'authority' | 'nxdomain' | 'nodata';
  readonly remainingTtl: number;
  readonly records: readonly ResourceRecord[];
}

export interface Resolution {
  readonly name: string;
  readonly type: number;
  /** The response the stub gets. */
  readonly response: Message;
  readonly hops: readonly Hop[];
  /** Start → answer at the stub (ms). */
  readonly totalMs: number;
  /** Answered without any upstream query. */
  readonly fromCache: boolean;
  /** Simulated clock when the lookup started (ms). */
  readonly startedAtMs: number;
}

interface CacheEntry {
  readonly name: string;
  readonly type: number;
  readonly kind: CacheRow['kind'];
  readonly records: readonly ResourceRecord[];
  readonly storedMs: number;
  readonly ttl: number;
}

const MAX_CNAME_LINKS = 16;
const MAX_QUERIES = 64;
const INFRA_HOST_TTL_MS = 900_000;
/** Unbound's cache-max-ttl default (1 day): longer TTLs are cut to this when cached. */
const MAX_TTL = 86_400;

export interface Resolver {
  resolve(name: string, type: number): Resolution;
  /** Moves the simulated clock forward. */
  advance(seconds: number): void;
  readonly nowMs: () => number;
  cacheTable(): readonly CacheRow[];
}

/** A resolver with an empty cache at time 0. */
export function createResolver(internet: Internet, overrides: Partial<ResolverOptions> = {}): Resolver {
  const options: ResolverOptions = { ...RESOLVER_DEFAULTS, ...overrides };
  let nowMs = 0;
  const cache = new Map<string, CacheEntry>();
  const downUntil = new Map<string, number>();
  /** Unbound's message cache, reduced to what minimisation consults: which (qname, qtype) replies are held, until when. */
  const messages = new Map<string, number>();
  /** SOA RRsets that came with negative answers, per zone apex (shared by every negative entry of the zone). */
  const negativeSoa = new Map<string, CacheEntry>();
  let nextId = 0x1000;
  const byAddress = new Map<string, NameServer>(internet.servers.map((s) => [s.address, s]));

  const key = (name: string, type: number) => `${name}|${type}`;
  const fresh = (e: CacheEntry | undefined, at: number) =>
    e !== undefined && at < e.storedMs + e.ttl * 1000 ? e : undefined;
  const remaining = (e: CacheEntry, at: number) => Math.max(0, e.ttl - Math.floor((at - e.storedMs) / 1000));
  const withTtl = (records: readonly ResourceRecord[], e: CacheEntry, at: number) =>
    records.map((r) => ({ ...r, ttl: Math.min(r.ttl, remaining(e, at)) }));

  function store(
    name: string,
    type: number,
    kind: CacheRow['kind'],
    records: readonly ResourceRecord[],
    ttl: number,
    at: number,
  ): void {
    const existing = fresh(cache.get(key(name, type)), at);
    // Answers outrank delegation data and glue (RFC 2181 §5.4.1): never replace an answer with glue.
    if (existing !== undefined && existing.kind === 'answer' && (kind === 'glue' || kind === 'delegation')) return;
    // The same data again at the same rank keeps the older entry and its TTL (Unbound's rrset_cache_update keeps an
    // unexpired equal RRset, so a repeat does not refresh the TTL).
    if (existing !== undefined && existing.kind === kind && sameData(existing.records, records)) return;
    const capped = Math.min(ttl, MAX_TTL);
    cache.set(key(name, type), {
      name,
      type,
      kind,
      records: records.map((r) => (r.ttl > MAX_TTL ? { ...r, ttl: MAX_TTL } : r)),
      storedMs: at,
      ttl: capped,
    });
  }

  function storeRrsets(records: readonly ResourceRecord[], kind: 'answer' | 'delegation' | 'glue', at: number): void {
    const groups = new Map<string, ResourceRecord[]>();
    for (const r of records) {
      if (r.type === 41) continue;
      const k = key(r.name, r.type);
      const g = groups.get(k);
      if (g === undefined) groups.set(k, [r]);
      else g.push(r);
    }
    for (const g of groups.values()) {
      const first = g[0] as ResourceRecord;
      store(first.name, first.type, kind, g, Math.min(...g.map((r) => r.ttl)), at);
    }
  }

  /** Cached answer data for name/type: records (with CNAME chain) or a negative entry; `next` when the chain leaves the cache. */
  function fromCache(
    name: string,
    type: number,
    at: number,
  ): { chain: ResourceRecord[]; rcode?: number; soa?: ResourceRecord[]; next?: string } {
    const chain: ResourceRecord[] = [];
    let current = name;
    for (let link = 0; link <= MAX_CNAME_LINKS; link++) {
      const hit = fresh(cache.get(key(current, type)), at);
      if (hit !== undefined && hit.kind === 'answer')
        return { chain: [...chain, ...withTtl(hit.records, hit, at)], rcode: 0 };
      if (hit !== undefined && (hit.kind === 'nxdomain' || hit.kind === 'nodata')) {
        return { chain, rcode: hit.kind === 'nxdomain' ? 3 : 0, soa: withTtl(hit.records, hit, at) };
      }
      const cname = type === 5 ? undefined : fresh(cache.get(key(current, 5)), at);
      if (cname === undefined || cname.kind !== 'answer') return { chain, next: current };
      const record = cname.records[0] as ResourceRecord;
      chain.push(...withTtl([record], cname, at));
      if (record.data.kind !== 'CNAME') return { chain, next: current };
      current = record.data.target;
    }
    return { chain, rcode: 2 };
  }

  /** True when Unbound's minimisation would find `name`/A in its cache (a reply, an A RRset or a CNAME) and skip the query. */
  function cachedAny(name: string, at: number): boolean {
    if ((messages.get(key(name, 1)) ?? 0) > at) return true;
    const a = fresh(cache.get(key(name, 1)), at);
    const c = fresh(cache.get(key(name, 5)), at);
    return (
      (a !== undefined && a.kind !== 'glue' && a.kind !== 'delegation') || (c !== undefined && c.kind === 'answer')
    );
  }

  /** The deepest cached NS set at or above `name`. */
  function closestDelegation(name: string, at: number): { zone: string; ns: string[] } | undefined {
    for (let n = labelCount(name); n >= 0; n--) {
      const zone = ancestor(name, n);
      const e = fresh(cache.get(key(zone, 2)), at);
      if (e !== undefined && e.kind !== 'nodata' && e.kind !== 'nxdomain') {
        return { zone, ns: e.records.flatMap((r) => (r.data.kind === 'NS' ? [r.data.target] : [])).sort() };
      }
    }
    return undefined;
  }

  function addressesOf(nsName: string, at: number): string[] {
    const e = fresh(cache.get(key(nsName, 1)), at);
    if (e === undefined || e.kind === 'nxdomain' || e.kind === 'nodata') return [];
    return e.records.flatMap((r) => (r.data.kind === 'A' ? [r.data.address] : []));
  }

  interface Walk {
    t: number;
    hops: Hop[];
    queries: number;
  }

  /** Sends one query to `address`; returns the response or undefined after a timeout. Records the hop(s). */
  function exchange(w: Walk, address: string, qname: string, qtype: number, minimised: boolean): Message | undefined {
    w.queries++;
    const server = byAddress.get(address);
    const query = queryMessage({ id: nextId++ & 0xffff, name: qname, type: qtype, rd: false, udpPayloadSize: 1232 });
    const queryBytes = bytesOf(query);
    const rtt = server === undefined ? 0 : options.rttMs[server.tier];
    const name = server?.name ?? address;
    const response = server === undefined ? undefined : authoritativeAnswer(internet, server, query);
    if (response === undefined) {
      w.hops.push({
        from: 'resolver',
        to: name,
        address,
        transport: 'udp',
        query,
        queryBytes,
        response: undefined,
        responseBytes: undefined,
        sendMs: w.t,
        receiveMs: w.t + options.timeoutMs,
        outcome: 'timeout',
        minimised,
      });
      w.t += options.timeoutMs;
      downUntil.set(address, nowMs + w.t + INFRA_HOST_TTL_MS);
      return undefined;
    }
    let responseBytes = bytesOf(response);
    const truncatedOverUdp = responseBytes.length > 1232;
    if (truncatedOverUdp) {
      // Over the 1232-octet EDNS buffer: the server sets TC and the resolver retries over TCP (RFC 7766 §5).
      const truncated = truncate(response);
      w.hops.push({
        from: 'resolver',
        to: name,
        address,
        transport: 'udp',
        query,
        queryBytes,
        response: truncated,
        responseBytes: bytesOf(truncated),
        sendMs: w.t,
        receiveMs: w.t + rtt,
        outcome: 'truncated',
        minimised,
      });
      w.t += rtt + options.setupMs('tcp', rtt);
      responseBytes = bytesOf(response);
    }
    // The answer, over UDP or (after truncation) over the new TCP connection.
    w.hops.push({
      from: 'resolver',
      to: name,
      address,
      transport: truncatedOverUdp ? 'tcp' : 'udp',
      query,
      queryBytes,
      response,
      responseBytes,
      sendMs: w.t,
      receiveMs: w.t + rtt,
      outcome: classify(response, qname, qtype),
      minimised,
    });
    w.t += rtt;
    return response;
  }

  /** Picks a server for a delegation (first NS name in canonical order with a live address), fetching an NS address if none is known. */
  function pickServer(w: Walk, ns: readonly string[], depth: number): string | undefined {
    const live = (a: string) => (downUntil.get(a) ?? 0) <= nowMs + w.t;
    for (const n of ns) for (const a of addressesOf(n, nowMs + w.t)) if (live(a)) return a;
    for (const n of ns) {
      if (addressesOf(n, nowMs + w.t).length > 0 || depth > 4) continue;
      const sub = resolveInner(w, n, 1, depth + 1);
      if (sub.rcode === 0) {
        const found = addressesOf(n, nowMs + w.t).find(live);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  }

  function prime(w: Walk): boolean {
    for (const hint of [...internet.rootHints].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if ((downUntil.get(hint.address) ?? 0) > nowMs + w.t) continue;
      const r = exchange(w, hint.address, '.', 2, false);
      if (r !== undefined && r.rcode === 0) {
        storeRrsets(r.answers, 'answer', nowMs + w.t);
        storeRrsets(r.additionals, 'glue', nowMs + w.t);
        return true;
      }
    }
    return false;
  }

  type Final =
    | { kind: 'done'; rcode: number; records: readonly ResourceRecord[]; soa: readonly ResourceRecord[] }
    | { kind: 'cname'; records: readonly ResourceRecord[]; target: string };

  /** Iterates from the closest delegation to an answer for qchase/qtype (Unbound's QUERYTARGETS ↔ QUERY_RESP loop). */
  function iterate(w: Walk, qchase: string, qtype: number, depth: number): Final {
    const servfail: Final = { kind: 'done', rcode: 2, records: [], soa: [] };
    let dp = closestDelegation(qchase, nowMs + w.t);
    if (dp === undefined) {
      if (!prime(w)) return servfail;
      dp = closestDelegation(qchase, nowMs + w.t);
      if (dp === undefined) return servfail;
    }
    let state: 'init' | 'minimise' | 'donot' | 'skip' = options.qnameMinimisation ? 'init' : 'donot';
    let qout = dp.zone;
    while (w.queries < MAX_QUERIES) {
      if (state === 'init') {
        qout = dp.zone;
        state = 'minimise';
      }
      if (state === 'minimise') {
        const labdiff = labelCount(qchase) - labelCount(qout);
        qout = labdiff >= 1 ? ancestor(qchase, labelCount(qout) + 1) : qchase;
        if (labdiff < 1 || (labdiff < 2 && qtype === 1)) state = 'donot';
        else if (cachedAny(qout, nowMs + w.t)) continue;
      } else if (state === 'skip') state = 'minimise';
      const minimised = state !== 'donot';
      const [qname, qt] = minimised ? [qout, 1] : [qchase, qtype];
      const address = pickServer(w, dp.ns, depth);
      if (address === undefined) return servfail;
      const raw = exchange(w, address, qname, qt, minimised);
      // Unbound's scrubber (iter_scrub.c, scrub_sanitize) drops every answer RRset not owned by the query name: only
      // the first CNAME of a chain survives, and the resolver asks for the rest itself.
      const r = raw === undefined ? undefined : { ...raw, answers: raw.answers.filter((x) => x.name === qname) };
      const at = nowMs + w.t;
      if (r === undefined) {
        if (minimised) state = 'skip';
        continue;
      }
      const outcome = classify(r, qname, qt);
      if (outcome === 'refused' || outcome === 'servfail') {
        downUntil.set(address, at + INFRA_HOST_TTL_MS);
        if (options.qnameMinimisation) state = 'donot';
        continue;
      }
      if (outcome === 'referral') {
        const ns = r.authorities.filter((x) => x.type === 2);
        const zone = (ns[0] as ResourceRecord).name;
        storeRrsets(ns, 'delegation', at);
        const bailiwick = dp.zone;
        storeRrsets(
          r.additionals.filter((x) => isSubdomain(x.name, bailiwick)),
          'glue',
          at,
        );
        dp = { zone, ns: ns.flatMap((x) => (x.data.kind === 'NS' ? [x.data.target] : [])).sort() };
        state = options.qnameMinimisation ? 'init' : 'donot';
        continue;
      }
      // A reply to a query whose type is not the type being resolved (the minimised "hidden" A) is stored by Unbound
      // as if it were a referral (iter_dns_store's is_referral = qchase.qtype != reply qtype): RRsets only, no
      // message and no negative entry.
      const asMessage = qt === qtype;
      storeRrsets(r.answers, 'answer', at);
      if (asMessage) {
        const ttls = [...r.answers, ...r.authorities.filter((x) => x.type === 6)].map((x) => x.ttl);
        messages.set(key(qname, qt), at + Math.min(...ttls, MAX_TTL) * 1000);
      }
      // iterator.c: a CNAME reply to the hidden-type query counts as the answer when CNAME itself is being resolved.
      const cnameIsAnswer = outcome === 'cname' && minimised && qtype === 5 && qname === qchase;
      if (outcome === 'cname' && !cnameIsAnswer) {
        const last = r.answers[r.answers.length - 1] as ResourceRecord;
        if (last.data.kind !== 'CNAME') return servfail;
        return { kind: 'cname', records: r.answers, target: last.data.target };
      }
      const soa = r.authorities.filter((x) => x.type === 6);
      if (asMessage && (outcome === 'nxdomain' || outcome === 'nodata')) {
        const owner = r.answers.length > 0 ? lastTarget(r.answers, qname) : qname;
        // The SOA is one shared RRset in Unbound's cache: a later negative answer from the same zone reuses the
        // cached copy and its remaining TTL, so the negative entry lives only as long as that SOA does.
        const first = soa[0];
        let ttl = first?.ttl ?? 0;
        let records = soa;
        if (first !== undefined) {
          const held = fresh(negativeSoa.get(first.name), at);
          const shared =
            held !== undefined && sameData(held.records, soa)
              ? held
              : { name: first.name, type: 6, kind: 'authority' as const, records: soa, storedMs: at, ttl: first.ttl };
          negativeSoa.set(first.name, shared);
          ttl = remaining(shared, at);
          records = withTtl(shared.records, shared, at);
        }
        store(owner, qt, outcome, records, ttl, at);
      }
      if (minimised) {
        if (r.rcode !== 0) state = 'donot';
        continue;
      }
      return { kind: 'done', rcode: r.rcode, records: r.answers, soa };
    }
    return servfail;
  }

  /** Resolves name/type from the cache and by iteration, chasing CNAMEs; returns the stub-facing sections. */
  function resolveInner(
    w: Walk,
    name: string,
    type: number,
    depth: number,
  ): { rcode: number; answers: ResourceRecord[]; soa: ResourceRecord[] } {
    const result = resolveChain(w, name, type, depth);
    // Unbound's processFinished stores the final reply: its RRsets (the CNAME links included) get answer trust.
    storeRrsets(result.answers, 'answer', nowMs + w.t);
    return result;
  }

  function resolveChain(
    w: Walk,
    name: string,
    type: number,
    depth: number,
  ): { rcode: number; answers: ResourceRecord[]; soa: ResourceRecord[] } {
    const answers: ResourceRecord[] = [];
    let qchase = name;
    for (let link = 0; link <= MAX_CNAME_LINKS; link++) {
      const cached = fromCache(qchase, type, nowMs + w.t);
      answers.push(...cached.chain);
      if (cached.next === undefined) return { rcode: cached.rcode ?? 2, answers, soa: cached.soa ?? [] };
      qchase = cached.next;
      const result = iterate(w, qchase, type, depth);
      if (result.kind === 'done') {
        if (result.rcode !== 0 && result.rcode !== 3) return { rcode: result.rcode, answers: [], soa: [] };
        return { rcode: result.rcode, answers: [...answers, ...result.records], soa: [...result.soa] };
      }
      answers.push(...result.records);
      qchase = result.target;
    }
    return { rcode: 2, answers: [], soa: [] };
  }

  function resolve(name: string, type: number): Resolution {
    const startedAtMs = nowMs;
    const stubRtt = options.stubRttMs;
    const tls = options.transport === 'dot' || options.transport === 'doh';
    const setup =
      options.transport === 'udp' || options.connectionReused ? 0 : options.setupMs(tls ? 'tls' : 'tcp', stubRtt);
    const w: Walk = { t: setup + stubRtt / 2, hops: [], queries: 0 };
    const result = resolveInner(w, name, type, 0);
    const id = nextId++ & 0xffff;
    const payload = options.stubUdpPayload;
    const query = queryMessage({ id, name, type, rd: true, udpPayloadSize: payload });
    const base: Message = {
      id,
      flags: { ...NO_FLAGS, qr: true, rd: true, ra: true, rcode: result.rcode },
      rcode: result.rcode,
      questions: [{ name, type, class: 1 }],
      answers: dedupe(result.answers).map(capTtl),
      authorities: result.rcode === 0 && result.answers.length > 0 ? [] : result.soa.map(capTtl),
      additionals:
        payload === null
          ? []
          : [optRecord({ udpPayloadSize: 1232, extendedRcode: 0, version: 0, dnssecOk: false, flags: 0, options: [] })],
    };
    const response: Message =
      payload === null
        ? base
        : {
            ...base,
            edns: { udpPayloadSize: 1232, extendedRcode: 0, version: 0, dnssecOk: false, flags: 0, options: [] },
          };
    const responseBytes = bytesOf(response);
    const upstream = w.hops;
    const stubHops: Hop[] = [];
    const transport = options.transport;
    const limit = payload ?? CLASSIC_UDP_PAYLOAD;
    let end = w.t + stubRtt / 2;
    if (transport === 'udp' && responseBytes.length > limit) {
      const truncated = truncate(response);
      stubHops.push({
        from: 'stub',
        to: 'resolver',
        address: 'resolver',
        transport: 'udp',
        query,
        queryBytes: bytesOf(query),
        response: truncated,
        responseBytes: bytesOf(truncated),
        sendMs: 0,
        receiveMs: end,
        outcome: 'truncated',
        minimised: false,
      });
      const start = end + options.setupMs('tcp', stubRtt);
      end = start + stubRtt;
      stubHops.push({
        from: 'stub',
        to: 'resolver',
        address: 'resolver',
        transport: 'tcp',
        query,
        queryBytes: bytesOf(query),
        response,
        responseBytes,
        sendMs: start,
        receiveMs: end,
        outcome: classify(response, name, type),
        minimised: false,
      });
    } else {
      stubHops.push({
        from: 'stub',
        to: 'resolver',
        address: 'resolver',
        transport,
        query,
        queryBytes: bytesOf(query),
        response,
        responseBytes,
        sendMs: setup,
        receiveMs: end,
        outcome: classify(response, name, type),
        minimised: false,
      });
    }
    const first = stubHops[0] as Hop;
    const hops = [first, ...upstream, ...stubHops.slice(1)];
    nowMs += Math.ceil(end);
    return { name, type, response, hops, totalMs: end, fromCache: upstream.length === 0, startedAtMs };
  }

  return {
    resolve,
    advance(seconds: number) {
      nowMs += Math.max(0, seconds) * 1000;
    },
    nowMs: () => nowMs,
    cacheTable() {
      const rows: CacheRow[] = [];
      for (const e of cache.values()) {
        const f = fresh(e, nowMs);
        if (f === undefined) continue;
        rows.push({
          name: e.name,
          type: typeName(e.type),
          kind: e.kind,
          remainingTtl: remaining(e, nowMs),
          records: withTtl(e.records, e, nowMs),
        });
      }
      return rows.sort((a, b) => (a.name === b.name ? (a.type < b.type ? -1 : 1) : a.name < b.name ? -1 : 1));
    },
  };
}

/** Connection setup before the first DNS query can be sent, from the handshake model (TCP: 1 RTT; TLS 1.3: 2 RTT). */
export function connectionSetupMs(transport: 'tcp' | 'tls', rttMs: number): number {
  return simulateHandshake(transport === 'tcp' ? 'tcp-new' : 'tls13-full', { rttMs, dns: { kind: 'cached' } })
    .handshakeCompleteMs;
}

function sameData(a: readonly ResourceRecord[], b: readonly ResourceRecord[]): boolean {
  if (a.length !== b.length) return false;
  const text = (rs: readonly ResourceRecord[]) =>
    rs
      .map(
        (r) =>
          `${r.name} ${r.type} ${JSON.stringify(r.data, (_k, v) => (v instanceof Uint8Array ? Array.from(v) : v))}`,
      )
      .sort()
      .join('\n');
  return text(a) === text(b);
}

function capTtl(r: ResourceRecord): ResourceRecord {
  return r.ttl > MAX_TTL ? { ...r, ttl: MAX_TTL } : r;
}

function lastTarget(answers: readonly ResourceRecord[], fallback: string): string {
  const last = answers[answers.length - 1];
  return last !== undefined && last.data.kind === 'CNAME' ? last.data.target : fallback;
}

function dedupe(records: readonly ResourceRecord[]): ResourceRecord[] {
  const seen = new Set<string>();
  const out: ResourceRecord[] = [];
  for (const r of records) {
    const k = `${r.name}|${r.type}|${JSON.stringify(r.data, (_k, v) => (v instanceof Uint8Array ? Array.from(v) : v))}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(r);
  }
  return out;
}

/** How the resolver reads a reply to qname/qtype (Unbound's response_type_from_server, simplified to our servers). */
export function classify(r: Message, qname: string, qtype: number): HopOutcome {
  if (r.flags.tc) return 'truncated';
  if (r.rcode === 5) return 'refused';
  if (r.rcode !== 0 && r.rcode !== 3) return 'servfail';
  if (
    r.answers.length === 0 &&
    r.rcode === 0 &&
    !r.flags.aa &&
    r.authorities.some((x) => x.type === 2 && isSubdomain(qname, x.name))
  )
    return 'referral';
  if (r.rcode === 3) return 'nxdomain';
  if (r.answers.length === 0) return 'nodata';
  let current = qname;
  for (const a of r.answers) {
    if (a.name !== current) continue;
    if (a.type === qtype) return 'answer';
    if (a.data.kind === 'CNAME') current = a.data.target;
  }
  return current === qname ? 'nodata' : 'cname';
}

/** The same message with TC set and no records (what a server sends when the answer does not fit). */
function truncate(m: Message): Message {
  return {
    ...m,
    flags: { ...m.flags, tc: true },
    answers: [],
    authorities: [],
    additionals: m.additionals.filter((r) => r.type === 41),
  };
}

function bytesOf(m: Message): Uint8Array {
  const e = encodeMessage(m);
  if (!e.ok) throw new Error(`model built an unencodable message: ${e.error.message}`, { cause: e.error });
  return e.value;
}
