/**
 * Practice family `http-load`: page-load time and connections for HTTP/1.0, HTTP/1.1 (six connections), HTTP/2 and
 * HTTP/3 on a small page (the HTTP timeline's custom page, run by the page-load model `src/lib/http` on exactly the
 * state the solution's link carries), and congestion-window questions (CUBIC's β = 0.7 after a loss, slow-start
 * rounds) from the model's own window functions.
 */
import { slowStartRounds } from '../../handshake/index.ts';
import {
  endRound,
  LOSS_BETA,
  MINIMUM_WINDOW_BYTES,
  newWindow,
  PACKET_BYTES,
  type PageLoadResult,
  PROTOCOLS,
  simulatePageLoad,
  startRound,
} from '../../http/index.ts';
import { DEFAULT_STATE, TIMELINE_CODEC, type TimelineState, timelineInput } from '../../http-timeline/index.ts';
import { createRandom, type Random } from '../random.ts';
import type { Difficulty, Exercise, Family, FieldVerdict, SolutionStep, Verdict } from '../types.ts';
import {
  judgeNumber,
  ms,
  type NumericMistake,
  plain,
  plural,
  readBytes,
  readCount,
  readDuration,
  verdictOf,
} from './model-support.ts';

const ID = 'http-load';
const GUIDE = '/web/http-versions/';
const CONGESTION_GUIDE = '/transport/tcp-vs-udp/#congestion-control-dont-drown-the-network';
const PLAYGROUND = '/playgrounds/http-timeline/';
const TOLERANCE_MS = 0.5;
/** The playground's largest bandwidth (100 Gbit/s): serialisation of a small page is then a few microseconds. */
const FAST_LINK_MBPS = 100_000;
/** The custom page's HTML document (bytes), as the playground builds it. */
const HTML_BYTES = 10_000;

/** The protocols the family asks about (pipelining is left out: no browser ships it). */
export const LOAD_PROTOCOLS = ['http1.0', 'http1.1', 'h2', 'h3'] as const;
export type LoadProtocol = (typeof LOAD_PROTOCOLS)[number];

const SECTIONS: Readonly<Record<LoadProtocol, string>> = {
  'http1.0': `${GUIDE}#http10-one-request-one-connection`,
  'http1.1': `${GUIDE}#http11-keep-the-connection-open`,
  h2: `${GUIDE}#http2-many-streams-on-one-connection`,
  h3: `${GUIDE}#http3-http-over-quic`,
};

/** A problem: a page load, a window cut by a loss, or slow-start rounds. */
export type HttpProblem =
  | {
      readonly kind: 'page';
      readonly protocol: LoadProtocol;
      readonly rttMs: number;
      /** Resources after the HTML. */
      readonly count: number;
      /** Size of each resource (KB = 1000 bytes). */
      readonly sizeKb: number;
    }
  | {
      readonly kind: 'loss';
      /** Window before the loss, in packets. */
      readonly packets: number;
      /** Loss-free rounds after the loss (congestion avoidance). */
      readonly roundsAfter: number;
    }
  | {
      readonly kind: 'slow-start';
      /** Initial window in packets (RFC 6928's 10, RFC 3390's 4, RFC 2001's 1). */
      readonly initialPackets: number;
      /** Bytes to deliver. */
      readonly bytes: number;
    };

function drawPage(random: Random, difficulty: Difficulty): HttpProblem {
  if (difficulty === 1) {
    return {
      kind: 'page',
      protocol: random.pick(['http1.0', 'h2'] as const),
      rttMs: 10 * random.int(2, 20),
      count: random.int(1, 6),
      sizeKb: random.int(1, 10),
    };
  }
  if (difficulty === 2) {
    return {
      kind: 'page',
      protocol: random.pick(LOAD_PROTOCOLS),
      rttMs: 5 * random.int(4, 60),
      count: random.int(2, 15),
      sizeKb: random.int(1, 14),
    };
  }
  return {
    kind: 'page',
    protocol: random.pick(LOAD_PROTOCOLS),
    rttMs: random.int(5, 300),
    count: random.int(5, 40),
    sizeKb: random.int(1, 14),
  };
}

