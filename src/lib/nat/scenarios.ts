/**
 * Scenarios as data: a topology and a list of steps (send a packet, answer one, let time pass), and the runner that
 * walks them. A step can address "whatever source the receiver of step N saw" — STUN's view (RFC 8489
 * XOR-MAPPED-ADDRESS is exactly that endpoint), which is how hole punching learns where to aim.
 */
import { endpointsEqual, invert } from './nat.ts';
import { advance, hostById, initialState, type NetworkState, sendPacket, type Topology, type Walk } from './network.ts';
import { type PresetId, presetById } from './presets.ts';
import { SCENARIO_IDS, SCENARIO_TITLES, type ScenarioId } from './scenario-names.ts';

export { SCENARIO_IDS, SCENARIO_TITLES, type ScenarioId };

import type { Endpoint, HairpinMode, NatBehaviour, PortPicker, Protocol, TcpFlag } from './types.ts';

/** Where a packet is sent: a fixed endpoint, or the source the receiver of an earlier step saw. */
export type Target = Endpoint | { readonly seenBy: number };

export type ScenarioStep =
  | {
      readonly kind: 'send';
      readonly from: string;
      readonly protocol: Protocol;
      readonly srcPort: number;
      readonly to: Target;
      readonly flag?: TcpFlag;
      readonly note: string;
    }
  | { readonly kind: 'reply'; readonly to: number; readonly flag?: TcpFlag; readonly note: string }
  | { readonly kind: 'wait'; readonly seconds: number; readonly note: string };

export interface Scenario {
  readonly id: ScenarioId;
  readonly title: string;
  readonly summary: string;
  readonly topology: Topology;
  readonly steps: readonly ScenarioStep[];
}

/** What one step did. `seen` is the source endpoint the receiving host saw (STUN's view). */
export interface StepResult {
  readonly index: number;
  readonly time: number;
  readonly walk?: Walk;
  readonly seen?: Endpoint;
}

export const MAX_STEPS = 2000;

const isEndpoint = (t: Target): t is Endpoint => 'address' in t;

/** Options of a run: the port-picking seed, pickers per router, and an external clock per step. */
export interface RunOptions {
  readonly seed?: number;
  readonly pickers?: Readonly<Record<string, PortPicker>>;
  readonly times?: readonly number[];
}

/** A run of a scenario's first `results.length` steps, which {@link resumeSteps} can carry on from. */
export interface StepRun {
  readonly topology: Topology;
  readonly steps: readonly ScenarioStep[];
  readonly results: readonly StepResult[];
  readonly state: NetworkState;
}

/**
 * Runs `steps` on `topology` from empty tables. A step that refers to a step that was not delivered (or does not
 * exist yet) is recorded as a 'no-route' drop; at most {@link MAX_STEPS} steps run.
 */
export function runSteps(
  topology: Topology,
  steps: readonly ScenarioStep[],
  options: RunOptions = {},
): { results: StepResult[]; state: NetworkState } {
  let state = initialState(topology, options.seed ?? 1);
  const results: StepResult[] = [];
  const count = Math.min(steps.length, MAX_STEPS);
  for (let i = 0; i < count; i++) state = runStep(topology, steps, i, state, results, options);
  return { results, state };
}

/**
 * The first `count` steps of `steps` (at most {@link MAX_STEPS}), carrying on from `previous` when it ran the same
 * topology and steps (the same objects) and no further: stepping forward through a scenario then costs one step, not
 * a run from the start (a 1,000-flow scenario redrawn per packet, issue 16). Otherwise, a run from empty tables. The
 * result equals `runSteps(topology, steps.slice(0, count))`: tables are values, so a saved state is never changed by
 * the steps after it (tests/unit/lib/nat/scenarios.test.ts checks the equality on random scenarios).
 */
