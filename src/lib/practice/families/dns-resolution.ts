/**
 * Practice family `dns-resolution`: which servers a recursive resolver asks and how many queries and milliseconds a
 * lookup costs with a cold, warm or aged cache, and how long a negative answer is cached — from the resolver model over
 * the built-in internet (`src/lib/dns`), run as the DNS playground runs it on exactly the state the solution's link
 * carries.
 */
// Direct module imports, not the indexes: the playground's run (`runDns`) also lays out its ladder and hex views, and
// the practice island loads this module on its own, so it takes the resolver model and the playground's state codec
// only. The tests check this runner against the playground's `runDns` on every sweep seed.

import { typeName, typeValue } from '../../dns/constants.ts';
import { builtInInternet, NAME_SERVERS } from '../../dns/internet.ts';
import { createResolver, type Hop } from '../../dns/resolver.ts';
import { DNS_CODEC, DNS_DEFAULTS, type DnsPlaygroundState, parseDnsState } from '../../dns-playground/state.ts';
import { createRandom, type Random } from '../random.ts';
import type { Difficulty, Exercise, Family, FieldVerdict, SolutionStep, Verdict } from '../types.ts';
import { judgeNumber, ms, type NumericMistake, plural, readCount, readDuration, verdictOf } from './model-support.ts';

const ID = 'dns-resolution';
const GUIDE = '/names/dns/';
const PLAYGROUND = '/playgrounds/dns/';
const WALK = `${GUIDE}#the-resolution-walk`;
const CACHING = `${GUIDE}#caching-and-ttl`;
const TOLERANCE_MS = 0.5;

/** Lookups whose walk is root → TLD → the domain's own servers (glue in the TLD's referral). */
const SIMPLE: readonly (readonly [string, string])[] = [
  ['www.example.com', 'A'],
  ['www.example.com', 'AAAA'],
  ['example.com', 'MX'],
  ['mail.example.com', 'A'],
  ['www.example.net', 'A'],
  ['sip.example.com', 'A'],
];
/** Lookups with a twist: out-of-bailiwick name servers, CNAME chains, NODATA, a wildcard, a lame server. */
const TWISTED: readonly (readonly [string, string])[] = [
  ['www.example.org', 'A'],
  ['alias.example.org', 'A'],
  ['blog.example.org', 'AAAA'],
  ['shop.example.com', 'A'],
  ['cdn.example.com', 'A'],
  ['mail.example.com', 'AAAA'],
  ['x.wild.example.com', 'A'],
  ['www.broken.example.com', 'A'],
];
/** Names that do not exist, in zones with different negative TTLs (SOA MINIMUM 60, 300 and 5 s). */
const MISSING: readonly string[] = ['nope.example.com', 'missing.example.net', 'nope.example.org', 'gone.example.net'];

/** What the exercise was generated from. */
export interface DnsProblem {
  readonly question: 'walk' | 'cache' | 'negative';
  readonly name: string;
  readonly type: string;
  readonly cache: 'cold' | 'warm' | 'after';
  readonly after: number;
  readonly qmin: boolean;
  readonly stubRtt: number;
  readonly serverRtt: number;
}

function draw(random: Random, difficulty: Difficulty): DnsProblem {
  const stubRtt = random.pick([5, 10, 15, 20, 30]);
  const serverRtt = random.pick([20, 30, 40, 50, 60, 80, 100]);
  const base = { stubRtt, serverRtt, qmin: random.chance(0.5), after: 0 };
  if (difficulty === 1) {
    const [name, type] = random.pick(SIMPLE);
    return { ...base, question: 'walk', name, type, cache: 'cold', qmin: false };
  }
  if (difficulty === 2) {
    if (random.chance(0.5)) {
      const [name, type] = random.pick(SIMPLE);
      const cache = random.pick(['warm', 'after'] as const);
      return {
        ...base,
        question: 'cache',
        name,
        type,
        cache,
        after: cache === 'warm' ? 0 : random.pick([30, 120, 299, 301, 600, 3599, 3601, 7200]),
      };
    }
    const [name, type] = random.pick(TWISTED.slice(0, 6));
    return { ...base, question: 'walk', name, type, cache: 'cold' };
  }
  const roll = random.next();
  if (roll < 0.4) {
    const name = random.pick(MISSING);
    return {
      ...base,
      question: 'negative',
      name,
      type: 'A',
      cache: 'after',
      after: random.pick([2, 4, 6, 30, 59, 61, 120, 299, 301, 900]),
    };
  }
  if (roll < 0.7) {
    const [name, type] = random.pick(TWISTED);
    return { ...base, question: 'walk', name, type, cache: 'cold' };
  }
  const [name, type] = random.pick([...SIMPLE, ...TWISTED.slice(0, 5)]);
  return {
    ...base,
    question: 'cache',
    name,
    type,
    cache: 'after',
    after: random.pick([10, 19, 21, 119, 121, 299, 301, 599, 601, 3601]),
  };
}