function draw(random: Random, difficulty: Difficulty): HttpProblem {
  const roll = random.next();
  if (roll < 0.6) return drawPage(random, difficulty);
  if (difficulty === 1 || (difficulty === 3 && roll < 0.8)) {
    return { kind: 'loss', packets: random.int(4, 80), roundsAfter: difficulty === 1 ? 0 : random.int(1, 5) };
  }
  if (difficulty === 2 && roll < 0.8) return { kind: 'loss', packets: random.int(2, 100), roundsAfter: 0 };
  const initialPackets = difficulty === 2 ? 10 : random.pick([1, 4, 10]);
  return { kind: 'slow-start', initialPackets, bytes: 1000 * random.int(10, difficulty === 2 ? 500 : 3000) };
}

/** The problem behind an exercise (a pure function of its seed and difficulty). */
export function httpProblem(seed: number, difficulty: Difficulty): HttpProblem {
  return draw(createRandom(seed, ID), difficulty);
}

/** The HTTP timeline's state for a page problem: what its link carries. */
export function timelineState(problem: Extract<HttpProblem, { kind: 'page' }>): TimelineState {
  return {
    ...DEFAULT_STATE,
    preset: 'custom',
    protocol: problem.protocol,
    rtt: String(problem.rttMs),
    bandwidth: String(FAST_LINK_MBPS),
    loss: '0',
    count: String(problem.count),
    size: String(problem.sizeKb),
  };
}

/**
 * The page-load model's run for a page problem, on the input the playground builds from the link's state (the
 * playground runs all five protocols; each is simulated on its own, so only the asked one is run here).
 */
export function solvePage(problem: Extract<HttpProblem, { kind: 'page' }>): PageLoadResult {
  const input = timelineInput(timelineState(problem));
  const run = input.ok ? simulatePageLoad({ protocol: problem.protocol, ...input.value }) : undefined;
  if (run === undefined || !run.ok) {
    throw new Error(`http-load: the generated page did not simulate (${JSON.stringify(problem)})`);
  }
  return run.value;
}

/** The window after the loss and the rounds after it, from the model's own congestion window. */
export function solveLoss(problem: Extract<HttpProblem, { kind: 'loss' }>): { afterLoss: number; final: number } {
  const w = newWindow(problem.packets * PACKET_BYTES);
  w.ssthresh = 0; // already past slow start: the question is about the decrease and congestion avoidance
  startRound(w, 0);
  w.sent = w.cwnd;
  w.loss = true;
  endRound(w);
  const afterLoss = w.cwnd;
  for (let round = 1; round <= problem.roundsAfter; round++) {
    startRound(w, round);
    w.sent = w.cwnd; // a full window each round
    endRound(w);
  }
  return { afterLoss, final: w.cwnd };
}

/** Slow-start rounds to deliver the bytes, from the model's transfer arithmetic. */
export function solveSlowStart(problem: Extract<HttpProblem, { kind: 'slow-start' }>): number {
  return slowStartRounds(problem.bytes, problem.initialPackets * PACKET_BYTES);
}

const LABEL: Readonly<Record<LoadProtocol, string>> = {
  'http1.0': 'HTTP/1.0 (a new connection per request, at most six at a time)',
  'http1.1': 'HTTP/1.1 with keep-alive (at most six connections, one request at a time on each)',
  h2: 'HTTP/2 (one TCP connection, all requests multiplexed)',
  h3: 'HTTP/3 (one QUIC connection, all requests multiplexed)',
};

