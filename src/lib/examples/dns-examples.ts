/**
 * The worked examples of the DNS guide (src/content/docs/names/dns.mdx), computed by the resolver model on the
 * built-in internet when the page is built: the walk in its ladder, the query counts, times, TTLs and message sizes
 * in its sentences and tables are the model's. The guide's network is the playground's default (a resolver 10 ms
 * from the stub, every authoritative server 60 ms from the resolver), so the embedded playground shows the same
 * numbers. A lookup the model cannot do on these fixed inputs is a bug, so it throws (and fails the build).
 */
import type { SequenceActor, SequenceStep } from '../diagram/index.ts';
import {
  builtInInternet,
  CLASSIC_UDP_PAYLOAD,
  createResolver,
  FLAG_DAY_UDP_PAYLOAD,
  type Hop,
  hopQuestion,
  type Resolution,
  type ResourceRecord,
  resolutionLadder,
  type StubTransport,
  typeValue,
} from '../dns/index.ts';
import { formatDuration } from '../format/index.ts';

/** The network every worked example runs on (ms), the playground's defaults. */
export const DNS_GUIDE_NETWORK = { stubRttMs: 10, serverRttMs: 60 } as const;

/** The name the guide follows. */
export const DNS_GUIDE_NAME = 'www.example.com.';

/** How one example lookup is run: the cache before it and the resolver's options. */
export interface GuideLookup {
  readonly name?: string;
  readonly type?: string;
  /** Seconds between an identical earlier lookup and this one; omitted: a cold cache. */
  readonly after?: number;
  readonly qmin?: boolean;
  readonly transport?: StubTransport;
}

/** A lookup's result with the counts the guide quotes. */
export interface GuideResult {
  readonly resolution: Resolution;
  /** Queries the resolver sent upstream (timeouts and TCP retries included). */
  readonly upstreamQueries: number;
  readonly totalMs: number;
  /** The TTL the stub sees on the first answer record, if any. */
  readonly answerTtl: number | undefined;
}

/** Runs one example lookup on a fresh resolver (after an identical earlier one when `after` is given). */
export function guideLookup(lookup: GuideLookup = {}): GuideResult {
  const name = lookup.name ?? DNS_GUIDE_NAME;
  const type = typeValue(lookup.type ?? 'A');
  if (type === undefined) throw new Error(`worked example: unknown type ${lookup.type}`);
  const { stubRttMs, serverRttMs } = DNS_GUIDE_NETWORK;
  const resolver = createResolver(builtInInternet(), {
    stubRttMs,
    rttMs: { root: serverRttMs, tld: serverRttMs, domain: serverRttMs },
    qnameMinimisation: lookup.qmin ?? true,
    transport: lookup.transport ?? 'udp',
  });
  if (lookup.after !== undefined) {
    resolver.resolve(name, type);
    resolver.advance(lookup.after);
  }
  const resolution = resolver.resolve(name, type);
  return {
    resolution,
    upstreamQueries: resolution.hops.filter((h) => h.from === 'resolver').length,
    totalMs: resolution.totalMs,
    answerTtl: resolution.response.answers[0]?.ttl,
  };
}

/** A static ladder for `<SequenceDiagram>`: mutable arrays, as its props declare them. */
export interface LadderFigure {
  readonly title: string;
  readonly caption: string;
  readonly actors: SequenceActor[];
  readonly steps: SequenceStep[];
}

/** The cold walk for www.example.com A as the guide's timed ladder (the same ladder the playground draws). */
export function coldWalkFigure(): LadderFigure {
  const walk = guideLookup();
  const ladder = resolutionLadder(walk.resolution, builtInInternet());
  return {
    title: `DNS resolution walk for ${DNS_GUIDE_NAME.slice(0, -1)}`,
    caption: `With an empty cache, the resolver asks a root server for the root's own servers (priming), then follows referrals from the root to the com servers to example.com's server: ${walk.upstreamQueries} upstream queries, and the answer reaches the stub after ${formatDuration(walk.totalMs)} (10 ms to the resolver, 60 ms to each server).`,
    actors: [...ladder.actors],
    steps: [...ladder.steps],
  };
}

/** What the cold walk's upstream queries asked, in order, and how many there were. */
export function coldWalkQuestions(qmin = true): readonly string[] {
  return upstream(guideLookup({ qmin })).map(hopQuestion);
}

function upstream(r: GuideResult): readonly Hop[] {
  return r.resolution.hops.filter((h) => h.from === 'resolver');
}

/** One row of the caching table: the same lookup again after `after` seconds. */
export interface CacheRowExample {
  readonly after: number | undefined;
  readonly upstreamQueries: number;
  readonly totalMs: number;
  readonly answerTtl: number | undefined;
}

/**
 * www.example.com A cold, a second later, after its 300 s TTL ran out (the delegations are still cached) and after
 * a day (everything expired: the resolver caps TTLs at one day).
 */
export const CACHE_EXAMPLE_AFTER = [undefined, 1, 301, 86_401] as const;

