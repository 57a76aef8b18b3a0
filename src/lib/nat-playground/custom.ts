/**
 * "Build your own": the playground's topology editor. Three texts, one item a line, turn into a scenario of the NAT
 * model — the hosts on the home LAN, the router's port forwards, and the packets to send:
 *
 *   hosts     laptop=192.168.1.10            a name and an address on 192.168.1.0/24 (.1 is the router)
 *   forwards  tcp 8080=server:80             protocol, external port or range a-b, host (name or address)[:port]
 *   packets   laptop:50000>198.51.100.10:443 tcp SYN      from > to, protocol, optional TCP flag
 *             198.51.100.7:40000>203.0.113.2:8080 tcp     from outside, to the router's public address
 *             reply 1 SYN-ACK                           the receiver of packet 1 answers it
 *             wait 60                                   let 60 s pass
 *
 * Outside hosts are whatever documentation addresses (RFC 5737) the packets use. Every input is bounded (lines,
 * characters, ports, seconds) and every refusal is typed and quotes the line, its number and the text.
 * Loaded by the island only when a reader picks "Build your own" (the view model's index does not import it), so the
 * parser's bytes stay out of the first download; its bounds and defaults live in custom-limits.ts.
 */
import {
  type ForwardRule,
  type Host,
  type NatBehaviour,
  PROTOCOLS,
  type Protocol,
  type ScenarioStep,
  TCP_FLAGS,
  type TcpFlag,
  type Topology,
} from '../nat/index.ts';
// Straight from its module, not the index: only this lazily loaded parser uses it, so it stays out of the island.
import { validateTopology } from '../nat/topology-check.ts';
import {
  CUSTOM_LIMITS,
  CUSTOM_NETWORK,
  CUSTOM_TEXT_LIMIT,
  type CustomField,
  type CustomText,
} from './custom-limits.ts';

export {
  CUSTOM_DEFAULT,
  CUSTOM_FIELDS,
  CUSTOM_LIMITS,
  CUSTOM_NETWORK,
  CUSTOM_TEXT_LIMIT,
  type CustomField,
  type CustomText,
} from './custom-limits.ts';

export const CUSTOM_ERROR_CODES = [
  'no-packets',
  'too-many-lines',
  'line-too-long',
  'bad-syntax',
  'bad-name',
  'bad-address',
  'bad-port',
  'duplicate',
  'unknown-host',
  'bad-reply',
  'bad-wait',
] as const;
export type CustomErrorCode = (typeof CUSTOM_ERROR_CODES)[number];

/** Why a custom network was refused: the field, the line (1-based) and a message quoting it. */
export interface CustomError {
  readonly code: CustomErrorCode;
  readonly field: CustomField;
  readonly line: number;
  readonly message: string;
}

export type CustomResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: CustomError };

/** What the editor builds: a topology and its steps (the router's behaviour is the playground's NAT choice). */
export interface CustomNetwork {
  readonly topology: Topology;
  readonly steps: readonly ScenarioStep[];
}

const FIELD_LABELS: Record<CustomField, string> = { hosts: 'Hosts', forwards: 'Port forwards', packets: 'Packets' };
const NAME = /^[a-z][a-z0-9-]{0,15}$/;
const QUOTE = 40;
const quote = (text: string) => `'${text.length > QUOTE ? `${text.slice(0, QUOTE)}…` : text}'`;

/** A dotted quad as a number, or undefined (no leading zeros, as the model's own check). */
function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return undefined;
    value = value * 256 + Number(p);
  }
  return value;
}

const LAN_FIRST = 0xc0a80100; // 192.168.1.0
/** RFC 5737 documentation blocks: the internet of this playground. */
const DOCUMENTATION = [0xc0000200, 0xc6336400, 0xcb007100]; // 192.0.2.0, 198.51.100.0, 203.0.113.0 (/24 each)
const isDocumentation = (a: number) => DOCUMENTATION.some((first) => a >= first && a < first + 256);