function pageExercise(
  problem: Extract<HttpProblem, { kind: 'page' }>,
): Omit<Exercise, 'family' | 'seed' | 'difficulty'> {
  const result = solvePage(problem);
  const { rttMs, count, sizeKb, protocol } = problem;
  const query = TIMELINE_CODEC.encode(timelineState(problem));
  const setup = protocol === 'h3' ? 'QUIC (its TLS 1.3 handshake built in)' : 'TCP and TLS 1.3';
  return {
    question:
      `A page is a ${HTML_BYTES / 1000} KB HTML document that references ${plural(count, 'resource')} of ${sizeKb} KB each; ` +
      `the browser finds them once the HTML has fully arrived. It loads over ${LABEL[protocol]}, ${setup}, ` +
      `with a ${rttMs} ms round trip, no packet loss, a cached DNS answer and a link fast enough not to matter. ` +
      'When has the last byte arrived, and how many connections were opened?',
    givens: [
      { label: 'Protocol', value: PROTOCOLS[protocol].label },
      { label: 'Page', value: `${HTML_BYTES / 1000} KB HTML + ${count} × ${sizeKb} KB` },
      { label: 'Round-trip time', value: `${rttMs} ms` },
    ],
    inputs: [
      { id: 'loadTime', label: 'Page-load time', kind: 'duration', hint: 'e.g. 600 ms', toleranceMs: TOLERANCE_MS },
      { id: 'connections', label: 'Connections opened', kind: 'count', hint: 'e.g. 6' },
    ],
    answer: { loadTime: ms(result.totalMs), connections: String(result.connectionsOpened) },
    solution: pageSolution(problem, result),
    guide: { href: SECTIONS[protocol], label: `Guide: ${PROTOCOLS[protocol].label}` },
    playground: { href: `${PLAYGROUND}?${query}`, label: 'Open this page in the HTTP timeline' },
  };
}

function rtts(value: number, rttMs: number): string {
  return `${plain(value / rttMs)} RTT`;
}

function pageSolution(problem: Extract<HttpProblem, { kind: 'page' }>, r: PageLoadResult): SolutionStep[] {
  const { rttMs } = problem;
  const [first] = r.connections;
  const html = r.requests[0];
  const steps: SolutionStep[] = [];
  if (first !== undefined && html !== undefined) {
    steps.push({
      text:
        `The first connection is ready after ${plural(first.setupRoundTrips, 'round trip')} (${ms(first.readyMs)}); ` +
        `the HTML (${HTML_BYTES + 300} bytes with headers) fits in the first congestion window (10 × 1460 = 14 600 bytes), ` +
        `so it has arrived one round trip later, at ${ms(html.endMs)} (${rtts(html.endMs, rttMs)}).`,
    });
  }
  const lines = r.requests
    .slice(1)
    .map(
      (q) =>
        `${q.name.padEnd(13)} connection ${String(q.connectionId).padStart(2)}  sent ${ms(q.requestSentMs).padStart(10)}  done ${ms(q.endMs).padStart(10)}`,
    );
  const shown = lines.length > 14 ? [...lines.slice(0, 12), `… ${lines.length - 12} more`] : lines;
  steps.push({ text: protocolStep(problem, r), code: shown.join('\n') });
  steps.push({
    text: `The last byte arrives at ${ms(r.totalMs)} (${rtts(r.totalMs, rttMs)}), over ${plural(r.connectionsOpened, 'connection')}.`,
  });
  return steps;
}

function protocolStep(problem: Extract<HttpProblem, { kind: 'page' }>, r: PageLoadResult): string {
  const { count, sizeKb } = problem;
  const setupRounds = r.connections[0]?.setupRoundTrips ?? 0;
  switch (problem.protocol) {
    case 'http1.0':
      return (
        `HTTP/1.0 closes the connection after each response, so every resource pays ${plural(setupRounds, 'setup round trip')} ` +
        `plus one for itself; six run at a time, so the ${count} resources take ${plural(Math.ceil(count / 6), 'wave')} ` +
        `of ${setupRounds + 1} round trips. Connections: one per request, ${count} + 1 for the HTML.`
      );
    case 'http1.1':
      return (
        `HTTP/1.1 keeps the HTML's connection open: the first resource goes on it at once (one round trip each). ` +
        `For the others the browser opens up to five more (six in all), each ready ${plural(setupRounds, 'round trip')} ` +
        `later; resources beyond six wait for whichever connection is free first. Each ${sizeKb} KB response fits in one window: one round trip.`
      );
    default:
      return (
        `${problem.protocol === 'h2' ? 'HTTP/2' : 'HTTP/3'} sends all ${count} requests at once on the one connection; ` +
        `the responses (${count} × (${sizeKb * 1000} + 30 header bytes)) share its congestion window, which the HTML already ` +
        'grew to 24 840 bytes and which doubles every round trip in slow start.'
      );
  }
}