export function resumeSteps(
  previous: StepRun | undefined,
  topology: Topology,
  steps: readonly ScenarioStep[],
  count: number,
): StepRun {
  const target = Math.max(0, Math.min(count, steps.length, MAX_STEPS));
  const resumable =
    previous !== undefined &&
    previous.topology === topology &&
    previous.steps === steps &&
    previous.results.length <= target;
  const results = resumable ? [...previous.results] : [];
  let state = resumable ? previous.state : initialState(topology, 1);
  for (let i = results.length; i < target; i++) state = runStep(topology, steps, i, state, results, {});
  return { topology, steps, results, state };
}

/** Step `i` of `steps` on `state`: appends its result to `results` and returns the state after it. */
function runStep(
  topology: Topology,
  steps: readonly ScenarioStep[],
  i: number,
  before: NetworkState,
  results: StepResult[],
  options: RunOptions,
): NetworkState {
  let state = before;
  const step = steps[i] as ScenarioStep;
  // An external clock (a test replaying real traffic) may say when each step happened.
  const at = options.times?.[i];
  if (at !== undefined) state = advance(state, at - state.time);
  if (step.kind === 'wait') {
    state = advance(state, step.seconds);
    results.push({ index: i, time: state.time });
    return state;
  }
  const prior = step.kind === 'reply' ? results[step.to] : undefined;
  let from: string | undefined;
  let packet: Parameters<typeof sendPacket>[3] | undefined;
  if (step.kind === 'send') {
    const dst = isEndpoint(step.to) ? step.to : results[step.to.seenBy]?.seen;
    const host = hostById(topology, step.from);
    if (dst && host) {
      from = host.id;
      packet = {
        tuple: { protocol: step.protocol, src: { address: host.address, port: step.srcPort }, dst },
        ...(step.flag ? { flag: step.flag } : {}),
      };
    }
  } else if (prior?.walk?.outcome.delivered) {
    from = prior.walk.outcome.host;
    packet = { tuple: invert(prior.walk.outcome.tuple), ...(step.flag ? { flag: step.flag } : {}) };
  }
  if (!from || !packet) {
    results.push({ index: i, time: state.time });
    return state;
  }
  const r = sendPacket(topology, state, from, packet, options.pickers);
  state = r.state;
  let walk = r.walk;
  // A reply must come from the endpoint the asker addressed, or its socket discards it (broken hairpinning).
  if (prior?.walk && walk.outcome.delivered && !endpointsEqual(walk.outcome.tuple.src, prior.walk.packet.tuple.dst)) {
    walk = { ...walk, outcome: { delivered: false, at: walk.outcome.host, reason: 'unexpected-source' } };
  }
  results.push({
    index: i,
    time: state.time,
    walk,
    ...(walk.outcome.delivered ? { seen: walk.outcome.tuple.src } : {}),
  });
  return state;
}

const LAN = { id: 'lan', label: 'Home LAN', network: '192.168.1.0/24' } as const;
const INTERNET = { id: 'internet', label: 'Internet', network: '0.0.0.0/0' } as const;

function homeRouter(
  behaviour: NatBehaviour,
  wanSegment = 'internet',
  wanAddress = '203.0.113.2',
  forwards: Topology['routers'][number]['forwards'] = [],
) {
  return {
    id: 'router',
    label: 'Home router',
    lanSegment: 'lan',
    lanAddress: '192.168.1.1',
    wanSegment,
    wanAddress,
    behaviour,
    forwards,
  };
}

const linux = () => presetById('linux-masquerade').behaviour;