interface Line {
  readonly n: number;
  readonly text: string;
}

/** The non-blank lines of a text, trimmed, with their 1-based numbers; refuses too many or too long lines. */
function linesOf(field: CustomField, text: string, max: number): CustomResult<Line[]> {
  const lines: Line[] = [];
  const all = text.slice(0, CUSTOM_TEXT_LIMIT).split('\n');
  for (let i = 0; i < all.length; i++) {
    const t = (all[i] ?? '').trim();
    if (t === '') continue;
    if (t.length > CUSTOM_LIMITS.lineLength) {
      return fail(
        field,
        i + 1,
        'line-too-long',
        `is ${t.length} characters long; at most ${CUSTOM_LIMITS.lineLength}`,
        t,
      );
    }
    if (lines.length === max) {
      return fail(
        field,
        i + 1,
        'too-many-lines',
        `is one line too many: at most ${max} ${FIELD_LABELS[field].toLowerCase()}`,
        t,
      );
    }
    lines.push({ n: i + 1, text: t });
  }
  return { ok: true, value: lines };
}

function fail<T>(field: CustomField, line: number, code: CustomErrorCode, what: string, text: string): CustomResult<T> {
  return {
    ok: false,
    error: { code, field, line, message: `${FIELD_LABELS[field]}, line ${line}, ${quote(text)}: ${what}.` },
  };
}

function port(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= 65535 ? n : undefined;
}

