/**
 * The page-load engine: a discrete-event simulation of one page over one protocol variant.
 *
 * State, per run: a time-ordered event queue; the browser's queue of discovered but unassigned requests;
 * connections (handshake timing from the handshake model, a congestion window that grows per round trip, a
 * seeded loss generator, the in-order delivery point for TCP); streams (one per request: bytes left to send,
 * when the server has the response ready, first/last delivery). One shared bottleneck link serialises every
 * packet from every connection.
 *
 * Rules (README.md explains them): a round trip is a "round"; in each round a connection may send up to its
 * window; a full round doubles the window (slow start), a round with a loss halves it (and the lost packet
 * arrives one RTT late). Over TCP a late packet holds back every byte behind it on the connection; over QUIC
 * only the bytes of its own stream.
 */
// Direct module imports (not the handshake index, which also re-exports the ladder and calculator code), so the
// browser bundle holds only the handshake simulation. These are all public exports of src/lib/handshake.
import type { ScenarioId } from '../handshake/scenarios.ts';
import { simulateHandshake } from '../handshake/simulate.ts';
import { serializationMs } from '../handshake/transfer.ts';
import {
  HEADER_FIRST_RATIO,
  HEADER_REPEAT_RATIO,
  HTTP1_REQUEST_HEADER_BYTES,
  HTTP1_RESPONSE_HEADER_BYTES,
  INITIAL_WINDOW_BYTES,
  MAX_CONCURRENT_STREAMS,
  MAX_RETRANSMISSIONS,
  MINIMUM_WINDOW_BYTES,
  PACKET_BYTES,
} from './constants.ts';
import { EventQueue } from './event-queue.ts';
import { connectionSeed, mulberry32 } from './prng.ts';
import type {
  ConnectionTiming,
  HttpResult,
  Network,
  NetworkInput,
  Page,
  PageInput,
  PageLoadResult,
  PageRequest,
  Phase,
  PhaseName,
  ProtocolId,
  RequestTiming,
} from './types.ts';
import { PROTOCOL_IDS } from './types.ts';
import { isProtocolId, validateNetwork, validatePage } from './validate.ts';

/** Connection setup, as the handshake model computes it. */
interface Setup {
  readonly scenario: ScenarioId;
  readonly dnsMs: number;
  /** Transport handshake ("Initial connection"). */
  readonly tcpMs: number;
  /** Cryptographic handshake ("SSL"; QUIC's combined handshake counts here, as in the handshake model). */
  readonly tlsMs: number;
  /** Connect start → request may be sent. */
  readonly setupMs: number;
  readonly roundTrips: number;
  /** Handshake message bytes, both ways. */
  readonly bytes: number;
}

interface Stream {
  readonly req: PageRequest;
  readonly reqBytes: number;
  readonly respBytes: number;
  readonly serverMs: number;
  readonly streamId: number | null;
  readonly conn: Conn;
  readonly opener: boolean;
  readonly discoveredMs: number;
  readonly assignedMs: number;
  remaining: number;
  sentMs: number;
  requestDoneMs: number;
  serverReadyMs: number;
  firstMs: number;
  lastMs: number;
  ownMax: number;
  lost: number;
  hol: number;
}

interface Conn {
  readonly id: number;
  readonly transport: 'tcp' | 'quic';
  readonly setup: Setup;
  readonly startMs: number;
  readonly readyMs: number;
  readonly rng: () => number;
  ready: boolean;
  closed: boolean;
  /** Every stream assigned, in order. */
  readonly streams: Stream[];
  /** HTTP/1.x: index of the first stream with bytes left to send (responses go in order). */
  head: number;
  /** HTTP/2 and 3: streams with a ready response and bytes left, served round-robin packet by packet. */
  readonly sendable: Stream[];
  rr: number;
  /** Streams not yet fully delivered. */
  active: number;
  cwnd: number;
  ssthresh: number;
  /** Start of the current round (NaN when idle). */
  roundStart: number;
  budget: number;
  sent: number;
  loss: boolean;
  /** TCP: everything up to here is delivered in order. */
  delivered: number;
  pumpAt: number;
  lastUsedMs: number;
}

