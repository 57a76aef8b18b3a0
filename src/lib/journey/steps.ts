/** One stop on the journey of a request, linking to the guide that explains it. */
export interface JourneyStep {
  /** Short name shown on the map. */
  readonly name: string;
  /** What happens at this step, in one line. */
  readonly summary: string;
  /** Docs slug of the guide, without leading or trailing slash. */
  readonly slug: string;
}

/** The request's path from the address bar to the server, in order. */
export const journeySteps: readonly JourneyStep[] = [
  {
    name: 'Browser',
    summary: 'You type a URL; the browser parses it and checks its caches.',
    slug: 'start/url-journey',
  },
  {
    name: 'DNS',
    summary: 'The name becomes an IP address via resolvers and authoritative servers.',
    slug: 'names/dns',
  },
  {
    name: 'IP and NAT',
    summary: 'Packets are addressed, routed, and rewritten at the home router.',
    slug: 'addressing/public-private-nat',
  },
  {
    name: 'TCP',
    summary: 'A three-way handshake opens a reliable byte stream (or QUIC over UDP).',
    slug: 'transport/tcp-vs-udp',
  },
  {
    name: 'TLS',
    summary: 'Keys are agreed and the server proves who it is, in one or two round trips.',
    slug: 'security/tls',
  },
  {
    name: 'HTTP',
    summary: 'The request and response travel, over HTTP/1.1, HTTP/2 or HTTP/3.',
    slug: 'web/http-versions',
  },
  {
    name: 'Proxy / load balancer',
    summary: 'A reverse proxy or L4/L7 balancer picks a backend.',
    slug: 'infrastructure/l4-vs-l7',
  },
  {
    name: 'Server',
    summary: 'The application answers, and every step runs in reverse.',
    slug: 'infrastructure/proxies',
  },
];

/** Href of a docs slug under the site's base path. */
export function docsHref(base: string, slug: string): string {
  return `${base.replace(/\/+$/, '')}/${slug}/`;
}