export function cacheExamples(): readonly CacheRowExample[] {
  return CACHE_EXAMPLE_AFTER.map((after) => {
    const r = guideLookup(after === undefined ? {} : { after });
    return { after, upstreamQueries: r.upstreamQueries, totalMs: r.totalMs, answerTtl: r.answerTtl };
  });
}

/** The TTL (s) a record of `name`/`type` carries in its zone, as the authoritative server sends it. */
export function zoneTtl(name: string, type: string): number {
  const t = typeValue(type);
  for (const zone of builtInInternet().zones) {
    const hit = zone.records.find((r) => r.name === name && r.type === t);
    if (hit !== undefined) return hit.ttl;
  }
  throw new Error(`worked example: no ${type} record for ${name} in the built-in zones`);
}

/** The negative-caching example: a name that does not exist, its SOA and how long the resolver keeps the NXDOMAIN. */
export interface NegativeExample {
  readonly name: string;
  readonly soaTtl: number;
  readonly minimum: number;
  /** min(SOA TTL, MINIMUM) (RFC 2308 §5): the TTL of the SOA in the negative answer. */
  readonly negativeTtl: number;
  readonly coldQueries: number;
  /** Asked again within the negative TTL: answered from the cache. */
  readonly withinQueries: number;
  /** Asked again just after it: the resolver asks the zone's server once more. */
  readonly afterQueries: number;
}

export function negativeExample(name = 'nope.example.org.'): NegativeExample {
  const cold = guideLookup({ name });
  const soa = cold.resolution.response.authorities.find((r) => r.type === 6) as ResourceRecord | undefined;
  if (cold.resolution.response.rcode !== 3 || soa === undefined || soa.data.kind !== 'SOA')
    throw new Error(`worked example: ${name} is not an NXDOMAIN with an SOA`);
  const soaTtl = zoneTtl(soa.name, 'SOA');
  const negativeTtl = soa.ttl;
  return {
    name,
    soaTtl,
    minimum: soa.data.minimum,
    negativeTtl,
    coldQueries: cold.upstreamQueries,
    withinQueries: guideLookup({ name, after: Math.max(0, negativeTtl - 1) }).upstreamQueries,
    afterQueries: guideLookup({ name, after: negativeTtl + 1 }).upstreamQueries,
  };
}

/** Message sizes (octets) the transport section quotes. */
export interface SizeExample {
  /** The stub's query for www.example.com A, with its EDNS OPT record. */
  readonly query: number;
  readonly answer: number;
  /** The big TXT answer, over the 1,232-octet EDNS limit. */
  readonly bigAnswer: number;
  readonly truncatedReply: number;
  readonly classicLimit: number;
  readonly ednsLimit: number;
  /** Time to a cached answer for the big TXT record (UDP, truncated, then TCP) vs a small one over UDP (ms). */
  readonly bigWarmMs: number;
  readonly smallWarmMs: number;
}

/** The sizes, with `big` the lookup whose answer is over the EDNS limit (the built-in big.example.com TXT). */
export function sizeExample(big: GuideLookup = { name: 'big.example.com.', type: 'TXT' }): SizeExample {
  const small = guideLookup({ after: 1 });
  const large = guideLookup({ ...big, after: 1 });
  const stub = small.resolution.hops[0] as Hop;
  const truncated = large.resolution.hops.find((h) => h.outcome === 'truncated');
  const bigAnswer = large.resolution.hops.at(-1) as Hop;
  if (
    stub.responseBytes === undefined ||
    truncated?.responseBytes === undefined ||
    bigAnswer.transport !== 'tcp' ||
    bigAnswer.responseBytes === undefined
  )
    throw new Error(`worked example: the lookup of ${large.resolution.name} was not truncated and retried over TCP`);
  return {
    query: stub.queryBytes.length,
    answer: stub.responseBytes.length,
    bigAnswer: bigAnswer.responseBytes.length,
    truncatedReply: truncated.responseBytes.length,
    classicLimit: CLASSIC_UDP_PAYLOAD,
    ednsLimit: FLAG_DAY_UDP_PAYLOAD,
    bigWarmMs: large.totalMs,
    smallWarmMs: small.totalMs,
  };
}

/** Time to a cached answer over each stub transport on a new connection (ms), for the encrypted-DNS table. */
export function transportExamples(): readonly { readonly transport: StubTransport; readonly totalMs: number }[] {
  return (['udp', 'tcp', 'dot', 'doh'] as const).map((transport) => ({
    transport,
    totalMs: guideLookup({ after: 1, transport }).totalMs,
  }));
}

/** A time for the guide's prose: "250 ms". */
export function dnsMs(ms: number): string {
  return formatDuration(ms);
}

/** Upstream queries for one cold lookup with QNAME minimisation on and off. */
export function qminCounts(name: string, type: string): { readonly on: number; readonly off: number } {
  return {
    on: guideLookup({ name, type, qmin: true }).upstreamQueries,
    off: guideLookup({ name, type, qmin: false }).upstreamQueries,
  };
}
