/**
 * A topology of segments, hosts and NAT routers, and the walk of one packet across it. State shape:
 * `NetworkState = { time, tables }` — the simulation clock in seconds and each router's NAT table by router id.
 * A segment is one link (a LAN, the ISP's CGNAT network, the internet); a router joins its LAN segment to its WAN
 * segment and translates what crosses. Routing is the home-network kind: a destination on the same segment is
 * reached directly, a router's WAN address is handed to that router, anything else goes to the segment's gateway.
 */
import { emptyTable, findSession, formatTuple, type NatBox, translate } from './nat.ts';
import type {
  DropReason,
  ForwardRule,
  NatBehaviour,
  NatResult,
  NatTable,
  NatVerdict,
  Packet,
  PortPicker,
  Tuple,
} from './types.ts';

export interface Segment {
  readonly id: string;
  readonly label: string;
  /** The segment's prefix, e.g. `192.168.1.0/24`; the internet segment holds documentation addresses. */
  readonly network: string;
}

export interface Host {
  readonly id: string;
  readonly label: string;
  readonly segment: string;
  readonly address: string;
}

export interface Router {
  readonly id: string;
  readonly label: string;
  readonly lanSegment: string;
  readonly lanAddress: string;
  readonly wanSegment: string;
  readonly wanAddress: string;
  readonly behaviour: NatBehaviour;
  readonly forwards: readonly ForwardRule[];
}

export interface Topology {
  readonly segments: readonly Segment[];
  readonly hosts: readonly Host[];
  readonly routers: readonly Router[];
}

export interface NetworkState {
  readonly time: number;
  readonly tables: Readonly<Record<string, NatTable>>;
}

/** One leg of a walk: the packet as it travels on `segment`, and what the router at the end of the leg did. */
export interface Hop {
  readonly segment: string;
  readonly tuple: Tuple;
  readonly router?: string;
  readonly verdict?: NatVerdict;
}

export type WalkOutcome =
  | { readonly delivered: true; readonly host: string; readonly tuple: Tuple }
  | { readonly delivered: false; readonly at: string; readonly reason: DropReason };

/** Every leg of one packet's journey and where it ended. */
export interface Walk {
  readonly from: string;
  readonly packet: Packet;
  readonly hops: readonly Hop[];
  readonly outcome: WalkOutcome;
}

/** Bounds on a topology anyone can build (the playground's URL included). */
export const TOPOLOGY_LIMITS = { segments: 8, hosts: 24, routers: 6, forwards: 16 } as const;

/** A network with empty tables at time 0; each router's table is seeded from its position so runs repeat. */
export function initialState(topology: Topology, seed = 1): NetworkState {
  const tables: Record<string, NatTable> = {};
  topology.routers.forEach((r, i) => {
    tables[r.id] = emptyTable((seed + i * 0x9e3779b1) >>> 0);
  });
  return { time: 0, tables };
}

/** Moves the clock on by `seconds` (negative or non-finite moves are ignored). */
export function advance(state: NetworkState, seconds: number): NetworkState {
  return Number.isFinite(seconds) && seconds > 0 ? { ...state, time: state.time + seconds } : state;
}

function boxOf(r: Router): NatBox {
  return { behaviour: r.behaviour, wanAddress: r.wanAddress, lanAddress: r.lanAddress, forwards: r.forwards };
}

/**
 * Sends `packet` from host `from` and follows it until a host receives it or something drops it. At most
 * 2 × routers + 2 legs (a packet crosses each router at most once per direction, plus one hairpin turn), so the walk
 * always ends; a topology that would need more is reported as a drop ('no-route').
 */
