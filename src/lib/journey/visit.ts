/**
 * One visit (cold or warm) of an already parsed URL: the times of each step (`visitTimes`), then the phases and
 * ladder messages of the setup (`setupPhases`) and of the exchange through the edge (`exchangePhases`), and curl's
 * marks. Time 0 is the moment Enter is pressed; each phase starts where the previous one ended.
 */
import { type ScenarioId, type ScenarioResult, simulateHandshake, validateInput } from '../handshake/index.ts';
import type { Result } from '../playground/result.ts';
import type { DnsStep } from './dns-step.ts';
import { type Exchange, httpExchange } from './http-step.ts';
import { dnsLink, httpLink, proxyLink, tlsLink } from './links.ts';
import { proxyHop } from './proxy-step.ts';
import type {
  CurlMarks,
  HttpVersion,
  JourneyError,
  JourneyPhase,
  LadderMessage,
  Lane,
  ParsedUrl,
  PhaseId,
  ResolvedInput,
  TlsVersion,
  Visit,
} from './types.ts';

export const GUIDES = {
  url: 'start/url-journey',
  dns: 'names/dns',
  tcp: 'transport/tcp-vs-udp',
  tls: 'security/tls',
  http: 'web/http-versions',
  proxy: 'infrastructure/proxies',
  server: 'infrastructure/api-gateways',
} as const;

export const round = (ms: number): number => Math.round(ms * 1000) / 1000;
export const ms = (v: number): string => `${round(v)} ms`;

/** The Host header the browser sends: IPv6 in brackets, the port when it is not the default. */
export function hostHeader(url: ParsedUrl): string {
  const host = url.hostKind === 'ipv6' ? `[${url.host}]` : url.host;
  return url.defaultPort ? host : `${host}:${url.port}`;
}

/** The handshake scenario for the client's connection. */
function scenarioFor(
  url: ParsedUrl,
  version: HttpVersion,
  tls: TlsVersion,
  visit: Visit,
  input: ResolvedInput,
): ScenarioId {
  const warm = visit === 'warm';
  if (warm && input.warmConnection === 'reused') return 'tcp-reused';
  if (url.scheme === 'http') return 'tcp-new';
  if (version === '3') return warm ? 'quic-0rtt' : 'quic-new';
  if (tls === '1.2') return warm ? 'tls12-resumed' : 'tls12-full';
  return warm ? 'tls13-psk' : 'tls13-full';
}

export interface Core {
  readonly phases: JourneyPhase[];
  readonly messages: LadderMessage[];
  readonly marks: CurlMarks;
  readonly scenario: ScenarioId;
  readonly address: string | null;
  readonly dnsMs: number;
  readonly setupMs: number;
  readonly downloadMs: number;
}

/**
 * The lookup's ladder. Hop times are ms from the lookup's start. The stub's query is drawn arriving when the
 * resolver starts on it (its first upstream query, or — answered from cache — when it answers), and the answer
 * leaving half a stub round trip before it arrives; a TCP/DoT/DoH connection's setup before it is not drawn.
 */
function dnsMessages(step: DnsStep & { ok: true }, stubRttMs: number): LadderMessage[] {
  const hops = step.resolution.hops;
  const upstream = hops.filter((h) => h.from === 'resolver');
  const firstUpstream = upstream.length === 0 ? undefined : Math.min(...upstream.map((h) => h.sendMs));
  const out: LadderMessage[] = [];
  let firstStub = true;
  for (const hop of hops) {
    const q = hop.query.questions[0];
    const question =
      q === undefined ? 'query' : `${q.name} ${q.type === 1 ? 'A' : q.type === 2 ? 'NS' : String(q.type)}?`;
    if (hop.from === 'stub') {
      const leave = hop.receiveMs - stubRttMs / 2;
      const arrive = firstStub && firstUpstream !== undefined ? Math.min(firstUpstream, leave) : leave;
      firstStub = false;
      const send = Math.max(0, arrive - stubRttMs / 2);
      out.push({
        from: 'client',
        to: 'resolver',
        sendMs: round(send),
        arriveMs: round(arrive),
        label: question,
        phase: 'dns',
      });
      out.push({
        from: 'resolver',
        to: 'client',
        sendMs: round(leave),
        arriveMs: round(hop.receiveMs),
        label: hop.outcome,
        phase: 'dns',
      });
      continue;
    }
    const mid = (hop.sendMs + hop.receiveMs) / 2;
    out.push({
      from: 'resolver',
      to: 'authoritative',
      sendMs: round(hop.sendMs),
      arriveMs: round(mid),
      label: question,
      phase: 'dns',
    });
    out.push({
      from: 'authoritative',
      to: 'resolver',
      sendMs: round(mid),
      arriveMs: round(hop.receiveMs),
      label: hop.outcome,
      phase: 'dns',
    });
  }
  return out;
}

