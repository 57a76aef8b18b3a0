/**
 * One NAT box: given its table, a packet and the side it arrived on, what comes out and how the table changes.
 * Pure and deterministic: the table is a value (sessions oldest first, a seeded generator state, a cursor), every
 * call returns a new table. The lookup order is Linux's (nf_conntrack_in, then nf_nat_inet_fn):
 *   1. a packet equal to a session's original or reply tuple is translated by that session;
 *   2. otherwise an outbound packet gets a new session whose external port comes from
 *      {@link allocatePort} (reuse a mapping → keep the internal port → search);
 *   3. otherwise an inbound packet is port-forwarded (DNAT rule), let in by the filtering behaviour, or refused.
 * Sources: RFC 4787 §4–§6, RFC 5382 §5, Linux net/netfilter/nf_nat_core.c (get_unique_tuple,
 * find_appropriate_src, nf_nat_l4proto_unique_tuple) and nf_conntrack_proto_{udp,tcp}.c for timers.
 */

import {
  anyExpired,
  externalTakenByOther,
  mappedTo,
  matchTuple,
  newestByInternal,
  tupleUsed,
  withoutExpired,
  withReplaced,
  withSession,
} from './table-index.ts';
import type {
  DropReason,
  Endpoint,
  ForwardRule,
  NatBehaviour,
  NatTable,
  NatVerdict,
  Packet,
  PortChoice,
  PortPicker,
  PortRange,
  Protocol,
  Session,
  SessionKind,
  SessionState,
  TcpFlag,
  Tuple,
} from './types.ts';

/** A NAT box's addresses and rules. */
export interface NatBox {
  readonly behaviour: NatBehaviour;
  /** The public (or CGNAT) side. */
  readonly wanAddress: string;
  /** The router's own address on the LAN (the source `lan-source` hairpinning uses). */
  readonly lanAddress: string;
  readonly forwards: readonly ForwardRule[];
}

/** What one packet did to one NAT. */
export interface NatStep {
  readonly table: NatTable;
  readonly verdict: NatVerdict;
}

const EXPIRED_KEPT = 32;
/** nf_nat_l4proto_unique_tuple: at most 128 tries per round, halving, stop below 16. */
const MAX_ATTEMPTS = 128;
const MIN_ATTEMPTS = 16;

/** An empty table; `seed` drives the default port search. */
export function emptyTable(seed = 1): NatTable {
  return { sessions: [], nextId: 1, expired: [], rng: seed >>> 0, cursor: 0 };
}

export function endpointsEqual(a: Endpoint, b: Endpoint): boolean {
  return a.address === b.address && a.port === b.port;
}

export function tuplesEqual(a: Tuple, b: Tuple): boolean {
  // Ports first: numbers differ more often and compare faster than the address strings.
  return (
    a.src.port === b.src.port &&
    a.dst.port === b.dst.port &&
    a.protocol === b.protocol &&
    a.src.address === b.src.address &&
    a.dst.address === b.dst.address
  );
}

/** The same flow seen from the other end. */
export function invert(t: Tuple): Tuple {
  return { protocol: t.protocol, src: t.dst, dst: t.src };
}

/** Formats an endpoint as `192.0.2.1:80`. */
export function formatEndpoint(e: Endpoint): string {
  return `${e.address}:${e.port}`;
}

/** Formats a tuple as `udp 192.168.1.10:5000 → 203.0.113.5:3478`. */
export function formatTuple(t: Tuple): string {
  return `${t.protocol} ${formatEndpoint(t.src)} → ${formatEndpoint(t.dst)}`;
}

/** The RFC 4787 view of a session: who is inside, which public endpoint they appear as, who they talk to. */
export function sessionView(s: Session): { internal: Endpoint; external: Endpoint; remote: Endpoint } {
  if (s.kind === 'outbound' || s.kind === 'hairpin') {
    return { internal: s.original.src, external: s.reply.dst, remote: s.original.dst };
  }
  // Started from outside (forward, filter-opened, refused): the original tuple is remote → external.
  return { internal: s.reply.src, external: s.original.dst, remote: s.original.src };
}

/** Linux's search class for a port when masquerade is given no port range (nf_nat_l4proto_unique_tuple). */
export function linuxPortClass(port: number): PortRange {
  if (port < 512) return { min: 1, max: 511 };
  if (port < 1024) return { min: 600, max: 1023 };
  return { min: 1024, max: 65535 };
}