export function sendPacket(
  topology: Topology,
  state: NetworkState,
  from: string,
  packet: Packet,
  pickers: Readonly<Record<string, PortPicker>> = {},
): { state: NetworkState; walk: Walk } {
  const sender = hostById(topology, from);
  const tables: Record<string, NatTable> = { ...state.tables };
  const hops: Hop[] = [];
  const done = (outcome: WalkOutcome) => ({
    state: { ...state, tables },
    walk: { from, packet, hops, outcome },
  });
  if (!sender) return done({ delivered: false, at: from, reason: 'no-route' });
  let segment = sender.segment;
  let tuple = packet.tuple;
  const maxLegs = 2 * topology.routers.length + 2;
  const hosts = hostIndex(topology);
  for (let leg = 0; leg < maxLegs; leg++) {
    const dst = tuple.dst.address;
    const host = hosts.get(segment)?.get(dst);
    if (host) {
      hops.push({ segment, tuple });
      return done({ delivered: true, host: host.id, tuple });
    }
    const viaWan = topology.routers.find((r) => r.wanSegment === segment && r.wanAddress === dst);
    const gateway = topology.routers.find((r) => r.lanSegment === segment);
    const router = viaWan ?? gateway;
    if (!router) {
      hops.push({ segment, tuple });
      return done({ delivered: false, at: segment, reason: 'no-route' });
    }
    if (!viaWan && dst === router.lanAddress && !findSession(tables[router.id] ?? emptyTable(), tuple, state.time)) {
      hops.push({ segment, tuple, router: router.id });
      return done({ delivered: false, at: router.id, reason: 'no-listener' });
    }
    const side = viaWan ? 'wan' : 'lan';
    const step = translate(
      boxOf(router),
      tables[router.id] ?? emptyTable(),
      { ...packet, tuple },
      side,
      state.time,
      pickers[router.id],
    );
    tables[router.id] = step.table;
    hops.push({ segment, tuple, router: router.id, verdict: step.verdict });
    if (step.verdict.action === 'dropped')
      return done({ delivered: false, at: router.id, reason: step.verdict.reason });
    tuple = step.verdict.after;
    // Leaving by the side the packet is now addressed to: back into the LAN (inbound, hairpin) or out to the WAN.
    segment =
      side === 'wan' || onSegment(topology, router.lanSegment, tuple.dst.address)
        ? router.lanSegment
        : router.wanSegment;
  }
  return done({ delivered: false, at: segment, reason: 'no-route' });
}

/**
 * Hosts by segment then address, and by id (the first of a repeated one, as `find` would give), built once per
 * topology object (topologies are values, never mutated). Nested maps of the strings themselves, not a joined key:
 * a string's hash is kept with it, a joined one is hashed afresh on every packet.
 */
const HOST_INDEX = new WeakMap<Topology, { bySegment: Map<string, Map<string, Host>>; byId: Map<string, Host> }>();
function hostMaps(topology: Topology) {
  let index = HOST_INDEX.get(topology);
  if (!index) {
    index = { bySegment: new Map(), byId: new Map() };
    for (const h of topology.hosts) {
      let onSeg = index.bySegment.get(h.segment);
      if (!onSeg) {
        onSeg = new Map();
        index.bySegment.set(h.segment, onSeg);
      }
      // A later host with the same segment and address wins, as the joined-key map built from the list did.
      onSeg.set(h.address, h);
      if (!index.byId.has(h.id)) index.byId.set(h.id, h);
    }
    HOST_INDEX.set(topology, index);
  }
  return index;
}
const hostIndex = (topology: Topology) => hostMaps(topology).bySegment;

/** The host with this id (the first, if a topology repeats one). */
export function hostById(topology: Topology, id: string): Host | undefined {
  return hostMaps(topology).byId.get(id);
}

function onSegment(topology: Topology, segment: string, address: string): boolean {
  return hostIndex(topology).get(segment)?.has(address) === true;
}

/** A one-line account of a hop, for screen readers and logs. */
export function describeHop(hop: Hop): string {
  if (!hop.verdict) return `on ${hop.segment}: ${formatTuple(hop.tuple)}`;
  const v = hop.verdict;
  if (v.action === 'dropped') return `${hop.router} dropped ${formatTuple(v.before)} (${v.reason})`;
  return `${hop.router} rewrote ${formatTuple(v.before)} to ${formatTuple(v.after)} (session ${v.session.id} ${v.table})`;
}

