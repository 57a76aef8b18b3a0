/**
 * The journey of one URL: public surface of src/lib/journey.
 *
 *   const r = planJourney({ url: 'https://www.example.com/a?b#c', preset: 'mobile', visit: 'cold', httpVersion: '2' });
 *   if (!r.ok) show(r.error.message);                 // { code: 'invalid-url' | 'unsupported-scheme' | …, message }
 *   r.value.url        // ParsedUrl: scheme, host (punycode) + unicodeHost, port + defaultPort, path, query, fragment
 *   r.value.phases     // JourneyPhase[]: id, label, startMs, endMs, lanes, explanation, guide slug, playground link
 *   r.value.messages   // LadderMessage[]: from/to lane, sendMs, arriveMs, label, phase — the ladder view
 *   r.value.marks      // CurlMarks: namelookup ≤ connect ≤ appconnect ≤ starttransfer ≤ total (curl -w's timers)
 *   r.value.warmChanges// what the second visit does differently, with the milliseconds each saves
 *   r.value.proxy      // the proxy model's view: backend, request line, headers the origin sees, the config
 *
 * Input (JourneyInput; all but `url` optional, defaults in JOURNEY_DEFAULTS): `url` (address-bar text), `preset`
 * (JOURNEY_PRESETS: the TLS calculator's networks), `network` (per-hop RTTs and bandwidth, overriding the preset),
 * `visit` ('cold' | 'warm'), `warmConnection` ('reused' | 'resumed'), `resolverCache` ('cold' | 'warm'),
 * `dnsTransport` ('udp' | 'tcp' | 'dot' | 'doh'), `httpVersion` ('1.1' | '2' | '3'), `tlsVersion` ('1.2' | '1.3'),
 * `hstsPreloaded`, `proxy`, `upstreamKeepalive`, `serverMs`, `responseBytes`, `certChainBytes`.
 *
 * Pure, deterministic, bounded; never throws on any input (hostile URLs included). Composes src/lib/dns (resolver),
 * src/lib/handshake (connection and exchange), src/lib/proxy (the proxy hop); links use each playground's codec.
 * Checked against curl through unbound, knot, nginx and a Node origin: tests/integration/journey-curl.test.ts.
 */
export { journeyInternet, SYNTHETIC_ADDRESSES } from './dns-step.ts';
export { JOURNEY_DEFAULTS, JOURNEY_PRESETS, type JourneyPreset, NETWORK_PRESET_IDS, resolveInput } from './options.ts';
export { planJourney } from './plan.ts';
export { ORIGIN_BACKEND, proxyConfig } from './proxy-step.ts';
export { docsHref, type JourneyStep, journeySteps } from './steps.ts';
export * from './types.ts';
export { decodePunycode, hostToUnicode, MAX_URL_LENGTH, parseJourneyUrl } from './url.ts';