/** Removes sessions whose timer has run out by `now` (conntrack: expired when timeout − now ≤ 0). */
export function expireSessions(table: NatTable, now: number): { table: NatTable; expired: readonly Session[] } {
  if (!anyExpired(table.sessions, now)) return { table, expired: [] };
  const gone = table.sessions.filter((s) => s.expiresAt <= now);
  if (gone.length === 0) return { table, expired: [] };
  return {
    table: {
      ...table,
      sessions: withoutExpired(table.sessions, now),
      expired: [...table.expired, ...gone].slice(-EXPIRED_KEPT),
    },
    expired: gone,
  };
}

/** One step of mulberry32 (Tommy Ettinger, public domain) as a pure function of its state. */
function nextRandom(state: number): { value: number; state: number } {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { value: (t ^ (t >>> 14)) >>> 0, state: next };
}

/**
 * Linux's port search (nf_nat_l4proto_unique_tuple): from a random offset try up to 128 consecutive ports, then
 * again from a new random offset with half as many tries, until fewer than 16 — at most 240 tries, so it always ends.
 */
function linuxSearch(range: PortRange, isFree: (p: number) => boolean, rng: number): { port?: number; rng: number } {
  const size = range.max - range.min + 1;
  let attempts = Math.min(size, MAX_ATTEMPTS);
  let r = nextRandom(rng);
  let off = r.value & 0xffff;
  let state = r.state;
  for (;;) {
    for (let i = 0; i < attempts; i++, off++) {
      const port = range.min + (off % size);
      if (isFree(port)) return { port, rng: state };
    }
    if (attempts >= size || attempts < MIN_ATTEMPTS) return { rng: state };
    attempts = Math.floor(attempts / 2);
    r = nextRandom(state);
    off = r.value & 0xffff;
    state = r.state;
  }
}

/** Sequential assignment: the first free port at or after the cursor, wrapping once round the range. */
function sequentialSearch(range: PortRange, isFree: (p: number) => boolean, cursor: number) {
  const size = range.max - range.min + 1;
  const start = cursor >= range.min && cursor <= range.max ? cursor - range.min : 0;
  for (let i = 0; i < size; i++) {
    const port = range.min + ((start + i) % size);
    if (isFree(port)) return { port, cursor: port + 1 };
  }
  return { cursor };
}

/**
 * Is external endpoint `external` usable for a new session from `internal` to `remote`? Linux (and any NAT) needs
 * the reply tuple remote → external to be unused by every session, either direction (nf_nat_used_tuple); a NAT that
 * never shares ports also needs no other internal endpoint to be using that external endpoint at all.
 */
function isFreeFor(
  table: NatTable,
  behaviour: NatBehaviour,
  protocol: Protocol,
  internal: Endpoint,
  remote: Endpoint,
  external: Endpoint,
): boolean {
  const reply: Tuple = { protocol, src: remote, dst: external };
  if (tupleUsed(table.sessions, reply)) return false;
  return !(behaviour.portSharing === 'never' && externalTakenByOther(table.sessions, protocol, external, internal));
}

/** Does session `s` carry a mapping that the new flow internal → remote may reuse under this mapping behaviour? */
function reusable(behaviour: NatBehaviour, s: Session, protocol: Protocol, internal: Endpoint, remote: Endpoint) {
  if (s.original.protocol !== protocol || s.kind === 'forward' || s.kind === 'refused') return false;
  const v = sessionView(s);
  if (!endpointsEqual(v.internal, internal)) return false;
  if (behaviour.mapping === 'endpoint-independent') return true;
  if (behaviour.mapping === 'address-dependent') return v.remote.address === remote.address;
  return endpointsEqual(v.remote, remote);
}

const inRange = (port: number, r: PortRange) => port >= r.min && port <= r.max;

/**
 * The external port for a new flow internal → remote leaving as `externalAddress` (get_unique_tuple):
 *   1. reuse the newest session of the same mapping if its port is in range and still free for this remote
 *      (find_appropriate_src walks its hash chain newest first and takes the first match);
 *   2. with port preservation, keep the internal port if it is free (a one-port range is taken as is);
 *   3. search: the picker if given, else Linux's random search or the sequential cursor.
 * Linux's `fully-random` skips 1 and 2 (NF_NAT_RANGE_PROTO_RANDOM_ALL): modelled as address-and-port-dependent
 * mapping (nothing to reuse) with `random` assignment (no preservation).
 */