function lossExercise(
  problem: Extract<HttpProblem, { kind: 'loss' }>,
): Omit<Exercise, 'family' | 'seed' | 'difficulty'> {
  const { afterLoss, final } = solveLoss(problem);
  const before = problem.packets * PACKET_BYTES;
  const after =
    problem.roundsAfter === 0
      ? ''
      : ` Then ${plural(problem.roundsAfter, 'round')} pass without loss, each sending a full window (congestion avoidance: about one packet more per round).`;
  const steps: SolutionStep[] = [
    {
      text: `CUBIC cuts the window by β = ${LOSS_BETA} (RFC 9438 §4.6), never below two packets: max(${LOSS_BETA} × ${before}, ${MINIMUM_WINDOW_BYTES}) = ${plain(afterLoss)} bytes.`,
      code: `cwnd = max(β × cwnd, 2 × MSS) = max(${LOSS_BETA} × ${before}, ${MINIMUM_WINDOW_BYTES}) = ${plain(afterLoss)}`,
    },
  ];
  if (problem.roundsAfter > 0) {
    steps.push({
      text: `ssthresh is now the cut window, so growth is congestion avoidance: each round adds MSS × sent / cwnd = ${PACKET_BYTES} bytes (a full window is sent). After ${plural(problem.roundsAfter, 'round')}: ${plain(afterLoss)} + ${problem.roundsAfter} × ${PACKET_BYTES} = ${plain(final)} bytes.`,
    });
  }
  return {
    question:
      `A TCP sender using CUBIC has a congestion window of ${problem.packets} packets of ${PACKET_BYTES} bytes ` +
      `(${before} bytes) and is past slow start. A round loses a packet (detected by duplicate ACKs, not a timeout).${after} ` +
      'What is the congestion window now, in bytes?',
    givens: [
      { label: 'Window before the loss', value: `${problem.packets} × ${PACKET_BYTES} = ${before} bytes` },
      { label: 'CUBIC β', value: String(LOSS_BETA) },
    ],
    inputs: [{ id: 'cwnd', label: 'Congestion window', kind: 'bytes', hint: 'e.g. 10220 B' }],
    answer: { cwnd: `${plain(final)} B` },
    solution: steps,
    guide: { href: CONGESTION_GUIDE, label: 'Guide: congestion control' },
  };
}

