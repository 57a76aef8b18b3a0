/**
 * The page-load engine: a discrete-event simulation of one page over one protocol variant.
 *
 * State, per run (`Sim`): a time-ordered event queue; the browser's queue of discovered but unassigned requests;
 * the connections and streams (connection.ts); one shared bottleneck link that serialises every packet of every
 * connection. The protocol's behaviour comes from its row in PROTOCOL_RULES (protocols.ts), never from its name.
 *
 * Rules (README.md explains them): a connection sends in rounds of one RTT, up to its congestion window
 * (congestion.ts); a lost packet arrives one RTT late per lost transmission (loss.ts). Over TCP a late packet holds
 * back every byte behind it on the connection; over QUIC only the bytes of its own stream.
 *
 * Progress: every event is at or after the previous one (asserted), every round starts one RTT after the last
 * (asserted in congestion.ts), every send moves at least one byte (asserted in connection.ts), and the total number
 * of steps is capped — a broken invariant throws with context instead of spinning.
 */
import { serializationMs } from '../handshake/transfer.ts';
import { startRound } from './congestion.ts';
import {
  Conn,
  closeRounds,
  type Link,
  nextStream,
  type SimEvent,
  Stream,
  sendCycles,
  sendRange,
} from './connection.ts';
import {
  HEADER_FIRST_RATIO,
  HEADER_REPEAT_RATIO,
  HTTP1_REQUEST_HEADER_BYTES,
  HTTP1_RESPONSE_HEADER_BYTES,
  MAX_CONCURRENT_STREAMS,
  PACKET_BYTES,
} from './constants.ts';
import { EventQueue } from './event-queue.ts';
import { PROTOCOL_RULES, type ProtocolRules, setupScenario } from './protocols.ts';
import { handshakeSetup, type Setup } from './setup.ts';
import { toTiming } from './timing.ts';
import type { ConnectionTiming, Network, Page, PageLoadResult, PageRequest, ProtocolId } from './types.ts';

/** A request the browser has found but not yet given a connection. */
interface Queued {
  readonly req: PageRequest;
  readonly discoveredMs: number;
}

/** Everything one run holds (see the module comment). */
interface Sim {
  readonly protocol: ProtocolId;
  readonly rules: ProtocolRules;
  readonly network: Network;
  readonly link: Link;
  readonly events: EventQueue<SimEvent>;
  readonly conns: Conn[];
  readonly streams: Stream[];
  /** Discovered requests waiting for a connection; `queueHead` is the first not yet assigned. */
  readonly queue: Queued[];
  queueHead: number;
  /** Requests each request reveals when it has arrived (index 0: the HTML reveals the page's resources). */
  readonly children: ReadonlyMap<number, readonly PageRequest[]>;
  readonly firstSetup: Setup;
  readonly laterSetup: Setup;
  readonly connectionLimit: number;
  /** Events and inline rounds processed, against `maxSteps`. */
  steps: number;
  readonly maxSteps: number;
  now: number;
}

/** Below this a round's remaining window counts as spent (float dust from congestion-avoidance fractions). */
const EPSILON = 1e-9;

/** Header bytes for the n-th request on a connection (n = 0 first): repeated for HTTP/1.x, compressed for 2 and 3. */
function headerBytes(rules: ProtocolRules, base: number, nth: number): number {
  if (!rules.headerCompression) return base;
  return Math.round(base * (nth === 0 ? HEADER_FIRST_RATIO : HEADER_REPEAT_RATIO));
}

function createSim(protocol: ProtocolId, page: Page, network: Network): Sim {
  const rules = PROTOCOL_RULES[protocol];
  const scenario = setupScenario(rules, network.tls);
  const firstSetup = handshakeSetup(scenario, network, true);
  const children = new Map<number, PageRequest[]>();
  for (const req of page.requests) {
    if (req.discoveredBy === null) continue;
    const list = children.get(req.discoveredBy) ?? [];
    list.push(req);
    children.set(req.discoveredBy, list);
  }
  const totalBytes = page.requests.reduce((sum, r) => sum + r.bytes + HTTP1_RESPONSE_HEADER_BYTES, 0);
  return {
    protocol,
    rules,
    network,
    link: {
      rttMs: network.rttMs,
      oneWayMs: network.rttMs / 2,
      bandwidthMbps: network.bandwidthMbps,
      // The same arithmetic as serializationMs (bytes ÷ (Mbit/s × 125)), so times match the handshake model's.
      bytesPerMs: Number.isFinite(network.bandwidthMbps) ? network.bandwidthMbps * 125 : Number.POSITIVE_INFINITY,
      packetMs: serializationMs(PACKET_BYTES, network.bandwidthMbps),
      lossRate: network.lossRate,
      seed: network.seed,
      free: 0,
      lostPackets: 0,
      retransmittedBytes: 0,
    },
    events: new EventQueue<SimEvent>(),
    conns: [],
    streams: [],
    queue: [],
    queueHead: 0,
    children,
    firstSetup,
    laterSetup: network.dnsMs > 0 ? handshakeSetup(scenario, network, false) : firstSetup,
    connectionLimit: rules.connectionLimit === 'one' ? 1 : network.connectionsPerOrigin,
    steps: 0,
    // Each round sends at least one packet or ends a response; a handful of events per request besides.
    maxSteps: 64 * (page.requests.length + 1) + 4 * Math.ceil(totalBytes / PACKET_BYTES) + 1000,
    now: 0,
  };
}