/** Parses the three texts into a network; the router gets `behaviour`. Never throws. */
export function parseCustom(text: CustomText, behaviour: NatBehaviour): CustomResult<CustomNetwork> {
  const hostLines = linesOf('hosts', text.hosts, CUSTOM_LIMITS.hosts);
  if (!hostLines.ok) return hostLines;
  const lanHosts: Host[] = [];
  for (const { n, text: t } of hostLines.value) {
    const m = /^([^=\s]+)\s*=\s*(\S+)$/.exec(t);
    if (!m) return fail('hosts', n, 'bad-syntax', 'write a name, = and an address, e.g. laptop=192.168.1.10', t);
    const [, name = '', address = ''] = m;
    if (!NAME.test(name))
      return fail(
        'hosts',
        n,
        'bad-name',
        `the name ${quote(name)} must be lower-case letters, digits or -, starting with a letter (at most 16)`,
        t,
      );
    const a = ipv4(address);
    if (a === undefined)
      return fail('hosts', n, 'bad-address', `${quote(address)} is not an IPv4 address like 192.168.1.10`, t);
    if (a - LAN_FIRST < 2 || a - LAN_FIRST > 254) {
      return fail(
        'hosts',
        n,
        'bad-address',
        `${address} is not a host of the home LAN: use 192.168.1.2–192.168.1.254 (.1 is the router)`,
        t,
      );
    }
    if (lanHosts.some((h) => h.id === name)) return fail('hosts', n, 'duplicate', `the name ${name} is used twice`, t);
    if (lanHosts.some((h) => h.address === address))
      return fail('hosts', n, 'duplicate', `the address ${address} is used twice`, t);
    lanHosts.push({ id: name, label: name, segment: 'lan', address });
  }
  /** A LAN host by name or address. */
  const lanHost = (who: string) => lanHosts.find((h) => h.id === who || h.address === who);

  const forwardLines = linesOf('forwards', text.forwards, CUSTOM_LIMITS.forwards);
  if (!forwardLines.ok) return forwardLines;
  const forwards: ForwardRule[] = [];
  for (const { n, text: t } of forwardLines.value) {
    const m = /^(\w+)\s+(\d+)(?:-(\d+))?\s*=\s*([^:\s]+)(?::(\d+))?$/.exec(t);
    if (!m)
      return fail(
        'forwards',
        n,
        'bad-syntax',
        'write protocol, external port (or a-b), = and host[:port], e.g. tcp 8080=server:80',
        t,
      );
    const [, proto = '', from = '', to, who = '', inPort] = m;
    if (!(PROTOCOLS as readonly string[]).includes(proto))
      return fail('forwards', n, 'bad-syntax', `protocol ${quote(proto)} must be udp or tcp`, t);
    const min = port(from);
    const max = to === undefined ? min : port(to);
    if (min === undefined || max === undefined || max < min) {
      return fail('forwards', n, 'bad-port', 'external ports must be 1–65535, the smaller first', t);
    }
    const internalPort = inPort === undefined ? undefined : port(inPort);
    if (inPort !== undefined && (internalPort === undefined || internalPort + (max - min) > 65535)) {
      return fail(
        'forwards',
        n,
        'bad-port',
        `internal port ${quote(inPort)} must be 1–65535 (and leave room for the range)`,
        t,
      );
    }
    const host = lanHost(who);
    if (!host) return fail('forwards', n, 'unknown-host', `${quote(who)} is not one of the hosts`, t);
    forwards.push({
      protocol: proto as Protocol,
      externalPorts: { min, max },
      internalAddress: host.address,
      ...(internalPort === undefined ? {} : { internalPort }),
    });
  }

  const packetLines = linesOf('packets', text.packets, CUSTOM_LIMITS.packets);
  if (!packetLines.ok) return packetLines;
  if (packetLines.value.length === 0) {
    return {
      ok: false,
      error: { code: 'no-packets', field: 'packets', line: 1, message: 'Packets: add at least one packet to send.' },
    };
  }
  const outside = new Map<string, Host>();
  const steps: ScenarioStep[] = [];
  for (const { n, text: t } of packetLines.value) {
    const step = parsePacket(t, n, steps, lanHost, outside);
    if (!step.ok) return step;
    steps.push(step.value);
  }
  const topology: Topology = {
    segments: [
      { id: 'lan', label: 'Home LAN', network: CUSTOM_NETWORK.lan },
      { id: 'internet', label: 'Internet', network: '0.0.0.0/0' },
    ],
    hosts: [...lanHosts, ...outside.values()],
    routers: [
      {
        id: 'router',
        label: 'Home router',
        lanSegment: 'lan',
        lanAddress: CUSTOM_NETWORK.routerLan,
        wanSegment: 'internet',
        wanAddress: CUSTOM_NETWORK.routerWan,
        behaviour,
        forwards,
      },
    ],
  };
  // Everything above keeps the topology valid; this is the model's own check, kept as a guard.
  const valid = validateTopology(topology);
  if (!valid.ok) return fail('hosts', 1, 'bad-address', valid.error.message, text.hosts.split('\n')[0] ?? '');
  return { ok: true, value: { topology, steps } };
}

