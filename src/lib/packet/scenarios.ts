/** Whole scenarios as frames: the journey's HTTP fetch over TCP, a DNS lookup, ARP, ping — numbers consistent. */
import { encodeDnsMessage } from './dns.ts';
import { buildFrame, ipv4, ipv6, mac } from './encode.ts';
import type { EthernetSpec, FrameSpec, TcpOption } from './spec.ts';
import { TCP_FLAGS } from './spec.ts';
import { type ClientHelloOptions, encodeClientHello } from './tls.ts';

export interface ScenarioPacket {
  readonly description: string;
  readonly frame: Uint8Array;
  /** Microseconds after the first packet. */
  readonly time: number;
}
export interface Scenario {
  readonly title: string;
  readonly packets: ScenarioPacket[];
}

/** The site's journey example: a laptop fetching http://example.com/ through its home router. Documentation addresses (RFC 5737, RFC 3849). */
export const JOURNEY = {
  clientMac: mac('02:00:5e:10:00:01'),
  routerMac: mac('02:00:5e:10:00:fe'),
  clientIp: ipv4('192.0.2.10'),
  routerIp: ipv4('192.0.2.1'),
  serverIp: ipv4('203.0.113.80'),
  resolverIp: ipv4('192.0.2.53'),
  clientIp6: ipv6('2001:db8::10'),
  serverIp6: ipv6('2001:db8:80::80'),
  clientPort: 49_152,
  clientIsn: 0x1a2b3c4d,
  serverIsn: 0x5e6f7081,
} as const;

const toServer: EthernetSpec = { src: JOURNEY.clientMac, dst: JOURNEY.routerMac };
const toClient: EthernetSpec = { src: JOURNEY.routerMac, dst: JOURNEY.clientMac };
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

export interface HttpScenarioOptions {
  readonly version?: 4 | 6;
  readonly path?: string;
  readonly host?: string;
  readonly body?: string;
  readonly mss?: number;
  /** Server port (80). */
  readonly port?: number;
  /** The client's first bytes instead of the GET (a TLS ClientHello on 443). */
  readonly request?: Uint8Array;
}

/**
 * TCP handshake, GET, the response and the ACKs; every seq/ack follows from the bytes sent before it.
 * Long on purpose: one statement per packet in wire order, so reading the function is reading the capture.
 */