/** The problem behind an exercise (a pure function of its seed and difficulty). */
export function dnsProblem(seed: number, difficulty: Difficulty): DnsProblem {
  return draw(createRandom(seed, ID), difficulty);
}

/** The playground's state for a problem: what its link carries. */
export function dnsState(problem: DnsProblem): DnsPlaygroundState {
  return {
    ...DNS_DEFAULTS,
    name: problem.name,
    type: problem.type as DnsPlaygroundState['type'],
    cache: problem.cache,
    after: String(problem.after),
    qmin: problem.qmin,
    transport: 'udp',
    stubRtt: String(problem.stubRtt),
    serverRtt: String(problem.serverRtt),
  };
}

/** One exchange of a lookup, as the solution lists it. */
export interface LookupHop {
  readonly from: 'Stub' | 'Resolver';
  /** Server name (with its final dot) or 'Resolver'. */
  readonly to: string;
  readonly question: string;
  readonly summary: string;
  readonly sendMs: number;
  readonly receiveMs: number;
  readonly answered: boolean;
}

/** What the family reads from a lookup: the same numbers the DNS playground shows for the state. */
export interface DnsView {
  readonly totalMs: number;
  readonly upstreamQueries: number;
  readonly hops: readonly LookupHop[];
  readonly cache: readonly {
    readonly name: string;
    readonly type: string;
    readonly kind: string;
    readonly ttl: number;
  }[];
}

function summary(h: Hop): string {
  const r = h.response;
  if (r === undefined) return 'no reply (timeout)';
  if (h.outcome === 'referral') return `referral to ${r.authorities.find((a) => a.type === 2)?.name ?? '?'}`;
  if (h.outcome === 'cname') return 'CNAME';
  return h.outcome === 'nxdomain' ? 'NXDOMAIN' : h.outcome === 'nodata' ? 'NODATA' : h.outcome;
}

/**
 * Recent runs by state: generating, solving and checking one exercise run the same few lookups several times (the
 * asked one and its cold first lookup), and a CNAME chain costs milliseconds. Bounded: cleared when full.
 */
const RUNS = new Map<string, DnsView>();
const MAX_RUNS = 64;

/** The lookup the DNS playground runs for a state (its `runDns`, less the layout): same resolver, same options. */
function run(state: DnsPlaygroundState): DnsView {
  const key = JSON.stringify(state);
  const cached = RUNS.get(key);
  if (cached !== undefined) return cached;
  const parsed = parseDnsState(state);
  if (!parsed.ok) throw new Error(`dns-resolution: invalid generated state: ${parsed.error.message}`);
  const input = parsed.value;
  const type = typeValue(input.type) ?? 1;
  const resolver = createResolver(builtInInternet(), {
    qnameMinimisation: input.qmin,
    transport: input.transport,
    stubRttMs: input.stubRttMs,
    rttMs: { root: input.serverRttMs, tld: input.serverRttMs, domain: input.serverRttMs },
  });
  if (input.cache !== 'cold') {
    resolver.resolve(input.name, type);
    resolver.advance(input.cache === 'after' ? input.afterSeconds : 1);
  }
  const result = resolver.resolve(input.name, type);
  const view: DnsView = {
    totalMs: result.totalMs,
    upstreamQueries: result.hops.filter((h) => h.from === 'resolver').length,
    hops: result.hops.map((h) => ({
      from: h.from === 'stub' ? 'Stub' : 'Resolver',
      to: h.from === 'stub' ? 'Resolver' : h.to,
      question: `${h.query.questions[0]?.name ?? ''} ${typeName(h.query.questions[0]?.type ?? 0)}`,
      summary: summary(h),
      sendMs: h.sendMs,
      receiveMs: h.receiveMs,
      answered: h.response !== undefined,
    })),
    cache: resolver
      .cacheTable()
      .map((row) => ({ name: row.name, type: row.type, kind: row.kind, ttl: row.remainingTtl })),
  };
  if (RUNS.size >= MAX_RUNS) RUNS.clear();
  RUNS.set(key, view);
  return view;
}

/** The playground's view for the problem's own state. */
export function solveDns(problem: DnsProblem): DnsView {
  return run(dnsState(problem));
}