type Event =
  | { readonly kind: 'ready'; readonly conn: Conn }
  | { readonly kind: 'server'; readonly stream: Stream }
  | { readonly kind: 'pump'; readonly conn: Conn }
  | { readonly kind: 'done'; readonly stream: Stream };

function scenarioFor(protocol: ProtocolId, network: Network): ScenarioId {
  if (protocol === 'h3') return 'quic-new';
  if (network.tls === 'none') return 'tcp-new';
  return network.tls === 'tls12' ? 'tls12-full' : 'tls13-full';
}

/** Setup timing from the handshake model (the request/response sizes it needs do not affect setup). */
function handshakeSetup(scenario: ScenarioId, network: Network, withDns: boolean): Setup {
  const result = simulateHandshake(scenario, {
    rttMs: network.rttMs,
    bandwidthMbps: network.bandwidthMbps,
    dns: withDns && network.dnsMs > 0 ? { kind: 'uncached', resolverRttMs: network.dnsMs } : { kind: 'cached' },
  });
  const bytes = result.messages
    .filter((m) => m.layer !== 'http' && m.layer !== 'dns')
    .reduce((sum, m) => sum + m.bytes, 0);
  return {
    scenario,
    dnsMs: result.breakdown.dns,
    tcpMs: result.breakdown.tcp,
    tlsMs: result.breakdown.tls,
    setupMs: result.requestSentMs - result.connectStartMs,
    roundTrips: result.setupRoundTrips,
    bytes,
  };
}

/** Header bytes for the n-th request on a connection (n = 0 first): repeated for HTTP/1.x, compressed for 2 and 3. */
function headerBytes(protocol: ProtocolId, base: number, nth: number): number {
  if (protocol !== 'h2' && protocol !== 'h3') return base;
  const ratio = nth === 0 ? HEADER_FIRST_RATIO : HEADER_REPEAT_RATIO;
  return Math.round(base * ratio);
}

const EPSILON = 1e-9;

