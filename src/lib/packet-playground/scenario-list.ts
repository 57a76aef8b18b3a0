/** The playground's scenario choices (ids and labels only, so the island can list them without loading the builders). */
export const PLAYGROUND_SCENARIOS = [
  { id: 'http', label: 'TCP handshake + HTTP GET (IPv4)' },
  { id: 'http6', label: 'TCP handshake + HTTP GET (IPv6)' },
  { id: 'tls', label: 'HTTPS: TCP handshake + TLS 1.3 ClientHello' },
  { id: 'dns', label: 'DNS query and response (UDP)' },
  { id: 'arp', label: 'ARP request and reply' },
  { id: 'ping', label: 'Ping (ICMP echo)' },
  { id: 'ping6', label: 'Ping over IPv6 (ICMPv6 echo)' },
  { id: 'fragments', label: 'IPv4 fragmentation: 3,000 bytes over a 1,500-byte MTU' },
  { id: 'frag-needed', label: 'DF set: ICMP fragmentation needed (MTU 1,400)' },
  { id: 'too-big', label: 'IPv6: packet too big (MTU 1,280)' },
  { id: 'mtu', label: 'Your choice: 4,000 bytes by IPv4/IPv6, TCP/UDP, any MTU' },
] as const;
export type ScenarioId = (typeof PLAYGROUND_SCENARIOS)[number]['id'];