export function httpScenario(o: HttpScenarioOptions = {}): Scenario {
  const v6 = o.version === 6;
  const c = v6 ? JOURNEY.clientIp6 : JOURNEY.clientIp;
  const s = v6 ? JOURNEY.serverIp6 : JOURNEY.serverIp;
  const mss = o.mss ?? (v6 ? 1440 : 1460);
  const port = o.port ?? 80;
  const body = o.body ?? '<!doctype html><title>Example</title><p>Hello from the journey.</p>\n';
  const request =
    o.request ??
    text(
      `GET ${o.path ?? '/'} HTTP/1.1\r\nHost: ${o.host ?? 'example.com'}\r\nUser-Agent: packet-journey\r\nAccept: */*\r\n\r\n`,
    );
  const response = text(
    `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: ${new TextEncoder().encode(body).length}\r\n\r\n${body}`,
  );
  let cSeq = JOURNEY.clientIsn;
  let sSeq = JOURNEY.serverIsn;
  let id = 0x1000;
  const synOpts = (ts: number, echo: number): TcpOption[] => [
    { kind: 'mss', value: mss },
    { kind: 'sack-permitted' },
    { kind: 'timestamps', value: ts, echo },
    { kind: 'nop' },
    { kind: 'window-scale', shift: 7 },
  ];
  const frame = (fromClient: boolean, flags: number, payload: Uint8Array, options: TcpOption[] = []): Uint8Array => {
    const spec: FrameSpec = {
      ethernet: fromClient ? toServer : toClient,
      network: v6
        ? { kind: 'ipv6', src: fromClient ? c : s, dst: fromClient ? s : c, hopLimit: fromClient ? 64 : 52 }
        : {
            kind: 'ipv4',
            src: fromClient ? c : s,
            dst: fromClient ? s : c,
            df: true,
            id: id++,
            ttl: fromClient ? 64 : 52,
          },
      transport: {
        kind: 'tcp',
        srcPort: fromClient ? JOURNEY.clientPort : port,
        dstPort: fromClient ? port : JOURNEY.clientPort,
        seq: fromClient ? cSeq : sSeq,
        ack: flags & TCP_FLAGS.ACK ? (fromClient ? sSeq : cSeq) : 0,
        flags,
        window: flags & TCP_FLAGS.SYN ? 64_240 : 502,
        options,
      },
      payload,
    };
    return buildFrame(spec);
  };
  const { SYN, ACK, PSH, FIN } = TCP_FLAGS;
  const packets: ScenarioPacket[] = [];
  const add = (description: string, f: Uint8Array, time: number): void => {
    packets.push({ description, frame: f, time });
  };
  add(
    'SYN: the client picks its initial sequence number and offers MSS, SACK, timestamps, window scaling',
    frame(true, SYN, new Uint8Array(0), synOpts(1000, 0)),
    0,
  );
  cSeq = (cSeq + 1) >>> 0;
  add(
    'SYN-ACK: the server acknowledges ISN + 1 and picks its own',
    frame(false, SYN | ACK, new Uint8Array(0), synOpts(5000, 1000)),
    20_000,
  );
  sSeq = (sSeq + 1) >>> 0;
  add('ACK: the handshake is done after one round trip', frame(true, ACK, new Uint8Array(0)), 40_000);
  add(
    `GET: ${request.length} bytes of HTTP request, seq unchanged by the bare ACK`,
    frame(true, PSH | ACK, request),
    40_100,
  );
  cSeq = (cSeq + request.length) >>> 0;
  add(`ACK: the server has the ${request.length} request bytes`, frame(false, ACK, new Uint8Array(0)), 60_000);
  for (let at = 0, k = 0; at < response.length && k < 64; at += mss, k++) {
    const part = response.subarray(at, at + mss);
    const last = at + mss >= response.length;
    add(
      `Response segment ${k + 1}: ${part.length} bytes (MSS ${mss})`,
      frame(false, last ? PSH | ACK : ACK, part),
      61_000 + k * 100,
    );
    sSeq = (sSeq + part.length) >>> 0;
  }
  add('ACK: the client has the whole response', frame(true, ACK, new Uint8Array(0)), 81_000);
  add('FIN: the client closes its side', frame(true, FIN | ACK, new Uint8Array(0)), 81_100);
  return { title: `HTTP/1.1 GET over TCP/IPv${v6 ? 6 : 4}`, packets };
}

/**
 * The start of an HTTPS connection: the TCP handshake to port 443, the client's TLS 1.3 ClientHello (SNI, ALPN,
 * supported_versions, key_share) and the server's ACK of it. The handshake packets are the HTTP scenario's on 443.
 */
export function tlsScenario(o: ClientHelloOptions & { readonly version?: 4 | 6 } = {}): Scenario {
  const hello = encodeClientHello(o);
  const packets = httpScenario({ version: o.version ?? 4, port: 443, request: hello }).packets.slice(0, 5);
  const say = [
    undefined,
    undefined,
    undefined,
    `ClientHello: ${hello.length} bytes in one TLS record; SNI names the site, ALPN offers h2 and HTTP/1.1`,
    `ACK: the server has the ${hello.length} ClientHello bytes`,
  ];
  return {
    title: `TLS 1.3 ClientHello over TCP/IPv${o.version ?? 4}`,
    packets: packets.map((p, i) => ({ ...p, description: say[i] ?? p.description })),
  };
}