function browse(): Scenario {
  const web = { address: '198.51.100.10', port: 443 };
  const cdn = { address: '198.51.100.20', port: 443 };
  return {
    id: 'browse',
    title: SCENARIO_TITLES['browse'],
    summary:
      'A laptop and a phone open HTTPS connections. Both leave from the one public address; the phone happens to pick the same source port as the laptop for the same server, so the router has to choose another.',
    topology: {
      segments: [LAN, INTERNET],
      hosts: [
        { id: 'laptop', label: 'Laptop', segment: 'lan', address: '192.168.1.10' },
        { id: 'phone', label: 'Phone', segment: 'lan', address: '192.168.1.11' },
        { id: 'web', label: 'Web server', segment: 'internet', address: web.address },
        { id: 'cdn', label: 'CDN', segment: 'internet', address: cdn.address },
        { id: 'dns', label: 'DNS resolver', segment: 'internet', address: '198.51.100.53' },
      ],
      routers: [homeRouter(linux())],
    },
    steps: [
      {
        kind: 'send',
        from: 'laptop',
        protocol: 'tcp',
        srcPort: 50000,
        to: web,
        flag: 'SYN',
        note: 'Laptop opens a connection: the router keeps its source port 50000.',
      },
      {
        kind: 'reply',
        to: 0,
        flag: 'SYN-ACK',
        note: 'The server answers the public address; the router finds the session and sends it to the laptop.',
      },
      {
        kind: 'send',
        from: 'laptop',
        protocol: 'tcp',
        srcPort: 50000,
        to: web,
        flag: 'ACK',
        note: 'The handshake completes: the session is ESTABLISHED.',
      },
      {
        kind: 'send',
        from: 'phone',
        protocol: 'tcp',
        srcPort: 50000,
        to: web,
        flag: 'SYN',
        note: 'The phone uses port 50000 too, to the same server: 203.0.113.2:50000 → web:443 is taken, so the router searches for another port.',
      },
      {
        kind: 'reply',
        to: 3,
        flag: 'SYN-ACK',
        note: 'The reply comes back to the other port and is sent to the phone.',
      },
      {
        kind: 'send',
        from: 'phone',
        protocol: 'tcp',
        srcPort: 50001,
        to: cdn,
        flag: 'SYN',
        note: 'A connection to another server keeps its port.',
      },
      {
        kind: 'send',
        from: 'laptop',
        protocol: 'udp',
        srcPort: 50000,
        to: { address: '198.51.100.53', port: 53 },
        note: 'A DNS query over UDP from port 50000: UDP and TCP ports are separate, so it keeps 50000.',
      },
    ],
  };
}

function gameServer(): Scenario {
  const forwards = [
    { protocol: 'udp' as const, externalPorts: { min: 27015, max: 27015 }, internalAddress: '192.168.1.20' },
  ];
  return {
    id: 'game-server',
    title: SCENARIO_TITLES['game-server'],
    summary: 'A forwarding rule sends UDP port 27015 on the public address to the game server on the LAN.',
    topology: {
      segments: [LAN, INTERNET],
      hosts: [
        { id: 'server', label: 'Game server', segment: 'lan', address: '192.168.1.20' },
        { id: 'friend', label: 'Friend', segment: 'internet', address: '198.51.100.7' },
      ],
      routers: [homeRouter(linux(), 'internet', '203.0.113.2', forwards)],
    },
    steps: [
      {
        kind: 'send',
        from: 'friend',
        protocol: 'udp',
        srcPort: 40000,
        to: { address: '203.0.113.2', port: 27015 },
        note: 'The friend joins: the forwarding rule rewrites the destination to 192.168.1.20:27015.',
      },
      { kind: 'reply', to: 0, note: 'The server answers; the router rewrites the source back to 203.0.113.2:27015.' },
      {
        kind: 'send',
        from: 'friend',
        protocol: 'udp',
        srcPort: 40000,
        to: { address: '203.0.113.2', port: 27016 },
        note: 'Port 27016 has no rule and no mapping: the router refuses it.',
      },
    ],
  };
}