/** One line of the packets text: a packet, a reply or a wait. `outside` collects the outside hosts used. */
function parsePacket(
  t: string,
  n: number,
  before: readonly ScenarioStep[],
  lanHost: (who: string) => Host | undefined,
  outside: Map<string, Host>,
): CustomResult<ScenarioStep> {
  const flagOf = (f: string | undefined): TcpFlag | undefined | null =>
    f === undefined
      ? undefined
      : (TCP_FLAGS as readonly string[]).includes(f.toUpperCase())
        ? (f.toUpperCase() as TcpFlag)
        : null;
  const wait = /^wait\s+(\S+)$/i.exec(t);
  if (wait) {
    const s = Number(wait[1]);
    if (!/^\d+(\.\d+)?$/.test(wait[1] ?? '') || !(s >= 0 && s <= CUSTOM_LIMITS.waitSeconds)) {
      return fail('packets', n, 'bad-wait', `wait takes seconds from 0 to ${CUSTOM_LIMITS.waitSeconds}`, t);
    }
    return { ok: true, value: { kind: 'wait', seconds: s, note: `${s} s pass.` } };
  }
  const reply = /^reply\s+(\S+)(?:\s+(\S+))?$/i.exec(t);
  if (reply) {
    const k = Number(reply[1]);
    const target = before[k - 1];
    if (!/^\d{1,3}$/.test(reply[1] ?? '') || !target || target.kind === 'wait') {
      const which =
        before.length === 0
          ? 'an earlier packet to answer'
          : `the number of an earlier packet (1–${before.length}), not a wait`;
      return fail('packets', n, 'bad-reply', `reply needs ${which}`, t);
    }
    const flag = flagOf(reply[2]);
    if (flag === null)
      return fail(
        'packets',
        n,
        'bad-syntax',
        `TCP flag ${quote(reply[2] ?? '')} must be one of ${TCP_FLAGS.join(', ')}`,
        t,
      );
    return {
      ok: true,
      value: { kind: 'reply', to: k - 1, ...(flag ? { flag } : {}), note: `The receiver of packet ${k} answers it.` },
    };
  }
  const m = /^(\S+):(\S+)\s*>\s*(\S+):(\S+)\s+(\w+)(?:\s+(\S+))?$/.exec(t);
  if (!m) {
    return fail(
      'packets',
      n,
      'bad-syntax',
      'write from:port>to:port protocol [flag], reply N [flag] or wait seconds',
      t,
    );
  }
  const [, src = '', srcPortText = '', dst = '', dstPortText = '', proto = '', flagText] = m;
  if (!(PROTOCOLS as readonly string[]).includes(proto.toLowerCase())) {
    return fail('packets', n, 'bad-syntax', `protocol ${quote(proto)} must be udp or tcp`, t);
  }
  const protocol = proto.toLowerCase() as Protocol;
  const flag = flagOf(flagText);
  if (flag === null || (flag !== undefined && protocol === 'udp')) {
    return fail(
      'packets',
      n,
      'bad-syntax',
      `${quote(flagText ?? '')}: a TCP flag is one of ${TCP_FLAGS.join(', ')}, and UDP has none`,
      t,
    );
  }
  const srcPort = port(srcPortText);
  const dstPort = port(dstPortText);
  if (srcPort === undefined || dstPort === undefined) return fail('packets', n, 'bad-port', 'ports must be 1–65535', t);
  const endpoint = (who: string): CustomResult<{ host?: Host; address: string }> => {
    const lan = lanHost(who);
    if (lan) return { ok: true, value: { host: lan, address: lan.address } };
    const a = ipv4(who);
    if (a === undefined)
      return fail('packets', n, 'unknown-host', `${quote(who)} is neither a host's name nor an IPv4 address`, t);
    if (who === CUSTOM_NETWORK.routerWan) return { ok: true, value: { address: who } };
    if (a >= LAN_FIRST && a < LAN_FIRST + 256) {
      return fail('packets', n, 'unknown-host', `${who} is on the home LAN but is not one of the hosts`, t);
    }
    if (!isDocumentation(a)) {
      return fail(
        'packets',
        n,
        'bad-address',
        `${who} is not a documentation address: outside hosts use 192.0.2.x, 198.51.100.x or 203.0.113.x`,
        t,
      );
    }
    let host = outside.get(who);
    if (!host) {
      host = { id: `net-${who}`, label: who, segment: 'internet', address: who };
      outside.set(who, host);
    }
    return { ok: true, value: { host, address: who } };
  };
  const from = endpoint(src);
  if (!from.ok) return from;
  if (!from.value.host)
    return fail('packets', n, 'bad-address', `the router's public address ${src} cannot send a packet; pick a host`, t);
  const to = endpoint(dst);
  if (!to.ok) return to;
  return {
    ok: true,
    value: {
      kind: 'send',
      from: from.value.host.id,
      protocol,
      srcPort,
      to: { address: to.value.address, port: dstPort },
      ...(flag ? { flag } : {}),
      note: `${src}:${srcPort} sends to ${dst}:${dstPort} (${protocol.toUpperCase()}${flag ? ` ${flag}` : ''}).`,
    },
  };
}
