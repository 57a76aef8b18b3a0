/** One stop on the journey of a request, linking to the guide that explains it. */
export interface JourneyStep {
  /** Short name shown on the map. */
  readonly name: string;
  /** What happens at this step, in one line. */
  readonly summary: string;
  /** Docs slug of the guide, without leading or trailing slash. */
  readonly slug: string;
}

/**
 * The request's path from the address bar to the server, in the order a request meets each stop. The sidebar
 * (src/sidebar.ts) has one group per step in the same order, and start/url-journey has one section per step.
 */
export const journeySteps: readonly JourneyStep[] = [
  {
    name: 'Browser',
    summary: 'You type a URL; the browser parses it and checks its caches and HSTS.',
    slug: 'start/url-journey',
  },
  {
    name: 'DNS',
    summary: 'The name becomes an IP address via resolvers and authoritative servers.',
    slug: 'names/dns',
  },
  {
    name: 'IP and NAT',
    summary:
      'Packets are addressed, rewritten by the home router and routed to the site, whose edge firewall lets only web ports in.',
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
    summary: 'A reverse proxy or L4/L7 balancer, where the connection really ended, picks a backend.',
    slug: 'infrastructure/proxies',
  },
  {
    name: 'Server',
    summary: 'An API gateway and the services behind it build the response, and every step runs in reverse.',
    slug: 'infrastructure/api-gateways',
  },
];

/** Href of a docs slug under the site's base path. */
export function docsHref(base: string, slug: string): string {
  return `${base.replace(/\/+$/, '')}/${slug}/`;
}
