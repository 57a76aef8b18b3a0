import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../../../../src/lib/packet/index.ts';
import {
  MTU_BOUND,
  PACKET_CODEC,
  TRANSFER_BYTES,
  transferFromState,
  transferPackets,
  transferPlan,
} from '../../../../src/lib/packet-playground/index.ts';

const MTUS = [68, 69, 575, 576, 1279, 1280, 1492, 1500, 4027, 4028, 4047, 4048, 9000];

describe('the "your choice" transfer', () => {
  describe.each([4, 6] as const)('IPv%i', (version) => {
    it.each(MTUS.filter((m) => version === 4 || m >= 1280))('TCP at MTU %i: segments of the MSS, each fits', (mtu) => {
      const plan = transferPlan({ version, transport: 'tcp', mtu });
      const packets = transferPackets(plan);
      const segments = packets.slice(3, -1);
      expect(segments.length).toBe(plan.pieces.length);
      expect(plan.step).toBe(mtu - (version === 4 ? 40 : 60));
      const mss = decodeFrame(packets[0]?.frame ?? new Uint8Array(0)).fields.find(
        (f) => f.key === 'tcp.options.mss_val',
      );
      expect(mss?.value).toBe(plan.step);
      let data = 0;
      for (const p of packets) {
        const d = decodeFrame(p.frame);
        expect(d.problems).toEqual([]);
        expect(p.frame.length - 14).toBeLessThanOrEqual(mtu);
      }
      for (const s of segments) data += (decodeFrame(s.frame).layers.at(-1)?.length ?? 0) as number;
      expect(data).toBe(TRANSFER_BYTES);
    });
    it.each(MTUS.filter((m) => version === 4 || m >= 1280))('UDP at MTU %i: fragments as planned, each fits', (mtu) => {
      const plan = transferPlan({ version, transport: 'udp', mtu });
      const packets = transferPackets(plan);
      expect(packets.length).toBe(plan.pieces.length);
      expect(plan.kind).toBe(TRANSFER_BYTES + 8 + (version === 4 ? 20 : 40) <= mtu ? 'fits' : 'fragments');
      for (const p of packets) {
        expect(decodeFrame(p.frame).problems).toEqual([]);
        expect(p.frame.length - 14).toBeLessThanOrEqual(mtu);
      }
    });
  });

  it('says what happens, with the numbers', () => {
    expect(transferPlan({ version: 4, transport: 'tcp', mtu: 1500 }).lines).toEqual([
      'MSS 1,460 = MTU 1,500 − 20 (IPv4 header) − 20 (TCP header): the SYN announces it.',
      'The sender cuts its 4,000 bytes into 3 segments: 1,460 + 1,460 + 1,080.',
      'Every segment fits the link, so nothing is fragmented: TCP sizes its segments to the path.',
    ]);
    expect(transferPlan({ version: 6, transport: 'udp', mtu: 1280 }).lines[1]).toBe(
      'IPv6 routers never fragment, so the sender does: an 8-byte Fragment header on each of 4 fragments of at most 1,232 data bytes (a multiple of 8), at offsets 0, 154, 308, 462 in 8-byte units.',
    );
    expect(transferPlan({ version: 4, transport: 'tcp', mtu: 68 }).lines[1]).toBe(
      'The sender cuts its 4,000 bytes into 143 segments: 28 + 28 + 28 + 28 + … (139 more).',
    );
  });

  it.each([
    ['abc', "MTU must be a number, got 'abc'."],
    ['67', "MTU is '67' but must be from 68 to 9000 bytes."],
    ['1500.5', "MTU is '1500.5' but must be a whole number."],
    ['', 'MTU is empty: type a number from 68 to 9000 bytes.'],
  ])('refuses MTU %j with a quoted message', (mtu, message) => {
    const r = transferFromState({ ...PACKET_CODEC.defaults, scenario: 'mtu', mtu });
    expect(r.ok ? '' : r.error.message).toBe(message);
  });
  it('refuses an IPv6 MTU below 1280 (code rejected), takes it for IPv4', () => {
    const v6 = transferFromState({ ...PACKET_CODEC.defaults, ip: '6', mtu: '1279' });
    expect(v6.ok ? undefined : v6.error.fields).toEqual([
      {
        code: 'rejected',
        field: 'mtu',
        message: "MTU is '1279' but IPv6 needs at least 1280 bytes on every link (RFC 8200).",
      },
    ]);
    expect(transferFromState({ ...PACKET_CODEC.defaults, mtu: '1279' }).ok).toBe(true);
    expect(MTU_BOUND.min).toBe(68);
  });
});
