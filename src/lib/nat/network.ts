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
