/**
 * Practice family `handshake-rtt`: round trips before the request and time to first byte for a connection-setup
 * scenario, computed by the handshake model (`src/lib/handshake`) with the exact input the TLS round-trip calculator
 * decodes from the solution's link.
 */
import { SCENARIOS, type ScenarioId, type ScenarioResult, simulateHandshake } from '../../handshake/index.ts';
import { CALCULATOR_DEFAULTS, parseCalculatorState, TLS_CODEC } from '../../tls-calculator/index.ts';
import { createRandom, type Random } from '../random.ts';
import type { Difficulty, Exercise, Family, PracticeLink, SolutionStep, Verdict } from '../types.ts';
import { judgeNumber, ms, type NumericMistake, plural, readCount, readDuration, verdictOf } from './model-support.ts';

const ID = 'handshake-rtt';
const GUIDE = '/security/tls/';
const PLAYGROUND = '/playgrounds/tls-round-trips/';
const TOLERANCE_MS = 0.5;

/** Scenarios per difficulty: first the three everyone meets, then resumption and retries, then early data. */
const POOLS: Readonly<Record<Difficulty, readonly ScenarioId[]>> = {
  1: ['tcp-new', 'tls12-full', 'tls13-full', 'tcp-reused'],
  2: ['tls12-full', 'tls13-full', 'tls12-resumed', 'tls12-false-start', 'tls13-hrr', 'tls13-psk', 'quic-new'],
  3: ['tls12-full', 'tls13-hrr', 'tls13-psk', 'tls13-0rtt', 'tls13-tfo', 'tcp-fast-open', 'quic-new', 'quic-0rtt'],
};

/** The guide section that explains each scenario (anchors are Starlight's heading slugs, checked by a test). */
const SECTIONS: Readonly<Record<ScenarioId, string>> = {
  'tcp-new': '/transport/tcp-vs-udp/#the-three-way-handshake',
  'tcp-fast-open': '/transport/tcp-vs-udp/#the-three-way-handshake',
  'tcp-reused': '/web/http-versions/#http11-keep-the-connection-open',
  'tls12-full': `${GUIDE}#the-tls-12-full-handshake-ecdhe`,
  'tls12-resumed': `${GUIDE}#resumption-in-tls-12-session-ids-and-tickets`,
  'tls12-false-start': `${GUIDE}#the-tls-12-full-handshake-ecdhe`,
  'tls13-full': `${GUIDE}#the-tls-13-handshake-one-round-trip`,
  'tls13-hrr': `${GUIDE}#helloretryrequest-when-the-guess-is-wrong`,
  'tls13-psk': `${GUIDE}#resumption-with-pre-shared-keys`,
  'tls13-0rtt': `${GUIDE}#0-rtt-early-data-and-its-replay-problem`,
  'tls13-tfo': `${GUIDE}#the-tls-13-handshake-one-round-trip`,
  'quic-new': '/transport/tcp-vs-udp/#quic-a-reliable-transport-on-top-of-udp',
  'quic-0rtt': '/transport/tcp-vs-udp/#quic-a-reliable-transport-on-top-of-udp',
};

/** Scenarios that open a fresh TCP connection with a three-way handshake first. */
const TCP_HANDSHAKE: ReadonlySet<ScenarioId> = new Set([
  'tcp-new',
  'tls12-full',
  'tls12-resumed',
  'tls12-false-start',
  'tls13-full',
  'tls13-hrr',
  'tls13-psk',
  'tls13-0rtt',
]);

/** What the exercise was generated from (recomputed by `check` from the exercise's seed and difficulty). */
export interface HandshakeProblem {
  readonly scenario: ScenarioId;
  readonly rttMs: number;
  readonly serverMs: number;
  /** Resolver round trip for one uncached lookup; 0 = cached. */
  readonly dnsMs: number;
}