/** Runs the simulation on validated input. */
function run(protocol: ProtocolId, page: Page, network: Network): PageLoadResult {
  const rtt = network.rttMs;
  const oneWay = rtt / 2;
  const bw = network.bandwidthMbps;
  const multiplexed = protocol === 'h2' || protocol === 'h3';
  const scenario = scenarioFor(protocol, network);
  const firstSetup = handshakeSetup(scenario, network, true);
  const laterSetup = network.dnsMs > 0 ? handshakeSetup(scenario, network, false) : firstSetup;
  const limit = multiplexed ? 1 : network.connectionsPerOrigin;
  const maxStreams = MAX_CONCURRENT_STREAMS;
  const maxTries = MAX_RETRANSMISSIONS;

  const events = new EventQueue<Event>();
  const conns: Conn[] = [];
  const streams: Stream[] = [];
  const queue: { req: PageRequest; discoveredMs: number }[] = [];
  const children = new Map<number, PageRequest[]>();
  for (const req of page.requests) {
    if (req.discoveredBy === null) continue;
    const list = children.get(req.discoveredBy) ?? [];
    list.push(req);
    children.set(req.discoveredBy, list);
  }
  let linkFree = 0;
  let lostTotal = 0;
  let retransmittedBytes = 0;

  const openConn = (t: number): Conn => {
    const id = conns.length + 1;
    const setup = id === 1 ? firstSetup : laterSetup;
    const startMs = t + setup.dnsMs;
    const conn: Conn = {
      id,
      transport: protocol === 'h3' ? 'quic' : 'tcp',
      setup,
      startMs,
      readyMs: startMs + setup.setupMs,
      rng: mulberry32(connectionSeed(network.seed, id)),
      ready: false,
      closed: false,
      streams: [],
      head: 0,
      sendable: [],
      rr: 0,
      active: 0,
      cwnd: INITIAL_WINDOW_BYTES,
      ssthresh: Number.POSITIVE_INFINITY,
      roundStart: Number.NaN,
      budget: 0,
      sent: 0,
      loss: false,
      delivered: 0,
      pumpAt: Number.NaN,
      lastUsedMs: startMs,
    };
    conns.push(conn);
    events.push(conn.readyMs, { kind: 'ready', conn });
    return conn;
  };

  const sendRequest = (stream: Stream, t: number): void => {
    stream.sentMs = t;
    stream.requestDoneMs = t + serializationMs(stream.reqBytes, bw);
    events.push(stream.requestDoneMs + oneWay + stream.serverMs, { kind: 'server', stream });
  };

  const assign = (item: { req: PageRequest; discoveredMs: number }, conn: Conn, t: number, opener: boolean): void => {
    const nth = conn.streams.length;
    const streamId = protocol === 'h2' ? 2 * nth + 1 : protocol === 'h3' ? 4 * nth : null;
    const stream: Stream = {
      req: item.req,
      reqBytes: headerBytes(protocol, HTTP1_REQUEST_HEADER_BYTES, nth),
      respBytes: headerBytes(protocol, HTTP1_RESPONSE_HEADER_BYTES, nth) + item.req.bytes,
      serverMs: item.req.serverMs ?? network.serverProcessingMs,
      streamId,
      conn,
      opener,
      discoveredMs: item.discoveredMs,
      assignedMs: t,
      remaining: 0,
      sentMs: Number.NaN,
      requestDoneMs: Number.NaN,
      serverReadyMs: Number.POSITIVE_INFINITY,
      firstMs: Number.NaN,
      lastMs: Number.NaN,
      ownMax: 0,
      lost: 0,
      hol: 0,
    };
    stream.remaining = stream.respBytes;
    conn.streams.push(stream);
    conn.active += 1;
    streams.push(stream);
    if (conn.ready) sendRequest(stream, t);
  };

  const openCount = (): number => conns.reduce((n, c) => n + (c.closed ? 0 : 1), 0);

  /** Gives queued requests a connection, following the protocol's rules. */
  const dispatch = (t: number): void => {
    while (queue.length > 0) {
      const item = queue[0] as { req: PageRequest; discoveredMs: number };
      if (multiplexed) {
        const conn = conns[0] ?? openConn(t);
        const opener = conn.streams.length === 0;
        if (conn.active >= maxStreams) return;
        queue.shift();
        assign(item, conn, t, opener);
        continue;
      }
      if (protocol !== 'http1.0') {
        const idle = conns.find((c) => !c.closed && c.ready && c.active === 0);
        if (idle !== undefined) {
          queue.shift();
          assign(item, idle, t, false);
          continue;
        }
      }
      if (openCount() < limit) {
        queue.shift();
        assign(item, openConn(t), t, true);
        continue;
      }
      if (protocol !== 'http1.1-pipelined') return;
      let best: Conn | undefined;
      for (const c of conns) if (!c.closed && (best === undefined || c.active < best.active)) best = c;
      if (best === undefined) return;
      queue.shift();
      assign(item, best, t, false);
    }
  };

  const discover = (req: PageRequest, t: number): void => {
    queue.push({ req, discoveredMs: t });
  };

  const hasSendable = (conn: Conn, at: number): boolean => {
    if (multiplexed) return conn.sendable.length > 0;
    const head = conn.streams[conn.head];
    return head !== undefined && head.serverReadyMs <= at;
  };

  /** Closes every round that ended by `t`: grow (slow start / congestion avoidance) or halve the window. */
  const advanceRounds = (conn: Conn, t: number): void => {
    while (!Number.isNaN(conn.roundStart) && t >= conn.roundStart + rtt) {
      if (conn.loss) {
        conn.ssthresh = Math.max(conn.cwnd / 2, MINIMUM_WINDOW_BYTES);
        conn.cwnd = conn.ssthresh;
      } else if (conn.cwnd < conn.ssthresh) {
        conn.cwnd += conn.sent;
      } else {
        conn.cwnd += (PACKET_BYTES * conn.sent) / conn.cwnd;
      }
      const next = conn.roundStart + rtt;
      if (hasSendable(conn, next)) startRound(conn, next);
      else conn.roundStart = Number.NaN;
    }
  };

  const startRound = (conn: Conn, t: number): void => {
    conn.roundStart = t;
    conn.budget = conn.cwnd;
    conn.sent = 0;
    conn.loss = false;
  };

  const nextStream = (conn: Conn, t: number): Stream | undefined => {
    if (multiplexed) {
      if (conn.sendable.length === 0) return undefined;
      conn.rr %= conn.sendable.length;
      return conn.sendable[conn.rr];
    }
    const head = conn.streams[conn.head];
    return head !== undefined && head.serverReadyMs <= t ? head : undefined;
  };

  const sendPacket = (conn: Conn, stream: Stream, size: number, t: number): void => {
    const start = Math.max(t, linkFree);
    linkFree = start + serializationMs(size, bw);
    let arrival = linkFree + oneWay;
    if (network.lossRate > 0) {
      for (let tries = 0; tries < maxTries && conn.rng() < network.lossRate; tries += 1) {
        // Fast retransmit: the loss shows up one RTT later (duplicate ACKs) and the copy arrives then.
        arrival += rtt;
        conn.loss = true;
        stream.lost += 1;
        lostTotal += 1;
        retransmittedBytes += size;
      }
    }
    conn.budget -= size;
    conn.sent += size;
    stream.remaining -= size;
    stream.ownMax = Math.max(stream.ownMax, arrival);
    let delivered = stream.ownMax;
    if (conn.transport === 'tcp') {
      conn.delivered = Math.max(conn.delivered, arrival);
      delivered = conn.delivered;
    }
    stream.hol = Math.max(stream.hol, delivered - stream.ownMax);
    if (Number.isNaN(stream.firstMs)) stream.firstMs = delivered;
    if (stream.remaining <= 0) {
      stream.lastMs = delivered;
      if (multiplexed) conn.sendable.splice(conn.rr, 1);
      else conn.head += 1;
      events.push(delivered, { kind: 'done', stream });
    } else if (multiplexed) {
      conn.rr += 1;
    }
  };

  /** Sends what the window and the ready responses allow at time `t`; schedules itself for the next round. */
  const pump = (conn: Conn, t: number): void => {
    advanceRounds(conn, t);
    for (;;) {
      const stream = nextStream(conn, t);
      if (stream === undefined) return;
      if (Number.isNaN(conn.roundStart)) startRound(conn, t);
      if (conn.budget <= EPSILON) {
        const at = conn.roundStart + rtt;
        if (conn.pumpAt !== at) {
          conn.pumpAt = at;
          events.push(at, { kind: 'pump', conn });
        }
        return;
      }
      sendPacket(conn, stream, Math.min(PACKET_BYTES, stream.remaining, Math.max(1, Math.floor(conn.budget))), t);
    }
  };

  discover(page.requests[0] as PageRequest, 0);
  dispatch(0);
  let guard = 0;
  const maxEvents = 50_000_000;
  for (let next = events.pop(); next !== undefined; next = events.pop()) {
    guard += 1;
    if (guard > maxEvents) throw new Error(`Page-load simulation did not settle after ${maxEvents} events`);
    const { t, value: event } = next;
    switch (event.kind) {
      case 'ready': {
        event.conn.ready = true;
        for (const stream of event.conn.streams) if (Number.isNaN(stream.sentMs)) sendRequest(stream, t);
        dispatch(t);
        break;
      }
      case 'server': {
        const { stream } = event;
        advanceRounds(stream.conn, t);
        stream.serverReadyMs = t;
        if (multiplexed) stream.conn.sendable.push(stream);
        pump(stream.conn, t);
        break;
      }
      case 'pump': {
        pump(event.conn, t);
        break;
      }
      case 'done': {
        const { stream } = event;
        const conn = stream.conn;
        conn.active -= 1;
        conn.lastUsedMs = Math.max(conn.lastUsedMs, t);
        if (protocol === 'http1.0') conn.closed = true;
        for (const child of children.get(stream.req.index) ?? []) discover(child, t);
        dispatch(t);
        break;
      }
    }
  }
  if (streams.length !== page.requests.length) {
    throw new Error(`Simulation finished with ${streams.length} of ${page.requests.length} requests assigned`);
  }

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
    protocol,
    network,
    requests,
    connections,
    totalMs: requests.reduce((max, r) => Math.max(max, r.endMs), 0),
    connectionsOpened: conns.length,
    bytesOnWire: handshakeBytes + httpBytes + retransmittedBytes,
    setupRoundTrips: conns.reduce((sum, c) => sum + c.setup.roundTrips, 0),
    lostPackets: lostTotal,
  };
}