export function allocatePort(
  box: NatBox,
  table: NatTable,
  protocol: Protocol,
  internal: Endpoint,
  remote: Endpoint,
  externalAddress: string,
  picker?: PortPicker,
): { table: NatTable; port?: number; choice?: PortChoice } {
  const b = box.behaviour;
  const given = b.searchRange === 'linux-classes' ? undefined : b.searchRange;
  const free = (port: number) => isFreeFor(table, b, protocol, internal, remote, { address: externalAddress, port });
  // The newest session of this internal endpoint that the mapping behaviour lets the flow reuse.
  let reuse: { port: number; from: number } | undefined;
  newestByInternal(table.sessions, protocol, internal, (s) => {
    if (!reusable(b, s, protocol, internal, remote)) return false;
    const ext = sessionView(s).external;
    if (ext.address !== externalAddress || (given && !inRange(ext.port, given))) return false;
    if (free(ext.port)) reuse = { port: ext.port, from: s.id };
    return true;
  });
  if (reuse) return { table, port: reuse.port, choice: { how: 'reused', fromSession: reuse.from } };
  if (b.portAssignment === 'preserve') {
    const p = internal.port;
    if (!given ? free(p) : inRange(p, given) && (given.min === given.max || free(p))) {
      return { table, port: p, choice: { how: 'preserved' } };
    }
  }
  const range = given ?? linuxPortClass(internal.port);
  const choice: PortChoice = { how: 'searched', range };
  if (picker) {
    const port = picker({ range, isFree: free, internal, remote });
    return port === undefined ? { table } : { table, port, choice };
  }
  if (b.portAssignment === 'sequential') {
    const r = sequentialSearch(range, free, table.cursor);
    const next = { ...table, cursor: r.cursor };
    return r.port === undefined ? { table: next } : { table: next, port: r.port, choice };
  }
  const r = linuxSearch(range, free, table.rng);
  const next = { ...table, rng: r.rng };
  return r.port === undefined ? { table: next } : { table: next, port: r.port, choice };
}

/** The timeout that goes with a state. */
function timeoutFor(b: NatBehaviour, state: SessionState): number {
  const t = b.timeouts;
  switch (state) {
    case 'UNREPLIED':
    case 'REPLIED':
      return t.udpUnreplied;
    case 'ASSURED':
      return t.udpStream;
    case 'SYN_SENT':
      return t.tcpSynSent;
    case 'SYN_RECV':
      return t.tcpSynRecv;
    case 'ESTABLISHED':
      return t.tcpEstablished;
    case 'FIN_WAIT':
      return t.tcpFinWait;
    case 'CLOSE_WAIT':
      return t.tcpCloseWait;
    case 'LAST_ACK':
      return t.tcpLastAck;
    case 'TIME_WAIT':
      return t.tcpTimeWait;
    case 'CLOSE':
      return t.tcpClose;
  }
}

/**
 * The TCP state after a packet (a reduced nf_conntrack_proto_tcp.c table: the states and the transitions a
 * well-behaved connection goes through; an unexpected flag keeps the state and refreshes its timer).
 */
export function nextTcpState(
  state: SessionState,
  flag: TcpFlag | undefined,
  dir: 'original' | 'reply',
  finFrom: 'original' | 'reply' | undefined,
): { state: SessionState; finFrom?: 'original' | 'reply' } {
  if (flag === 'RST') return { state: 'CLOSE' };
  const keep = finFrom ? { state, finFrom } : { state };
  switch (state) {
    case 'SYN_SENT':
      return flag === 'SYN-ACK' && dir === 'reply' ? { state: 'SYN_RECV' } : keep;
    case 'SYN_RECV':
      return flag === 'ACK' && dir === 'original' ? { state: 'ESTABLISHED' } : keep;
    case 'ESTABLISHED':
      return flag === 'FIN' ? { state: 'FIN_WAIT', finFrom: dir } : keep;
    case 'FIN_WAIT':
      if (dir === finFrom) return keep;
      if (flag === 'FIN') return { state: 'LAST_ACK', finFrom: finFrom ?? dir };
      return flag === 'ACK' ? { state: 'CLOSE_WAIT', finFrom: finFrom ?? dir } : keep;
    case 'CLOSE_WAIT':
      return flag === 'FIN' && dir !== finFrom ? { state: 'LAST_ACK', finFrom: finFrom ?? dir } : keep;
    case 'LAST_ACK':
      return flag === 'ACK' && dir === finFrom ? { state: 'TIME_WAIT' } : keep;
    default:
      return keep;
  }
}

