/**
 * Seeded random traffic through one NAT box, for the differential test of the indexed translation table
 * (table-index.test.ts) and the script that recorded the linear-search model's outputs
 * (tests/fixtures/nat/record-linear-outputs.ts). Everything is a function of the seed: the box (a preset with some
 * switches flipped, forwarding rules, a small search range now and then so ports run out), and a sequence of calls —
 * new packets from small address and port pools on either side (collisions are the point), replies to earlier
 * translated packets, clock jumps, and now and then a packet sent from an older table (a branch), since tables are
 * values and the playground and tests do that.
 */
import {
  allocatePort,
  emptyTable,
  expireSessions,
  findSession,
  HAIRPIN_MODES,
  invert,
  type NatBehaviour,
  type NatBox,
  type NatTable,
  type Packet,
  PORT_ASSIGNMENTS,
  PORT_SHARING,
  PRESETS,
  type Protocol,
  TCP_FLAGS,
  type TcpFlag,
  type Tuple,
  translate,
} from '../../../../src/lib/nat/index.ts';

/** mulberry32, as a closure (test-side; the model keeps its own as a pure function). */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const WAN = '203.0.113.2';
const LAN_ROUTER = '192.168.1.1';
const PORTS = [53, 80, 443, 700, 1024, 5000, 5001, 5002, 27015, 40000] as const;

/** The box for one seed. */
export function randomBox(rnd: () => number): NatBox {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const preset = pick(PRESETS);
  let b: NatBehaviour = { ...preset.behaviour, hairpin: pick(HAIRPIN_MODES) };
  if (rnd() < 0.3) b = { ...b, portSharing: pick(PORT_SHARING), portAssignment: pick(PORT_ASSIGNMENTS) };
  if (rnd() < 0.25) b = { ...b, searchRange: { min: 5000, max: 5000 + Math.floor(rnd() * 4) } };
  if (rnd() < 0.2) b = { ...b, inboundRefresh: !b.inboundRefresh, tracksRefused: !b.tracksRefused };
  const forwards = Array.from({ length: Math.floor(rnd() * 4) }, () => {
    const min = pick(PORTS);
    return {
      protocol: pick(['udp', 'tcp'] as const),
      externalPorts: { min, max: min + Math.floor(rnd() * 3) },
      internalAddress: `192.168.1.${10 + Math.floor(rnd() * 3)}`,
      ...(rnd() < 0.5 ? { internalPort: pick(PORTS) } : {}),
    };
  });
  return { behaviour: b, wanAddress: WAN, lanAddress: LAN_ROUTER, forwards };
}

/** One call the sequence makes, and what came out (JSON-serialisable, in a fixed key order). */
export type Call =
  | { readonly op: 'translate'; readonly from: number; readonly packet: Packet; readonly side: 'lan' | 'wan' }
  | { readonly op: 'find'; readonly tuple: Tuple }
  | {
      readonly op: 'allocate';
      readonly protocol: Protocol;
      readonly internal: Tuple['src'];
      readonly remote: Tuple['dst'];
    }
  | { readonly op: 'expire' };

function randomTuple(rnd: () => number, side: 'lan' | 'wan'): Tuple {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const protocol = pick(['udp', 'tcp'] as const);
  const lanHost = `192.168.1.${10 + Math.floor(rnd() * 4)}`;
  const remote = `198.51.100.${1 + Math.floor(rnd() * 3)}`;
  if (side === 'lan') {
    const dst = rnd() < 0.12 ? WAN : rnd() < 0.04 ? LAN_ROUTER : remote;
    return { protocol, src: { address: lanHost, port: pick(PORTS) }, dst: { address: dst, port: pick(PORTS) } };
  }
  const dst = rnd() < 0.95 ? WAN : '192.0.2.99';
  return { protocol, src: { address: remote, port: pick(PORTS) }, dst: { address: dst, port: pick(PORTS) } };
}

/**
 * Runs `count` calls for `seed` and hands each call and its result to `visit` (a string of JSON: byte for byte what
 * the model returned), and every table a call produced to `observe` with the clock. Returns the box used.
 */
export function runSequence(
  seed: number,
  count: number,
  visit: (call: Call, output: string) => void,
  observe?: (table: NatTable, now: number) => void,
): NatBox {
  const rnd = random(seed);
  const box = randomBox(rnd);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const tables: NatTable[] = [emptyTable(seed)];
  const sent: { after: Tuple; side: 'lan' | 'wan' }[] = [];
  let now = 0;
  for (let i = 0; i < count; i++) {
    const r = rnd();
    const current = tables.length - 1;
    // Mostly the newest table; sometimes one a few steps back (a branch).
    const from = rnd() < 0.08 ? Math.max(0, current - 1 - Math.floor(rnd() * 6)) : current;
    const table = tables[from] as NatTable;
    if (r < 0.06) {
      now += pick([0, 1, 2, 3, 10, 29, 30, 31, 60, 119, 121, 300, 7441, 432_001]);
      continue;
    }
    if (r < 0.1) {
      const tuple = rnd() < 0.5 && sent.length > 0 ? invert(pick(sent).after) : randomTuple(rnd, 'wan');
      const call: Call = { op: 'find', tuple };
      visit(call, JSON.stringify(findSession(table, tuple, now) ?? null));
      continue;
    }
    if (r < 0.13) {
      const t = randomTuple(rnd, 'lan');
      const call: Call = { op: 'allocate', protocol: t.protocol, internal: t.src, remote: t.dst };
      const expired = expireSessions(table, now).table;
      visit(call, JSON.stringify(allocatePort(box, expired, t.protocol, t.src, t.dst, WAN)));
      continue;
    }
    if (r < 0.15) {
      const out = expireSessions(table, now);
      visit({ op: 'expire' }, JSON.stringify(out));
      tables.push(out.table);
      observe?.(out.table, now);
      continue;
    }
    let packet: Packet;
    let side: 'lan' | 'wan';
    if (r < 0.5 && sent.length > 0) {
      const prior = pick(sent);
      side = prior.side === 'lan' && prior.after.src.address !== WAN ? 'wan' : 'lan';
      if (rnd() < 0.05) side = side === 'lan' ? 'wan' : 'lan';
      packet = { tuple: invert(prior.after) };
    } else {
      side = rnd() < 0.6 ? 'lan' : 'wan';
      packet = { tuple: randomTuple(rnd, side) };
    }
    const flag: TcpFlag | undefined = packet.tuple.protocol === 'tcp' && rnd() < 0.9 ? pick(TCP_FLAGS) : undefined;
    if (flag) packet = { ...packet, flag };
    const step = translate(box, table, packet, side, now);
    visit({ op: 'translate', from, packet, side }, JSON.stringify(step));
    tables.push(step.table);
    observe?.(step.table, now);
    if (step.verdict.action === 'translated') sent.push({ after: step.verdict.after, side });
  }
  return box;
}
