/**
 * planJourney: composes the URL parser, the DNS model, the handshake model and the proxy model into one timeline.
 *
 * Time 0 is the moment Enter is pressed. The client's critical path is a chain of phases:
 *   url (0 ms) → dns → connect → tls → request → [proxy-connect → proxy-request] → server → [proxy-response]
 *   → response → download
 * Each phase starts where the previous ended, so no lane is ever in two phases at once.
 *
 * - DNS: the resolver model (stub → recursive resolver → authoritatives), skipped on a warm visit (the browser's
 *   DNS cache), for IP literals and for localhost.
 * - Connection and exchange with the edge (the proxy, or the origin without one): the handshake model's scenario
 *   for the protocol choices — new connection on a cold visit; on a warm one the open connection (`tcp-reused`) or a
 *   resumed session (`tls12-resumed`, `tls13-psk`, `quic-0rtt`). The edge's wait (what it does between receiving
 *   the request and sending the first response byte) is the handshake model's server time.
 * - The proxy hop: nginx's default opens a new TCP connection to the origin for every request (HTTP/1.0, no
 *   keepalive), then the request and the first response byte cross the proxy ↔ origin link; which backend and which
 *   headers come from the proxy model.
 */
import { type ScenarioId, type ScenarioResult, simulateHandshake, validateInput } from '../handshake/index.ts';
import type { Result } from '../playground/result.ts';
import { type DnsStep, journeyInternet, lookUp } from './dns-step.ts';
import { httpExchange } from './http-step.ts';
import { dnsLink, httpLink, proxyLink, tlsLink } from './links.ts';
import { resolveInput } from './options.ts';
import { proxyHop } from './proxy-step.ts';
import type {
  CurlMarks,
  HttpVersion,
  Journey,
  JourneyError,
  JourneyInput,
  JourneyPhase,
  LadderMessage,
  Lane,
  ParsedUrl,
  PhaseId,
  ResolvedInput,
  TlsVersion,
  Visit,
  WarmChange,
} from './types.ts';
import { parseJourneyUrl } from './url.ts';

const GUIDES = {
  url: 'start/url-journey',
  dns: 'names/dns',
  tcp: 'transport/tcp-vs-udp',
  tls: 'security/tls',
  http: 'web/http-versions',
  proxy: 'infrastructure/proxies',
  server: 'infrastructure/api-gateways',
} as const;

const round = (ms: number): number => Math.round(ms * 1000) / 1000;
const ms = (v: number): string => `${round(v)} ms`;

