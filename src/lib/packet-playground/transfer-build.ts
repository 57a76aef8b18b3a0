/**
 * The frames of the "your choice" scenario, from the plan in `transfer.ts`: for TCP the handshake (the SYN carries
 * the MSS), the data segments and the receiver's ACK; for UDP the datagram, as one packet or as the fragments the
 * sender makes. Loaded by the island after hydration (it needs the encoders).
 */
import { formatCount } from '../format/index.ts';
import { buildFrame } from '../packet/encode.ts';
import { fragmentIpv4, fragmentIpv6, segmentTcp } from '../packet/mtu.ts';
import { JOURNEY, type ScenarioPacket } from '../packet/scenarios.ts';
import { type FrameSpec, TCP_FLAGS, type TcpOption } from '../packet/spec.ts';
import { TRANSFER_BYTES, type TransferPlan } from './transfer.ts';

const data = (): Uint8Array => Uint8Array.from({ length: TRANSFER_BYTES }, (_, i) => 0x41 + (i % 26));

/** The scenario's packets for a plan, with a description each. */
export function transferPackets(plan: TransferPlan): ScenarioPacket[] {
  const { version, transport } = plan.input;
  const v6 = version === 6;
  const network = (fromClient: boolean, id: number): FrameSpec['network'] => {
    const src = v6 ? JOURNEY.clientIp6 : JOURNEY.clientIp;
    const dst = v6 ? JOURNEY.serverIp6 : JOURNEY.serverIp;
    return v6
      ? { kind: 'ipv6', src: fromClient ? src : dst, dst: fromClient ? dst : src, hopLimit: 64 }
      : {
          kind: 'ipv4',
          src: fromClient ? src : dst,
          dst: fromClient ? dst : src,
          df: transport === 'tcp',
          id,
          ttl: 64,
        };
  };
  const ethernet = (fromClient: boolean) =>
    fromClient
      ? { src: JOURNEY.clientMac, dst: JOURNEY.routerMac }
      : { src: JOURNEY.routerMac, dst: JOURNEY.clientMac };
  if (transport === 'udp') {
    const whole = buildFrame({
      ethernet: ethernet(true),
      network: network(true, 0x5151),
      transport: { kind: 'udp', srcPort: 50_000, dstPort: 9_000 },
      payload: data(),
    });
    if (plan.kind === 'fits') {
      return [
        { description: `One ${formatCount(whole.length - 14)}-byte packet: it fits the MTU`, frame: whole, time: 0 },
      ];
    }
    const r = v6
      ? fragmentIpv6(whole, plan.input.mtu, 0x5151)
      : fragmentIpv4(whole, plan.input.mtu, { ethernet: ethernet(false), ip: JOURNEY.routerIp });
    const frames = r.ok && r.value.kind !== 'frag-needed' ? r.value.frames : [whole];
    return frames.map((frame, i) => {
      const piece = plan.pieces[i] ?? { offset: 0, length: 0 };
      const more = i < frames.length - 1 ? ', more fragments follow' : ', the last';
      return {
        description: `Fragment ${i + 1} of ${frames.length}: offset ${formatCount(piece.offset / 8)} (× 8 = byte ${formatCount(piece.offset)}), ${formatCount(piece.length)} bytes${more}`,
        frame,
        time: i * 100,
      };
    });
  }
  const mss = plan.step;
  const { SYN, ACK } = TCP_FLAGS;
  const options: TcpOption[] = [
    { kind: 'mss', value: mss },
    { kind: 'nop' },
    { kind: 'window-scale', shift: 7 },
    { kind: 'sack-permitted' },
  ];
  const tcp = (fromClient: boolean, flags: number, seq: number, ack: number, opts: TcpOption[] = []) => ({
    kind: 'tcp' as const,
    srcPort: fromClient ? JOURNEY.clientPort : 443,
    dstPort: fromClient ? 443 : JOURNEY.clientPort,
    seq,
    ack,
    flags,
    window: flags & SYN ? 64_240 : 502,
    options: opts,
  });
  const c = JOURNEY.clientIsn;
  const s = JOURNEY.serverIsn;
  const frame = (fromClient: boolean, id: number, t: ReturnType<typeof tcp>) =>
    buildFrame({ ethernet: ethernet(fromClient), network: network(fromClient, id), transport: t });
  const segments = segmentTcp(
    { ethernet: ethernet(true), network: network(true, 0x1002), transport: tcp(true, ACK, c + 1, s + 1) },
    data(),
    mss,
  );
  return [
    {
      description: `SYN: the client announces MSS ${formatCount(mss)}`,
      frame: frame(true, 0x1000, tcp(true, SYN, c, 0, options)),
      time: 0,
    },
    {
      description: `SYN-ACK: the server, on the same link, announces MSS ${formatCount(mss)} too`,
      frame: frame(false, 0x2000, tcp(false, SYN | ACK, s, c + 1, options)),
      time: 20_000,
    },
    {
      description: 'ACK: the connection is open',
      frame: frame(true, 0x1001, tcp(true, ACK, c + 1, s + 1)),
      time: 40_000,
    },
    ...segments.map((f, i) => ({
      description: `Segment ${i + 1} of ${segments.length}: ${formatCount(plan.pieces[i]?.length ?? 0)} bytes of data (MSS ${formatCount(mss)})`,
      frame: f,
      time: 40_100 + i * 100,
    })),
    {
      description: `ACK: the server has all ${formatCount(TRANSFER_BYTES)} bytes`,
      frame: frame(false, 0x2001, tcp(false, ACK, s + 1, (c + 1 + TRANSFER_BYTES) >>> 0)),
      time: 60_000,
    },
  ];
}
