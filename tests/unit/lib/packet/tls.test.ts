import { describe, expect, it } from 'vitest';
import {
  buildFrame,
  decodeFrame,
  encodeClientHello,
  JOURNEY,
  tlsScenario,
  toHex,
} from '../../../../src/lib/packet/index.ts';

/** A ClientHello to port 443 over IPv4: the record starts at 14 + 20 + 20 = 54. */
function helloFrame(payload: Uint8Array, dstPort = 443): Uint8Array {
  return buildFrame({
    ethernet: { src: JOURNEY.clientMac, dst: JOURNEY.routerMac },
    network: { kind: 'ipv4', src: JOURNEY.clientIp, dst: JOURNEY.serverIp, df: true, id: 1 },
    transport: { kind: 'tcp', srcPort: 49_152, dstPort, seq: 1, ack: 1, flags: 0x18, window: 502 },
    payload,
  });
}
const at = (frame: Uint8Array, key: string) =>
  decodeFrame(frame)
    .fields.filter((f) => f.key === key)
    .map((f) => [f.offset, f.value]);

describe('TLS ClientHello', () => {
  const frame = helloFrame(encodeClientHello());

  it('decodes record, handshake and hello fields at their offsets', () => {
    const d = decodeFrame(frame);
    expect(d.problems).toEqual([]);
    expect(d.layers.at(-1)).toMatchObject({ name: 'TLS', offset: 54, length: frame.length - 54 });
    expect(d.layers.at(-1)?.summary).toBe(
      'TLS record: ClientHello: SNI example.com, ALPN h2/http/1.1, offers TLS 1.3, TLS 1.2, key share x25519',
    );
    expect(at(frame, 'tls.record.content_type')).toEqual([[54, 22]]);
    expect(at(frame, 'tls.record.version')).toEqual([[55, 0x0301]]);
    expect(at(frame, 'tls.record.length')).toEqual([[57, frame.length - 59]]);
    expect(at(frame, 'tls.handshake.type')).toEqual([[59, 1]]);
    expect(at(frame, 'tls.handshake.length')).toEqual([[60, frame.length - 63]]);
    expect(at(frame, 'tls.handshake.version')).toEqual([[63, 0x0303]]);
    expect(at(frame, 'tls.handshake.random')).toEqual([[65, toHex(frame, 65, 97, ':')]]);
    expect(at(frame, 'tls.handshake.session_id_length')).toEqual([[97, 32]]);
    expect(at(frame, 'tls.handshake.ciphersuite')).toEqual([
      [132, 0x1301],
      [134, 0x1302],
      [136, 0x1303],
    ]);
    expect(at(frame, 'tls.handshake.extensions_server_name')).toEqual([[151, 'example.com']]);
    expect(at(frame, 'tls.handshake.extensions_alpn_str')).toEqual([
      [191, 'h2'],
      [194, 'http/1.1'],
    ]);
    expect(at(frame, 'tls.handshake.extensions.supported_version')).toEqual([
      [207, 0x0304],
      [209, 0x0303],
    ]);
    expect(at(frame, 'tls.handshake.extensions_key_share_group')).toEqual([[223, 0x001d]]);
    expect(at(frame, 'tls.handshake.extensions_key_share_key_exchange')).toEqual([[227, toHex(frame, 227, 259, ':')]]);
  });

  it('is TLS only on port 443, as Wireshark decides; elsewhere the payload is data', () => {
    expect(decodeFrame(helloFrame(encodeClientHello(), 8443)).layers.at(-1)?.summary).toMatch(/^Data, /);
  });

  it('names each problem with its offset on hostile lengths, and never throws on any prefix or byte flip', () => {
    const bad = frame.slice();
    bad[98 - 1] = 200; // session id length 200 in a 196-byte hello
    const d = decodeFrame(bad);
    expect(d.problems.map((p) => [p.code, p.offset])).toContainEqual(['bad-length', 97]);
    for (let n = 54; n <= frame.length; n++) expect(() => decodeFrame(helloFrame(frame.subarray(54, n)))).not.toThrow();
    for (let i = 54; i < frame.length; i++) {
      const flipped = frame.slice(54);
      flipped[i - 54] = (flipped[i - 54] ?? 0) ^ 0xff;
      const r = decodeFrame(helloFrame(flipped));
      for (const f of r.fields) expect(f.offset + f.bitLength / 8).toBeLessThanOrEqual(frame.length);
    }
  });

  it('scenario: handshake to 443, the ClientHello, the server ACK with seq/ack following', () => {
    const s = tlsScenario();
    expect(s.packets.map((p) => decodeFrame(p.frame).problems)).toEqual([[], [], [], [], []]);
    const hello = s.packets[3]?.frame ?? new Uint8Array(0);
    const ack = s.packets[4]?.frame ?? new Uint8Array(0);
    const seq = Number(decodeFrame(hello).fields.find((f) => f.key === 'tcp.seq_raw')?.value);
    const ackNo = Number(decodeFrame(ack).fields.find((f) => f.key === 'tcp.ack_raw')?.value);
    expect(ackNo).toBe(seq + hello.length - 54);
    expect(s.packets[3]?.description).toContain('ClientHello');
  });
});