/**
 * A dotted-quad IPv4 address as a uint32, or undefined: four decimal octets 0–255 without leading zeros (the
 * ip-address library's rule). Kept here, not taken from src/lib/ip, so the playground's bundle stays small.
 */
export function ipv4ToNumber(text: string): number | undefined {
  if (text.length > 15) return undefined;
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return undefined;
    value = value * 256 + Number(p);
  }
  return value;
}

/** A prefix `a.b.c.d/n` as its first address and length, or undefined. */
function parsePrefix(text: string): { first: number; length: number } | undefined {
  const [addr, len, extra] = text.split('/');
  const length = Number(len);
  const first = ipv4ToNumber(addr ?? '');
  if (extra !== undefined || first === undefined || !/^\d{1,2}$/.test(len ?? '') || length > 32) return undefined;
  const size = 2 ** (32 - length);
  return first % size === 0 ? { first, length } : undefined;
}

type Check = NatResult<true>;
const fail = (
  code: 'bad-address' | 'unknown-node' | 'duplicate-address' | 'too-many' | 'bad-range',
  message: string,
): Check => ({
  ok: false,
  error: { code, message },
});

/**
 * Checks a topology built from untrusted input: bounded counts, parseable IPv4 addresses inside their segment's
 * prefix, known segment ids, no address used twice on one segment, forwarding ports 1–65535.
 */
export function validateTopology(t: Topology): Check {
  if (t.segments.length > TOPOLOGY_LIMITS.segments)
    return fail('too-many', `${t.segments.length} segments; at most ${TOPOLOGY_LIMITS.segments}`);
  if (t.hosts.length > TOPOLOGY_LIMITS.hosts)
    return fail('too-many', `${t.hosts.length} hosts; at most ${TOPOLOGY_LIMITS.hosts}`);
  if (t.routers.length > TOPOLOGY_LIMITS.routers)
    return fail('too-many', `${t.routers.length} routers; at most ${TOPOLOGY_LIMITS.routers}`);
  const nets = new Map<string, { first: number; length: number }>();
  for (const seg of t.segments) {
    const n = parsePrefix(seg.network);
    if (!n)
      return fail(
        'bad-range',
        `Segment '${seg.id}' has network '${seg.network}': write it as a.b.c.d/n with host bits zero`,
      );
    nets.set(seg.id, n);
  }
  const seen = new Set<string>();
  const place = (who: string, segment: string, address: string): Check | undefined => {
    const n = nets.get(segment);
    if (!n) return fail('unknown-node', `${who} is on segment '${segment}', which does not exist`);
    const a = ipv4ToNumber(address);
    if (a === undefined) return fail('bad-address', `${who} has address '${address}': not a dotted-quad IPv4 address`);
    if (a < n.first || a >= n.first + 2 ** (32 - n.length)) {
      return fail('bad-address', `${who} has address '${address}', outside its segment ${segment}`);
    }
    const key = `${segment} ${address}`;
    if (seen.has(key)) return fail('duplicate-address', `Address '${address}' is used twice on segment '${segment}'`);
    seen.add(key);
    return undefined;
  };
  for (const h of t.hosts) {
    const e = place(`Host '${h.id}'`, h.segment, h.address);
    if (e) return e;
  }
  for (const r of t.routers) {
    const e =
      place(`Router '${r.id}' (LAN)`, r.lanSegment, r.lanAddress) ??
      place(`Router '${r.id}' (WAN)`, r.wanSegment, r.wanAddress);
    if (e) return e;
    if (r.forwards.length > TOPOLOGY_LIMITS.forwards)
      return fail(
        'too-many',
        `Router '${r.id}' has ${r.forwards.length} forwards; at most ${TOPOLOGY_LIMITS.forwards}`,
      );
    for (const f of r.forwards) {
      const { min, max } = f.externalPorts;
      if (!(Number.isInteger(min) && Number.isInteger(max) && min >= 1 && max <= 65535 && min <= max)) {
        return fail('bad-range', `Router '${r.id}' forwards ports ${min}–${max}; use 1–65535 with the smaller first`);
      }
    }
  }
  return { ok: true, value: true };
}