/** Counts one step of progress; throws (an invariant failure) rather than spin past the proven bound. */
function step(sim: Sim, t: number, what: string): void {
  sim.steps += 1;
  if (sim.steps > sim.maxSteps || !(t >= sim.now)) {
    throw new Error(
      `Page-load simulation (${sim.protocol}) made no progress: ${what} at ${t} ms after ${sim.now} ms, ` +
        `step ${sim.steps} of at most ${sim.maxSteps}`,
    );
  }
  sim.now = t;
}

function openConn(sim: Sim, t: number): Conn {
  const id = sim.conns.length + 1;
  const setup = id === 1 ? sim.firstSetup : sim.laterSetup;
  const iw = sim.network.initialWindowSegments * PACKET_BYTES;
  const conn = new Conn(id, sim.rules.transport, setup, t + setup.dnsMs, iw, sim.rules.multiplexing);
  sim.conns.push(conn);
  sim.events.push(conn.readyMs, conn.readyEvent);
  return conn;
}

function sendRequest(sim: Sim, stream: Stream, t: number): void {
  stream.sentMs = t;
  stream.requestDoneMs = t + serializationMs(stream.reqBytes, sim.link.bandwidthMbps);
  sim.events.push(stream.requestDoneMs + sim.link.oneWayMs + stream.serverMs, stream.serverEvent);
}

function assign(sim: Sim, item: Queued, conn: Conn, t: number, opener: boolean): void {
  const nth = conn.streams.length;
  const stream = new Stream(
    {
      req: item.req,
      reqBytes: headerBytes(sim.rules, HTTP1_REQUEST_HEADER_BYTES, nth),
      respBytes: headerBytes(sim.rules, HTTP1_RESPONSE_HEADER_BYTES, nth) + item.req.bytes,
      serverMs: item.req.serverMs ?? sim.network.serverProcessingMs,
      streamId: sim.rules.streamId(nth),
      conn,
      opener,
      discoveredMs: item.discoveredMs,
      assignedMs: t,
    },
    sim.link,
  );
  conn.streams.push(stream);
  conn.active += 1;
  sim.streams.push(stream);
  if (conn.ready) sendRequest(sim, stream, t);
}

/** The connection the next queued request goes on now, and whether it opens it; undefined: it must wait. */
function pickConnection(sim: Sim, t: number): { conn: Conn; opener: boolean } | undefined {
  const { rules, conns } = sim;
  if (rules.multiplexing) {
    const conn = conns[0] ?? openConn(sim, t);
    if (conn.active >= MAX_CONCURRENT_STREAMS) return undefined;
    return { conn, opener: conn.streams.length === 0 };
  }
  if (!rules.closesAfterResponse) {
    const idle = conns.find((c) => !c.closed && c.ready && c.active === 0);
    if (idle !== undefined) return { conn: idle, opener: false };
  }
  let open = 0;
  for (const c of conns) if (!c.closed) open += 1;
  if (open < sim.connectionLimit) return { conn: openConn(sim, t), opener: true };
  if (!rules.pipelining) return undefined;
  let best: Conn | undefined;
  for (const c of conns) if (!c.closed && (best === undefined || c.active < best.active)) best = c;
  return best === undefined ? undefined : { conn: best, opener: false };
}

/** Gives queued requests a connection, in discovery order, as the protocol's rules allow. */
function dispatch(sim: Sim, t: number): void {
  while (sim.queueHead < sim.queue.length) {
    const pick = pickConnection(sim, t);
    if (pick === undefined) return;
    const item = sim.queue[sim.queueHead] as Queued;
    sim.queueHead += 1;
    assign(sim, item, pick.conn, t, pick.opener);
  }
}

/**
 * Sends what the window and the ready responses allow at `t`. Returns true when data is left waiting for the next
 * round, false when the connection has nothing ready to send.
 */
