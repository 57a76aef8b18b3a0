import { describe, expect, it } from 'vitest';
import { MAX_PCAP_PACKETS, pingScenario, readPcap, toHex, writePcap } from '../../../../src/lib/packet/index.ts';

const frames = pingScenario(4, 2).packets.map((p, i) => ({
  timeMicros: 1_764_115_200_123_456 + i * 1_000_001,
  data: p.frame,
}));

describe('pcap', () => {
  it('writes link type 1, version 2.4, and reads back frames and timestamps', () => {
    const file = writePcap(frames);
    expect(toHex(file, 0, 24)).toBe('d4c3b2a10200040000000000000000000000040001000000');
    const r = readPcap(file);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.packets.map((p) => p.timeMicros)).toEqual(frames.map((f) => f.timeMicros));
    expect(r.value.packets.map((p) => toHex(p.data))).toEqual(frames.map((f) => toHex(f.data)));
  });
  it('reads big-endian and nanosecond files', () => {
    const le = writePcap(frames.slice(0, 1));
    const be = new Uint8Array(le.length);
    const src = new DataView(le.buffer);
    const dst = new DataView(be.buffer);
    dst.setUint32(0, 0xa1b23c4d);
    dst.setUint16(4, 2);
    dst.setUint16(6, 4);
    dst.setUint32(16, 65_535);
    dst.setUint32(20, 1);
    dst.setUint32(24, src.getUint32(24, true));
    dst.setUint32(28, src.getUint32(28, true) * 1000);
    dst.setUint32(32, src.getUint32(32, true));
    dst.setUint32(36, src.getUint32(36, true));
    be.set(le.subarray(40), 40);
    const r = readPcap(be);
    expect(r.ok && r.value.nanosecond).toBe(true);
    expect(r.ok && r.value.packets[0]?.timeMicros).toBe(frames[0]?.timeMicros);
  });
  it.each([
    ['too large', new Uint8Array(101), 100, 'too-large', 100],
    ['short header', new Uint8Array(10), undefined, 'truncated', 0],
    ['pcapng', Uint8Array.from([0x0a, 0x0d, 0x0d, 0x0a, ...new Uint8Array(40)]), undefined, 'bad-magic', 0],
  ])('rejects %s', (_name, file, max, code, offset) => {
    const r = readPcap(file, max);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.code, r.error.offset]).toEqual([code, offset]);
  });
  it('explains pcapng and names offsets in record errors', () => {
    const ng = readPcap(Uint8Array.from([0x0a, 0x0d, 0x0d, 0x0a, ...new Uint8Array(40)]));
    expect(!ng.ok && ng.error.message).toMatchInlineSnapshot(
      `"Magic number 0x0a0d0d0a at offset 0 is not a pcap file (pcapng is not supported: save as pcap)"`,
    );
    const file = writePcap(frames);
    const link = file.slice();
    link[20] = 113;
    expect(readPcap(link)).toMatchObject({ ok: false, error: { code: 'unsupported-link-type', offset: 20 } });
    expect(readPcap(file.subarray(0, 30))).toMatchObject({ ok: false, error: { code: 'truncated', offset: 24 } });
    expect(readPcap(file.subarray(0, 50))).toMatchObject({ ok: false, error: { code: 'truncated', offset: 32 } });
    const huge = file.slice();
    new DataView(huge.buffer).setUint32(32, 0xffffffff, true);
    expect(readPcap(huge)).toMatchObject({ ok: false, error: { code: 'bad-record', offset: 32 } });
  });
  it('caps the packet count', () => {
    const many = writePcap(
      Array.from({ length: MAX_PCAP_PACKETS + 1 }, () => ({ timeMicros: 0, data: new Uint8Array(0) })),
    );
    expect(readPcap(many)).toMatchObject({ ok: false, error: { code: 'too-large' } });
  });
});
