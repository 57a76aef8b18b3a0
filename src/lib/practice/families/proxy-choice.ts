/**
 * Practice family `proxy-choice`: for a small generated nginx config, which `location` handles a request (exact,
 * prefix, `^~`, regex), and which upstream server round-robin (weighted or not) picks for the n-th request — from
 * the proxy model (`src/lib/proxy`, nginx 1.22.1 semantics) through the proxy playground's own view model. The
 * config travels in the playground link's `cfg` parameter, written synchronously as a deflate-raw stored block (a
 * valid stream the playground's `DecompressionStream` reads like any other).
 */

import { compileHttp, parseConfig, routeRequest } from '../../proxy/index.ts';
import { buildRequest, buildView, PROXY_CODEC, type ProxyState, stateToInput } from '../../proxy-playground/index.ts';
import { readChoice } from '../answer.ts';
import { createRandom, type Random } from '../random.ts';
import type { Difficulty, Exercise, Family, FieldVerdict, SolutionStep, Verdict } from '../types.ts';
import { verdictOf } from './model-support.ts';

const ID = 'proxy-choice';
const GUIDE = '/infrastructure/l4-vs-l7/';
const LOCATION_SECTION = `${GUIDE}#l7-routing-http-by-path`;
const BALANCE_SECTION = `${GUIDE}#connection-vs-request-balancing-http2-and-grpc`;
const PLAYGROUND = '/playgrounds/proxy/';
const HOST = 'example.com';
const CLIENT = '203.0.113.7';

/** Location blocks a config may hold: the text after `location`, and which difficulty introduces it. */
const LOCATIONS: readonly { readonly spec: string; readonly level: Difficulty }[] = [
  { spec: '/', level: 1 },
  { spec: '/api/', level: 1 },
  { spec: '/api/v2/', level: 1 },
  { spec: '/images/', level: 1 },
  { spec: '/static/', level: 1 },
  { spec: '= /login', level: 1 },
  { spec: '= /', level: 2 },
  { spec: '~ \\.php$', level: 2 },
  { spec: '~* \\.(png|jpg|gif)$', level: 2 },
  { spec: '~ ^/api/v[0-9]+/', level: 2 },
  { spec: '^~ /images/', level: 3 },
  { spec: '^~ /static/', level: 3 },
  { spec: '~* /admin', level: 3 },
  { spec: '/img', level: 3 },
];

const PATHS = [
  '/',
  '/login',
  '/login/',
  '/api',
  '/api/users',
  '/api/v2/users',
  '/api/v3/orders',
  '/images/cat.png',
  '/images/CAT.JPG',
  '/images/thumbs/dog.gif',
  '/imagesx/cat.png',
  '/static/app.js',
  '/static/logo.png',
  '/index.php',
  '/api/v2/report.php',
  '/admin/users',
  '/Admin',
  '/img/logo.gif',
  '/about',
] as const;

/** The name a location answers with (its `return` text): L1, L2… in config order. */
function locationName(i: number): string {
  return `L${i + 1}`;
}

export type ProxyProblem =
  | { readonly kind: 'location'; readonly locations: readonly string[]; readonly path: string }
  | { readonly kind: 'balance'; readonly weights: readonly number[]; readonly request: number };

function draw(random: Random, difficulty: Difficulty): ProxyProblem {
  if (difficulty > 1 && random.chance(0.35)) {
    const n = random.int(2, 4);
    const weighted = difficulty === 3 || random.chance(0.5);
    const weights = Array.from({ length: n }, () => (weighted ? random.int(1, 5) : 1));
    return { kind: 'balance', weights, request: random.int(2, difficulty === 3 ? 12 : 8) };
  }
  const pool = LOCATIONS.filter((l) => l.level <= difficulty).map((l) => l.spec);
  const chosen: string[] = [];
  const count = random.int(3, difficulty === 1 ? 4 : 6);
  // Bounded: at most `pool.length` picks, each removing one candidate.
  const left = [...pool];
  while (chosen.length < count && left.length > 0) {
    const i = random.int(0, left.length - 1);
    const [spec] = left.splice(i, 1);
    if (spec === undefined) break;
    // A prefix and a ^~ on the same path would be a duplicate location: nginx refuses the config.
    const path = spec.replace(/^\^~ /, '');
    if (chosen.some((c) => c.replace(/^\^~ /, '') === path && !c.startsWith('=') && !c.startsWith('~'))) continue;
    chosen.push(spec);
  }
  if (difficulty < 3 && !chosen.includes('/')) chosen.push('/');
  return { kind: 'location', locations: random.chance(0.5) ? chosen : [...chosen].reverse(), path: random.pick(PATHS) };
}

