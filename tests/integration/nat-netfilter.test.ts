/**
 * The NAT model against Linux netfilter. Each case builds the model's own topology out of network namespaces
 * (tests/support/netns.ts), configures the routers with nftables (`masquerade`, `dnat to`, hairpin rules, a second
 * router for CGNAT), sends real UDP/TCP between Node agents in those namespaces, and compares, for every packet,
 * where it arrived and with which addresses, and at the end every conntrack entry (original and reply tuples,
 * [UNREPLIED], TCP state, seconds left) with the model's table.
 *
 * Where the kernel picks a port at random (a reply-tuple clash), the model is asked which ports it would allow
 * (range, free) and the kernel's pick must be one of them; the model then carries on with the kernel's pick.
 * Seed: NAT_SEED (default: random, printed). Flows: NAT_FLOWS (default 200 on the main case).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  emptyTable,
  formatTuple,
  hairpinScenario,
  holePunchScenario,
  type NatBehaviour,
  type NatBox,
  type NatTable,
  type Packet,
  type PortPicker,
  presetById,
  runSteps,
  type Scenario,
  type ScenarioStep,
  type Session,
  scenarioById,
  type Topology,
  translate,
} from '../../src/lib/nat/index.ts';
import {
  type AgentEvent,
  type ConntrackEntry,
  Lab,
  netfilterUnavailable,
  precleanStale,
  sh,
} from '../support/netns.ts';

const unavailable = netfilterUnavailable();
const SEED = Number(process.env['NAT_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
const FLOWS = Number(process.env['NAT_FLOWS'] ?? 200);
/** Long UDP timeouts in the router namespaces so nothing expires mid-run; the model is given the same numbers. */
const SYSCTLS = { 'net.netfilter.nf_conntrack_udp_timeout': 600, 'net.netfilter.nf_conntrack_udp_timeout_stream': 600 };
const withSysctls = (b: NatBehaviour): NatBehaviour => ({
  ...b,
  timeouts: { ...b.timeouts, udpUnreplied: 600, udpStream: 600 },
});
const DELIVERY_WAIT_MS = 250;
const LATE_DELIVERY_MS = 2000;

const labs: Lab[] = [];
let kernel = '';
let nftVersion = '';
const compared = { packets: 0, flows: 0, conntrack: 0, randomPicks: 0 };

beforeAll(() => {
  if (unavailable) return;
  const stale = precleanStale();
  if (stale.length) console.log(`removed stale namespaces: ${stale.join(', ')}`);
  kernel = sh('uname', ['-r']).trim();
  nftVersion = sh('nft', ['--version']).trim();
});

afterAll(() => {
  for (const l of labs) l.destroy();
  if (!unavailable) {
    console.log(`kernel ${kernel}, ${nftVersion}, seed ${SEED}: compared ${JSON.stringify(compared)}`);
  }
});

function newLab(tag: string): Lab {
  const l = new Lab(tag);
  labs.push(l);
  return l;
}

