/** The scenarios the playground offers: each a list of frames with a one-line description. */
import {
  arpScenario,
  buildFrame,
  dnsScenario,
  fragmentIpv4,
  httpScenario,
  JOURNEY,
  packetTooBig,
  pingScenario,
  type ScenarioPacket,
  tlsScenario,
} from '../packet/index.ts';
import { transferPlan } from './transfer.ts';
import { transferPackets } from './transfer-build.ts';

const routerEthernet = { src: JOURNEY.routerMac, dst: JOURNEY.clientMac };

function bigUdp(df: boolean, v6: boolean): Uint8Array {
  const payload = Uint8Array.from({ length: 3000 }, (_, i) => 0x41 + (i % 26));
  return buildFrame({
    ethernet: { src: JOURNEY.clientMac, dst: JOURNEY.routerMac },
    network: v6
      ? { kind: 'ipv6', src: JOURNEY.clientIp6, dst: JOURNEY.serverIp6 }
      : { kind: 'ipv4', src: JOURNEY.clientIp, dst: JOURNEY.serverIp, df, id: 0x5151 },
    transport: { kind: 'udp', srcPort: 50_000, dstPort: 9_000 },
    payload,
  });
}

/** The frames of a scenario (unknown ids fall back to the HTTP journey). */
export function scenarioPackets(id: string): ScenarioPacket[] {
  switch (id) {
    case 'http6':
      return httpScenario({ version: 6 }).packets;
    case 'tls':
      return tlsScenario().packets;
    case 'mtu':
      return transferPackets(transferPlan({ version: 4, transport: 'tcp', mtu: 1500 }));
    case 'dns':
      return dnsScenario().packets;
    case 'arp':
      return arpScenario().packets;
    case 'ping':
      return pingScenario(4).packets;
    case 'ping6':
      return pingScenario(6).packets;
    case 'fragments': {
      const r = fragmentIpv4(bigUdp(false, false), 1500, { ethernet: routerEthernet, ip: JOURNEY.routerIp });
      const frames = r.ok ? r.value.frames : [];
      return frames.map((frame, i) => ({ description: `Fragment ${i + 1} of ${frames.length}`, frame, time: i * 100 }));
    }
    case 'frag-needed': {
      const big = bigUdp(true, false);
      const r = fragmentIpv4(big, 1400, { ethernet: routerEthernet, ip: JOURNEY.routerIp });
      const icmp = r.ok && r.value.kind === 'frag-needed' ? [r.value.icmp] : [];
      return [
        { description: 'A 3,028-byte datagram with Don’t Fragment set', frame: big, time: 0 },
        ...icmp.map((frame) => ({
          description: 'The router drops it and says: fragmentation needed, next-hop MTU 1,400',
          frame,
          time: 5_000,
        })),
      ];
    }
    case 'too-big': {
      const big = bigUdp(false, true);
      const r = packetTooBig(big, 1280, { ethernet: routerEthernet, ip: JOURNEY.serverIp6 });
      const icmp = r.ok && r.value.kind === 'frag-needed' ? [r.value.icmp] : [];
      return [
        { description: 'A 3,048-byte IPv6 packet: routers never fragment IPv6', frame: big, time: 0 },
        ...icmp.map((frame) => ({
          description: 'ICMPv6 packet too big, MTU 1,280: the sender must fragment or send less',
          frame,
          time: 5_000,
        })),
      ];
    }
    default:
      return httpScenario().packets;
  }
}