/** The problem behind an exercise (a pure function of its seed and difficulty). */
export function proxyProblem(seed: number, difficulty: Difficulty): ProxyProblem {
  return draw(createRandom(seed, ID), difficulty);
}

/** Backend addresses of a balance problem, in config order. */
export function backends(weights: readonly number[]): string[] {
  return weights.map((_, i) => `10.0.0.${11 + i}:8080`);
}

/** The generated nginx config. */
export function configText(problem: ProxyProblem): string {
  if (problem.kind === 'location') {
    const blocks = problem.locations
      .map((spec, i) => `        location ${spec} { return 200 "${locationName(i)}"; }`)
      .join('\n');
    return `http {\n    server {\n        listen 80;\n        server_name ${HOST};\n${blocks}\n    }\n}\n`;
  }
  const servers = backends(problem.weights)
    .map((b, i) => `        server ${b}${(problem.weights[i] ?? 1) === 1 ? '' : ` weight=${problem.weights[i]}`};`)
    .join('\n');
  return `http {\n    upstream app {\n${servers}\n    }\n    server {\n        listen 80;\n        server_name ${HOST};\n        location / { proxy_pass http://app; }\n    }\n}\n`;
}

/** Base64url of a deflate-raw stream holding `text` in stored blocks (RFC 1951 §3.2.4): no compression needed. */
export function storedDeflate(text: string): string {
  const data = new TextEncoder().encode(text);
  const parts: number[] = [];
  // Bounded: one block per 65,535 bytes; an empty text still gets one (final) block.
  for (let at = 0; at < data.length || at === 0; at += 65_535) {
    const chunk = data.subarray(at, at + 65_535);
    const final = at + 65_535 >= data.length ? 1 : 0;
    const len = chunk.length;
    parts.push(final, len & 0xff, len >>> 8, ~len & 0xff, (~len >>> 8) & 0xff, ...chunk);
    if (data.length === 0) break;
  }
  let bin = '';
  for (const b of parts) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The playground state for a problem (the config goes in `cfg`, beside these fields). */
export function proxyState(problem: ProxyProblem): ProxyState {
  return {
    ...PROXY_CODEC.defaults,
    host: HOST,
    path: problem.kind === 'location' ? problem.path : '/',
    client: CLIENT,
    mode: 'plain-http',
    failed: '',
  };
}

/** The location the playground's view routes the request to (its `return` text), or `none`. */
export function solveLocation(problem: Extract<ProxyProblem, { kind: 'location' }>): { name: string; label: string } {
  const view = buildView(stateToInput(proxyState(problem), configText(problem)));
  const outcome = view.http?.outcome;
  const found = view.http?.location;
  if (outcome?.kind === 'return' && found?.kind === 'found') {
    return { name: outcome.text, label: found.location.label };
  }
  return { name: 'none', label: 'no location (404)' };
}

/** The backend of each of the first `count` requests, from the model's balancer (one state across requests). */
export function solveBalance(problem: Extract<ProxyProblem, { kind: 'balance' }>, count = problem.request): string[] {
  const parsed = parseConfig(configText(problem));
  if (!parsed.ok || parsed.value.http === null) throw new Error('proxy-choice: the generated config does not parse');
  const compiled = compileHttp(parsed.value.http);
  const req = buildRequest(stateToInput(proxyState(problem), configText(problem)), parsed.value);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = routeRequest(compiled, req);
    out.push(r.outcome.kind === 'proxy' ? (r.outcome.pick?.peer?.server.name ?? '?') : '?');
  }
  return out;
}