/** The Host header the browser sends: IPv6 in brackets, the port when it is not the default. */
function hostHeader(url: ParsedUrl): string {
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

interface Core {
  readonly phases: JourneyPhase[];
  readonly messages: LadderMessage[];
  readonly marks: CurlMarks;
  readonly scenario: ScenarioId;
  readonly address: string | null;
  readonly dnsMs: number;
  readonly setupMs: number;
  readonly downloadMs: number;
}

/** The DNS lookup of a cold visit, or why it has none. */
function dnsFor(url: ParsedUrl, input: ResolvedInput): Result<DnsStep | null, JourneyError> {
  if (url.hostKind !== 'domain') return { ok: true, value: null };
  const found = journeyInternet(`${url.host}.`);
  if (found === undefined)
    return {
      ok: false,
      error: {
        code: 'name-not-found',
        message: `'${url.host.slice(0, 40)}' is a single label: browsers do not look such names up in public DNS (add a domain, like '${url.host.slice(0, 40)}.example').`,
      },
    };
  const step = lookUp(found.internet, url.host, {
    stubRttMs: input.network.clientResolverRttMs,
    authoritativeRttMs: input.network.resolverAuthoritativeRttMs,
    transport: input.dnsTransport,
    resolverWarm: input.resolverCache === 'warm',
  });
  if (!step.ok)
    return {
      ok: false,
      error: {
        code: 'name-not-found',
        message: `The lookup of '${url.host.slice(0, 40)}' failed: ${step.reason}. The browser stops here and shows an error page.`,
      },
    };
  return { ok: true, value: step };
}

function dnsMessages(step: DnsStep & { ok: true }): LadderMessage[] {
  const start = step.resolution.startedAtMs;
  const out: LadderMessage[] = [];
  for (const hop of step.resolution.hops) {
    const from: Lane = hop.from === 'stub' ? 'client' : 'resolver';
    const to: Lane = hop.from === 'stub' ? 'resolver' : 'authoritative';
    const send = hop.sendMs - start;
    const back = hop.receiveMs - start;
    const mid = (send + back) / 2;
    const q = hop.query.questions[0];
    const question =
      q === undefined ? 'query' : `${q.name} ${q.type === 1 ? 'A' : q.type === 2 ? 'NS' : String(q.type)}?`;
    out.push({ from, to, sendMs: round(send), arriveMs: round(mid), label: question, phase: 'dns' });
    out.push({ from: to, to: from, sendMs: round(mid), arriveMs: round(back), label: hop.outcome, phase: 'dns' });
  }
  return out;
}

/** Phases, messages and marks of one visit (cold or warm) of an already parsed URL. */
function planVisit(
  url: ParsedUrl,
  input: ResolvedInput,
  visit: Visit,
  dns: DnsStep | null,
): Result<Core, JourneyError> {
  const net = input.network;
  const tls = url.scheme === 'https';
  const version: HttpVersion = tls ? input.httpVersion : '1.1';
  const tlsVersion: TlsVersion = version === '3' ? '1.3' : input.tlsVersion;
  const scenario = scenarioFor(url, version, tlsVersion, visit, input);
  const edge: Lane = input.proxy ? 'proxy' : 'origin';
  const reused = scenario === 'tcp-reused';
  const po = net.proxyOriginRttMs;
  const upstreamConnectMs = input.proxy && !(visit === 'warm' && input.upstreamKeepalive) ? po : 0;
  const edgeWaitMs = input.proxy ? upstreamConnectMs + po + input.serverMs : input.serverMs;
  const hsInput = {
    clientToServerMs: net.clientEdgeRttMs / 2,
    serverToClientMs: net.clientEdgeRttMs / 2,
    bandwidthMbps: net.bandwidthMbps,
    serverProcessingMs: edgeWaitMs,
    responseBytes: input.responseBytes,
    certChainBytes: input.certChainBytes,
  };
  const checked = validateInput(hsInput);
  if (!checked.ok)
    return { ok: false, error: { code: 'invalid-option', field: 'serverMs', message: checked.error.message } };
  const hs: ScenarioResult = simulateHandshake(scenario, hsInput);
  const exchanges = httpExchange(
    version,
    tls ? tlsVersion : null,
    net.clientEdgeRttMs,
    net.bandwidthMbps,
    edgeWaitMs,
    input.responseBytes,
  );
  if (!exchanges.ok) return { ok: false, error: { code: 'invalid-option', message: exchanges.message } };
  const exchange = reused ? exchanges.reused : exchanges.cold;
  const oneWay = net.clientEdgeRttMs / 2;
  const useDns = visit === 'cold' && dns !== null && dns.ok;
  const dnsMs = useDns ? dns.resolution.totalMs : 0;
  const t0 = dnsMs;
  const phases: JourneyPhase[] = [];
  const add = (
    id: PhaseId,
    label: string,
    start: number,
    end: number,
    lanes: Lane[],
    explanation: string,
    guide: string,
    playground: JourneyPhase['playground'] = null,
  ): void => {
    phases.push({ id, label, startMs: round(start), endMs: round(end), lanes, explanation, guide, playground });
  };
  const urlText = url.hstsUpgraded
    ? `The host is on the HSTS preload list, so http:// becomes ${url.href} inside the browser before anything is sent.`
    : `The browser parses ${url.href}: scheme ${url.scheme}, host ${url.host}, port ${url.port}${url.defaultPort ? ' (the default)' : ''}; the fragment stays in the browser.`;
  add('url', 'Parse URL', 0, 0, ['client'], urlText, GUIDES.url);
  const dnsLanes: Lane[] = useDns
    ? dns.resolution.hops.some((h) => h.from === 'resolver')
      ? ['client', 'resolver', 'authoritative']
      : ['client', 'resolver']
    : ['client'];
  const dnsText = !useDns
    ? url.hostKind === 'domain'
      ? "The browser's DNS cache still holds the address: no lookup."
      : url.hostKind === 'localhost'
        ? 'localhost is answered by the browser itself: no lookup.'
        : 'The host is an IP address: nothing to look up.'
    : dns.resolution.fromCache
      ? `The resolver answers ${dns.address} from its cache: one round trip to it, ${ms(dnsMs)}.`
      : `The resolver walks from the root (${dns.resolution.hops.filter((h) => h.from === 'resolver').length} queries to authoritative servers) and answers ${dns.address}: ${ms(dnsMs)}.`;
  add(
    'dns',
    'DNS Lookup',
    0,
    t0,
    dnsLanes,
    dnsText,
    GUIDES.dns,
    url.hostKind === 'domain' ? dnsLink(url.host, input) : null,
  );
  const quic = version === '3';
  const tlsLinkValue = tls ? tlsLink(scenario, input, edgeWaitMs) : null;
  const connectEnd = t0 + (quic ? hs.breakdown.tls : hs.breakdown.tcp);
  add(
    'connect',
    'Initial connection',
    t0,
    connectEnd,
    reused ? ['client'] : ['client', edge],
    reused
      ? 'The connection from the last visit is still open: no TCP handshake.'
      : quic
        ? `QUIC sets up transport and TLS 1.3 together in one round trip: ${ms(connectEnd - t0)}.`
        : `TCP's three-way handshake to port ${url.port}: one round trip, ${ms(connectEnd - t0)}.`,
    GUIDES.tcp,
    tlsLinkValue,
  );
  const tlsEnd = quic ? connectEnd : connectEnd + hs.breakdown.tls;
  if (tls)
    add(
      'tls',
      'SSL',
      connectEnd,
      tlsEnd,
      reused || quic ? ['client'] : ['client', edge],
      reused
        ? 'Still encrypted with the keys of the last visit: no handshake.'
        : quic
          ? 'TLS 1.3 ran inside the QUIC handshake.'
          : scenario === 'tls12-full'
            ? `TLS 1.2 full handshake: two round trips before the request, ${ms(tlsEnd - connectEnd)}.`
            : scenario === 'tls12-resumed'
              ? `TLS 1.2 session resumption: one round trip, ${ms(tlsEnd - connectEnd)}.`
              : scenario === 'tls13-psk'
                ? `TLS 1.3 resumption with a session ticket (PSK): one round trip, ${ms(tlsEnd - connectEnd)}.`
                : `TLS 1.3 handshake: one round trip, ${ms(tlsEnd - connectEnd)}; the request goes with the client's Finished.`,
      GUIDES.tls,
      tlsLinkValue,
    );
  // The request leaves when the handshake lets it (with the client's Finished, or in 0-RTT before it completes);
  // from there the HTTP model's exchange: bytes onto the link, one way to the edge, the edge's wait, one way back.
  // Early data (0-RTT) shares the first flight with the handshake, which the HTTP model does not know: there the
  // handshake model's own exchange is used.
  const early = hs.requestSentMs < hs.handshakeCompleteMs;
  const requestStart = t0 + hs.requestSentMs;
  const requestEnd = early ? requestStart + hs.breakdown.request : requestStart + exchange.sendMs + oneWay;
  const ttfb = early ? t0 + hs.ttfbMs : requestStart + exchange.sendMs + exchange.waitMs;
  const firstByteSent = Math.max(requestEnd, ttfb - oneWay);
  const total = early ? t0 + hs.timeToLastByteMs : ttfb + exchange.downloadMs;
  const http = httpLink(version, input);
  add(
    'request',
    'Request sent',
    // 0-RTT sends the request before the handshake completes; the phase starts where the previous ended.
    Math.max(requestStart, tlsEnd),
    Math.max(requestEnd, tlsEnd),
    ['client', edge],
    `GET ${url.path}${url.query === '' ? '' : `?${url.query}`} over HTTP/${version} reaches the ${edge === 'proxy' ? 'proxy' : 'server'} after ${ms(requestEnd - requestStart)}.`,
    GUIDES.http,
    http,
  );
  let at = Math.max(requestEnd, tlsEnd);
  const messages: LadderMessage[] = useDns ? dnsMessages(dns) : [];
  // Setup messages from the handshake model; the request and response from the HTTP model's exchange.
  messages.push(
    {
      from: 'client',
      to: edge,
      sendMs: round(requestStart),
      arriveMs: round(requestEnd),
      label: `GET ${url.path}`,
      phase: 'request',
    },
    {
      from: edge,
      to: 'client',
      sendMs: round(firstByteSent),
      arriveMs: round(total),
      label: 'HTTP response',
      phase: 'response',
    },
  );
  for (const m of hs.messages) {
    if (m.name.startsWith('HTTP')) continue;
    const phase: PhaseId =
      m.layer === 'tcp'
        ? 'connect'
        : m.name.startsWith('HTTP request')
          ? 'request'
          : m.name.startsWith('HTTP response')
            ? 'response'
            : quic
              ? 'connect'
              : 'tls';
    messages.push({
      from: m.from === 'client' ? 'client' : edge,
      to: m.to === 'client' ? 'client' : edge,
      sendMs: round(t0 + m.sendAtMs),
      arriveMs: round(t0 + m.receiveAtMs),
      label: m.label,
      phase,
    });
  }
  if (input.proxy) {
    const target = `${url.path}${url.query === '' ? '' : `?${url.query}`}`;
    const hop = proxyHop(hostHeader(url), target, tls, input.upstreamKeepalive);
    const proxyPlay = proxyLink(url.host, target, tls);
    add(
      'proxy-connect',
      'Proxy → origin connection',
      at,
      at + upstreamConnectMs,
      upstreamConnectMs > 0 ? ['proxy', 'origin'] : ['proxy'],
      upstreamConnectMs > 0
        ? `The proxy opens its own TCP connection to ${hop?.backend ?? 'the origin'} (nginx's default: a new one per request): ${ms(upstreamConnectMs)}.`
        : 'The proxy reuses an idle connection to the origin (upstream keepalive).',
      GUIDES.proxy,
      proxyPlay,
    );
    if (upstreamConnectMs > 0) {
      messages.push({
        from: 'proxy',
        to: 'origin',
        sendMs: round(at),
        arriveMs: round(at + po / 2),
        label: 'SYN',
        phase: 'proxy-connect',
      });
      messages.push({
        from: 'origin',
        to: 'proxy',
        sendMs: round(at + po / 2),
        arriveMs: round(at + po),
        label: 'SYN-ACK',
        phase: 'proxy-connect',
      });
    }
    at += upstreamConnectMs;
    add(
      'proxy-request',
      'Request to origin',
      at,
      at + po / 2,
      ['proxy', 'origin'],
      `${hop?.requestLine ?? 'The request'} goes on with ${hop === null ? 'forwarding headers' : hop.headers.map(([n]) => n).join(', ')}.`,
      GUIDES.proxy,
      proxyPlay,
    );
    messages.push({
      from: 'proxy',
      to: 'origin',
      sendMs: round(at),
      arriveMs: round(at + po / 2),
      label: hop?.requestLine ?? 'GET',
      phase: 'proxy-request',
    });
    at += po / 2;
  }
  const serverEnd = input.proxy ? Math.max(at, firstByteSent - po / 2) : Math.max(at, firstByteSent);
  add(
    'server',
    'Server time',
    at,
    serverEnd,
    ['origin'],
    `The origin builds the response: ${ms(serverEnd - at)}.`,
    GUIDES.server,
  );
  at = serverEnd;
  if (input.proxy) {
    add(
      'proxy-response',
      'Response to proxy',
      at,
      at + po / 2,
      ['origin', 'proxy'],
      'The first response bytes reach the proxy, which streams them on to the browser.',
      GUIDES.proxy,
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
  add(
    'response',
    'Waiting (TTFB)',
    at,
    Math.max(at, ttfb),
    [edge, 'client'],
    `The first response byte crosses back to the browser: ${ms(Math.max(0, ttfb - at))}.`,
    GUIDES.http,
    http,
  );
  add(
    'download',
    'Content Download',
    Math.max(at, ttfb),
    Math.max(at, ttfb, total),
    [edge, 'client'],
    `The rest of the ${input.responseBytes.toLocaleString('en-US')}-byte response arrives: ${ms(Math.max(0, total - ttfb))}.`,
    GUIDES.http,
    http,
  );
  const marks: CurlMarks = reused
    ? { namelookup: 0, connect: 0, appconnect: 0, starttransfer: round(ttfb), total: round(total) }
    : {
        namelookup: round(t0),
        connect: round(connectEnd),
        // With 0-RTT the request leaves before the handshake completes: the keys for it are there at once.
        appconnect: round(tls ? (early ? requestStart : t0 + hs.handshakeCompleteMs) : connectEnd),
        starttransfer: round(ttfb),
        total: round(total),
      };
  return {
    ok: true,
    value: {
      phases,
      messages: messages.sort((a, b) => a.sendMs - b.sendMs),
      marks,
      scenario,
      address: dns !== null && dns.ok ? dns.address : url.hostKind === 'localhost' ? null : url.host,
      dnsMs,
      setupMs: tlsEnd - t0,
      downloadMs: Math.max(0, total - ttfb),
    },
  };
}

function warmChanges(url: ParsedUrl, input: ResolvedInput, cold: Core, warm: Core): WarmChange[] {
  const out: WarmChange[] = [];
  if (url.hostKind === 'domain')
    out.push({
      id: 'dns-cache',
      text: `The browser's DNS cache answers: no lookup (saves ${ms(cold.dnsMs)}).`,
      savedMs: round(cold.dnsMs),
    });
  if (warm.scenario === 'tcp-reused')
    out.push({
      id: 'connection-reused',
      text: `The open connection is reused: no ${url.scheme === 'https' ? 'TCP or TLS handshake' : 'TCP handshake'} (saves ${ms(cold.setupMs)}).`,
      savedMs: round(cold.setupMs),
    });
  else if (warm.scenario === 'quic-0rtt')
    out.push({
      id: 'quic-0rtt',
      text: `QUIC resumes with 0-RTT: the request rides in the first flight (saves ${ms(cold.setupMs - warm.setupMs)}).`,
      savedMs: round(Math.max(0, cold.setupMs - warm.setupMs)),
    });
  else if (url.scheme === 'https')
    out.push({
      id: 'tls-resumed',
      text: `A new TCP connection, but TLS resumes with the session ticket from the last visit (saves ${ms(cold.setupMs - warm.setupMs)}).`,
      savedMs: round(Math.max(0, cold.setupMs - warm.setupMs)),
    });
  if (warm.scenario === 'tcp-reused' && cold.downloadMs > warm.downloadMs)
    out.push({
      id: 'tcp-warm-window',
      text: `The reused connection's congestion window has already grown: the download takes ${ms(warm.downloadMs)} instead of ${ms(cold.downloadMs)}.`,
      savedMs: round(cold.downloadMs - warm.downloadMs),
    });
  if (input.hstsPreloaded && url.typedScheme === 'http')
    out.push({
      id: 'hsts',
      text: 'HSTS upgrades http:// to https:// on every visit, first one included (preload).',
      savedMs: 0,
    });
  return out;
}

/** Plans the journey of one URL: parsed URL, phases, ladder messages, curl's marks and the warm visit's changes. */
export function planJourney(input: JourneyInput): Result<Journey, JourneyError> {
  const typed = typeof input?.url === 'string' ? input.url : '';
  const resolved = resolveInput(input ?? { url: '' });
  if (!resolved.ok) return resolved;
  const options = resolved.value;
  const parsed = parseJourneyUrl(typed, options.hstsPreloaded);
  if (!parsed.ok) return parsed;
  const url = parsed.value;
  const dns = dnsFor(url, options);
  if (!dns.ok) return dns;
  const cold = planVisit(url, options, 'cold', dns.value);
  if (!cold.ok) return cold;
  const warm = planVisit(url, options, 'warm', dns.value);
  if (!warm.ok) return warm;
  const shown = options.visit === 'cold' ? cold.value : warm.value;
  const tls = url.scheme === 'https';
  const httpVersion: HttpVersion = tls ? options.httpVersion : '1.1';
  const notes: string[] = [];
  if (!tls && options.httpVersion !== '1.1')
    notes.push(`Browsers speak HTTP/${options.httpVersion} only over TLS: plain http:// uses HTTP/1.1.`);
  if (tls && httpVersion === '3' && options.tlsVersion === '1.2')
    notes.push('HTTP/3 always uses TLS 1.3 (inside QUIC).');
  if (httpVersion === '3' && options.visit === 'cold')
    notes.push(
      'A browser usually learns that a site speaks HTTP/3 from an Alt-Svc header or an HTTPS DNS record, so a real first visit often goes over HTTP/2.',
    );
  if (url.hostKind === 'domain')
    notes.push('Only the A record is looked up (like curl -4); browsers ask for AAAA in parallel.');
  const last = shown.phases[shown.phases.length - 1];
  return {
    ok: true,
    value: {
      url,
      input: options,
      httpVersion,
      tlsVersion: tls ? (httpVersion === '3' ? '1.3' : options.tlsVersion) : null,
      scenario: shown.scenario,
      phases: shown.phases,
      messages: shown.messages,
      marks: shown.marks,
      warmChanges: warmChanges(url, options, cold.value, warm.value),
      proxy: options.proxy
        ? proxyHop(
            hostHeader(url),
            `${url.path}${url.query === '' ? '' : `?${url.query}`}`,
            tls,
            options.upstreamKeepalive,
          )
        : null,
      address: shown.address,
      totalMs: last?.endMs ?? 0,
      notes,
    },
  };
}