/** The times (ms since Enter) of one visit's steps, and what produced them. */
interface Times {
  readonly url: ParsedUrl;
  readonly input: ResolvedInput;
  readonly dns: (DnsStep & { ok: true }) | null;
  readonly version: HttpVersion;
  readonly tls: boolean;
  readonly quic: boolean;
  readonly scenario: ScenarioId;
  readonly reused: boolean;
  /** The handshake model's run for the client's connection (times from the end of DNS). */
  readonly hs: ScenarioResult;
  readonly edge: Lane;
  readonly edgeWaitMs: number;
  readonly upstreamConnectMs: number;
  /** End of DNS = start of the connection. */
  readonly t0: number;
  readonly connectEnd: number;
  readonly tlsEnd: number;
  /** The request leaves the browser / reaches the edge. */
  readonly requestStart: number;
  readonly requestEnd: number;
  /** The edge sends the first response byte / it reaches the browser / the last byte does. */
  readonly firstByteSent: number;
  readonly ttfb: number;
  readonly total: number;
  /** 0-RTT: the request went before the handshake completed. */
  readonly early: boolean;
}

/**
 * The step times: setup from the handshake model (new, reused or resumed connection), the exchange from the HTTP
 * model (see http-step.ts), the edge's wait from the proxy hop (nginx's default opens a new TCP connection to the
 * origin per request) and the server time. Early data (0-RTT) shares the first flight with the handshake, which
 * the HTTP model does not know: there the handshake model's own exchange is used.
 */
function visitTimes(
  url: ParsedUrl,
  input: ResolvedInput,
  visit: Visit,
  dns: DnsStep | null,
): Result<Times, JourneyError> {
  const net = input.network;
  const tls = url.scheme === 'https';
  const version: HttpVersion = tls ? input.httpVersion : '1.1';
  const tlsVersion: TlsVersion = version === '3' ? '1.3' : input.tlsVersion;
  const scenario = scenarioFor(url, version, tlsVersion, visit, input);
  const reused = scenario === 'tcp-reused';
  const po = net.proxyOriginRttMs;
  const upstreamConnectMs = input.proxy && !(visit === 'warm' && input.upstreamKeepalive) ? po : 0;
  const edgeWaitMs = input.proxy ? upstreamConnectMs + po + input.serverMs : input.serverMs;
  const oneWay = net.clientEdgeRttMs / 2;
  const hsInput = {
    clientToServerMs: oneWay,
    serverToClientMs: oneWay,
    bandwidthMbps: net.bandwidthMbps,
    serverProcessingMs: edgeWaitMs,
    responseBytes: input.responseBytes,
    certChainBytes: input.certChainBytes,
  };
  const checked = validateInput(hsInput);
  if (!checked.ok)
    return { ok: false, error: { code: 'invalid-option', field: 'serverMs', message: checked.error.message } };
  const hs = simulateHandshake(scenario, hsInput);
  const exchanges = httpExchange(
    version,
    tls ? tlsVersion : null,
    net.clientEdgeRttMs,
    net.bandwidthMbps,
    edgeWaitMs,
    input.responseBytes,
  );
  if (!exchanges.ok) return { ok: false, error: { code: 'invalid-option', message: exchanges.message } };
  const exchange: Exchange = reused ? exchanges.reused : exchanges.cold;
  const lookup = visit === 'cold' && dns !== null && dns.ok ? dns : null;
  const t0 = lookup === null ? 0 : lookup.resolution.totalMs;
  const quic = version === '3';
  const connectEnd = t0 + (quic ? hs.breakdown.tls : hs.breakdown.tcp);
  const tlsEnd = quic ? connectEnd : connectEnd + hs.breakdown.tls;
  const early = hs.requestSentMs < hs.handshakeCompleteMs;
  const requestStart = t0 + hs.requestSentMs;
  const requestEnd = early ? requestStart + hs.breakdown.request : requestStart + exchange.sendMs + oneWay;
  const ttfb = early ? t0 + hs.ttfbMs : requestStart + exchange.sendMs + exchange.waitMs;
  return {
    ok: true,
    value: {
      url,
      input,
      dns: lookup,
      version,
      tls,
      quic,
      scenario,
      reused,
      hs,
      edge: input.proxy ? 'proxy' : 'origin',
      edgeWaitMs,
      upstreamConnectMs,
      t0,
      connectEnd,
      tlsEnd,
      requestStart,
      requestEnd,
      // The edge's wait is exactly its work (proxy hop + server time); serialisation of the first packet is part of
      // the way back. 0-RTT: whatever the handshake model says remains after the request arrived.
      firstByteSent: early
        ? Math.max(requestEnd, ttfb - oneWay)
        : Math.min(Math.max(requestEnd + edgeWaitMs, requestEnd), Math.max(requestEnd, ttfb)),
      ttfb,
      total: early ? t0 + hs.timeToLastByteMs : ttfb + exchange.downloadMs,
      early,
    },
  };
}

