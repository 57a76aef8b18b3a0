/**
 * Connections, the streams (request/response exchanges) they carry, and the shared bottleneck link; sending a run
 * of response bytes over them with loss, retransmission and in-order delivery.
 *
 * State: a `Link` (when the bottleneck is next free, loss and retransmission totals), per connection its handshake
 * setup, congestion window, the streams assigned to it and, for TCP, the in-order delivery point; per stream the
 * bytes left, its loss cursor, and its timing.
 */
import { advanceRounds, type CongestionWindow, newWindow } from './congestion.ts';
import { PACKET_BYTES } from './constants.ts';
import { advanceLoss, type LossCursor, lossCursor, lostTransmissions } from './loss.ts';
import type { Setup } from './setup.ts';
import type { PageRequest } from './types.ts';

/** What the engine's event queue holds; allocated once per connection / stream, so a round allocates nothing. */
export type SimEvent =
  | { readonly kind: 'ready'; readonly conn: Conn }
  | { readonly kind: 'server'; readonly stream: Stream }
  | { readonly kind: 'pump'; readonly conn: Conn }
  | { readonly kind: 'done'; readonly stream: Stream };

/** The fields of a new stream that the caller decides. */
export interface StreamInit {
  readonly req: PageRequest;
  /** Request bytes (headers) and response bytes (headers + body) on the wire. */
  readonly reqBytes: number;
  readonly respBytes: number;
  readonly serverMs: number;
  readonly streamId: number | null;
  readonly conn: Conn;
  /** This request opened its connection (so its waterfall row shows DNS, connection and TLS phases). */
  readonly opener: boolean;
  readonly discoveredMs: number;
  readonly assignedMs: number;
}

/**
 * One request/response exchange (an HTTP/2 or QUIC stream, or one HTTP/1.x request on a connection). A class so
 * every stream has one shape (the engine's inner loop touches these fields millions of times).
 */
export class Stream {
  declare readonly req: PageRequest;
  declare readonly reqBytes: number;
  declare readonly respBytes: number;
  declare readonly serverMs: number;
  declare readonly streamId: number | null;
  declare readonly conn: Conn;
  declare readonly opener: boolean;
  declare readonly discoveredMs: number;
  declare readonly assignedMs: number;
  /** Which of its response packets are lost (keyed to the request, see loss.ts). */
  declare readonly loss: LossCursor;
  declare readonly serverEvent: SimEvent;
  declare readonly doneEvent: SimEvent;
  /** Response bytes not yet sent. */
  declare remaining: number;
  sentMs = Number.NaN;
  requestDoneMs = Number.NaN;
  /** When the server has the response ready (Infinity until then). */
  serverReadyMs = Number.POSITIVE_INFINITY;
  firstMs = Number.NaN;
  lastMs = Number.NaN;
  /** Latest arrival of any of its own packets (retransmissions included): its own in-order delivery point. */
  latestArrivalMs = 0;
  /** Lost transmissions of its packets. */
  lostPackets = 0;
  /** Longest a packet of it, already arrived, waited for another stream's lost packet (TCP head-of-line blocking). */
  headOfLineBlockedMs = 0;

  constructor(init: StreamInit, link: Link) {
    this.req = init.req;
    this.reqBytes = init.reqBytes;
    this.respBytes = init.respBytes;
    this.serverMs = init.serverMs;
    this.streamId = init.streamId;
    this.conn = init.conn;
    this.opener = init.opener;
    this.discoveredMs = init.discoveredMs;
    this.assignedMs = init.assignedMs;
    this.loss = lossCursor(link.seed, init.req.index, link.lossRate);
    this.serverEvent = { kind: 'server', stream: this };
    this.doneEvent = { kind: 'done', stream: this };
    this.remaining = init.respBytes;
  }
}

/** One transport connection (a class for one shape, like `Stream`). */
export class Conn {
  declare readonly id: number;
  declare readonly transport: 'tcp' | 'quic';
  declare readonly setup: Setup;
  declare readonly startMs: number;
  declare readonly readyMs: number;
  declare readonly window: CongestionWindow;
  declare readonly readyEvent: SimEvent;
  declare readonly pumpEvent: SimEvent;
  /** Whether a stream may send at a time (bound once, so closing rounds allocates nothing). */
  declare readonly hasSendableAt: (at: number) => boolean;
  ready = false;
  closed = false;
  /** Every stream assigned, in order. */
  readonly streams: Stream[] = [];
  /** One stream at a time (HTTP/1.x): index in `streams` of the first with bytes left (responses go in order). */
  head = 0;
  /** Multiplexed: streams with a ready response and bytes left, served round-robin packet by packet. */
  readonly sendable: Stream[] = [];
  /** Multiplexed: index in `sendable` of the stream whose turn it is. */
  turn = 0;
  /** Streams not yet fully delivered. */
  active = 0;
  /** TCP: every byte that arrived by this time has been delivered in order. */
  delivered = 0;
  /** Time of the pump event already queued (NaN if none), so a round is never scheduled twice. */
  pumpAt = Number.NaN;
  declare lastUsedMs: number;

