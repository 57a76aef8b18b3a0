/**
 * The worked examples of the NAT guide (src/content/docs/addressing/public-private-nat.mdx), run through the NAT model
 * (src/lib/nat, Linux masquerade: the preset checked against the kernel) when the page is built, so the guide's
 * translation tables, the ports in its sentences and its diagrams' labels are the model's. The inputs are fixed here;
 * a packet the example expects to get through and that does not is a bug, so it throws (and fails the build).
 */
import {
  formatEndpoint,
  linuxPortClass,
  type NetworkState,
  presetById,
  runSteps,
  type ScenarioStep,
  type Session,
  type StepResult,
  sessionView,
  type Topology,
  type Tuple,
} from '../nat/index.ts';

/** The home network of the guide: addresses from RFC 1918 inside and RFC 5737 (documentation) outside. */
export const NAT_GUIDE = {
  lanNetwork: '192.168.0.0/24',
  routerLan: '192.168.0.1',
  routerWan: '203.0.113.42',
  laptop: '192.168.0.101',
  phone: '192.168.0.102',
  server: { address: '198.51.100.7', port: 443 },
  /** The source port both devices' operating systems happen to pick. */
  sourcePort: 51000,
  visitor: { address: '198.51.100.23', port: 50123 },
} as const;

/** One row of a translation table as the guide prints it. */
export interface TranslationRow {
  readonly inside: string;
  readonly outside: string;
  readonly remote: string;
  /** The outside port alone, for sentences. */
  readonly outsidePort: number;
}

/** The NAPT walk-through: two devices, same source port, same server. */
export interface NaptExample {
  readonly laptop: TranslationRow;
  readonly phone: TranslationRow;
  /** How the phone's port was found: the range Linux searched. */
  readonly searched: string;
  /** The server's answer to the phone, as it reaches the router and as the router forwards it. */
  readonly reply: { readonly arrives: string; readonly forwarded: string };
}

function topology(forwards: Topology['routers'][number]['forwards'] = []): Topology {
  const g = NAT_GUIDE;
  return {
    segments: [
      { id: 'lan', label: 'Home network', network: g.lanNetwork },
      { id: 'internet', label: 'Internet', network: '0.0.0.0/0' },
    ],
    hosts: [
      { id: 'laptop', label: 'Laptop', segment: 'lan', address: g.laptop },
      { id: 'phone', label: 'Phone', segment: 'lan', address: g.phone },
      { id: 'server', label: 'Web server', segment: 'internet', address: g.server.address },
      { id: 'visitor', label: 'Visitor', segment: 'internet', address: g.visitor.address },
    ],
    routers: [
      {
        id: 'router',
        label: 'Home router',
        lanSegment: 'lan',
        lanAddress: g.routerLan,
        wanSegment: 'internet',
        wanAddress: g.routerWan,
        behaviour: presetById('linux-masquerade').behaviour,
        forwards,
      },
    ],
  };
}

/** `value`, or a thrown error naming what was missing: a worked example that does not work is a bug. */
export function need<T>(value: T | undefined | null | false, what: string): T {
  if (value === undefined || value === null || value === false) throw new Error(`NAT worked example: ${what}`);
  return value;
}

/** Runs `steps`; throws unless every packet was delivered (the examples show working traffic). */
export function runExample(
  t: Topology,
  steps: readonly ScenarioStep[],
): { results: StepResult[]; state: NetworkState } {
  const out = runSteps(t, steps);
  for (const r of out.results) need(r.walk?.outcome.delivered, `step ${r.index + 1} was not delivered`);
  return out;
}

/** The tuple a delivered step arrived with (runExample has checked it was delivered). */
function arrived(r: StepResult | undefined): Tuple {
  const o = need(r?.walk, 'a step of the example').outcome;
  return need(o.delivered && o.tuple, 'a delivered step');
}

function row(session: Session | undefined): TranslationRow {
  const v = sessionView(need(session, 'a session in the router table'));
  return {
    inside: formatEndpoint(v.internal),
    outside: formatEndpoint(v.external),
    remote: formatEndpoint(v.remote),
    outsidePort: v.external.port,
  };
}

/**
 * The laptop, then the phone, open HTTPS connections to the same server from the same source port; the server
 * answers the phone. Linux keeps the laptop's port (it is free) and must search for the phone's, since
 * `203.0.113.42:51000 ↔ 198.51.100.7:443` is already the laptop's connection.
 */
export function naptExample(): NaptExample {
  const g = NAT_GUIDE;
  const t = topology();
  const send = (from: string): ScenarioStep => ({
    kind: 'send',
    from,
    protocol: 'tcp',
    srcPort: g.sourcePort,
    to: g.server,
    flag: 'SYN',
    note: '',
  });
  const { results, state } = runExample(t, [
    send('laptop'),
    send('phone'),
    { kind: 'reply', to: 1, flag: 'SYN-ACK', note: '' },
  ]);
  const sessions = need(state.tables['router'], 'the router’s table').sessions;
  const hops = need(results[2]?.walk, 'the reply’s walk').hops;
  const range = linuxPortClass(g.sourcePort);
  return {
    laptop: row(sessions.find((s) => s.original.src.address === g.laptop)),
    phone: row(sessions.find((s) => s.original.src.address === g.phone)),
    searched: `${range.min}–${range.max}`,
    reply: {
      arrives: formatEndpoint(need(hops[0], 'the reply’s first leg').tuple.dst),
      forwarded: formatEndpoint(need(hops[hops.length - 1], 'the reply’s last leg').tuple.dst),
    },
  };
}

/** One port-forwarding rule as the guide's table prints it, with the visitor's packet through it. */
export interface ForwardRow {
  readonly protocol: string;
  readonly external: string;
  readonly internal: string;
  /** The visitor's packet after the router: its destination. */
  readonly deliveredTo: string;
  /** The laptop's answer after the router: its source, which the visitor's browser sees. */
  readonly answerFrom: string;
}

/** The guide's two rules: TCP 80 → laptop:80, and TCP 8080 → laptop:80 for ISPs that block port 80. */
export const FORWARD_RULES = [
  { protocol: 'tcp', externalPorts: { min: 80, max: 80 }, internalAddress: NAT_GUIDE.laptop, internalPort: 80 },
  { protocol: 'tcp', externalPorts: { min: 8080, max: 8080 }, internalAddress: NAT_GUIDE.laptop, internalPort: 80 },
] as const;

/**
 * Each rule of {@link FORWARD_RULES}, exercised: the visitor connects to the router's public address on the rule's
 * external port; the laptop answers.
 */
export function forwardExample(): { readonly web: ForwardRow; readonly alternate: ForwardRow } {
  const g = NAT_GUIDE;
  const [web, alternate] = FORWARD_RULES.map((rule): ForwardRow => {
    const { results } = runExample(topology([rule]), [
      {
        kind: 'send',
        from: 'visitor',
        protocol: rule.protocol,
        srcPort: g.visitor.port,
        to: { address: g.routerWan, port: rule.externalPorts.min },
        flag: 'SYN',
        note: '',
      },
      { kind: 'reply', to: 0, flag: 'SYN-ACK', note: '' },
    ]);
    const inbound = arrived(results[0]);
    return {
      protocol: rule.protocol.toUpperCase(),
      external: formatEndpoint({ address: g.routerWan, port: rule.externalPorts.min }),
      internal: formatEndpoint(inbound.dst),
      deliveredTo: formatEndpoint(inbound.dst),
      answerFrom: formatEndpoint(arrived(results[1]).src),
    };
  });
  return { web: need(web, 'the first rule'), alternate: need(alternate, 'the second rule') };
}