function phase(
  id: PhaseId,
  label: string,
  start: number,
  end: number,
  lanes: Lane[],
  explanation: string,
  guide: string,
  playground: JourneyPhase['playground'] = null,
): JourneyPhase {
  return { id, label, startMs: round(start), endMs: round(end), lanes, explanation, guide, playground };
}

function tlsText(t: Times): string {
  const d = ms(t.tlsEnd - t.connectEnd);
  if (t.reused) return 'Still encrypted with the keys of the last visit: no handshake.';
  if (t.quic) return 'TLS 1.3 ran inside the QUIC handshake.';
  if (t.scenario === 'tls12-full') return `TLS 1.2 full handshake: two round trips before the request, ${d}.`;
  if (t.scenario === 'tls12-resumed') return `TLS 1.2 session resumption: one round trip, ${d}.`;
  if (t.scenario === 'tls13-psk') return `TLS 1.3 resumption with a session ticket (PSK): one round trip, ${d}.`;
  return `TLS 1.3 handshake: one round trip, ${d}; the request goes with the client's Finished.`;
}

function dnsText(t: Times): string {
  const { url, dns } = t;
  if (dns === null) {
    if (url.hostKind === 'domain') return "The browser's DNS cache still holds the address: no lookup.";
    return url.hostKind === 'localhost'
      ? 'localhost is answered by the browser itself: no lookup.'
      : 'The host is an IP address: nothing to look up.';
  }
  if (dns.resolution.fromCache)
    return `The resolver answers ${dns.address} from its cache: one round trip to it, ${ms(t.t0)}.`;
  const queries = dns.resolution.hops.filter((h) => h.from === 'resolver').length;
  return `The resolver walks from the root (${queries} queries to authoritative servers) and answers ${dns.address}: ${ms(t.t0)}.`;
}

