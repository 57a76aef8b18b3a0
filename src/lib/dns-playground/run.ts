/**
 * One run of the DNS playground: resolve the name with the chosen cache state and transport on the built-in
 * internet, and lay out what the island shows — the hops (each with its query and response bytes and dig text),
 * the timed ladder for the shared sequence diagram, the cache table and the totals.
 */
import { layoutSequence, type Scene, type SequenceActor, type SequenceStep } from '../diagram/index.ts';
import { typeValue } from '../dns/constants.ts';
import { decodeAnnotated } from '../dns/decode.ts';
import type { Internet } from '../dns/internet.ts';
import { buildInternet, builtInInternet, ZONE_TEXT } from '../dns/internet.ts';
import { hopQuestion, hopSummary, resolutionLadder } from '../dns/ladder.ts';
import { formatDig, formatRData } from '../dns/present.ts';
import { createResolver, type Hop, type HopOutcome, type Resolution } from '../dns/resolver.ts';
import type { ByteField } from '../dns/types.ts';
import { formatDuration } from '../format/index.ts';
import type { DnsRunInput, EditableZone } from './state.ts';

/** One exchange as the island lists it. */
export interface HopView {
  readonly index: number;
  readonly from: string;
  readonly to: string;
  readonly question: string;
  readonly outcome: HopOutcome;
  readonly transport: Hop['transport'];
  readonly sendMs: number;
  readonly receiveMs: number;
  readonly minimised: boolean;
  readonly queryBytes: Uint8Array;
  readonly responseBytes: Uint8Array | undefined;
  readonly responseDig: string | undefined;
  /** The response's annotated fields for the hex view. */
  readonly responseFields: readonly ByteField[];
  /** One line: "referral to com.", "answer: 192.0.2.10", "no reply (timeout)". */
  readonly summary: string;
}

export interface CacheRowView {
  readonly name: string;
  readonly type: string;
  readonly kind: string;
  readonly ttl: number;
  readonly data: string;
}

export interface DnsView {
  readonly input: DnsRunInput;
  readonly totalMs: number;
  readonly fromCache: boolean;
  /** Queries the resolver sent upstream (timeouts and TCP retries included). */
  readonly upstreamQueries: number;
  readonly hops: readonly HopView[];
  readonly actors: readonly SequenceActor[];
  readonly steps: readonly SequenceStep[];
  readonly answerDig: string;
  readonly rcode: number;
  readonly cache: readonly CacheRowView[];
  /** What each server was told: the names it saw, for the QNAME minimisation comparison. */
  readonly learned: readonly { readonly server: string; readonly names: readonly string[] }[];
}

/** Runs the lookup (twice for warm / after-N-seconds) and builds the view. */
export function runDns(input: DnsRunInput, internet: Internet = builtInInternet()): DnsView {
  const type = typeValue(input.type) ?? 1;
  const resolver = createResolver(internet, {
    qnameMinimisation: input.qmin,
    transport: input.transport,
    stubRttMs: input.stubRttMs,
    rttMs: { root: input.serverRttMs, tld: input.serverRttMs, domain: input.serverRttMs },
  });
  if (input.cache !== 'cold') {
    resolver.resolve(input.name, type);
    resolver.advance(input.cache === 'after' ? input.afterSeconds : 1);
  }
  const result: Resolution = resolver.resolve(input.name, type);
  const hops: HopView[] = result.hops.map((h, index) => ({
    index,
    from: h.from === 'stub' ? 'Stub' : 'Resolver',
    to: h.from === 'stub' ? 'Resolver' : h.to,
    question: hopQuestion(h),
    outcome: h.outcome,
    transport: h.transport,
    sendMs: h.sendMs,
    receiveMs: h.receiveMs,
    minimised: h.minimised,
    queryBytes: h.queryBytes,
    responseBytes: h.responseBytes,
    responseDig: h.response === undefined ? undefined : formatDig(h.response),
    responseFields: h.responseBytes === undefined ? [] : decodeAnnotated(h.responseBytes).fields,
    summary: hopSummary(h),
  }));
  const { actors, steps } = resolutionLadder(result, internet);
  const learned = new Map<string, string[]>();
  for (const h of result.hops) {
    if (h.from !== 'resolver') continue;
    const list = learned.get(h.to) ?? [];
    const q = hopQuestion(h);
    if (!list.includes(q)) list.push(q);
    learned.set(h.to, list);
  }
  return {
    input,
    totalMs: result.totalMs,
    fromCache: result.fromCache,
    upstreamQueries: result.hops.filter((h) => h.from === 'resolver').length,
    hops,
    actors,
    steps,
    answerDig: formatDig(result.response),
    rcode: result.response.rcode,
    cache: resolver.cacheTable().map((row) => ({
      name: row.name,
      type: row.type,
      kind: row.kind,
      ttl: row.remainingTtl,
      data: row.records.map((r) => formatRData(r.data)).join(', '),
    })),
    learned: [...learned].map(([server, names]) => ({ server, names })),
  };
}

/** The ladder as the island draws it with `<Figure>` (src/components/diagrams): the laid-out scene, title and caption. */
export interface DnsLadder {
  readonly scene: Scene;
  readonly title: string;
  readonly caption: string;
}

/** The zone shown in the editor: its text as the run used it, and why an edit was refused (line, column, quote). */
export interface ZoneView {
  readonly origin: EditableZone;
  readonly text: string;
  readonly edited: boolean;
  readonly error?: string;
}

/** What the island's worker returns: the view, its laid-out ladder (the layout code stays out of the island) and the zone. */
export interface DnsIslandRun {
  readonly view: DnsView;
  readonly ladder: DnsLadder;
  readonly zone: ZoneView;
}

/**
 * The internet a run resolves against: the built-in one, or with the edited zone in place of its built-in text.
 * A zone that does not parse leaves the built-in internet and reports the parser's positioned error.
 */
export function internetFor(input: DnsRunInput, origin: EditableZone = input.zone?.origin ?? 'example.org.') {
  const builtIn = { internet: builtInInternet(), zone: { origin, text: ZONE_TEXT[origin] ?? '', edited: false } };
  if (input.zone === undefined) return builtIn;
  const built = buildInternet({ [input.zone.origin]: input.zone.text });
  const zone = { origin: input.zone.origin, text: input.zone.text, edited: true };
  return built.ok
    ? { internet: built.value, zone }
    : { internet: builtInInternet(), zone: { ...zone, error: built.error.message } };
}

/**
 * Runs the lookup and lays out the ladder, for the island (which scopes the figure's element ids itself). `zone`
 * names the zone the editor shows when none is edited.
 */
export function runForIsland(request: { readonly input: DnsRunInput; readonly zone?: EditableZone }): DnsIslandRun {
  const { internet, zone } = internetFor(request.input, request.input.zone?.origin ?? request.zone);
  const view = runDns(request.input, internet);
  const title = `Resolving ${view.input.name} ${view.input.type}`;
  const caption = `${view.fromCache ? 'Answered from the resolver’s cache' : `${view.upstreamQueries} upstream ${view.upstreamQueries === 1 ? 'query' : 'queries'}`}; the answer reaches the stub after ${formatDuration(view.totalMs)}.`;
  const scene = layoutSequence({ actors: view.actors, steps: view.steps, timed: true });
  return { view, ladder: { scene, title, caption }, zone };
}
