/**
 * The address bar's first step: the platform's WHATWG `URL` parser (the one the browser uses), a missing scheme
 * filled in as `https://` (what Chrome and Firefox do for a typed host), HSTS preload as a choice, and the parser's
 * refusals turned into plain words. `URL` only says "Invalid URL", so the reason is found by checking the parts
 * the parser checks (scheme, host code points, port range), in the spec's order.
 */
import { quote, type Result } from '../playground/result.ts';
import type { HostKind, JourneyError, ParsedUrl } from './types.ts';

/** Longest address-bar text read (longer text is refused, not clipped: a clipped URL is a different URL). */
export const MAX_URL_LENGTH = 2048;

const DEFAULT_PORTS = { https: 443, http: 80 } as const;

/** WHATWG URL "forbidden host code points" (excluding '%', checked separately; controls are checked by code). */
const FORBIDDEN_HOST = ' #/:<>?@[\\]^|';

/** The first character of `host` a host may not contain, or undefined. */
function forbiddenIn(host: string): string | undefined {
  for (const ch of host) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f || FORBIDDEN_HOST.includes(ch)) return ch;
  }
  return undefined;
}

/** `text` without C0 controls and spaces at either end (what the URL parser strips first). */
function trimControls(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return text.slice(start, end);
}

const fail = (code: JourneyError['code'], message: string): { ok: false; error: JourneyError } => ({
  ok: false,
  error: { code, message },
});

/** Decodes one punycode label body (RFC 3492 §6.2); undefined when it is not valid punycode. */
export function decodePunycode(input: string): string | undefined {
  const base = 36;
  const basic = input.lastIndexOf('-');
  const output: number[] = [];
  for (let j = 0; j < Math.max(0, basic); j++) {
    const c = input.charCodeAt(j);
    if (c >= 0x80) return undefined;
    output.push(c);
  }
  let n = 128;
  let i = 0;
  let bias = 72;
  // Each pass of the outer loop consumes at least one character, so it ends after input.length passes.
  for (let index = basic > 0 ? basic + 1 : 0; index < input.length; ) {
    const oldi = i;
    let w = 1;
    for (let k = base; ; k += base) {
      if (index >= input.length) return undefined;
      const c = input.charCodeAt(index++);
      const digit = c - 48 < 10 ? c - 22 : c - 65 < 26 ? c - 65 : c - 97 < 26 ? c - 97 : base;
      if (digit >= base) return undefined;
      i += digit * w;
      const t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;
      if (digit < t) break;
      w *= base - t;
      if (i > 0x10ffff * 64 || w > 0x10ffff * 64) return undefined;
    }
    const length = output.length + 1;
    let delta = i - oldi;
    delta = oldi === 0 ? Math.floor(delta / 700) : delta >> 1;
    delta += Math.floor(delta / length);
    let k = 0;
    while (delta > 455) {
      delta = Math.floor(delta / 35);
      k += base;
    }
    bias = k + Math.floor((36 * delta) / (delta + 38));
    n += Math.floor(i / length);
    i %= length;
    if (n > 0x10ffff) return undefined;
    output.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...output);
}

/** The host with every `xn--` label decoded (labels that do not decode are left as they are). */
export function hostToUnicode(host: string): string {
  return host
    .split('.')
    .map((label) => (label.startsWith('xn--') ? (decodePunycode(label.slice(4)) ?? label) : label))
    .join('.');
}