export function dnsScenario(name = 'example.com'): Scenario {
  const net = (fromClient: boolean): FrameSpec['network'] => ({
    kind: 'ipv4',
    src: fromClient ? JOURNEY.clientIp : JOURNEY.resolverIp,
    dst: fromClient ? JOURNEY.resolverIp : JOURNEY.clientIp,
    id: fromClient ? 0x2001 : 0x7001,
  });
  const query = encodeDnsMessage({ id: 0x4a4a, response: false, name, type: 1 });
  const answer = encodeDnsMessage({ id: 0x4a4a, response: true, name, type: 1, answers: [JOURNEY.serverIp] });
  return {
    title: `DNS lookup of ${name} over UDP`,
    packets: [
      {
        description: `Query: A record of ${name}`,
        frame: buildFrame({
          ethernet: toServer,
          network: net(true),
          transport: { kind: 'udp', srcPort: 53_000, dstPort: 53 },
          payload: query,
        }),
        time: 0,
      },
      {
        description: 'Response: one A record',
        frame: buildFrame({
          ethernet: toClient,
          network: net(false),
          transport: { kind: 'udp', srcPort: 53, dstPort: 53_000 },
          payload: answer,
        }),
        time: 12_000,
      },
    ],
  };
}

export function arpScenario(): Scenario {
  const zero = new Uint8Array(6);
  const broadcast = mac('ff:ff:ff:ff:ff:ff');
  return {
    title: 'ARP: who has the router?',
    packets: [
      {
        description: 'Request, broadcast: who has 192.0.2.1? Tell 192.0.2.10',
        frame: buildFrame({
          ethernet: { src: JOURNEY.clientMac, dst: broadcast },
          network: {
            kind: 'arp',
            opcode: 1,
            senderMac: JOURNEY.clientMac,
            senderIp: JOURNEY.clientIp,
            targetMac: zero,
            targetIp: JOURNEY.routerIp,
          },
        }),
        time: 0,
      },
      {
        description: 'Reply, unicast: 192.0.2.1 is at the router’s MAC',
        frame: buildFrame({
          ethernet: toClient,
          network: {
            kind: 'arp',
            opcode: 2,
            senderMac: JOURNEY.routerMac,
            senderIp: JOURNEY.routerIp,
            targetMac: JOURNEY.clientMac,
            targetIp: JOURNEY.clientIp,
          },
        }),
        time: 1_000,
      },
    ],
  };
}

export function pingScenario(version: 4 | 6 = 4, count = 1): Scenario {
  const data = Uint8Array.from({ length: 56 }, (_, i) => i);
  const packets: ScenarioPacket[] = [];
  for (let seq = 1; seq <= Math.min(count, 100); seq++) {
    for (const fromClient of [true, false]) {
      const network: FrameSpec['network'] =
        version === 6
          ? {
              kind: 'ipv6',
              src: fromClient ? JOURNEY.clientIp6 : JOURNEY.serverIp6,
              dst: fromClient ? JOURNEY.serverIp6 : JOURNEY.clientIp6,
            }
          : {
              kind: 'ipv4',
              src: fromClient ? JOURNEY.clientIp : JOURNEY.serverIp,
              dst: fromClient ? JOURNEY.serverIp : JOURNEY.clientIp,
              df: true,
              id: seq,
            };
      const transport: FrameSpec['transport'] =
        version === 6
          ? { kind: 'icmpv6', type: fromClient ? 128 : 129, code: 0, id: 0x77, seq }
          : { kind: 'icmp', type: fromClient ? 8 : 0, code: 0, id: 0x77, seq };
      packets.push({
        description: `Echo ${fromClient ? 'request' : 'reply'} ${seq}`,
        frame: buildFrame({ ethernet: fromClient ? toServer : toClient, network, transport, payload: data }),
        time: (seq - 1) * 1_000_000 + (fromClient ? 0 : 20_000),
      });
    }
  }
  return { title: `ping over IPv${version}`, packets };
}