function link(problem: ProxyProblem): string {
  return `${PLAYGROUND}?${PROXY_CODEC.encode(proxyState(problem))}&cfg=${storedDeflate(configText(problem))}`;
}

function locationChoices(problem: Extract<ProxyProblem, { kind: 'location' }>) {
  return [
    ...problem.locations.map((spec, i) => ({ value: locationName(i), label: `${locationName(i)}: location ${spec}` })),
    { value: 'none', label: 'None (404)' },
  ];
}

function generate(seed: number, difficulty: Difficulty): Exercise {
  const problem = proxyProblem(seed, difficulty);
  const config = configText(problem);
  const playground = { href: link(problem), label: 'Open this config in the proxy playground' };
  if (problem.kind === 'location') {
    const chosen = solveLocation(problem);
    const view = buildView(stateToInput(proxyState(problem), config));
    const steps = view.http?.location?.steps ?? [];
    const solution: SolutionStep[] = [
      {
        text: 'nginx picks a location in this order: an exact (=) match ends the search; otherwise it remembers the longest matching prefix, and if that one is ^~ it stops; otherwise the regexes are tried in config order and the first match wins; if none matches, the remembered prefix is used.',
      },
      {
        text: `What the model checked for ${problem.path}:`,
        code: steps.map((s) => `${'  '.repeat(s.depth)}${s.location.label}: ${s.verdict}`).join('\n'),
      },
      { text: `So ${chosen.label} handles it (${chosen.name}).` },
    ];
    return {
      family: ID,
      seed,
      difficulty,
      question: `nginx has this server block:\n${config}\nWhich location handles GET ${problem.path} (Host: ${HOST})?`,
      givens: [{ label: 'Request', value: `GET ${problem.path}` }],
      inputs: [{ id: 'location', label: 'Location', kind: 'choice', choices: locationChoices(problem) }],
      answer: { location: chosen.name },
      solution,
      guide: { href: LOCATION_SECTION, label: 'Guide: L7 routing by path' },
      playground,
    };
  }
  const sequence = solveBalance(problem);
  const weighted = problem.weights.some((w) => w !== 1);
  return {
    family: ID,
    seed,
    difficulty,
    question:
      `nginx balances requests over this upstream (round-robin${weighted ? ', weighted' : ''}; every server healthy):\n${config}\n` +
      `Which server gets request number ${problem.request} after a fresh start?`,
    givens: [
      {
        label: 'Servers',
        value: backends(problem.weights)
          .map((b, i) => `${b} (weight ${problem.weights[i]})`)
          .join(', '),
      },
    ],
    inputs: [
      {
        id: 'server',
        label: `Server for request ${problem.request}`,
        kind: 'choice',
        choices: backends(problem.weights).map((b) => ({ value: b, label: b })),
      },
    ],
    answer: { server: sequence.at(-1) ?? '' },
    solution: [
      {
        text: weighted
          ? 'nginx uses smooth weighted round-robin: before each pick every server adds its weight to a running score; the highest score wins and gives back the total of all weights. Heavy servers are spread out, not served in a block.'
          : 'With equal weights, round-robin takes the servers in turn, from the first.',
      },
      {
        text: "The model's picks, request by request:",
        code: sequence.map((s, i) => `${String(i + 1).padStart(2)}: ${s}`).join('\n'),
      },
    ],
    guide: { href: BALANCE_SECTION, label: 'Guide: connection vs request balancing' },
    playground,
  };
}