function gameServerCgnat(): Scenario {
  const forwards = [
    { protocol: 'udp' as const, externalPorts: { min: 27015, max: 27015 }, internalAddress: '192.168.1.20' },
  ];
  return {
    id: 'game-server-cgnat',
    title: SCENARIO_TITLES['game-server-cgnat'],
    summary:
      'The home router’s WAN address is 100.64.0.2 (RFC 6598 shared space); the public address belongs to the ISP’s NAT, which has no forwarding rule for you. Port control (PCP, RFC 6887) on the CGNAT, IPv6, or a relay the server connects out to are the ways round it.',
    topology: {
      segments: [LAN, { id: 'isp', label: 'ISP network', network: '100.64.0.0/10' }, INTERNET],
      hosts: [
        { id: 'server', label: 'Game server', segment: 'lan', address: '192.168.1.20' },
        { id: 'friend', label: 'Friend', segment: 'internet', address: '198.51.100.7' },
        { id: 'stun', label: 'STUN server', segment: 'internet', address: '192.0.2.3' },
      ],
      routers: [
        homeRouter(linux(), 'isp', '100.64.0.2', forwards),
        {
          id: 'cgnat',
          label: 'ISP CGNAT',
          lanSegment: 'isp',
          lanAddress: '100.64.0.1',
          wanSegment: 'internet',
          wanAddress: '203.0.113.2',
          behaviour: presetById('carrier-grade').behaviour,
          forwards: [],
        },
      ],
    },
    steps: [
      {
        kind: 'send',
        from: 'friend',
        protocol: 'udp',
        srcPort: 40000,
        to: { address: '203.0.113.2', port: 27015 },
        note: 'The friend aims at the public address: it is the ISP’s, and the CGNAT has no mapping for 27015.',
      },
      {
        kind: 'send',
        from: 'server',
        protocol: 'udp',
        srcPort: 27015,
        to: { address: '192.0.2.3', port: 3478 },
        note: 'The server asks a STUN server what it looks like from outside: two translations, two addresses.',
      },
      { kind: 'reply', to: 1, note: 'STUN answers with the endpoint it saw (XOR-MAPPED-ADDRESS).' },
      {
        kind: 'send',
        from: 'friend',
        protocol: 'udp',
        srcPort: 40000,
        to: { seenBy: 1 },
        note: 'Even aimed at that endpoint, the CGNAT filters the friend: it only lets in the STUN server.',
      },
    ],
  };
}

/** Two peers behind NATs with the given behaviours trying UDP hole punching through a STUN server. */
export function holePunchScenario(a: NatBehaviour, b: NatBehaviour): Scenario {
  const stun = { address: '192.0.2.3', port: 3478 };
  return {
    id: 'hole-punch',
    title: SCENARIO_TITLES['hole-punch'],
    summary:
      'Each peer learns its public endpoint from STUN, they swap them (through some signalling server), then both send at once. The first packet each way is usually dropped; it opens the sender’s own NAT for the answer.',
    topology: {
      segments: [
        { id: 'lan-a', label: 'Alice’s LAN', network: '192.168.1.0/24' },
        { id: 'lan-b', label: 'Bob’s LAN', network: '10.0.0.0/24' },
        INTERNET,
      ],
      hosts: [
        { id: 'alice', label: 'Alice', segment: 'lan-a', address: '192.168.1.10' },
        { id: 'bob', label: 'Bob', segment: 'lan-b', address: '10.0.0.10' },
        { id: 'stun', label: 'STUN server', segment: 'internet', address: stun.address },
      ],
      routers: [
        {
          id: 'nat-a',
          label: 'Alice’s router',
          lanSegment: 'lan-a',
          lanAddress: '192.168.1.1',
          wanSegment: 'internet',
          wanAddress: '203.0.113.2',
          behaviour: a,
          forwards: [],
        },
        {
          id: 'nat-b',
          label: 'Bob’s router',
          lanSegment: 'lan-b',
          lanAddress: '10.0.0.1',
          wanSegment: 'internet',
          wanAddress: '198.51.100.2',
          behaviour: b,
          forwards: [],
        },
      ],
    },
    steps: [
      {
        kind: 'send',
        from: 'alice',
        protocol: 'udp',
        srcPort: 5000,
        to: stun,
        note: 'Alice asks STUN where she appears.',
      },
      { kind: 'reply', to: 0, note: 'STUN tells her.' },
      { kind: 'send', from: 'bob', protocol: 'udp', srcPort: 6000, to: stun, note: 'Bob does the same.' },
      { kind: 'reply', to: 2, note: 'STUN tells him.' },
      {
        kind: 'send',
        from: 'alice',
        protocol: 'udp',
        srcPort: 5000,
        to: { seenBy: 2 },
        note: 'Alice sends to Bob’s public endpoint: it opens her NAT for Bob.',
      },
      {
        kind: 'send',
        from: 'bob',
        protocol: 'udp',
        srcPort: 6000,
        to: { seenBy: 0 },
        note: 'Bob sends to Alice’s public endpoint.',
      },
      { kind: 'send', from: 'alice', protocol: 'udp', srcPort: 5000, to: { seenBy: 2 }, note: 'Alice tries again.' },
      { kind: 'send', from: 'bob', protocol: 'udp', srcPort: 6000, to: { seenBy: 0 }, note: 'Bob tries again.' },
      {
        kind: 'reply',
        to: 4,
        note: 'If Alice’s first packet got through, Bob answers where it came from (ICE’s peer-reflexive candidate).',
      },
      { kind: 'reply', to: 6, note: 'Likewise for her second.' },
      { kind: 'reply', to: 5, note: 'If Bob’s packet got through, Alice answers where it came from.' },
      { kind: 'reply', to: 7, note: 'Likewise for his second.' },
    ],
  };
}