function slowStartExercise(
  problem: Extract<HttpProblem, { kind: 'slow-start' }>,
): Omit<Exercise, 'family' | 'seed' | 'difficulty'> {
  const rounds = solveSlowStart(problem);
  const iw = problem.initialPackets * PACKET_BYTES;
  const lines: string[] = [];
  let window = iw;
  let total = 0;
  for (let round = 1; round <= rounds; round++) {
    const now = Math.min(window, problem.bytes - total);
    total += now;
    lines.push(
      `round ${String(round).padStart(2)}: window ${String(window).padStart(9)}  sent ${String(now).padStart(9)}  total ${total}`,
    );
    window += now;
  }
  return {
    question:
      `A server sends a ${problem.bytes / 1000} KB response on a fresh TCP connection whose initial window is ` +
      `${plural(problem.initialPackets, 'packet')} of ${PACKET_BYTES} bytes. With no loss and slow start doubling the window every ` +
      'round trip, in how many round trips (sending rounds) does the whole response go out?',
    givens: [
      { label: 'Initial window', value: `${problem.initialPackets} × ${PACKET_BYTES} = ${iw} bytes` },
      { label: 'Response', value: `${problem.bytes} bytes` },
    ],
    inputs: [{ id: 'rounds', label: 'Sending rounds', kind: 'count', hint: 'e.g. 3' }],
    answer: { rounds: String(rounds) },
    solution: [
      {
        text: `Each round sends up to the window; every acknowledged byte grows the window by one byte (RFC 5681 §3.1), so a full window doubles: after k rounds ${iw} × (2^k − 1) bytes have gone out.`,
        code: lines.join('\n'),
      },
      { text: `The ${problem.bytes} bytes need ${plural(rounds, 'round')}.` },
    ],
    guide: { href: CONGESTION_GUIDE, label: 'Guide: congestion control' },
  };
}

function generate(seed: number, difficulty: Difficulty): Exercise {
  const problem = httpProblem(seed, difficulty);
  const body =
    problem.kind === 'page'
      ? pageExercise(problem)
      : problem.kind === 'loss'
        ? lossExercise(problem)
        : slowStartExercise(problem);
  return { family: ID, seed, difficulty, ...body };
}

/** Page-load mistakes: the value each gives for the time (in RTTs from the right one) and the connection count. */
function pageVerdicts(
  problem: Extract<HttpProblem, { kind: 'page' }>,
  answers: Readonly<Record<string, string>>,
): Record<string, FieldVerdict> {
  const r = solvePage(problem);
  const { rttMs, count, protocol } = problem;
  const setup = r.connections[0]?.setupRoundTrips ?? 0;
  const htmlDone = (setup + 1) * rttMs;
  const time: NumericMistake[] = [];
  const conns: NumericMistake[] = [];
  if (protocol === 'http1.0') {
    const message = 'HTTP/1.0 does not keep connections open: every request pays for a new TCP and TLS handshake.';
    time.push({ code: 'reused-http10-connections', value: htmlDone + Math.ceil(count / 6) * rttMs, message });
    conns.push({ code: 'reused-http10-connections', value: Math.min(count, 6), message });
    conns.push({
      code: 'forgot-html-connection',
      value: count,
      message: 'The HTML document needed a connection of its own too.',
    });
  }
  if (protocol === 'http1.1') {
    const message =
      'Browsers open at most six HTTP/1.1 connections to one origin; the other requests wait for a free one.';
    time.push({ code: 'ignored-six-connection-limit', value: htmlDone + (setup + 1) * rttMs, message });
    conns.push({ code: 'ignored-six-connection-limit', value: count + 1, message });
    conns.push({ code: 'ignored-six-connection-limit', value: count, message });
  }
  if (protocol === 'h2' || protocol === 'h3') {
    const message = `${protocol === 'h2' ? 'HTTP/2' : 'HTTP/3'} multiplexes every request on one connection.`;
    conns.push({ code: 'connection-per-request', value: count + 1, message });
    conns.push({ code: 'connection-per-request', value: Math.min(count + 1, 6), message });
    time.push({
      code: 'ignored-slow-start',
      value: htmlDone + rttMs,
      message:
        'All the responses do not fit in one congestion window: slow start doubles it each round trip, so large pages need more rounds.',
    });
  }
  if (protocol === 'h3') {
    time.push({
      code: 'h3-counted-tcp-handshake',
      value: r.totalMs + rttMs,
      message: 'HTTP/3 runs over QUIC: one combined handshake round trip, no separate TCP handshake.',
    });
  }
  time.push({
    code: 'forgot-html-round-trip',
    value: r.totalMs - (htmlDone - setup * rttMs),
    message: 'The resources are only found once the HTML has arrived: its own round trip comes first.',
  });
  return {
    loadTime: judgeNumber(
      readDuration,
      answers['loadTime'],
      r.totalMs,
      TOLERANCE_MS,
      time,
      'Walk it through: setup, the HTML, then the resources in as many round trips as the connections and windows allow.',
    ),
    connections: judgeNumber(
      readCount,
      answers['connections'],
      r.connectionsOpened,
      0,
      conns,
      'Count the connections: HTTP/1.0 one per request, HTTP/1.1 at most six, HTTP/2 and HTTP/3 one.',
    ),
  };
}