function toTiming(s: Stream): RequestTiming {
  const phases: Phase[] = [];
  const add = (name: PhaseName, startMs: number, endMs: number): void => {
    if (endMs - startMs > EPSILON) phases.push({ name, startMs, endMs });
  };
  add('Queueing', s.discoveredMs, s.assignedMs);
  if (s.opener) {
    const { dnsMs, tcpMs, tlsMs } = s.conn.setup;
    const dnsEnd = s.conn.startMs;
    add('DNS Lookup', dnsEnd - dnsMs, dnsEnd);
    add('Initial connection', dnsEnd, dnsEnd + tcpMs);
    add('SSL', dnsEnd + tcpMs, dnsEnd + tcpMs + tlsMs);
    add('Stalled', s.conn.readyMs, s.sentMs);
  } else {
    add('Stalled', s.assignedMs, s.sentMs);
  }
  add('Request sent', s.sentMs, s.requestDoneMs);
  add('Waiting (TTFB)', s.requestDoneMs, s.firstMs);
  add('Content Download', s.firstMs, s.lastMs);
  return {
    index: s.req.index,
    name: s.req.name,
    type: s.req.type,
    bytes: s.req.bytes,
    requestBytes: s.reqBytes,
    responseBytes: s.respBytes,
    connectionId: s.conn.id,
    streamId: s.streamId,
    discoveredMs: s.discoveredMs,
    requestSentMs: s.sentMs,
    firstByteMs: s.firstMs,
    endMs: s.lastMs,
    phases,
    lostPackets: s.lost,
    headOfLineBlockedMs: s.hol,
  };
}