/** URL, DNS, connection and TLS: phases, and the ladder messages of DNS and the handshake. */
function setupPhases(t: Times): { phases: JourneyPhase[]; messages: LadderMessage[] } {
  const { url, input, edge } = t;
  const urlText = url.hstsUpgraded
    ? `The host is on the HSTS preload list, so http:// becomes ${url.href} inside the browser before anything is sent.`
    : `The browser parses ${url.href}: scheme ${url.scheme}, host ${url.host}, port ${url.port}${url.defaultPort ? ' (the default)' : ''}; the fragment stays in the browser.`;
  const dnsLanes: Lane[] =
    t.dns === null
      ? ['client']
      : t.dns.resolution.fromCache
        ? ['client', 'resolver']
        : ['client', 'resolver', 'authoritative'];
  const tlsPlay = t.tls ? tlsLink(t.scenario, input, t.edgeWaitMs) : null;
  const phases = [
    phase('url', 'Parse URL', 0, 0, ['client'], urlText, GUIDES.url),
    phase(
      'dns',
      'DNS Lookup',
      0,
      t.t0,
      dnsLanes,
      dnsText(t),
      GUIDES.dns,
      url.hostKind === 'domain' ? dnsLink(url.host, input) : null,
    ),
    phase(
      'connect',
      'Initial connection',
      t.t0,
      t.connectEnd,
      t.reused ? ['client'] : ['client', edge],
      t.reused
        ? 'The connection from the last visit is still open: no TCP handshake.'
        : t.quic
          ? `QUIC sets up transport and TLS 1.3 together in one round trip: ${ms(t.connectEnd - t.t0)}.`
          : `TCP's three-way handshake to port ${url.port}: one round trip, ${ms(t.connectEnd - t.t0)}.`,
      GUIDES.tcp,
      tlsPlay,
    ),
  ];
  if (t.tls)
    phases.push(
      phase(
        'tls',
        'SSL',
        t.connectEnd,
        t.tlsEnd,
        t.reused || t.quic ? ['client'] : ['client', edge],
        tlsText(t),
        GUIDES.tls,
        tlsPlay,
      ),
    );
  const messages: LadderMessage[] = t.dns === null ? [] : dnsMessages(t.dns, input.network.clientResolverRttMs);
  for (const m of t.hs.messages) {
    // The request and response come from the HTTP model's exchange (exchangePhases).
    if (m.name.startsWith('HTTP')) continue;
    messages.push({
      from: m.from === 'client' ? 'client' : edge,
      to: m.to === 'client' ? 'client' : edge,
      sendMs: round(t.t0 + m.sendAtMs),
      arriveMs: round(t.t0 + m.receiveAtMs),
      label: m.label,
      phase: m.layer === 'tcp' || t.quic ? 'connect' : 'tls',
    });
  }
  return { phases, messages };
}

/** The proxy's own connection and request to the origin (nginx semantics from the proxy model). */
function proxyPhases(t: Times, at: number): { phases: JourneyPhase[]; messages: LadderMessage[]; at: number } {
  const { url } = t;
  const po = t.input.network.proxyOriginRttMs;
  const target = `${url.path}${url.query === '' ? '' : `?${url.query}`}`;
  const hop = proxyHop(hostHeader(url), target, t.tls, t.input.upstreamKeepalive);
  const play = proxyLink(url.host, target, t.tls);
  const c = t.upstreamConnectMs;
  const message = (from: Lane, to: Lane, send: number, label: string, id: PhaseId): LadderMessage => ({
    from,
    to,
    sendMs: round(send),
    arriveMs: round(send + po / 2),
    label,
    phase: id,
  });
  const phases = [
    phase(
      'proxy-connect',
      'Proxy → origin connection',
      at,
      at + c,
      c > 0 ? ['proxy', 'origin'] : ['proxy'],
      c > 0
        ? `The proxy opens its own TCP connection to ${hop?.backend ?? 'the origin'} (nginx's default: a new one per request): ${ms(c)}.`
        : 'The proxy reuses an idle connection to the origin (upstream keepalive).',
      GUIDES.proxy,
      play,
    ),
    phase(
      'proxy-request',
      'Request to origin',
      at + c,
      at + c + po / 2,
      ['proxy', 'origin'],
      `${hop?.requestLine ?? 'The request'} goes on with ${hop === null ? 'forwarding headers' : hop.headers.map(([n]) => n).join(', ')}.`,
      GUIDES.proxy,
      play,
    ),
  ];
  const messages =
    c > 0
      ? [
          message('proxy', 'origin', at, 'SYN', 'proxy-connect'),
          message('origin', 'proxy', at + po / 2, 'SYN-ACK', 'proxy-connect'),
        ]
      : [];
  messages.push(message('proxy', 'origin', at + c, hop?.requestLine ?? 'GET', 'proxy-request'));
  return { phases, messages, at: at + c + po / 2 };
}

/**
 * Request, the proxy hop, server time, the response's first byte and the download. Long only because each phase
 * carries its sentence and link; it is one straight sequence, each phase starting where the previous one ended.
 */
