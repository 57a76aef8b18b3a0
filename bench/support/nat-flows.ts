/**
 * The 1,000-flow NAT workload shared by `bench/nat-step.ts` (the model alone) and `bench/support/nat-harness.tsx`
 * (the island's drawing): 200 LAN hosts behind the scenario's home router, and flow i as a TCP SYN from host
 * i mod 200, port 40000 + i mod 7, to one of two web servers — distinct (host, port, server) for i < 1,400.
 */
import type { ScenarioStep, Topology } from '../../src/lib/nat/index.ts';

/** How many flows the benches send. */
export const FLOWS = 1000;

/** `topology` with its LAN hosts replaced by 200 hosts h0…h199 (192.168.1.10–209). */
export function withManyHosts(topology: Topology): Topology {
  const hosts = Array.from({ length: 200 }, (_, i) => ({
    id: `h${i}`,
    label: `h${i}`,
    segment: 'lan',
    address: `192.168.1.${10 + i}`,
  }));
  return { ...topology, hosts: [...topology.hosts.filter((h) => h.segment !== 'lan'), ...hosts] };
}

/** Flow i's first packet. */
export function flowSend(i: number, note = ''): ScenarioStep {
  return {
    kind: 'send',
    from: `h${i % 200}`,
    protocol: 'tcp',
    srcPort: 40000 + (i % 7),
    to: { address: i % 2 ? '198.51.100.10' : '198.51.100.20', port: 443 },
    flag: 'SYN',
    note,
  };
}
