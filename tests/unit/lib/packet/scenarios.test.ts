import { describe, expect, it } from 'vitest';
import {
  arpScenario,
  decodeFrame,
  dnsScenario,
  encodeDnsName,
  httpScenario,
  JOURNEY,
  pingScenario,
} from '../../../../src/lib/packet/index.ts';

const num = (frame: Uint8Array, key: string): number =>
  Number(decodeFrame(frame).fields.find((f) => f.key === key)?.value);

describe('scenarios', () => {
  it.each([4, 6] as const)('HTTP over IPv%i: seq/ack follow the bytes sent', (version) => {
    const s = httpScenario({ version, body: 'x'.repeat(3000) });
    const frames = s.packets.map((p) => p.frame);
    for (const f of frames) expect(decodeFrame(f).problems).toEqual([]);
    const [syn, synAck, ack, get, getAck] = frames as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
    expect(num(syn, 'tcp.seq_raw')).toBe(JOURNEY.clientIsn);
    expect(num(synAck, 'tcp.ack_raw')).toBe(JOURNEY.clientIsn + 1);
    expect(num(ack, 'tcp.ack_raw')).toBe(JOURNEY.serverIsn + 1);
    expect(num(get, 'tcp.seq_raw')).toBe(JOURNEY.clientIsn + 1);
    const getLen = get.length - (version === 4 ? 14 + 20 + 20 : 14 + 40 + 20);
    expect(num(getAck, 'tcp.ack_raw')).toBe(JOURNEY.clientIsn + 1 + getLen);
    const segments = frames.slice(5, -2);
    expect(segments.length).toBe(3);
    let seq = JOURNEY.serverIsn + 1;
    for (const seg of segments) {
      expect(num(seg, 'tcp.seq_raw')).toBe(seq);
      seq += seg.length - (version === 4 ? 54 : 74);
    }
    expect(num(frames.at(-2) ?? syn, 'tcp.ack_raw')).toBe(seq);
    expect(s.packets.map((p) => p.time)).toEqual([...s.packets.map((p) => p.time)].sort((a, b) => a - b));
  });
  it('DNS, ARP and ping decode without problems', () => {
    for (const s of [dnsScenario(), arpScenario(), pingScenario(4, 3), pingScenario(6)]) {
      for (const p of s.packets) expect(decodeFrame(p.frame).problems).toEqual([]);
    }
    expect(pingScenario(4, 3).packets).toHaveLength(6);
    expect(decodeFrame(arpScenario().packets[1]?.frame ?? new Uint8Array(0)).layers[1]?.summary).toBe(
      '192.0.2.1 is at 02:00:5e:10:00:fe',
    );
  });
  it('encodes DNS names as length-prefixed labels', () => {
    expect([...encodeDnsName('example.com.')]).toEqual(
      [7, ...'example'].map((c) => (typeof c === 'number' ? c : c.charCodeAt(0))).concat([3, 99, 111, 109, 0]),
    );
  });
});
