/**
 * What the island says about a journey, in words and links: the live summary, the URL's parts, and each phase's
 * guide and playground hrefs under the site's base path. Pure: the island passes `import.meta.env.BASE_URL`.
 */
import { formatDuration } from '../format/index.ts';
import { docsHref } from '../journey/steps.ts';
import type { Journey, JourneyPhase, ParsedUrl } from '../journey/types.ts';

/** A link the island renders (label and href). */
export interface ViewLink {
  readonly label: string;
  readonly href: string;
}

/** The guide and the preloaded playground of a phase. */
export interface PhaseLinks {
  readonly guide: ViewLink;
  readonly playground: ViewLink | null;
}

/** Guide titles by slug, for link text ("Read: DNS"). Unknown slugs fall back to the slug's last part. */
const GUIDE_NAMES: Readonly<Record<string, string>> = {
  'start/url-journey': 'The journey of a URL',
  'names/dns': 'DNS',
  'transport/tcp-vs-udp': 'TCP and UDP',
  'security/tls': 'TLS',
  'web/http-versions': 'HTTP versions',
  'infrastructure/proxies': 'Proxies',
  'infrastructure/api-gateways': 'API gateways and services',
};

/** The guide name for a slug. */
export function guideName(slug: string): string {
  return GUIDE_NAMES[slug] ?? slug.split('/').at(-1)?.replace(/-/g, ' ') ?? slug;
}

/** A phase's links under `base`. The playground's query comes from that playground's own codec (the model's). */
export function phaseLinks(phase: JourneyPhase, base: string): PhaseLinks {
  const guide = { label: `Guide: ${guideName(phase.guide)}`, href: docsHref(base, phase.guide) };
  const link = phase.playground;
  if (link === null) return { guide, playground: null };
  const href = docsHref(base, link.slug) + (link.query === '' ? '' : `?${link.query}`);
  return { guide, playground: { label: link.label, href } };
}

/** One row of the URL's parts: what it is, its value, and what the browser does with it. */
export interface UrlPart {
  readonly name: string;
  readonly value: string;
  readonly note: string;
}

/** The parsed URL as rows (scheme, host, port, path, query, fragment), each value as text only. */
export function urlParts(url: ParsedUrl): UrlPart[] {
  const schemeNote = url.hstsUpgraded
    ? 'upgraded from http by HSTS preload'
    : url.schemeAdded
      ? 'added by the address bar'
      : url.scheme === 'https'
        ? 'HTTP over TLS'
        : 'plain HTTP, no encryption';
  const idn = url.unicodeHost !== url.host;
  return [
    { name: 'Scheme', value: url.scheme, note: schemeNote },
    {
      name: 'Host',
      value: url.host,
      note: idn ? `punycode of ${url.unicodeHost} (what DNS and TLS see)` : hostNote(url),
    },
    { name: 'Port', value: String(url.port), note: url.defaultPort ? `the default for ${url.scheme}` : 'typed' },
    { name: 'Path', value: url.path, note: 'sent in the request' },
    { name: 'Query', value: url.query === '' ? '(none)' : `?${url.query}`, note: 'sent in the request' },
    {
      name: 'Fragment',
      value: url.fragment === '' ? '(none)' : `#${url.fragment}`,
      note: 'never sent: the browser keeps it',
    },
  ];
}

function hostNote(url: ParsedUrl): string {
  switch (url.hostKind) {
    case 'ipv4':
    case 'ipv6':
      return 'an address: no DNS lookup';
    case 'localhost':
      return 'this machine: no DNS lookup';
    default:
      return 'looked up in DNS, checked against the certificate';
  }
}

/** When the first byte arrives (the 'response' phase's end, or the journey's end). */
export function firstByteMs(journey: Journey): number {
  return journey.marks.starttransfer;
}

/** The live region's one sentence about a visit. */
export function journeySummary(journey: Journey): string {
  const visit = journey.input.visit === 'cold' ? 'First visit' : 'Second visit';
  return `${visit} to ${journey.url.href}: first byte after ${formatDuration(firstByteMs(journey))}, last byte after ${formatDuration(journey.totalMs)}.`;
}