/** The servers the resolver asked, each once, in the order first asked (names without the final dot). */
export function serversAsked(view: DnsView): string[] {
  const out: string[] = [];
  for (const h of view.hops) {
    if (h.from !== 'Resolver') continue;
    const name = h.to.replace(/\.$/, '');
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** The negative TTL the resolver keeps for the name: the cache row of the NXDOMAIN after a cold lookup. */
export function negativeTtl(problem: DnsProblem): number {
  const cold = run({ ...dnsState(problem), cache: 'cold' });
  const row = cold.cache.find((r) => r.kind === 'nxdomain' || r.kind === 'nodata');
  return row?.ttl ?? 0;
}

function lookupText(problem: DnsProblem): string {
  return `${problem.name} ${problem.type}`;
}

function setting(problem: DnsProblem): string {
  return (
    `The stub (your device) is ${problem.stubRtt} ms (round trip) from its recursive resolver; every name server is ` +
    `${problem.serverRtt} ms (round trip) from the resolver; queries go over UDP${problem.qmin ? ', with QNAME minimisation' : ''}.`
  );
}

function question(problem: DnsProblem): string {
  const lookup = lookupText(problem);
  if (problem.question === 'walk') {
    return (
      `A device looks up ${lookup}; the resolver's cache is empty (it has only the root hints). ${setting(problem)} ` +
      'Which name servers does the resolver ask (each once, in the order it first asks them), how many queries does it send upstream in all, and how long does the device wait for its answer?'
    );
  }
  if (problem.question === 'cache') {
    const when = problem.cache === 'warm' ? 'a moment ago' : `${problem.after} s ago`;
    return (
      `The resolver looked up ${lookup} ${when}, starting from an empty cache; now the device asks for ${lookup} again. ${setting(problem)} ` +
      'How many queries does the resolver send upstream this time, and how long does the device wait?'
    );
  }
  return (
    `The resolver looked up ${lookup} ${problem.after} s ago, starting from an empty cache, and the answer was NXDOMAIN (no such name). ${setting(problem)} ` +
    'For how many seconds does the resolver cache that negative answer, and how many queries does it send upstream when the device asks again now?'
  );
}

function hopLines(view: DnsView): string {
  return view.hops
    .map(
      (h) =>
        `${ms(h.sendMs).padStart(9)} → ${ms(h.receiveMs).padEnd(9)} ${h.from} → ${h.to.padEnd(24)} ${h.question.padEnd(32)} ${h.summary}`,
    )
    .join('\n');
}

function solution(problem: DnsProblem, view: DnsView): SolutionStep[] {
  const steps: SolutionStep[] = [];
  if (problem.question !== 'walk') {
    const first = run({ ...dnsState(problem), cache: 'cold' });
    steps.push({
      text: `The first lookup (cold cache) cost ${plural(first.upstreamQueries, 'upstream query', 'upstream queries')} and left these TTLs in the cache (seconds):`,
      code: first.cache.map((r) => `${r.name.padEnd(26)} ${r.type.padEnd(5)} ${r.kind.padEnd(10)} ${r.ttl}`).join('\n'),
    });
  }
  if (problem.question === 'negative') {
    steps.push({
      text: `A negative answer is cached for min(TTL of the zone's SOA record, its MINIMUM field) (RFC 2308 §5): here ${negativeTtl(problem)} s. ${
        problem.after < negativeTtl(problem)
          ? `${problem.after} s later it is still cached, so the resolver answers at once.`
          : `After ${problem.after} s it has expired, so the resolver asks again — but the delegations are still cached, so only the domain's server.`
      }`,
    });
  }
  if (problem.question === 'cache') {
    steps.push({
      text:
        view.upstreamQueries === 0
          ? 'Every record the answer needs is still within its TTL: the resolver answers from its cache.'
          : 'Some of the records have outlived their TTL (the answer itself expires first; delegations last for days), so the resolver asks only for what expired.',
    });
  }
  if (problem.question === 'walk') {
    steps.push({
      text: 'With an empty cache the resolver first primes: it asks a root server for the root\'s own NS set (". NS"). Then it follows referrals down from the root, one zone cut at a time, asking each server for the name it wants.',
    });
  }
  steps.push({
    text: `The exchanges (times in ms from the device's query; ${plural(view.upstreamQueries, 'upstream query', 'upstream queries')}):`,
    code: hopLines(view),
  });
  const timeouts = view.hops.filter((h) => !h.answered).length;
  steps.push({
    text:
      `The device waits ${ms(view.totalMs)} = its own ${problem.stubRtt} ms round trip to the resolver + ` +
      `${view.upstreamQueries - timeouts} × ${problem.serverRtt} ms upstream${timeouts > 0 ? ' + the timeout of the server that never answers' : ''}.`,
  });
  return steps;
}

function generate(seed: number, difficulty: Difficulty): Exercise {
  const problem = dnsProblem(seed, difficulty);
  const view = solveDns(problem);
  const query = DNS_CODEC.encode(dnsState(problem));
  const inputs: Exercise['inputs'][number][] = [];
  const answer: Record<string, string> = {};
  if (problem.question === 'walk') {
    inputs.push({ id: 'servers', label: 'Servers asked, in order', kind: 'text', hint: 'e.g. a.root-servers.net, …' });
    answer['servers'] = serversAsked(view).join(', ');
  }
  if (problem.question === 'negative') {
    inputs.push({
      id: 'negativeTtl',
      label: 'Negative answer cached for',
      kind: 'duration',
      hint: 'e.g. 60 s',
      toleranceMs: TOLERANCE_MS,
    });
    answer['negativeTtl'] = `${negativeTtl(problem)} s`;
  }
  inputs.push({ id: 'queries', label: 'Upstream queries', kind: 'count', hint: 'e.g. 4' });
  answer['queries'] = String(view.upstreamQueries);
  if (problem.question !== 'negative') {
    inputs.push({
      id: 'time',
      label: 'Time until the device has its answer',
      kind: 'duration',
      hint: 'e.g. 250 ms',
      toleranceMs: TOLERANCE_MS,
    });
    answer['time'] = ms(view.totalMs);
  }
  return {
    family: ID,
    seed,
    difficulty,
    question: question(problem),
    givens: [
      { label: 'Lookup', value: lookupText(problem) },
      { label: 'Stub ↔ resolver', value: `${problem.stubRtt} ms` },
      { label: 'Resolver ↔ servers', value: `${problem.serverRtt} ms` },
      { label: 'QNAME minimisation', value: problem.qmin ? 'on' : 'off' },
    ],
    inputs,
    answer,
    solution: solution(problem, view),
    guide:
      problem.question === 'walk'
        ? { href: WALK, label: 'Guide: the resolution walk' }
        : { href: CACHING, label: 'Guide: caching and TTL' },
    playground: { href: `${PLAYGROUND}?${query}`, label: 'Open this lookup in the DNS playground' },
  };
}

/** Server tokens of a list answer: names (trailing dot optional) or the servers' addresses, in order. */
function readServers(text: string): string[] | undefined {
  const tokens = text
    .toLowerCase()
    .split(/(?:\s*(?:,|;|→|->|=>|\bthen\b|\n)\s*)|\s+/)
    .map((t) => t.trim().replace(/\.$/, ''))
    .filter((t) => t !== '');
  if (tokens.length === 0 || tokens.length > 30) return undefined;
  return tokens.map((t) => NAME_SERVERS.find((s) => s.address === t)?.name.replace(/\.$/, '') ?? t);
}

function judgeServers(view: DnsView, text: string | undefined): FieldVerdict {
  const t = (text ?? '').trim().slice(0, 2000);
  if (t === '') return { ok: false, mistake: 'empty', message: 'List the servers, separated by commas.' };
  const given = readServers(t);
  if (given === undefined)
    return { ok: false, mistake: 'unparsable', message: `'${t.slice(0, 40)}' is not a list of server names.` };
  const expected = serversAsked(view);
  const key = (list: readonly string[]) => list.join(',');
  if (key(given) === key(expected)) return { ok: true };
  const root = 'a.root-servers.net';
  if (key(given) === key(expected.filter((s) => s !== root))) {
    return {
      ok: false,
      mistake: 'skipped-root',
      message: 'With an empty cache the resolver knows only the root servers: it must start there.',
    };
  }
  const tlds = new Set(NAME_SERVERS.filter((s) => s.tier === 'tld').map((s) => s.name.replace(/\.$/, '')));
  if (key(given) === key(expected.filter((s) => !tlds.has(s)))) {
    return {
      ok: false,
      mistake: 'skipped-tld',
      message: 'The root only knows who serves the top-level domain: the TLD server is asked next.',
    };
  }
  if (given.length === expected.length && [...given].sort().join() === [...expected].sort().join()) {
    return {
      ok: false,
      mistake: 'wrong-order',
      message: 'The right servers, in the wrong order: referrals lead down from the root, one zone cut at a time.',
    };
  }
  return {
    ok: false,
    mistake: 'wrong',
    message:
      'Follow the referrals: who serves each zone cut on the way to the name, and any name server whose own address must be looked up?',
  };
}

function check(exercise: Exercise, answers: Readonly<Record<string, string>>): Verdict {
  const problem = dnsProblem(exercise.seed, exercise.difficulty);
  const view = solveDns(problem);
  const fields: Record<string, FieldVerdict> = {};
  if (problem.question === 'walk') fields['servers'] = judgeServers(view, answers['servers']);
  const cold = problem.question === 'walk' ? view : run({ ...dnsState(problem), cache: 'cold' });
  const queryMistakes: NumericMistake[] = [];
  if (problem.question === 'walk') {
    queryMistakes.push(
      {
        code: 'forgot-priming',
        value: view.upstreamQueries - 1,
        message: 'An empty cache starts with a priming query: ". NS" to a root server (RFC 8109).',
      },
      {
        code: 'counted-stub-query',
        value: view.upstreamQueries + 1,
        message: "The device's own query to the resolver is not an upstream query.",
      },
    );
  } else {
    queryMistakes.push(
      {
        code: 'repeated-cold-walk',
        value: cold.upstreamQueries,
        message: 'The first lookup filled the cache: the delegations are still there (their TTLs are days).',
      },
      {
        code: 'ignored-ttl-expiry',
        value: 0,
        message: 'A cached record is only used within its TTL; this one has expired, so the resolver must ask again.',
      },
    );
  }
  fields['queries'] = judgeNumber(
    readCount,
    answers['queries'],
    view.upstreamQueries,
    0,
    queryMistakes,
    "Count the resolver's queries to name servers (priming included, the device's own query not).",
  );
  if (problem.question === 'negative') {
    const ttl = negativeTtl(problem);
    const soaTtl = soaRecordTtl(problem.name);
    const parsed = readDuration(answers['negativeTtl'] ?? '');
    // A bare number here means seconds (the question asks "how many seconds").
    const bare = /^\s*\d+\s*$/.test(answers['negativeTtl'] ?? '');
    fields['negativeTtl'] =
      bare && parsed.ok && Math.abs(parsed.value - ttl) < 1e-9
        ? { ok: true }
        : judgeNumber(
            (text) => {
              const r = readDuration(text);
              return r.ok && /^\s*\d+\s*$/.test(text) ? { ok: true, value: r.value * 1000 } : r;
            },
            answers['negativeTtl'],
            ttl * 1000,
            TOLERANCE_MS,
            soaTtl === undefined || soaTtl === ttl
              ? []
              : [
                  {
                    code: 'used-soa-ttl',
                    value: soaTtl * 1000,
                    message:
                      "The negative TTL is the smaller of the SOA record's TTL and its MINIMUM field (RFC 2308 §5), not the SOA TTL alone.",
                  },
                ],
            "Take the zone's SOA record: the negative answer lives min(its TTL, its MINIMUM field) seconds.",
          );
  } else {
    const timeMistakes: NumericMistake[] = [
      {
        code: 'forgot-stub-round-trip',
        value: view.totalMs - problem.stubRtt,
        message: `Add the device's own ${problem.stubRtt} ms round trip to the resolver.`,
      },
    ];
    if (problem.question === 'cache') {
      timeMistakes.push({
        code: 'repeated-cold-walk',
        value: cold.totalMs,
        message: 'The first lookup filled the cache: the delegations are still there.',
      });
    }
    fields['time'] = judgeNumber(
      readDuration,
      answers['time'],
      view.totalMs,
      TOLERANCE_MS,
      timeMistakes,
      'The device waits its own round trip plus one server round trip per upstream query (and any timeout).',
    );
  }
  return verdictOf(fields);
}

/** The TTL of the SOA record of the zone that holds `name` (the built-in zone's own record), for the named mistake. */
function soaRecordTtl(name: string): number | undefined {
  const fqdn = `${name.replace(/\.$/, '')}.`;
  const zone = builtInInternet()
    .zones.filter((z) => fqdn === z.origin || fqdn.endsWith(`.${z.origin}`))
    .sort((a, b) => b.origin.length - a.origin.length)[0];
  return zone?.records.find((r) => r.type === 6)?.ttl;
}

/** Resolution steps and cache effects from the site's resolver model. */
export const DNS_RESOLUTION: Family = {
  id: ID,
  title: 'DNS resolution and caching',
  summary:
    'Which servers a resolver asks for a name, what a repeat lookup costs once the cache is warm, and how long a "no such name" is remembered.',
  guide: { href: GUIDE, label: 'Guide: DNS' },
  generate,
  check,
};