  constructor(
    id: number,
    transport: 'tcp' | 'quic',
    setup: Setup,
    startMs: number,
    iwBytes: number,
    multiplexed: boolean,
  ) {
    this.id = id;
    this.transport = transport;
    this.setup = setup;
    this.startMs = startMs;
    this.readyMs = startMs + setup.setupMs;
    this.window = newWindow(iwBytes);
    this.readyEvent = { kind: 'ready', conn: this };
    this.pumpEvent = { kind: 'pump', conn: this };
    this.hasSendableAt = (at) => nextStream(this, multiplexed, at) !== undefined;
    this.lastUsedMs = startMs;
  }
}

/** The shared bottleneck link and the path's delays and loss, with running totals. */
export interface Link {
  readonly rttMs: number;
  readonly oneWayMs: number;
  readonly bandwidthMbps: number;
  /** Bytes the link serialises per ms (Infinity for unlimited): `bytes / bytesPerMs` is transfer.ts's serializationMs. */
  readonly bytesPerMs: number;
  /** Serialisation time of one full packet (ms). */
  readonly packetMs: number;
  readonly lossRate: number;
  readonly seed: number;
  /** When the link has finished serialising everything sent so far. */
  free: number;
  lostPackets: number;
  retransmittedBytes: number;
}

/** The stream that may send at `t`, if any: round-robin when multiplexed, else the head once its response is ready. */
export function nextStream(conn: Conn, multiplexed: boolean, t: number): Stream | undefined {
  if (multiplexed) {
    if (conn.sendable.length === 0) return undefined;
    if (conn.turn >= conn.sendable.length) conn.turn %= conn.sendable.length;
    return conn.sendable[conn.turn];
  }
  const head = conn.streams[conn.head];
  return head !== undefined && head.serverReadyMs <= t ? head : undefined;
}

/** Closes the rounds of `conn` that ended by `t` (see congestion.ts, which asserts that time advances). */
export function closeRounds(conn: Conn, t: number, rtt: number): void {
  advanceRounds(conn.window, t, rtt, conn.hasSendableAt);
}

/**
 * Sends the next `bytes` of `stream`'s response at `t`: they queue on the link after everything sent before, in
 * pieces of one packet from the current offset (the last may be shorter). A lost packet's piece arrives one RTT late
 * per lost transmission (fast retransmit). Updates the stream's first/last delivery and head-of-line blocking, and
 * the connection's round and delivery point. Returns true when the response is complete.
 *
 * One call covers a whole round of one stream: the link clock is advanced piece by piece (a float addition each, so
 * the times equal sending the pieces one by one), losses are found per loss (loss.ts), and head-of-line blocking is
 * checked at the run's first piece only — later pieces arrive later while the delivery point only grows, so the
 * wait is largest there.
 */
export function sendRange(link: Link, conn: Conn, stream: Stream, bytes: number, t: number): boolean {
  if (!(bytes > 0)) throw new Error(`Page-load simulation: sending ${bytes} bytes of '${stream.req.name}' at ${t} ms`);
  const from = stream.respBytes - stream.remaining;
  const pieces = Math.ceil(bytes / PACKET_BYTES);
  const perPacket = link.packetMs;
  const cursor = stream.loss;
  let lostPiece = lostPieceIndex(stream, from, bytes);
  let free = Math.max(t, link.free);
  let firstArrival = 0;
  let latest = 0;
  for (let i = 0; i < pieces; i += 1) {
    free += i < pieces - 1 ? perPacket : (bytes - i * PACKET_BYTES) / link.bytesPerMs;
    let arrival = free + link.oneWayMs;
    if (i === lostPiece) {
      const j = cursor.next;
      const tries = lostTransmissions(link.seed, stream.req.index, j, link.lossRate);
      arrival += tries * link.rttMs;
      stream.lostPackets += tries;
      link.lostPackets += tries;
      link.retransmittedBytes += (Math.min((j + 1) * PACKET_BYTES, stream.respBytes) - j * PACKET_BYTES) * tries;
      conn.window.loss = true;
      advanceLoss(cursor);
      lostPiece = lostPieceIndex(stream, from, bytes);
    }
    if (i === 0) firstArrival = arrival;
    if (arrival > latest) latest = arrival;
  }
  link.free = free;
  return deliver(conn, stream, bytes, firstArrival, latest);
}

/** Index (within a run of `bytes` from offset `from`) of the piece holding the end of the next lost packet, or -1. */
function lostPieceIndex(stream: Stream, from: number, bytes: number): number {
  const packetStart = stream.loss.next * PACKET_BYTES;
  if (packetStart >= stream.respBytes) return -1; // Infinity, or past the response: no more losses in it
  const packetEnd = Math.min(packetStart + PACKET_BYTES, stream.respBytes);
  if (packetEnd > from + bytes) return -1; // not sent yet
  return Math.ceil((packetEnd - from) / PACKET_BYTES) - 1;
}