/** The host[:port] part of an http(s) URL text (after any user:password@). */
function authorityOf(text: string): string {
  const rest = text.slice(text.indexOf(':') + 1).replace(/^[/\\]*/, '');
  const authority = rest.split(/[/\\?#]/, 1)[0] ?? '';
  return authority.slice(authority.lastIndexOf('@') + 1);
}

function hostKind(host: string): HostKind {
  if (host.startsWith('[')) return 'ipv6';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return 'ipv4';
  if (host === 'localhost' || host.endsWith('.localhost')) return 'localhost';
  return 'domain';
}

/** Why `URL` refused `text` (already known to have an http(s) scheme), in the parser's order. */
function diagnose(text: string, scheme: string): JourneyError {
  const hostPort = authorityOf(text);
  if (hostPort === '') return { code: 'empty-host', message: `${quote(text)} has no host after '${scheme}://'.` };
  const bracket = hostPort.startsWith('[');
  const colon = bracket ? hostPort.indexOf(':', hostPort.indexOf(']')) : hostPort.lastIndexOf(':');
  const host = colon >= 0 ? hostPort.slice(0, colon) : hostPort;
  const port = colon >= 0 ? hostPort.slice(colon + 1) : '';
  if (host === '') return { code: 'empty-host', message: `${quote(text)} has a port but no host.` };
  if (bracket) return { code: 'invalid-host', message: `${quote(host)} is not a valid IPv6 address.` };
  const bad = forbiddenIn(host);
  if (bad !== undefined)
    return {
      code: 'invalid-host',
      message: `The host ${quote(host)} contains ${bad.charCodeAt(0) < 0x20 || bad === '\u007f' ? `the control character U+${bad.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : quote(bad)}, which a host may not contain.`,
    };
  if (port !== '' && !/^\d+$/.test(port))
    return { code: 'invalid-port', message: `The port ${quote(port)} is not a number.` };
  if (port !== '' && Number(port) > 65535)
    return { code: 'invalid-port', message: `The port ${quote(port)} is out of range (0–65535).` };
  if (/^[\d.]+$/.test(host) || /^0x/i.test(host))
    return { code: 'invalid-host', message: `The host ${quote(host)} looks like an IPv4 address but is not one.` };
  if (host.includes('%'))
    return {
      code: 'invalid-host',
      message: `The host ${quote(host)} has a percent-escape that decodes to a forbidden character.`,
    };
  return {
    code: 'invalid-host',
    message: `The host ${quote(host)} is not a valid domain name (IDNA refused it: a label may be too long, start or end with '-', or hold a character IDNA forbids).`,
  };
}

/**
 * Parses address-bar text. A text without a scheme gets `https://`; only http and https are fetched; `javascript:`,
 * `data:`, `file:`, `ftp:`… are refused with their scheme quoted. HSTS preload upgrades `http://` (port 80 → 443).
 */
export function parseJourneyUrl(typed: string, hstsPreloaded: boolean): Result<ParsedUrl, JourneyError> {
  if (typed.length > MAX_URL_LENGTH)
    return fail(
      'url-too-long',
      `The URL is ${typed.length} characters long; this page reads at most ${MAX_URL_LENGTH} (it starts ${quote(typed)}).`,
    );
  // The address bar trims surrounding spaces (the URL parser strips C0 controls and spaces at both ends too).
  const text = trimControls(typed);
  if (text === '') return fail('empty-url', 'The address is empty: type a URL such as https://www.example.com/.');
  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(text);
  let scheme = schemeMatch?.[1]?.toLowerCase();
  // 'example.com:8080' parses as scheme 'example.com': a scheme with a dot followed by digits is a host and port.
  const hostWithPort = scheme !== undefined && /^[^:]*\.[^:]*:\d+/.test(text);
  const schemeAdded = scheme === undefined || hostWithPort || scheme === 'localhost';
  if (!schemeAdded && scheme !== 'http' && scheme !== 'https')
    return fail(
      'unsupported-scheme',
      `${quote(`${scheme}:`)} is not a web address: this journey follows http:// and https:// only (${quote(text)}).`,
    );
  const full = schemeAdded ? `https://${text}` : text;
  scheme = schemeAdded ? 'https' : (scheme as 'http' | 'https');
  let url: URL;
  try {
    url = new URL(full);
  } catch {
    return { ok: false, error: diagnose(full, scheme) };
  }
  // The WHATWG parser refuses a space (or '%') in a host, and Node does; Chromium's parser still percent-encodes it
  // ('exa mple.com' → 'exa%20mple.com'). The island runs in the browser: refuse it here so every platform agrees.
  if (url.hostname.includes('%')) return { ok: false, error: diagnose(full, scheme) };
  const typedScheme = url.protocol === 'http:' ? 'http' : 'https';
  if (url.hostname === '') return fail('empty-host', `${quote(text)} has no host.`);
  const hstsUpgraded = typedScheme === 'http' && hstsPreloaded;
  if (hstsUpgraded) {
    // Chrome's HSTS upgrade keeps a non-default port and maps 80 to 443 (net/url_request, RFC 6797 §8.3).
    const port = url.port;
    url.protocol = 'https:';
    url.port = port === '' || port === '80' ? '' : port;
  }
  const finalScheme = url.protocol === 'http:' ? 'http' : 'https';
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const port = url.port === '' ? DEFAULT_PORTS[finalScheme] : Number(url.port);
  return {
    ok: true,
    value: {
      input: typed,
      href: url.href,
      scheme: finalScheme,
      typedScheme,
      schemeAdded,
      hstsUpgraded,
      host,
      unicodeHost: hostToUnicode(host),
      hostKind: hostKind(url.hostname),
      port,
      defaultPort: port === DEFAULT_PORTS[finalScheme],
      portTyped: /:\d+$/.test(authorityOf(full)),
      path: url.pathname,
      query: url.search.slice(1),
      fragment: url.hash.slice(1),
      hasCredentials: url.username !== '' || url.password !== '',
    },
  };
}