/** Location a reader might pick by a wrong rule: the longest prefix ignoring regexes and ^~, the last regex, … */
function locationMistake(
  problem: Extract<ProxyProblem, { kind: 'location' }>,
  given: string,
  right: string,
): FieldVerdict {
  const spec = problem.locations[Number(given.slice(1)) - 1] ?? '';
  const rightSpec = problem.locations[Number(right.slice(1)) - 1] ?? '';
  const isRegex = (s: string) => s.startsWith('~');
  const prefixOf = (s: string) => s.replace(/^(\^~|=) /, '');
  const matchesPrefix = (s: string) => !isRegex(s) && !s.startsWith('=') && problem.path.startsWith(prefixOf(s));
  if (spec.startsWith('=') && problem.path !== prefixOf(spec)) {
    return {
      ok: false,
      mistake: 'exact-needs-full-match',
      message: `location ${spec} matches only the URI ${prefixOf(spec)} exactly.`,
    };
  }
  if (isRegex(rightSpec) && matchesPrefix(spec)) {
    return {
      ok: false,
      mistake: 'prefix-over-regex',
      message: 'A matching regex beats any plain prefix: the prefix is only remembered while the regexes are tried.',
    };
  }
  if (rightSpec.startsWith('^~') && isRegex(spec)) {
    return {
      ok: false,
      mistake: 'regex-over-caret-tilde',
      message: 'The longest matching prefix is marked ^~: the regexes are not tried at all.',
    };
  }
  if (isRegex(spec) && isRegex(rightSpec)) {
    return {
      ok: false,
      mistake: 'regex-order',
      message: 'Regexes are tried in the order they appear in the config; the first match wins.',
    };
  }
  if (matchesPrefix(spec) && matchesPrefix(rightSpec) && prefixOf(spec).length < prefixOf(rightSpec).length) {
    return {
      ok: false,
      mistake: 'shorter-prefix',
      message: 'Among prefixes the longest match wins, whatever the order in the config.',
    };
  }
  return {
    ok: false,
    mistake: 'wrong',
    message: 'Check the exact matches, then the longest prefix (and its ^~), then the regexes in order.',
  };
}

function check(exercise: Exercise, answers: Readonly<Record<string, string>>): Verdict {
  const problem = proxyProblem(exercise.seed, exercise.difficulty);
  if (problem.kind === 'location') {
    const right = solveLocation(problem).name;
    const read = readChoice(answers['location'] ?? '', locationChoices(problem));
    const verdict: FieldVerdict = !read.ok
      ? { ok: false, mistake: read.error.code, message: read.error.message }
      : read.value === right
        ? { ok: true }
        : locationMistake(problem, read.value, right);
    return verdictOf({ location: verdict });
  }
  const sequence = solveBalance(problem);
  const right = sequence.at(-1) ?? '';
  const servers = backends(problem.weights);
  const read = readChoice(
    answers['server'] ?? '',
    servers.map((b) => ({ value: b, label: b })),
  );
  let verdict: FieldVerdict;
  if (!read.ok) verdict = { ok: false, mistake: read.error.code, message: read.error.message };
  else if (read.value === right) verdict = { ok: true };
  else {
    const plain = servers[(problem.request - 1) % servers.length];
    const blocks = servers.flatMap((b, i) => Array.from({ length: problem.weights[i] ?? 1 }, () => b));
    const block = blocks[(problem.request - 1) % blocks.length];
    verdict =
      read.value === block && block !== right
        ? {
            ok: false,
            mistake: 'weights-in-blocks',
            message:
              'nginx does not send a heavy server its whole share in a row: smooth weighted round-robin interleaves the servers.',
          }
        : read.value === plain && plain !== right
          ? {
              ok: false,
              mistake: 'ignored-weights',
              message:
                'The weights matter: a server of weight 3 gets three requests for every one of a weight-1 server.',
            }
          : {
              ok: false,
              mistake: 'wrong',
              message:
                'Run the smooth weighted round-robin step by step: add weights, pick the highest, subtract the total.',
            };
  }
  return verdictOf({ server: verdict });
}

/** Which nginx location and which upstream server handle a request. */
export const PROXY_CHOICE: Family = {
  id: ID,
  title: 'nginx location and upstream choice',
  summary:
    'Which location block handles a request (exact, prefix, ^~, regex), and which backend weighted round-robin picks.',
  guide: { href: GUIDE, label: 'Guide: L4 vs L7 load balancing' },
  generate,
  check,
};