function draw(random: Random, difficulty: Difficulty): HandshakeProblem {
  const scenario = random.pick(POOLS[difficulty]);
  if (difficulty === 1) return { scenario, rttMs: 10 * random.int(2, 20), serverMs: 0, dnsMs: 0 };
  if (difficulty === 2) {
    return {
      scenario,
      rttMs: 5 * random.int(2, 60),
      serverMs: random.chance(0.5) ? 10 * random.int(1, 10) : 0,
      dnsMs: 0,
    };
  }
  return {
    scenario,
    rttMs: random.int(3, 400),
    serverMs: random.chance(0.7) ? random.int(1, 150) : 0,
    dnsMs: random.chance(0.6) ? random.int(2, 90) : 0,
  };
}

/** The calculator's state for a problem: what its link carries (bandwidth blank = unlimited, DNS blank = cached). */
export function calculatorState(problem: HandshakeProblem): typeof CALCULATOR_DEFAULTS {
  return {
    ...CALCULATOR_DEFAULTS,
    scenario: problem.scenario,
    rtt: String(problem.rttMs),
    bandwidth: '',
    processing: String(problem.serverMs),
    dns: problem.dnsMs > 0 ? String(problem.dnsMs) : '',
  };
}

/** Runs the model on exactly the input the calculator reads from the link. */
export function solveHandshake(problem: HandshakeProblem): ScenarioResult {
  const parsed = parseCalculatorState(calculatorState(problem));
  if (!parsed.ok) throw new Error(`handshake-rtt: generated an invalid state: ${parsed.error.message}`);
  return simulateHandshake(problem.scenario, parsed.value);
}

/** The problem behind an exercise (a pure function of its seed and difficulty). */
export function handshakeProblem(seed: number, difficulty: Difficulty): HandshakeProblem {
  return draw(createRandom(seed, ID), difficulty);
}

function question(problem: HandshakeProblem): string {
  const info = SCENARIOS[problem.scenario];
  const dns =
    problem.dnsMs > 0
      ? ` The name is not cached: one DNS lookup costs a ${problem.dnsMs} ms round trip to the resolver before connecting.`
      : ' The address is already cached (no DNS lookup).';
  const server = problem.serverMs > 0 ? ` The server needs ${problem.serverMs} ms to produce the response.` : '';
  return (
    `A browser fetches a page over: ${info.title}. The round-trip time to the server is ${problem.rttMs} ms and ` +
    `bandwidth is not a limit.${dns}${server} How many round trips does the connection setup cost before the ` +
    'HTTP request can be sent, and when does the first byte of the response arrive (time to first byte, from the start)?'
  );
}

function ladder(result: ScenarioResult): string {
  const lines = result.messages
    .filter((m) => m.from !== 'resolver' && m.to !== 'resolver' && m.sendAtMs <= result.requestSentMs + 1e-9)
    .map((m) => `${ms(m.sendAtMs).padStart(8)} → ${ms(m.receiveAtMs).padEnd(8)} ${m.from} → ${m.to}: ${m.label}`);
  return lines.join('\n');
}

function solution(problem: HandshakeProblem, result: ScenarioResult): SolutionStep[] {
  const info = SCENARIOS[problem.scenario];
  const { rttMs, serverMs, dnsMs } = problem;
  const n = result.setupRoundTrips;
  const b = result.breakdown;
  const steps: SolutionStep[] = [{ text: `${info.title}: ${info.summary}` }];
  if (dnsMs > 0) {
    steps.push({
      text: `First the DNS lookup: one round trip to the resolver, ${ms(b.dns)}. The connection starts then.`,
    });
  }
  steps.push({
    text:
      n === 0
        ? 'No round trip is spent before the request: it leaves with the very first packet.'
        : `The messages before the request (send → arrival, in ms from the start): the client waits for the answer ${plural(n, 'time')}, so the setup costs ${plural(n, 'round trip')} = ${n} × ${rttMs} ms = ${ms(n * rttMs)}.`,
    ...(n === 0 ? {} : { code: ladder(result) }),
  });
  steps.push({
    text: `The request leaves at ${ms(result.requestSentMs)} and reaches the server half a round trip later (${ms(b.request)}).${
      serverMs > 0 ? ` The server works ${ms(serverMs)}.` : ''
    }${b.server > serverMs + 1e-9 ? ` The server can only answer once its own handshake flight is out (${ms(b.server)} after the request arrives).` : ''} The first response byte takes another half round trip back.`,
  });
  const sum = [
    dnsMs > 0 ? `${ms(dnsMs)} DNS` : '',
    `${n + 1} × ${rttMs} ms`,
    serverMs > 0 ? `${ms(serverMs)} server` : '',
  ]
    .filter((part) => part !== '')
    .join(' + ');
  steps.push({ text: `Time to first byte = ${sum} = ${ms(result.ttfbMs)}.` });
  return steps;
}