/** What `simulatePageLoad` takes. */
export interface SimulationInput {
  readonly protocol: ProtocolId;
  readonly page: PageInput;
  readonly network?: NetworkInput;
}

/** Simulates one page load; invalid input gives a typed error quoting the value (never throws on user input). */
export function simulatePageLoad(input: SimulationInput): HttpResult<PageLoadResult> {
  if (!isProtocolId(input.protocol)) {
    return {
      ok: false,
      error: {
        code: 'unknown-protocol',
        field: 'protocol',
        message: `Unknown protocol '${String(input.protocol)}': use one of ${PROTOCOL_IDS.join(', ')}.`,
      },
    };
  }
  const network = validateNetwork(input.network);
  if (!network.ok) return network;
  const page = validatePage(input.page);
  if (!page.ok) return page;
  return { ok: true, value: run(input.protocol, page.value, network.value) };
}

/** The same page and network over several protocols (default all five, in history order). */
export function comparePageLoads(
  page: PageInput,
  network: NetworkInput = {},
  protocols: readonly ProtocolId[] = PROTOCOL_IDS,
): HttpResult<PageLoadResult[]> {
  const validNetwork = validateNetwork(network);
  if (!validNetwork.ok) return validNetwork;
  const validPage = validatePage(page);
  if (!validPage.ok) return validPage;
  return { ok: true, value: protocols.map((protocol) => run(protocol, validPage.value, validNetwork.value)) };
}
