import { describe, expect, it } from 'vitest';
import {
  buildFrame,
  concat,
  decodeFrame,
  fragmentIpv4,
  fragmentIpv6,
  ipv4,
  ipv6,
  mac,
  mssFor,
  packetTooBig,
  segmentTcp,
  toHex,
  u16,
  withoutDf,
} from '../../../../src/lib/packet/index.ts';

const ethernet = { src: mac('02:00:00:00:00:01'), dst: mac('02:00:00:00:00:02') };
const router = { ethernet: { src: mac('02:00:00:00:00:fe'), dst: mac('02:00:00:00:00:01') }, ip: ipv4('192.0.2.254') };
const payload = Uint8Array.from({ length: 3000 }, (_, i) => i & 0xff);
const udp = (df: boolean) =>
  buildFrame({
    ethernet,
    network: { kind: 'ipv4', src: ipv4('192.0.2.1'), dst: ipv4('198.51.100.2'), df, id: 99 },
    transport: { kind: 'udp', srcPort: 1, dstPort: 2 },
    payload,
  });

describe('MTU effects', () => {
  it('MSS is MTU − IP − TCP headers', () => {
    expect(mssFor(1500, 4)).toBe(1460);
    expect(mssFor(1500, 6)).toBe(1440);
    expect(mssFor(10, 4)).toBe(0);
  });
  it('segments by MSS with consecutive sequence numbers and PSH on the last', () => {
    const spec = {
      ethernet,
      network: { kind: 'ipv4', src: ipv4('192.0.2.1'), dst: ipv4('198.51.100.2') },
      transport: { kind: 'tcp', srcPort: 1, dstPort: 2, seq: 0xfffffff0, ack: 0, flags: 0x018, window: 1 },
    } as const;
    const segs = segmentTcp(spec, payload, 1460);
    expect(segs.map((s) => decodeFrame(s).fields.find((f) => f.key === 'tcp.seq_raw')?.value)).toEqual([
      0xfffffff0,
      (0xfffffff0 + 1460) >>> 0,
      (0xfffffff0 + 2920) >>> 0,
    ]);
    expect(segs.map((s) => decodeFrame(s).fields.find((f) => f.key === 'tcp.flags.push')?.value)).toEqual([0, 0, 1]);
    expect(segs.every((s) => decodeFrame(s).problems.length === 0)).toBe(true);
    expect(segmentTcp(spec, new Uint8Array(0), 1460)).toHaveLength(1);
  });
  it('fragments IPv4 (DF clear) into 8-byte-aligned pieces that reassemble to the original', () => {
    const whole = udp(false);
    const r = fragmentIpv4(whole, 1500, router);
    expect(r.ok && r.value.kind).toBe('fragmented');
    if (!r.ok) return;
    const frags = r.value.frames.map((f) => decodeFrame(f));
    expect(frags.map((d) => d.fields.find((f) => f.key === 'ip.frag_offset')?.value)).toEqual([0, 185, 370]);
    expect(frags.map((d) => d.fields.find((f) => f.key === 'ip.flags.mf')?.value)).toEqual([1, 1, 0]);
    expect(frags.every((d) => d.problems.length === 0)).toBe(true);
    const data = concat(r.value.frames.map((f) => f.subarray(34)));
    expect(toHex(data)).toBe(toHex(whole.subarray(34)));
    expect(fragmentIpv4(whole, 4000, router)).toMatchObject({ ok: true, value: { kind: 'fits' } });
    expect(fragmentIpv4(whole, 60, router).ok).toBe(false);
    expect(fragmentIpv4(new Uint8Array(20), 1500, router).ok).toBe(false);
    const badLen = whole.slice();
    badLen[14] = 0x43;
    expect(fragmentIpv4(badLen, 1500, router).ok).toBe(false);
    expect(withoutDf({ kind: 'ipv4', src: ipv4('1.2.3.4'), dst: ipv4('1.2.3.5'), df: true }).df).toBe(false);
  });
  it('DF set: the router answers with ICMP frag-needed quoting the header + 8 bytes', () => {
    const r = fragmentIpv4(udp(true), 1400, router);
    expect(r.ok && r.value.kind).toBe('frag-needed');
    if (!r.ok || r.value.kind !== 'frag-needed') return;
    const d = decodeFrame(r.value.icmp);
    expect(d.problems).toEqual([]);
    expect(d.fields.find((f) => f.key === 'icmp.mtu')?.value).toBe(1400);
    expect(d.fields.find((f) => f.key === 'ip.dst')?.value).toBe('192.0.2.1');
    expect(u16(r.value.icmp, 16)).toBe(20 + 8 + 28);
  });
  it('IPv6: packet too big carries the MTU and as much of the packet as fits 1280', () => {
    const big = buildFrame({
      ethernet,
      network: { kind: 'ipv6', src: ipv6('2001:db8::1'), dst: ipv6('2001:db8::2') },
      transport: { kind: 'udp', srcPort: 1, dstPort: 2 },
      payload,
    });
    const r = packetTooBig(big, 1400, { ...router, ip: ipv6('2001:db8::fe') });
    if (!r.ok || r.value.kind !== 'frag-needed') throw new Error('expected packet too big');
    const d = decodeFrame(r.value.icmp);
    expect(d.problems).toEqual([]);
    expect(d.fields.find((f) => f.key === 'icmpv6.mtu')?.value).toBe(1400);
    expect(r.value.icmp.length - 14).toBe(1280);
    expect(packetTooBig(big, 9000, router)).toMatchObject({ ok: true, value: { kind: 'fits' } });
    expect(packetTooBig(udp(false), 1280, router).ok).toBe(false);
  });
});

describe('IPv6 source fragmentation', () => {
  it('splits after the header behind Fragment headers whose data reassembles', () => {
    const big = buildFrame({
      ethernet,
      network: { kind: 'ipv6', src: ipv6('2001:db8::1'), dst: ipv6('2001:db8::2') },
      transport: { kind: 'udp', srcPort: 1, dstPort: 2 },
      payload,
    });
    const r = fragmentIpv6(big, 1280, 0xabcdef01);
    if (!r.ok || r.value.kind !== 'fragmented') throw new Error('expected fragments');
    const ds = r.value.frames.map((f) => decodeFrame(f));
    expect(ds.map((d) => d.fields.find((f) => f.key === 'ipv6.fraghdr.offset')?.value)).toEqual([0, 154, 308]);
    expect(ds.map((d) => d.fields.find((f) => f.key === 'ipv6.fraghdr.more')?.value)).toEqual([1, 1, 0]);
    expect(ds.every((d) => d.problems.length === 0)).toBe(true);
    expect(r.value.frames.every((f) => f.length - 14 <= 1280)).toBe(true);
    expect(toHex(concat(r.value.frames.map((f) => f.subarray(14 + 48))))).toBe(toHex(big.subarray(54)));
    expect(fragmentIpv6(big, 9000, 1)).toMatchObject({ ok: true, value: { kind: 'fits' } });
    expect(fragmentIpv6(big, 1000, 1).ok).toBe(false);
    expect(fragmentIpv6(udp(false), 1280, 1).ok).toBe(false);
  });
});