function links(problem: HandshakeProblem): { guide: PracticeLink; playground: PracticeLink } {
  const query = TLS_CODEC.encode(calculatorState(problem));
  return {
    guide: { href: SECTIONS[problem.scenario], label: `Guide: ${SCENARIOS[problem.scenario].title}` },
    playground: {
      href: `${PLAYGROUND}${query === '' ? '' : `?${query}`}`,
      label: 'Open this scenario in the TLS round-trip calculator',
    },
  };
}

function generate(seed: number, difficulty: Difficulty): Exercise {
  const problem = handshakeProblem(seed, difficulty);
  const result = solveHandshake(problem);
  return {
    family: ID,
    seed,
    difficulty,
    question: question(problem),
    givens: [
      { label: 'Scenario', value: SCENARIOS[problem.scenario].title },
      { label: 'Round-trip time', value: `${problem.rttMs} ms` },
      { label: 'Server time', value: `${problem.serverMs} ms` },
      { label: 'DNS', value: problem.dnsMs > 0 ? `uncached, resolver ${problem.dnsMs} ms away` : 'cached' },
    ],
    inputs: [
      { id: 'roundTrips', label: 'Round trips before the request', kind: 'count', hint: 'e.g. 2' },
      {
        id: 'ttfb',
        label: 'Time to first byte',
        kind: 'duration',
        hint: 'e.g. 168 ms or 0.168 s',
        toleranceMs: TOLERANCE_MS,
      },
    ],
    answer: { roundTrips: String(result.setupRoundTrips), ttfb: ms(result.ttfbMs) },
    solution: solution(problem, result),
    ...links(problem),
  };
}

/** A mistake as a shift of the right answer, in round trips (and, for the time, DNS and server time left out). */
interface Shift {
  readonly code: string;
  readonly roundTrips: number;
  readonly message: string;
}