/** A session's state and timer after one more packet in direction `dir` at `now` (udp_packet / tcp_packet). */
function touch(b: NatBehaviour, s: Session, packet: Packet, dir: 'original' | 'reply', now: number): Session {
  let state: SessionState;
  let finFrom = s.finFrom;
  if (s.original.protocol === 'udp') {
    // udp_packet: the first reply is timed as unreplied; later packets, once the flow is older than
    // udpStreamAfter, make it a stream (ASSURED) with the long timeout.
    if (s.state === 'ASSURED' || (s.seenReply && now > s.createdAt + b.timeouts.udpStreamAfter)) state = 'ASSURED';
    else state = s.seenReply || dir === 'reply' ? 'REPLIED' : 'UNREPLIED';
  } else {
    const n = nextTcpState(s.state, packet.flag, dir, s.finFrom);
    state = n.state;
    finFrom = n.finFrom;
  }
  const refresh = dir === 'original' || b.inboundRefresh;
  const base = {
    ...s,
    state,
    seenReply: s.seenReply || dir === 'reply',
    expiresAt: refresh ? now + timeoutFor(b, state) : s.expiresAt,
  };
  if (finFrom === undefined) {
    const { finFrom: _drop, ...rest } = base;
    return rest;
  }
  return { ...base, finFrom };
}

function initialState(protocol: Protocol, kind: SessionKind, flag: TcpFlag | undefined): SessionState {
  if (protocol === 'udp') return 'UNREPLIED';
  if (kind === 'refused') return 'CLOSE';
  return flag === 'SYN' || flag === undefined ? 'SYN_SENT' : 'ESTABLISHED';
}

function addSession(
  b: NatBehaviour,
  table: NatTable,
  kind: SessionKind,
  original: Tuple,
  reply: Tuple,
  flag: TcpFlag | undefined,
  now: number,
): { table: NatTable; session: Session } {
  const state = initialState(original.protocol, kind, flag);
  const session: Session = {
    id: table.nextId,
    kind,
    original,
    reply,
    state,
    createdAt: now,
    expiresAt: now + timeoutFor(b, state),
    seenReply: false,
  };
  return { table: { ...table, sessions: withSession(table.sessions, session), nextId: table.nextId + 1 }, session };
}

function replaceSession(table: NatTable, s: Session): NatTable {
  return { ...table, sessions: withReplaced(table.sessions, s) };
}

/** The live session this packet belongs to (either direction), if any. */
export function findSession(table: NatTable, tuple: Tuple, now: number): Session | undefined {
  return matchTuple(table.sessions, tuple, now)?.session;
}

/** The first forwarding rule for this protocol and external port. */
export function findForward(box: NatBox, protocol: Protocol, port: number): ForwardRule | undefined {
  return box.forwards.find((r) => r.protocol === protocol && inRange(port, r.externalPorts));
}

/** Where a forwarding rule sends external port `port`. */
export function forwardTarget(rule: ForwardRule, port: number): Endpoint {
  const p = rule.internalPort === undefined ? port : rule.internalPort + (port - rule.externalPorts.min);
  return { address: rule.internalAddress, port: p };
}

function dropped(table: NatTable, before: Tuple, reason: DropReason): NatStep {
  return { table, verdict: { action: 'dropped', before, reason } };
}

/**
 * Translates one packet that arrived on the `lan` or `wan` side of `box` at simulation time `now` (seconds).
 * Expired sessions are removed first. Never throws on any packet.
 */
export function translate(
  box: NatBox,
  table0: NatTable,
  packet: Packet,
  side: 'lan' | 'wan',
  now: number,
  picker?: PortPicker,
): NatStep {
  const b = box.behaviour;
  const table = expireSessions(table0, now).table;
  const t = packet.tuple;
  const match = matchTuple(table.sessions, t);
  if (match) {
    const { session: s, dir } = match;
    const updated = touch(b, s, packet, dir, now);
    const next = replaceSession(table, updated);
    if (s.kind === 'refused')
      return { table: next, verdict: { action: 'dropped', before: t, reason: 'no-listener', session: updated } };
    const after = invert(dir === 'original' ? s.reply : s.original);
    const refreshed = dir === 'original' || b.inboundRefresh;
    return {
      table: next,
      verdict: {
        action: 'translated',
        before: t,
        after,
        session: updated,
        table: refreshed ? 'refreshed' : 'matched',
        direction: dir,
      },
    };
  }
  if (side === 'lan') {
    if (t.dst.address === box.wanAddress) return hairpin(box, table, packet, now, picker);
    const r = allocatePort(box, table, t.protocol, t.src, t.dst, box.wanAddress, picker);
    if (r.port === undefined) return dropped(r.table, t, 'no-free-port');
    const after: Tuple = { ...t, src: { address: box.wanAddress, port: r.port } };
    const added = addSession(b, r.table, 'outbound', t, invert(after), packet.flag, now);
    return {
      table: added.table,
      verdict: {
        action: 'translated',
        before: t,
        after,
        session: added.session,
        table: 'created',
        direction: 'original',
        ...(r.choice ? { portChoice: r.choice } : {}),
      },
    };
  }
  return inbound(box, table, packet, now);
}