/** Waits (polling every 5 ms, at most `ms`) for the first of several agents to report a matching event. */
async function waitAny(lab: Lab, hosts: readonly string[], test: (e: AgentEvent) => boolean, ms: number) {
  const end = Date.now() + ms;
  for (;;) {
    for (const host of hosts) {
      const event = lab.agent(host).events.find(test);
      if (event) return { host, event };
    }
    if (Date.now() >= end) return undefined;
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Model session → the shape of a conntrack row. */
function asConntrack(s: Session, now: number) {
  const t = (x: Session['original']) => ({
    src: x.src.address,
    dst: x.dst.address,
    sport: x.src.port,
    dport: x.dst.port,
  });
  return {
    protocol: s.original.protocol,
    original: t(s.original),
    reply: t(s.reply),
    unreplied: !s.seenReply,
    ...(s.original.protocol === 'tcp' ? { state: s.state } : {}),
    timeout: s.expiresAt - now,
  };
}
const rowKey = (r: { protocol: string; original: ConntrackEntry['original']; reply: ConntrackEntry['reply'] }) =>
  `${r.protocol} ${r.original.src}:${r.original.sport}>${r.original.dst}:${r.original.dport} | ${r.reply.src}:${r.reply.sport}>${r.reply.dst}:${r.reply.dport}`;

/**
 * Compares a router's conntrack table with the model's live sessions; returns the differences. `read` is the window
 * (seconds since the lab's start) in which the kernel's table was read: `conntrack -L` is a process, and on a busy
 * machine it can take seconds to run, while the kernel's timers keep counting. A kernel timer passes when it lies
 * between the model's at the end of the window and at its start, give or take 3 s (conntrack prints whole seconds,
 * and a packet crosses the router a little after the model's step); a session that expires inside the window may or
 * may not still be listed. `late` (seconds) widens the upper bound by the longest a packet took from the model's
 * step (its time stamp) to being seen across the router: the kernel starts or refreshes a timer then, not before.
 */
function compareTables(
  kernelRows: readonly ConntrackEntry[],
  table: NatTable,
  read: { readonly from: number; readonly to: number },
  where: string,
  late = 0,
): string[] {
  const diffs: string[] = [];
  const { from, to } = read;
  const model = new Map(table.sessions.filter((s) => s.expiresAt > from).map((s) => [rowKey(asConntrack(s, from)), s]));
  const seen = new Set<string>();
  for (const k of kernelRows) {
    const key = rowKey(k);
    seen.add(key);
    const session = model.get(key);
    if (!session) {
      diffs.push(`${where}: kernel has ${key} (${k.state ?? ''} ${k.timeout}s), model does not`);
      continue;
    }
    const m = asConntrack(session, from);
    compared.conntrack++;
    if (m.unreplied !== k.unreplied)
      diffs.push(`${where}: ${key} UNREPLIED kernel ${k.unreplied} model ${m.unreplied}`);
    if (k.state && m.state !== k.state) diffs.push(`${where}: ${key} state kernel ${k.state} model ${m.state}`);
    const latest = session.expiresAt - from;
    const earliest = session.expiresAt - to;
    if (k.timeout > latest + late + 3 || k.timeout < earliest - 3) {
      const model =
        to - from > 0.05
          ? `${earliest.toFixed(1)}–${latest.toFixed(1)}s (the table was read over ${(to - from).toFixed(2)} s)`
          : `${latest.toFixed(1)}s`;
      diffs.push(`${where}: ${key} timer kernel ${k.timeout}s model ${model}`);
    }
  }
  for (const [key, session] of model) {
    if (!seen.has(key) && session.expiresAt > to) diffs.push(`${where}: model has ${key}, kernel does not`);
  }
  return diffs;
}

/** A picker that accepts the kernel's choice (read from conntrack) if the model would have allowed it. */
function kernelPicker(lab: Lab, routerId: string, problems: string[]): PortPicker {
  return ({ range, isFree, internal, remote }) => {
    const rows = lab.conntrack(routerId);
    // The kernel's row for this flow: original source = the internal endpoint, reply source = the remote.
    const candidates = rows.filter(
      (r) =>
        r.original.src === internal.address &&
        r.original.sport === internal.port &&
        r.reply.src === remote.address &&
        r.reply.sport === remote.port,
    );
    const pick = candidates.map((r) => r.reply.dport).find((p) => isFree(p));
    compared.randomPicks++;
    if (pick === undefined) {
      problems.push(`${routerId}: no kernel pick for ${internal.address}:${internal.port} that the model allows`);
      return undefined;
    }
    if (pick < range.min || pick > range.max)
      problems.push(`${routerId}: kernel picked ${pick}, outside ${range.min}–${range.max}`);
    return pick;
  };
}

/** Ports each host needs a UDP socket on: its sources, forward targets, and what it answers from. */
function udpPorts(s: Scenario): Map<string, Set<number>> {
  const ports = new Map<string, Set<number>>(s.topology.hosts.map((h) => [h.id, new Set<number>()]));
  for (const step of s.steps) if (step.kind === 'send') ports.get(step.from)?.add(step.srcPort);
  for (const step of s.steps) {
    if (step.kind === 'send' && 'address' in step.to) {
      for (const h of s.topology.hosts) if (h.address === step.to.address) ports.get(h.id)?.add(step.to.port);
    }
  }
  for (const r of s.topology.routers) {
    for (const f of r.forwards) {
      const h = s.topology.hosts.find((x) => x.address === f.internalAddress);
      if (h) ports.get(h.id)?.add(f.internalPort ?? f.externalPorts.min);
    }
  }
  return ports;
}

interface Received {
  host: string;
  from: { address: string; port: number };
  port: number;
}

/**
 * Runs a UDP scenario on Linux and in the model in lockstep. Returns a list of disagreements (empty when the model
 * and the kernel agree on every packet and on every conntrack row at the end).
 */
async function compareScenario(tag: string, s: Scenario): Promise<string[]> {
  const lab = newLab(tag);
  lab.build(s.topology, SYSCTLS);
  await lab.startAgents(s.topology.hosts.map((h) => h.id));
  for (const [host, ports] of udpPorts(s)) {
    for (const port of ports) await lab.agent(host).request({ op: 'udp-bind', port });
  }
  const problems: string[] = [];
  const pickers = Object.fromEntries(s.topology.routers.map((r) => [r.id, kernelPicker(lab, r.id, problems)]));
  const kernelSeen: (Received | undefined)[] = [];
  const times: number[] = [];
  let late = 0;
  const t0 = Date.now();
  const topology: Topology = s.topology;
  for (let i = 0; i < s.steps.length; i++) {
    const step = s.steps[i] as ScenarioStep;
    const msg = `step:${tag}:${i}`;
    // Linux first: send, then see who (if anyone) received it.
    times.push((Date.now() - t0) / 1000);
    let sent = false;
    if (step.kind === 'send') {
      const to = 'address' in step.to ? step.to : kernelSeen[step.to.seenBy]?.from;
      if (to) {
        await lab.agent(step.from).request({ op: 'udp-send', port: step.srcPort, to, data: msg });
        sent = true;
      }
    } else if (step.kind === 'reply') {
      const prior = kernelSeen[step.to];
      if (prior) {
        await lab.agent(prior.host).request({ op: 'udp-send', port: prior.port, to: prior.from, data: msg });
        sent = true;
      }
    }
    let got: Received | undefined;
    const ids = topology.hosts.map((h) => h.id);
    const look = async (ms: number) => {
      const hit = await waitAny(lab, ids, (x) => x.ev === 'udp' && x.data === msg, ms);
      if (hit?.event.from && hit.event.port !== undefined)
        got = { host: hit.host, from: hit.event.from, port: hit.event.port };
    };
    if (sent) await look(DELIVERY_WAIT_MS);
    // Then the model, up to this step, with the kernel's random picks.
    const model = runSteps(topology, s.steps.slice(0, i + 1), { pickers, seed: 1, times });
    const res = model.results[i];
    const o = res?.walk?.outcome;
    // A busy machine may be slow: where the model expects a delivery, give the kernel longer before calling it a drop.
    if (sent && !got && o?.delivered) await look(LATE_DELIVERY_MS);
    // The packet crossed the router between its time stamp and now (the send was confirmed, and the delivery seen).
    if (sent) late = Math.max(late, (Date.now() - t0) / 1000 - (times[i] as number));
    kernelSeen.push(got);
    const prior = step.kind === 'reply' ? model.results[step.to]?.walk : undefined;
    // 'unexpected-source' is the asker's socket refusing the answer: apply the same rule to what Linux delivered.
    let kernelDelivered = got;
    if (
      got &&
      prior &&
      (got.from.address !== prior.packet.tuple.dst.address || got.from.port !== prior.packet.tuple.dst.port)
    ) {
      kernelDelivered = undefined;
    }
    compared.packets++;
    const modelText = o
      ? o.delivered
        ? `${o.host} from ${o.tuple.src.address}:${o.tuple.src.port} on ${o.tuple.dst.port}`
        : `dropped (${o.reason})`
      : 'not sent';
    const kernelText = sent
      ? kernelDelivered
        ? `${kernelDelivered.host} from ${kernelDelivered.from.address}:${kernelDelivered.from.port} on ${kernelDelivered.port}`
        : 'dropped'
      : 'not sent';
    const modelShort = o && !o.delivered ? 'dropped' : modelText;
    if (process.env['NAT_DEBUG']) console.log(`${tag} step ${i}: model ${modelText} | kernel ${kernelText}`);
    if (modelShort !== kernelText) problems.push(`step ${i} (${step.note}): model ${modelText}, kernel ${kernelText}`);
    if (i === s.steps.length - 1) {
      for (const r of topology.routers) {
        const from = (Date.now() - t0) / 1000;
        const rows = lab.conntrack(r.id);
        const read = { from, to: (Date.now() - t0) / 1000 };
        problems.push(...compareTables(rows, model.state.tables[r.id] ?? emptyTable(), read, r.id, late));
      }
    }
  }
  return problems;
}

/** The scenario with every router's behaviour replaced (and the long UDP timeouts the lab sets). */
function withRouters(s: Scenario, b: (id: string) => NatBehaviour): Scenario {
  return {
    ...s,
    topology: { ...s.topology, routers: s.topology.routers.map((r) => ({ ...r, behaviour: withSysctls(b(r.id)) })) },
  };
}

const linux = presetById('linux-masquerade').behaviour;
const openInput = presetById('linux-masquerade-open-input').behaviour;
const random = presetById('linux-masquerade-random').behaviour;

// Only where netfilter NAT cannot run: one skipped test that says why (and nothing extra where it can).
if (unavailable !== undefined) {
  describe('NAT model vs Linux netfilter', () => {
    it.skip(`skipped: ${unavailable}`, () => {});
  });
}

describe.skipIf(unavailable !== undefined)(
  'NAT model vs Linux netfilter (nftables masquerade, dnat, conntrack)',
  () => {
    it.each([
      ['game server with a forward', () => withRouters(scenarioById('game-server'), () => linux)],
      [
        'game server behind CGNAT (double masquerade)',
        () => withRouters(scenarioById('game-server-cgnat'), () => linux),
      ],
      [
        'hole punching, both routers with input firewalls',
        () => withRouters(holePunchScenario(linux, linux), () => linux),
      ],
      [
        'hole punching, Bob’s router without an input firewall',
        () => withRouters(holePunchScenario(linux, openInput), (id) => (id === 'nat-b' ? openInput : linux)),
      ],
      [
        'hole punching, Alice behind fully-random masquerade',
        () => withRouters(holePunchScenario(random, linux), (id) => (id === 'nat-a' ? random : linux)),
      ],
      ['hairpin off', () => withRouters(hairpinScenario('off', 'udp'), () => ({ ...linux, hairpin: 'off' }))],
      [
        'hairpin dnat-only',
        () => withRouters(hairpinScenario('dnat-only', 'udp'), () => ({ ...linux, hairpin: 'dnat-only' })),
      ],
      [
        'hairpin lan-source',
        () => withRouters(hairpinScenario('lan-source', 'udp'), () => ({ ...linux, hairpin: 'lan-source' })),
      ],
      [
        'hairpin external-source',
        () => withRouters(hairpinScenario('external-source', 'udp'), () => ({ ...linux, hairpin: 'external-source' })),
      ],
    ] as const)('%s: every packet and every conntrack row agree', async (_name, make) => {
      const s = make();
      const tag = `s${labs.length}`;
      const problems = await compareScenario(tag, s);
      if (problems.length) {
        console.log(
          `Disagreement in '${_name}' (seed ${SEED}):\n  ${problems.join('\n  ')}\nReproducer: the '${s.id}' scenario with routers ${JSON.stringify(s.topology.routers.map((r) => ({ id: r.id, hairpin: r.behaviour.hairpin, tracksRefused: r.behaviour.tracksRefused, assignment: r.behaviour.portAssignment })))}`,
        );
      }
      expect(problems).toEqual([]);
    });
  },
);

/** The lab for randomised flows: three LAN hosts, one router, three servers on the internet segment. */
function flowTopology(behaviour: NatBehaviour): Topology {
  return {
    segments: [
      { id: 'lan', label: 'LAN', network: '192.168.1.0/24' },
      { id: 'internet', label: 'Internet', network: '0.0.0.0/0' },
    ],
    hosts: [
      { id: 'h1', label: 'h1', segment: 'lan', address: '192.168.1.10' },
      { id: 'h2', label: 'h2', segment: 'lan', address: '192.168.1.11' },
      { id: 'h3', label: 'h3', segment: 'lan', address: '192.168.1.12' },
      { id: 's1', label: 's1', segment: 'internet', address: '198.51.100.10' },
      { id: 's2', label: 's2', segment: 'internet', address: '198.51.100.20' },
      { id: 's3', label: 's3', segment: 'internet', address: '203.0.113.30' },
    ],
    routers: [
      {
        id: 'r',
        label: 'r',
        lanSegment: 'lan',
        lanAddress: '192.168.1.1',
        wanSegment: 'internet',
        wanAddress: '203.0.113.2',
        behaviour,
        forwards: [],
      },
    ],
  };
}

const CLIENT_PORTS = [100, 700, 5000, 40000, 40001] as const;
const SERVER_PORTS = [443, 3478] as const;
const PROBE_PORTS = [443, 3478, 5353] as const;

/** mulberry32, so a seed replays the same flow list. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type FlowEvent =
  | { kind: 'out'; protocol: 'udp' | 'tcp'; host: string; sport: number; server: string; dport: number }
  | { kind: 'probe'; server: string; sport: number; port: number };

/**
 * Random outbound flows (UDP and TCP, colliding source ports, repeats) and inbound UDP probes, run on Linux and the
 * model packet by packet; returns the disagreements and the log of events (the reproducer).
 */
async function compareRandomFlows(tag: string, behaviour: NatBehaviour, flows: number, seed: number, udpOnly = false) {
  const topology = flowTopology(behaviour);
  const lab = newLab(tag);
  lab.build(topology, SYSCTLS);
  await lab.startAgents(topology.hosts.map((h) => h.id));
  const servers = topology.hosts.filter((h) => h.segment === 'internet');
  const clients = topology.hosts.filter((h) => h.segment === 'lan');
  for (const s of servers) {
    for (const p of new Set([...SERVER_PORTS, ...PROBE_PORTS]))
      await lab.agent(s.id).request({ op: 'udp-bind', port: p });
    for (const p of SERVER_PORTS) await lab.agent(s.id).request({ op: 'tcp-listen', port: p });
  }
  const router = topology.routers[0] as Topology['routers'][number];
  const box: NatBox = { behaviour, wanAddress: router.wanAddress, lanAddress: router.lanAddress, forwards: [] };
  let table = emptyTable(seed);
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const problems: string[] = [];
  const events: FlowEvent[] = [];
  const tcpUsed = new Set<string>();
  const addr = (id: string) => topology.hosts.find((h) => h.id === id)?.address ?? '';
  const t0 = Date.now();
  const now = () => (Date.now() - t0) / 1000;
  let outbound = 0;
  const step = (packet: Packet, side: 'lan' | 'wan', picker?: PortPicker) => {
    const r = translate(box, table, packet, side, now(), picker);
    table = r.table;
    return r.verdict;
  };
  for (let n = 0; outbound < flows && n < flows * 3 + 50 && problems.length === 0; n++) {
    const probe = rand() < 0.2;
    if (probe) {
      const live = table.sessions.filter((s) => s.original.protocol === 'udp' && s.kind === 'outbound');
      const port = live.length > 0 && rand() < 0.7 ? pick(live).reply.dst.port : pick(CLIENT_PORTS);
      const ev: FlowEvent = { kind: 'probe', server: pick(servers).id, sport: pick(PROBE_PORTS), port };
      events.push(ev);
      const msg = `probe:${tag}:${n}`;
      const packet: Packet = {
        tuple: {
          protocol: 'udp',
          src: { address: addr(ev.server), port: ev.sport },
          dst: { address: router.wanAddress, port },
        },
      };
      await lab.agent(ev.server).request({ op: 'udp-send', port: ev.sport, to: packet.tuple.dst, data: msg });
      const v = step(packet, 'wan');
      const expectHost =
        v.action === 'translated' ? clients.find((c) => c.address === v.after.dst.address)?.id : undefined;
      const ids = clients.map((c) => c.id);
      const got = (await waitAny(lab, ids, (e) => e.data === msg, expectHost ? LATE_DELIVERY_MS : 150))?.host;
      compared.packets++;
      if (got !== expectHost)
        problems.push(
          `event ${n} ${formatTuple(packet.tuple)}: model ${expectHost ?? `drop (${v.action === 'dropped' ? v.reason : ''})`}, kernel ${got ?? 'drop'}`,
        );
      continue;
    }
    const protocol = udpOnly || rand() < 0.6 ? 'udp' : 'tcp';
    const ev: FlowEvent = {
      kind: 'out',
      protocol,
      host: pick(clients).id,
      sport: pick(CLIENT_PORTS),
      server: pick(servers).id,
      dport: pick(SERVER_PORTS),
    };
    const key = `${ev.host} ${ev.sport} ${ev.server} ${ev.dport}`;
    if (ev.protocol === 'tcp' && tcpUsed.has(key)) continue;
    events.push(ev);
    const tuple = {
      protocol: ev.protocol,
      src: { address: addr(ev.host), port: ev.sport },
      dst: { address: addr(ev.server), port: ev.dport },
    };
    let observed: { address: string; port: number } | undefined;
    if (ev.protocol === 'udp') {
      const msg = `ping:${tag}:${n}`;
      await lab.agent(ev.host).request({ op: 'udp-send', port: ev.sport, to: tuple.dst, data: msg });
      const isPong = (e: AgentEvent) => e.data?.startsWith(`pong:${tag}:${n}:`) === true;
      let pong = await lab.agent(ev.host).waitFor(isPong, 300);
      // No answer yet: if the router made an entry for the flow (it was not dropped), the answer is only late.
      if (
        !pong &&
        lab
          .conntrack('r')
          .some(
            (r) =>
              r.protocol === 'udp' &&
              r.original.src === tuple.src.address &&
              r.original.sport === ev.sport &&
              r.original.dst === tuple.dst.address &&
              r.original.dport === ev.dport,
          )
      ) {
        pong = await lab.agent(ev.host).waitFor(isPong, LATE_DELIVERY_MS);
      }
      const parts = pong?.data?.split(':') ?? [];
      if (pong) observed = { address: parts[3] ?? '', port: Number(parts[4]) };
    } else {
      tcpUsed.add(key);
      const r = await lab
        .agent(ev.host)
        .request({ op: 'tcp-connect', port: ev.sport, to: tuple.dst, timeout: 2000 }, 5000);
      if (r['error'] === 'EADDRINUSE' || r['error'] === 'EADDRNOTAVAIL') {
        events.pop();
        continue;
      }
      const seen = typeof r['seen'] === 'string' ? r['seen'].split(':') : [];
      if (seen.length === 2) observed = { address: seen[0] ?? '', port: Number(seen[1]) };
    }
    outbound++;
    compared.flows++;
    const picker: PortPicker = ({ range, isFree }) => {
      compared.randomPicks++;
      if (!observed) {
        for (let p = range.min; p <= range.max; p++)
          if (isFree(p)) {
            problems.push(`event ${n} ${formatTuple(tuple)}: kernel dropped it, but the model has port ${p} free`);
            break;
          }
        return undefined;
      }
      if (observed.port < range.min || observed.port > range.max || !isFree(observed.port)) {
        problems.push(
          `event ${n} ${formatTuple(tuple)}: kernel picked ${observed.port}; the model allows only free ports in ${range.min}–${range.max}`,
        );
      }
      return observed.port;
    };
    const v = step({ tuple, flag: 'SYN' }, 'lan', picker);
    const modelExt = v.action === 'translated' ? v.after.src : undefined;
    if (modelExt?.address !== observed?.address || modelExt?.port !== observed?.port) {
      problems.push(
        `event ${n} ${formatTuple(tuple)}: model → ${modelExt ? `${modelExt.address}:${modelExt.port}` : 'drop'}${v.action === 'translated' && v.portChoice ? ` (${v.portChoice.how})` : ''}, kernel → ${observed ? `${observed.address}:${observed.port}` : 'drop'}`,
      );
      continue;
    }
    if (!modelExt) continue;
    // The answer and (TCP) the rest of the handshake and the server's greeting, as the model sees them.
    const back: Packet = { tuple: { protocol: ev.protocol, src: tuple.dst, dst: modelExt }, flag: 'SYN-ACK' };
    const r = step(back, 'wan');
    if (r.action !== 'translated' || r.after.dst.address !== tuple.src.address || r.after.dst.port !== tuple.src.port) {
      problems.push(`event ${n}: the model did not deliver the reply ${formatTuple(back.tuple)} (kernel did)`);
    }
    if (ev.protocol === 'tcp') {
      step({ tuple, flag: 'ACK' }, 'lan');
      step({ tuple: back.tuple, flag: 'ACK' }, 'wan');
      step({ tuple, flag: 'ACK' }, 'lan');
    }
  }
  const from = now();
  const rows = lab.conntrack('r');
  problems.push(...compareTables(rows, table, { from, to: now() }, 'r'));
  return { problems, events, outbound };
}

describe.skipIf(unavailable !== undefined)('randomised flows, tuple for tuple', () => {
  it.each([
    ['masquerade, no input firewall', 'f0', openInput, FLOWS, false],
    ['masquerade, input firewall', 'f1', linux, 40, false],
    ['masquerade fully-random', 'f2', random, 30, false],
    ['masquerade to :2000-2003 (UDP)', 'f3', { ...linux, searchRange: { min: 2000, max: 2003 } }, 30, true],
  ] as const)('%s', async (name, tag, behaviour, flows, udpOnly) => {
    const seed = (SEED + tag.charCodeAt(1)) >>> 0;
    const { problems, events, outbound } = await compareRandomFlows(tag, withSysctls(behaviour), flows, seed, udpOnly);
    if (problems.length) {
      console.log(
        `Disagreement in '${name}', seed ${seed} (NAT_SEED=${SEED}):\n  ${problems.slice(0, 10).join('\n  ')}\nReproducer (events up to the first disagreement):\n${JSON.stringify(events)}`,
      );
    }
    expect(problems).toEqual([]);
    expect(outbound).toBe(flows);
  });
});

describe.skipIf(unavailable !== undefined)('mapping timeouts', () => {
  // Timing, not just packets: each verdict depends on how long the mapping was idle, measured by the kernel at the
  // moment a packet crossed the router. The test only knows that moment within a window (from just before it asked an
  // agent to send to when the send, or the arrival, was confirmed), so a probe is judged only when its whole window of
  // possible idle times is clear of the timeout by MARGIN_S. On a busy machine the sleeps overshoot; such an attempt is
  // repeated with a fresh mapping (bounded), and if no attempt has the intended timing the test says so and is skipped.
  it('a UDP mapping is refreshed by inbound packets and, idle past nf_conntrack_udp_timeout, drops the next reply (model: expired)', async (ctx) => {
    const timeout = 2;
    const MARGIN_S = 0.2;
    const ATTEMPTS = 3;
    const behaviour: NatBehaviour = {
      ...linux,
      timeouts: { ...linux.timeouts, udpUnreplied: timeout, udpStream: timeout },
    };
    const topology = flowTopology(behaviour);
    const lab = newLab('t0');
    lab.build(topology, {
      'net.netfilter.nf_conntrack_udp_timeout': timeout,
      'net.netfilter.nf_conntrack_udp_timeout_stream': timeout,
    });
    await lab.startAgents(['h1', 's1']);
    await lab.agent('s1').request({ op: 'udp-bind', port: 443 });
    const box: NatBox = { behaviour, wanAddress: '203.0.113.2', lanAddress: '192.168.1.1', forwards: [] };
    const t0 = Date.now();
    const now = () => (Date.now() - t0) / 1000;
    /** When a packet crossed the router: some time in [from, to] (seconds since t0). */
    interface Window {
      readonly from: number;
      readonly to: number;
    }
    const idle = (since: Window, at: Window): Window => ({ from: at.from - since.to, to: at.to - since.from });
    const show = (w: Window) => `${w.from.toFixed(2)}–${w.to.toFixed(2)} s`;
    /** 'within' / 'past' the timeout for every idle time the window allows, or 'unclear'. */
    const side = (w: Window) =>
      w.to < timeout - MARGIN_S ? 'within' : w.from > timeout + MARGIN_S ? 'past' : 'unclear';
    const middle = (w: Window) => (w.from + w.to) / 2;
    const tried: string[] = [];

    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const port = 5000 + attempt;
      const out: Packet = {
        tuple: {
          protocol: 'udp',
          src: { address: '192.168.1.10', port },
          dst: { address: '198.51.100.10', port: 443 },
        },
      };
      const back: Packet = {
        tuple: { protocol: 'udp', src: out.tuple.dst, dst: { address: '203.0.113.2', port } },
      };
      const opening = `open-${attempt}`;
      const openFrom = now();
      await lab.agent('h1').request({ op: 'udp-send', port, to: out.tuple.dst, data: opening });
      expect(await lab.agent('s1').waitFor((e) => e.data === opening, 1000)).toBeDefined();
      const opened: Window = { from: openFrom, to: now() };
      let table = translate(box, emptyTable(), out, 'lan', middle(opened)).table;
      const lines: string[] = [];
      const probe = async (label: string, waitMs: number) => {
        await new Promise((r) => setTimeout(r, waitMs));
        const msg = `${label}-${attempt}`;
        const from = now();
        await lab.agent('s1').request({ op: 'udp-send', port: 443, to: back.tuple.dst, data: msg });
        const crossed: Window = { from, to: now() };
        const r = translate(box, table, back, 'wan', middle(crossed));
        table = r.table;
        const kernel = (await lab.agent('h1').waitFor((e) => e.data === msg, 300)) ? 'delivered' : 'dropped';
        const model = r.verdict.action === 'translated' ? 'delivered' : 'dropped';
        const reason = r.verdict.action === 'dropped' ? ` (${r.verdict.reason})` : '';
        return { crossed, model, kernel, reason, line: `${label}: model ${model}${reason}, kernel ${kernel}` };
      };
      // 1 s after opening the reply arrives and refreshes the entry; 1.5 s later (past the first expiry, inside the
      // refreshed one) another reply shows the inbound refresh; 3.5 s after that the mapping has expired.
      const early = await probe('early', 1000);
      const mid = await probe('mid', 1500);
      const late = await probe('late', (timeout + 1.5) * 1000);
      compared.packets += 3;
      const earlyIdle = idle(opened, early.crossed);
      const midIdle = idle(early.crossed, mid.crossed);
      const midSinceOpen = idle(opened, mid.crossed);
      const lateIdle = idle(mid.crossed, late.crossed);
      lines.push(
        `${early.line} — idle ${show(earlyIdle)}`,
        `${mid.line} — idle ${show(midIdle)}, ${show(midSinceOpen)} since opening`,
        `${late.line} — idle ${show(lateIdle)}`,
      );
      // Wherever the timing is clear, the model and the kernel must agree, whatever the attempt shows.
      for (const [p, w] of [
        [early, earlyIdle],
        [mid, midIdle],
        [late, lateIdle],
      ] as const) {
        if (side(w) !== 'unclear') expect(p.model, lines.join('\n')).toBe(p.kernel);
      }
      const intended =
        side(earlyIdle) === 'within' &&
        side(midIdle) === 'within' &&
        side(midSinceOpen) === 'past' &&
        side(lateIdle) === 'past';
      tried.push(`attempt ${attempt}${intended ? '' : ' (timing not as intended)'}:\n  ${lines.join('\n  ')}`);
      if (!intended) continue;
      console.log(tried.join('\n'));
      expect(early).toMatchObject({ model: 'delivered', kernel: 'delivered' });
      expect(mid).toMatchObject({ model: 'delivered', kernel: 'delivered' });
      expect(late).toMatchObject({ model: 'dropped', kernel: 'dropped', reason: ' (expired)' });
      return;
    }
    console.log(
      `mapping timeouts: the machine stayed too busy for the intended timing in ${ATTEMPTS} attempts (margin ${MARGIN_S} s); skipped, not failed\n${tried.join('\n')}`,
    );
    ctx.skip();
  });
});