/** Did hole punching work: at least one packet reached Bob from Alice's side and one reached Alice from Bob's. */
export function holePunchWorks(results: readonly StepResult[]): boolean {
  const got = (host: string, idx: readonly number[]) =>
    idx.some((i) => {
      const o = results[i]?.walk?.outcome;
      return o?.delivered === true && o.host === host;
    });
  return got('bob', [4, 6, 10, 11]) && got('alice', [5, 7, 8, 9]);
}

/** The hole punching success matrix (row: the NAT of Alice, who sends first; column: Bob's). Not symmetric. */
export function holePunchMatrix(behaviours: readonly NatBehaviour[]): boolean[][] {
  return behaviours.map((a) =>
    behaviours.map((b) =>
      holePunchWorks(runSteps(holePunchScenario(a, b).topology, holePunchScenario(a, b).steps).results),
    ),
  );
}

/** A LAN host reaching the forwarded service through the router's public address. */
export function hairpinScenario(mode: HairpinMode = 'lan-source', protocol: Protocol = 'tcp'): Scenario {
  const tcp = protocol === 'tcp';
  const forwards = [
    {
      protocol,
      externalPorts: { min: 8080, max: 8080 },
      internalAddress: '192.168.1.20',
      internalPort: 80,
    },
  ];
  return {
    id: 'hairpin',
    title: SCENARIO_TITLES['hairpin'],
    summary:
      'The laptop uses the public address and forwarded port, as a friend outside would. Whether that works depends on the router translating the packet both ways (hairpinning).',
    topology: {
      segments: [LAN, INTERNET],
      hosts: [
        { id: 'laptop', label: 'Laptop', segment: 'lan', address: '192.168.1.10' },
        { id: 'nas', label: 'Home server', segment: 'lan', address: '192.168.1.20' },
      ],
      routers: [homeRouter({ ...linux(), hairpin: mode }, 'internet', '203.0.113.2', forwards)],
    },
    steps: [
      {
        kind: 'send',
        from: 'laptop',
        protocol,
        srcPort: 50000,
        to: { address: '203.0.113.2', port: 8080 },
        ...(tcp ? { flag: 'SYN' as const } : {}),
        note: 'The laptop connects to 203.0.113.2:8080.',
      },
      {
        kind: 'reply',
        to: 0,
        ...(tcp ? { flag: 'SYN-ACK' as const } : {}),
        note: 'The server answers whoever it saw as the source.',
      },
    ],
  };
}

/** Every built-in scenario. */
export function scenarioById(id: ScenarioId): Scenario {
  switch (id) {
    case 'browse':
      return browse();
    case 'game-server':
      return gameServer();
    case 'game-server-cgnat':
      return gameServerCgnat();
    case 'hole-punch':
      return holePunchScenario(linux(), linux());
    case 'hairpin':
      return hairpinScenario();
  }
}

/** Re-exported for callers that pick a preset by id. */
export type { PresetId };
