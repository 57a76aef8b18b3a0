/**
 * The sidebar, in the order a request travels: the guides read as one journey, and
 * Starlight's prev/next links follow this order.
 */
export const sidebar = [
  { label: 'Start here', items: [{ label: 'The journey of a URL', slug: 'start/url-journey' }] },
  {
    label: 'Addressing',
    items: [
      { label: 'IP addresses', slug: 'addressing/ip-addresses' },
      { label: 'Subnets and CIDR', slug: 'addressing/subnetting' },
      { label: 'Public vs private, NAT and port forwarding', slug: 'addressing/public-private-nat' },
    ],
  },
  { label: 'Names', items: [{ label: 'DNS', slug: 'names/dns' }] },
  {
    label: 'Layers',
    items: [
      { label: 'The OSI model', slug: 'layers/osi-model' },
      { label: 'Devices, ARP, switching and routing', slug: 'layers/devices' },
      { label: 'Encapsulation', slug: 'layers/encapsulation' },
    ],
  },
  { label: 'Transport', items: [{ label: 'TCP vs UDP', slug: 'transport/tcp-vs-udp' }] },
  { label: 'Web protocols', items: [{ label: 'HTTP/1.0 to HTTP/3', slug: 'web/http-versions' }] },
  { label: 'Security', items: [{ label: 'SSL and TLS', slug: 'security/tls' }] },
  {
    label: 'Infrastructure',
    items: [
      { label: 'Proxy vs reverse proxy', slug: 'infrastructure/proxies' },
      { label: 'Layer 4 vs Layer 7 load balancing', slug: 'infrastructure/l4-vs-l7' },
    ],
  },
  {
    label: 'Playgrounds',
    items: [
      { label: 'Subnet calculator', slug: 'playgrounds/subnet-calculator' },
      { label: 'TLS round-trip calculator', slug: 'playgrounds/tls-round-trips' },
      { label: 'HTTP multiplexing timeline', slug: 'playgrounds/http-timeline' },
      { label: 'Packet anatomy', slug: 'playgrounds/packet-anatomy' },
    ],
  },
  { label: 'Reference', items: [{ label: 'Glossary', slug: 'reference/glossary' }] },
];