function check(exercise: Exercise, answers: Readonly<Record<string, string>>): Verdict {
  const problem = httpProblem(exercise.seed, exercise.difficulty);
  if (problem.kind === 'page') return verdictOf(pageVerdicts(problem, answers));
  if (problem.kind === 'loss') {
    const { afterLoss, final } = solveLoss(problem);
    const before = problem.packets * PACKET_BYTES;
    const grow = problem.roundsAfter * PACKET_BYTES;
    const mistakes: NumericMistake[] = [
      {
        code: 'halved-instead-of-beta',
        value: Math.max(before / 2, MINIMUM_WINDOW_BYTES) + grow,
        message: `Halving is Reno's rule (RFC 5681); CUBIC keeps β = ${LOSS_BETA} of the window (RFC 9438 §4.6).`,
      },
      {
        code: 'cut-by-beta',
        value: Math.max(before * (1 - LOSS_BETA), MINIMUM_WINDOW_BYTES) + grow,
        message: `β = ${LOSS_BETA} is what is kept, not what is taken away: the window becomes ${LOSS_BETA} × cwnd.`,
      },
      {
        code: 'reset-to-one-packet',
        value: PACKET_BYTES + grow,
        message:
          'A loss found by duplicate ACKs cuts the window; only a retransmission timeout restarts from one packet.',
      },
      {
        code: 'no-reduction',
        value: before + grow,
        message: 'A loss is a congestion signal: the window must shrink.',
      },
    ];
    if (problem.roundsAfter > 0) {
      mistakes.push({
        code: 'forgot-growth-after-loss',
        value: afterLoss,
        message: 'After the cut the window grows again by about one packet per loss-free round.',
      });
      mistakes.push({
        code: 'slow-start-after-loss',
        value: afterLoss * 2 ** problem.roundsAfter,
        message:
          'After a loss ssthresh is the cut window, so the sender is in congestion avoidance: one packet per round, not doubling.',
      });
    }
    return verdictOf({
      cwnd: judgeNumber(
        readBytes,
        answers['cwnd'],
        final,
        0.5,
        mistakes,
        'Multiply by β, keep at least two packets, then add the growth.',
      ),
    });
  }
  const rounds = solveSlowStart(problem);
  const iw = problem.initialPackets * PACKET_BYTES;
  let windowOnly = 1;
  while (iw * 2 ** (windowOnly - 1) < problem.bytes) windowOnly++;
  return verdictOf({
    rounds: judgeNumber(
      readCount,
      answers['rounds'],
      rounds,
      0,
      [
        {
          code: 'linear-growth',
          value: Math.ceil(problem.bytes / iw),
          message: 'Slow start is not linear: the window doubles every round trip.',
        },
        {
          code: 'window-not-total',
          value: windowOnly,
          message:
            'The window only has to cover what is left: count the bytes sent in all the rounds so far, not one window.',
        },
      ],
      'Add up the windows round by round (IW, 2 × IW, 4 × IW, …) until they cover the response.',
    ),
  });
}

/** Page-load time and connections per HTTP version, and congestion-window arithmetic. */
export const HTTP_LOAD: Family = {
  id: ID,
  title: 'HTTP page-load time and connections',
  summary:
    'How long a small page takes over HTTP/1.0, HTTP/1.1, HTTP/2 and HTTP/3, how many connections it opens, and what slow start and a loss do to the window.',
  guide: { href: GUIDE, label: 'Guide: HTTP versions' },
  generate,
  check,
};