function sendWhatFits(sim: Sim, conn: Conn, t: number): boolean {
  const multiplexed = sim.rules.multiplexing;
  const w = conn.window;
  for (;;) {
    const stream = nextStream(conn, multiplexed, t);
    if (stream === undefined) return false;
    if (Number.isNaN(w.roundStart)) startRound(w, t);
    if (w.budget <= EPSILON) return true;
    // Whole bytes: a fractional window left over from congestion avoidance allows one more byte.
    const allowed = Math.ceil(w.budget - EPSILON);
    const k = conn.sendable.length;
    if (multiplexed && k > 1) {
      // Several streams take turns packet by packet: whole clean cycles at once, else one packet.
      const completed = allowed >= 2 * k * PACKET_BYTES ? sendCycles(sim.link, conn, allowed, t) : undefined;
      if (completed !== undefined) {
        for (const s of completed) sim.events.push(s.lastMs, s.doneEvent);
        continue;
      }
      const done = sendRange(sim.link, conn, stream, Math.min(stream.remaining, PACKET_BYTES, allowed), t);
      if (done) {
        conn.sendable.splice(conn.turn, 1);
        sim.events.push(stream.lastMs, stream.doneEvent);
      } else {
        conn.turn += 1;
      }
      continue;
    }
    // A lone stream sends its whole share of the window at once (the same as packet by packet).
    if (sendRange(sim.link, conn, stream, Math.min(stream.remaining, allowed), t)) {
      if (multiplexed) conn.sendable.splice(conn.turn, 1);
      else conn.head += 1;
      sim.events.push(stream.lastMs, stream.doneEvent);
    }
  }
}

/**
 * Sends what fits at `t`, then either schedules the next round or — when nothing else is due before it — runs it
 * at once (the same order the queue would give, without the queue).
 */
function pump(sim: Sim, conn: Conn, t0: number): void {
  let t = t0;
  for (;;) {
    closeRounds(conn, t, sim.link.rttMs);
    if (!sendWhatFits(sim, conn, t)) return;
    const at = conn.window.roundStart + sim.link.rttMs;
    if (sim.events.peekTime() > at) {
      step(sim, at, 'next round');
      t = at;
      continue;
    }
    if (conn.pumpAt !== at) {
      conn.pumpAt = at;
      sim.events.push(at, conn.pumpEvent);
    }
    return;
  }
}

function handle(sim: Sim, event: SimEvent, t: number): void {
  switch (event.kind) {
    case 'ready': {
      event.conn.ready = true;
      for (const stream of event.conn.streams) if (Number.isNaN(stream.sentMs)) sendRequest(sim, stream, t);
      dispatch(sim, t);
      return;
    }
    case 'server': {
      const { stream } = event;
      closeRounds(stream.conn, t, sim.link.rttMs);
      stream.serverReadyMs = t;
      if (sim.rules.multiplexing) stream.conn.sendable.push(stream);
      pump(sim, stream.conn, t);
      return;
    }
    case 'pump':
      pump(sim, event.conn, t);
      return;
    case 'done': {
      const { stream } = event;
      const conn = stream.conn;
      conn.active -= 1;
      conn.lastUsedMs = Math.max(conn.lastUsedMs, t);
      if (sim.rules.closesAfterResponse) conn.closed = true;
      for (const child of sim.children.get(stream.req.index) ?? []) sim.queue.push({ req: child, discoveredMs: t });
      dispatch(sim, t);
      return;
    }
  }
}

/** Runs the simulation on validated input. */
export function run(protocol: ProtocolId, page: Page, network: Network): PageLoadResult {
  const sim = createSim(protocol, page, network);
  sim.queue.push({ req: page.requests[0] as PageRequest, discoveredMs: 0 });
  dispatch(sim, 0);
  try {
    for (let t = sim.events.peekTime(); sim.events.size > 0; t = sim.events.peekTime()) {
      const event = sim.events.shift() as SimEvent;
      step(sim, t, event.kind);
      handle(sim, event, t);
    }
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new Error(`Page-load simulation (${protocol}) failed at ${sim.now} ms: ${message}`, { cause });
  }
  if (sim.streams.length !== page.requests.length) {
    throw new Error(`Simulation finished with ${sim.streams.length} of ${page.requests.length} requests assigned`);
  }
  return result(sim);
}

function result(sim: Sim): PageLoadResult {
  const { conns, streams } = sim;
  const requests = streams.map((s) => toTiming(s)).sort((a, b) => a.index - b.index);
  const handshakeBytes = conns.reduce((sum, c) => sum + c.setup.bytes, 0);
  const httpBytes = streams.reduce((sum, s) => sum + s.reqBytes + s.respBytes, 0);
  const connections: ConnectionTiming[] = conns.map((c) => ({
    id: c.id,
    transport: c.transport,
    openedMs: c.startMs,
    readyMs: c.readyMs,
    lastUsedMs: c.lastUsedMs,
    requests: c.streams.map((s) => s.req.index),
    setupRoundTrips: c.setup.roundTrips,
  }));
  return {
    protocol: sim.protocol,
    network: sim.network,
    requests,
    connections,
    totalMs: requests.reduce((max, r) => Math.max(max, r.endMs), 0),
    connectionsOpened: conns.length,
    bytesOnWire: handshakeBytes + httpBytes + sim.link.retransmittedBytes,
    setupRoundTrips: conns.reduce((sum, c) => sum + c.setup.roundTrips, 0),
    lostPackets: sim.link.lostPackets,
  };
}