/** Lets an inbound packet through to `target` (a port forward, or a mapping whose filter admits it): a new session. */
function admitInbound(
  box: NatBox,
  table: NatTable,
  packet: Packet,
  now: number,
  kind: 'forward' | 'filter-opened',
  target: Endpoint,
): NatStep {
  const t = packet.tuple;
  const reply = { protocol: t.protocol, src: target, dst: t.src };
  const added = addSession(box.behaviour, table, kind, t, reply, packet.flag, now);
  return {
    table: added.table,
    verdict: {
      action: 'translated',
      before: t,
      after: { ...t, dst: target },
      session: added.session,
      table: 'created',
      direction: 'original',
    },
  };
}

/** A packet from outside with no session: port forward, filtering, or refusal. */
function inbound(box: NatBox, table: NatTable, packet: Packet, now: number): NatStep {
  const b = box.behaviour;
  const t = packet.tuple;
  if (t.dst.address !== box.wanAddress) return dropped(table, t, 'no-route');
  const rule = findForward(box, t.protocol, t.dst.port);
  if (rule) {
    return admitInbound(box, table, packet, now, 'forward', forwardTarget(rule, t.dst.port));
  }
  const mapped = mappedTo(table.sessions, t.protocol, t.dst);
  let reason: DropReason = 'no-mapping';
  if (mapped.length > 0) {
    const ok = mapped.find((s) => {
      const remote = sessionView(s).remote;
      if (b.filtering === 'endpoint-independent') return true;
      if (b.filtering === 'address-dependent') return remote.address === t.src.address;
      return endpointsEqual(remote, t.src);
    });
    if (ok && (t.protocol === 'udp' || packet.flag === 'SYN')) {
      return admitInbound(box, table, packet, now, 'filter-opened', sessionView(ok).internal);
    }
    reason = 'filtered';
  } else if (
    table.expired.some((s) => s.original.protocol === t.protocol && endpointsEqual(sessionView(s).external, t.dst))
  ) {
    reason = 'expired';
  }
  // Linux leaves a null-binding conntrack entry for a refused packet that could start a flow (any UDP, a TCP SYN);
  // the router answers it itself (ICMP port unreachable, RST), so a TCP one is CLOSE at once.
  if (b.tracksRefused && (t.protocol === 'udp' || packet.flag === 'SYN' || packet.flag === undefined)) {
    const added = addSession(b, table, 'refused', t, invert(t), packet.flag, now);
    return { table: added.table, verdict: { action: 'dropped', before: t, reason, session: added.session } };
  }
  return dropped(table, t, reason);
}

/** A LAN host addressing its own router's public address (RFC 4787 §6). */
function hairpin(box: NatBox, table: NatTable, packet: Packet, now: number, picker?: PortPicker): NatStep {
  const b = box.behaviour;
  const t = packet.tuple;
  const rule = findForward(box, t.protocol, t.dst.port);
  if (!rule || b.hairpin === 'off') {
    const reason: DropReason = rule ? 'hairpin-unsupported' : 'no-listener';
    // Addressed to the router itself: like any refused packet, Linux keeps a null-binding entry for it.
    if (b.tracksRefused && (t.protocol === 'udp' || packet.flag === 'SYN' || packet.flag === undefined)) {
      const added = addSession(b, table, 'refused', t, invert(t), packet.flag, now);
      return { table: added.table, verdict: { action: 'dropped', before: t, reason, session: added.session } };
    }
    return dropped(table, t, reason);
  }
  const target = forwardTarget(rule, t.dst.port);
  let src = t.src;
  let r: { table: NatTable; port?: number } = { table };
  if (b.hairpin !== 'dnat-only') {
    const address = b.hairpin === 'lan-source' ? box.lanAddress : box.wanAddress;
    r = allocatePort(box, table, t.protocol, t.src, target, address, picker);
    if (r.port === undefined) return dropped(r.table, t, 'no-free-port');
    src = { address, port: r.port };
  }
  const after: Tuple = { protocol: t.protocol, src, dst: target };
  const added = addSession(b, r.table, 'hairpin', t, invert(after), packet.flag, now);
  return {
    table: added.table,
    verdict: {
      action: 'translated',
      before: t,
      after,
      session: added.session,
      table: 'created',
      direction: 'original',
    },
  };
}