/** Scenario-specific mistakes first (they are the teaching point), then the general ones. */
function shifts(scenario: ScenarioId): Shift[] {
  const out: Shift[] = [];
  const add = (code: string, roundTrips: number, message: string): void => {
    out.push({ code, roundTrips, message });
  };
  if (scenario === 'tls12-full') {
    add(
      'forgot-tls12-extra-round-trip',
      -1,
      'TLS 1.2 needs two round trips after TCP (the client waits for the server Finished), not one as TLS 1.3 does.',
    );
  }
  if (scenario === 'tls13-hrr') {
    add(
      'forgot-hello-retry',
      -1,
      'The HelloRetryRequest costs a whole extra round trip: the client has to send a second ClientHello.',
    );
  }
  if (scenario === 'tls13-0rtt' || scenario === 'quic-0rtt') {
    add(
      'counted-0rtt-as-round-trip',
      1,
      '0-RTT means the request travels with the first handshake flight: it costs no round trip of its own.',
    );
  }
  if (scenario === 'quic-new') {
    add('quic-counted-tcp', 1, 'QUIC has no separate TCP handshake: transport and TLS 1.3 share one round trip.');
  }
  if (scenario === 'tls13-full' || scenario === 'tls13-psk') {
    add(
      'tls13-as-tls12',
      1,
      'TLS 1.3 needs only one round trip after TCP: the key share is already in the ClientHello.',
    );
  }
  if (scenario === 'tls13-psk') {
    add(
      'psk-saves-round-trip',
      -1,
      'PSK resumption skips the certificate, not the round trip: it still takes one TLS round trip.',
    );
  }
  if (scenario === 'tls12-resumed') {
    add(
      'resumed-as-full',
      1,
      'An abbreviated TLS 1.2 handshake takes one TLS round trip, not two: the server sends its Finished first.',
    );
  }
  if (scenario === 'tls12-false-start') {
    add(
      'false-start-as-full',
      1,
      'With False Start the request goes right after the client Finished: one TLS round trip is saved.',
    );
  }
  if (scenario === 'tls13-tfo' || scenario === 'tcp-fast-open') {
    add(
      'counted-tcp-with-fast-open',
      1,
      'With TCP Fast Open the first data rides in the SYN: the TCP round trip is not spent waiting.',
    );
  }
  if (scenario === 'tcp-reused') {
    add('counted-handshake-on-reused', 1, 'A reused (keep-alive) connection is already open: no handshake at all.');
  }
  if (TCP_HANDSHAKE.has(scenario)) {
    add(
      'tcp-counted-twice',
      1,
      'The TCP handshake is one round trip, counted once: the ACK goes out with (or just before) the first data.',
    );
  }
  return out;
}

function check(exercise: Exercise, answers: Readonly<Record<string, string>>): Verdict {
  const problem = handshakeProblem(exercise.seed, exercise.difficulty);
  const result = solveHandshake(problem);
  const { rttMs, serverMs, dnsMs } = problem;
  const scenarioShifts = shifts(problem.scenario);
  const roundTrips = judgeNumber(
    readCount,
    answers['roundTrips'],
    result.setupRoundTrips,
    0,
    scenarioShifts.map((s) => ({ code: s.code, value: result.setupRoundTrips + s.roundTrips, message: s.message })),
    `Count the times the client must wait for the server before it may send the request (${SCENARIOS[problem.scenario].short}).`,
  );
  const ttfbMistakes: NumericMistake[] = [
    ...scenarioShifts.map((s) => ({ code: s.code, value: result.ttfbMs + s.roundTrips * rttMs, message: s.message })),
    {
      code: 'forgot-request-round-trip',
      value: result.ttfbMs - rttMs,
      message:
        'That is when the request is sent: it still needs a round trip (there and back) before the first response byte arrives.',
    },
    {
      code: 'counted-one-way',
      value: result.ttfbMs - rttMs / 2,
      message: 'The request needs half a round trip to reach the server and the response another half to come back.',
    },
  ];
  if (serverMs > 0) {
    ttfbMistakes.push({
      code: 'forgot-server-time',
      value: result.ttfbMs - serverMs,
      message: `Add the server's ${serverMs} ms: it answers only once the response is ready.`,
    });
  }
  if (dnsMs > 0) {
    ttfbMistakes.push({
      code: 'forgot-dns',
      value: result.ttfbMs - dnsMs,
      message: `The uncached DNS lookup (${dnsMs} ms) comes before the connection can even start.`,
    });
  }
  const ttfb = judgeNumber(
    readDuration,
    answers['ttfb'],
    result.ttfbMs,
    TOLERANCE_MS,
    ttfbMistakes,
    'Add up: DNS, the setup round trips, one round trip for the request and its response, and the server time.',
  );
  return verdictOf({ roundTrips, ttfb });
}

/** Round trips and time to first byte for a connection-setup scenario. */
export const HANDSHAKE_RTT: Family = {
  id: ID,
  title: 'Handshake round trips and time to first byte',
  summary:
    'Count the round trips TCP, TLS 1.2, TLS 1.3 and QUIC spend before the request, and when the first byte arrives.',
  guide: { href: GUIDE, label: 'Guide: TLS' },
  generate,
  check,
};
