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
 * - Connection to the edge (the proxy, or the origin without one): the handshake model's scenario
 *   for the protocol choices — new connection on a cold visit; on a warm one the open connection (`tcp-reused`) or a
 *   resumed session (`tls12-resumed`, `tls13-psk`, `quic-0rtt`). The edge's wait (what it does between receiving
 *   the request and sending the first response byte) is the HTTP model's server time; the request and response
 *   are the HTTP page-load model's exchange (http-step.ts). Step times and phases: visit.ts.
 * - The proxy hop: nginx's default opens a new TCP connection to the origin for every request (HTTP/1.0, no
 *   keepalive), then the request and the first response byte cross the proxy ↔ origin link; which backend and which
 *   headers come from the proxy model.
 */
import type { Result } from '../playground/result.ts';
import { type DnsStep, journeyInternet, lookUp, SYNTHETIC_ADDRESSES } from './dns-step.ts';
import { resolveInput } from './options.ts';
import { proxyHop } from './proxy-step.ts';
import type {
  HttpVersion,
  Journey,
  JourneyError,
  JourneyInput,
  ParsedUrl,
  ResolvedInput,
  WarmChange,
} from './types.ts';
import { parseJourneyUrl } from './url.ts';
import { type Core, hostHeader, ms, planVisit, round } from './visit.ts';

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
      text:
        warm.scenario === 'tls13-psk'
          ? `A new TCP connection; TLS 1.3 resumes with the session ticket from the last visit: still one round trip, but no certificate to send or check (saves ${ms(cold.setupMs - warm.setupMs)}).`
          : `A new TCP connection; TLS 1.2 resumes the session from the last visit: one round trip instead of two (saves ${ms(cold.setupMs - warm.setupMs)}).`,
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
  if (url.scheme === 'http' && !url.hstsUpgraded)
    notes.push(
      'Most sites answer http:// with a redirect to https://, which costs another connection, a TLS handshake and a request; HSTS (preloaded, or remembered from an earlier visit) skips it. The redirect is not drawn here.',
    );
  if (url.hostKind === 'domain')
    notes.push('Only the A record is looked up (like curl -4); browsers ask for AAAA in parallel.');
  if (url.hostKind === 'domain' && Object.keys(journeyInternet(`${url.host}.`)?.added ?? {}).length > 0)
    notes.push(
      `${url.host} is not in the DNS playground's built-in zones: the journey adds its TLD and domain zones (address ${SYNTHETIC_ADDRESSES.site}), so the DNS playground's own lookup of it ends in NXDOMAIN.`,
    );
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