/** Books a run whose first piece arrived at `firstArrival` and whose pieces all arrived by `latest`. */
function deliver(conn: Conn, stream: Stream, bytes: number, firstArrival: number, latest: number): boolean {
  let firstDelivered: number;
  let lastDelivered: number;
  if (conn.transport === 'tcp') {
    // In order across the whole connection: nothing is delivered before every earlier byte has arrived.
    firstDelivered = Math.max(conn.delivered, firstArrival);
    const blocked = firstDelivered - Math.max(stream.latestArrivalMs, firstArrival);
    if (blocked > stream.headOfLineBlockedMs) stream.headOfLineBlockedMs = blocked;
    conn.delivered = Math.max(conn.delivered, latest);
    lastDelivered = conn.delivered;
  } else {
    // QUIC: in order within the stream only.
    firstDelivered = Math.max(stream.latestArrivalMs, firstArrival);
    lastDelivered = Math.max(stream.latestArrivalMs, latest);
  }
  if (latest > stream.latestArrivalMs) stream.latestArrivalMs = latest;
  if (Number.isNaN(stream.firstMs)) stream.firstMs = firstDelivered;
  stream.remaining -= bytes;
  conn.window.budget -= bytes;
  conn.window.sent += bytes;
  if (stream.remaining > 0) return false;
  stream.lastMs = lastDelivered;
  return true;
}

/** How many whole round-robin cycles (one packet per stream) of `conn.sendable` fit without a loss or a short piece. */
function cleanCycles(conn: Conn, allowed: number): number {
  const k = conn.sendable.length;
  let cycles = Math.floor(allowed / (k * PACKET_BYTES));
  for (const s of conn.sendable) {
    if (cycles < 1) return 0;
    const from = s.respBytes - s.remaining;
    let own = Math.floor(s.remaining / PACKET_BYTES);
    const lostStart = s.loss.next * PACKET_BYTES;
    if (lostStart < s.respBytes) {
      const lostEnd = Math.min(lostStart + PACKET_BYTES, s.respBytes);
      own = Math.min(own, Math.floor((lostEnd - from - 1) / PACKET_BYTES));
    }
    if (own < cycles) cycles = own;
  }
  return cycles;
}

/**
 * Multiplexed connections, many packets at once: sends `cycles` whole round-robin cycles — each ready stream one
 * full packet per cycle, in turn — when none of those packets is lost. The same result as sending them one by one
 * (stream q's m-th packet leaves the link after m·k + q + 1 packets), in O(streams) instead of O(packets). Returns
 * the streams that completed, in the order their last packet left. Returns undefined when no whole cycle fits.
 */
export function sendCycles(link: Link, conn: Conn, allowed: number, t: number): Stream[] | undefined {
  const k = conn.sendable.length;
  const cycles = cleanCycles(conn, allowed);
  if (cycles < 1) return undefined;
  let free = Math.max(t, link.free);
  const perPacket = link.packetMs;
  // The link clock, packet by packet in turn order (float additions only, so times equal one-by-one sending).
  const first: number[] = [];
  const last: number[] = [];
  for (let m = 0; m < cycles; m += 1) {
    for (let q = 0; q < k; q += 1) {
      free += perPacket;
      if (m === 0) first.push(free + link.oneWayMs);
      if (m === cycles - 1) last.push(free + link.oneWayMs);
    }
  }
  const before = conn.delivered;
  const tcp = conn.transport === 'tcp';
  const completed: Stream[] = [];
  const turn0 = conn.turn % k;
  for (let q = 0; q < k; q += 1) {
    const s = conn.sendable[(turn0 + q) % k] as Stream;
    const firstArrival = first[q] as number;
    const lastArrival = last[q] as number;
    const own = s.latestArrivalMs;
    const firstDelivered = tcp ? Math.max(before, firstArrival) : Math.max(own, firstArrival);
    if (tcp && firstDelivered - Math.max(own, firstArrival) > s.headOfLineBlockedMs) {
      s.headOfLineBlockedMs = firstDelivered - Math.max(own, firstArrival);
    }
    if (Number.isNaN(s.firstMs)) s.firstMs = firstDelivered;
    if (lastArrival > own) s.latestArrivalMs = lastArrival;
    s.remaining -= cycles * PACKET_BYTES;
    if (s.remaining <= 0) {
      s.lastMs = tcp ? Math.max(before, lastArrival) : Math.max(own, lastArrival);
      completed.push(s);
    }
  }
  const bytes = cycles * k * PACKET_BYTES;
  link.free = free;
  if (tcp) conn.delivered = Math.max(before, free + link.oneWayMs);
  conn.window.budget -= bytes;
  conn.window.sent += bytes;
  // The turn ends where one-by-one sending leaves it: back at the first stream, completed streams removed.
  let turn = conn.turn;
  for (let q = 0; q < k; q += 1) {
    if (turn >= conn.sendable.length) turn %= conn.sendable.length;
    if ((conn.sendable[turn] as Stream).remaining <= 0) conn.sendable.splice(turn, 1);
    else turn += 1;
  }
  conn.turn = turn;
  return completed;
}