function exchangePhases(t: Times): { phases: JourneyPhase[]; messages: LadderMessage[] } {
  const { url, input, edge } = t;
  const po = input.network.proxyOriginRttMs;
  const http = httpLink(t.version, input);
  // 0-RTT sends the request before the handshake completes; the phase starts where the previous one ended.
  let at = Math.max(t.requestEnd, t.tlsEnd);
  const phases = [
    phase(
      'request',
      'Request sent',
      Math.max(t.requestStart, t.tlsEnd),
      at,
      ['client', edge],
      `GET ${url.path}${url.query === '' ? '' : `?${url.query}`} over HTTP/${t.version} reaches the ${edge === 'proxy' ? 'proxy' : 'server'} after ${ms(t.requestEnd - t.requestStart)}.`,
      GUIDES.http,
      http,
    ),
  ];
  const messages: LadderMessage[] = [
    {
      from: 'client',
      to: edge,
      sendMs: round(t.requestStart),
      arriveMs: round(t.requestEnd),
      label: `GET ${url.path}`,
      phase: 'request',
    },
    {
      from: edge,
      to: 'client',
      sendMs: round(t.firstByteSent),
      arriveMs: round(t.total),
      label: 'HTTP response',
      phase: 'response',
    },
  ];
  if (input.proxy) {
    const hop = proxyPhases(t, at);
    phases.push(...hop.phases);
    messages.push(...hop.messages);
    at = hop.at;
  }
  const serverEnd = Math.max(at, t.firstByteSent - (input.proxy ? po / 2 : 0));
  phases.push(
    phase(
      'server',
      'Server time',
      at,
      serverEnd,
      ['origin'],
      `The origin builds the response: ${ms(serverEnd - at)}.`,
      GUIDES.server,
    ),
  );
  at = serverEnd;
  if (input.proxy) {
    phases.push(
      phase(
        'proxy-response',
        'Response to proxy',
        at,
        at + po / 2,
        ['origin', 'proxy'],
        'The first response bytes reach the proxy, which streams them on to the browser.',
        GUIDES.proxy,
      ),
    );
    messages.push({
      from: 'origin',
      to: 'proxy',
      sendMs: round(at),
      arriveMs: round(at + po / 2),
      label: 'HTTP response',
      phase: 'proxy-response',
    });
    at += po / 2;
  }
  const first = Math.max(at, t.ttfb);
  phases.push(
    phase(
      'response',
      'Waiting (TTFB)',
      at,
      first,
      [edge, 'client'],
      `The first response byte crosses back to the browser: ${ms(first - at)}.`,
      GUIDES.http,
      http,
    ),
    phase(
      'download',
      'Content Download',
      first,
      Math.max(first, t.total),
      [edge, 'client'],
      `The rest of the ${input.responseBytes.toLocaleString('en-US')}-byte page arrives: ${ms(Math.max(0, t.total - first))}.`,
      GUIDES.http,
      http,
    ),
  );
  return { phases, messages };
}

/** curl's -w timers for this visit (0 for the first three on a reused connection, as curl prints them). */
function marksOf(t: Times): CurlMarks {
  if (t.reused)
    return { namelookup: 0, connect: 0, appconnect: 0, starttransfer: round(t.ttfb), total: round(t.total) };
  // With 0-RTT the request leaves before the handshake completes: its keys are there at once.
  const handshakeDone = t.early ? t.requestStart : t.t0 + t.hs.handshakeCompleteMs;
  return {
    namelookup: round(t.t0),
    connect: round(t.connectEnd),
    appconnect: round(t.tls ? handshakeDone : t.connectEnd),
    starttransfer: round(t.ttfb),
    total: round(t.total),
  };
}

/** Phases, messages and marks of one visit (cold or warm) of an already parsed URL. */
export function planVisit(
  url: ParsedUrl,
  input: ResolvedInput,
  visit: Visit,
  dns: DnsStep | null,
): Result<Core, JourneyError> {
  const times = visitTimes(url, input, visit, dns);
  if (!times.ok) return times;
  const t = times.value;
  const setup = setupPhases(t);
  const exchange = exchangePhases(t);
  return {
    ok: true,
    value: {
      phases: [...setup.phases, ...exchange.phases],
      messages: [...setup.messages, ...exchange.messages].sort((a, b) => a.sendMs - b.sendMs),
      marks: marksOf(t),
      scenario: t.scenario,
      address: dns?.ok ? dns.address : url.hostKind === 'localhost' ? null : url.host,
      dnsMs: t.t0,
      setupMs: t.tlsEnd - t.t0,
      downloadMs: Math.max(0, t.total - t.ttfb),
    },
  };
}
