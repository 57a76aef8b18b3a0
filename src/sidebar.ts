/**
 * The sidebar, in the order a request travels: the overview, then the foundations every step relies on, then one
 * group per stop of the journey in the order a request meets them (the same eight steps as the home page's map,
 * src/lib/journey/steps.ts, and the sections of start/url-journey). Starlight's prev/next links follow this order.
 */
import { FAMILIES } from './lib/practice/index.ts';

export const sidebar = [
  { label: 'Start here', items: [{ label: 'The journey of a URL', slug: 'start/url-journey' }] },
  {
    label: 'Foundations',
    items: [
      { label: 'The OSI model', slug: 'layers/osi-model' },
      { label: 'Encapsulation', slug: 'layers/encapsulation' },
      { label: 'Devices, ARP, switching and routing', slug: 'layers/devices' },
      { label: 'IP addresses and ports', slug: 'addressing/ip-addresses' },
      { label: 'Subnets and CIDR', slug: 'addressing/subnetting' },
    ],
  },
  { label: '2 · DNS', items: [{ label: 'DNS', slug: 'names/dns' }] },
  {
    label: '3 · IP and NAT',
    items: [{ label: 'Public vs private, NAT and port forwarding', slug: 'addressing/public-private-nat' }],
  },
  { label: '4 · Transport', items: [{ label: 'TCP vs UDP', slug: 'transport/tcp-vs-udp' }] },
  {
    label: '5 · TLS',
    items: [
      { label: 'SSL and TLS', slug: 'security/tls' },
      { label: 'Mutual TLS', slug: 'security/mutual-tls' },
      { label: 'Debugging TLS', slug: 'security/debugging-tls' },
    ],
  },
  { label: '6 · HTTP', items: [{ label: 'HTTP/1.0 to HTTP/3', slug: 'web/http-versions' }] },
  {
    label: '7 · Proxies and load balancers',
    items: [
      { label: 'Proxy vs reverse proxy', slug: 'infrastructure/proxies' },
      { label: 'Layer 4 vs Layer 7 load balancing', slug: 'infrastructure/l4-vs-l7' },
      { label: 'Sticky sessions', slug: 'infrastructure/sticky-sessions' },
    ],
  },
  {
    label: '8 · The server side',
    items: [{ label: 'API gateways and the microservice edge', slug: 'infrastructure/api-gateways' }],
  },
  {
    label: 'Playgrounds',
    items: [
      { label: 'Packet anatomy', slug: 'playgrounds/packet-anatomy' },
      { label: 'Subnet calculator', slug: 'playgrounds/subnet-calculator' },
      { label: 'DNS resolution', slug: 'playgrounds/dns' },
      { label: 'NAT and port forwarding', slug: 'playgrounds/nat' },
      { label: 'TLS round-trip calculator', slug: 'playgrounds/tls-round-trips' },
      { label: 'HTTP multiplexing timeline', slug: 'playgrounds/http-timeline' },
      { label: 'Proxy and load balancer', slug: 'playgrounds/proxy' },
    ],
  },
  {
    // One page per practice family, generated from FAMILIES (src/pages/practice/[family].astro).
    label: 'Practice',
    items: [
      { label: 'Overview', link: '/practice/' },
      { label: 'Journey quiz', link: '/practice/journey-quiz/' },
      ...FAMILIES.map((family) => ({ label: family.title, link: `/practice/${family.id}/` })),
    ],
  },
  { label: 'Reference', items: [{ label: 'Glossary', slug: 'reference/glossary' }] },
];
