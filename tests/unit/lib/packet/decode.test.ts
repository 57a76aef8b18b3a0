import { describe, expect, it } from 'vitest';
import {
  arpScenario,
  buildFrame,
  decodeFrame,
  dnsScenario,
  type FrameSpec,
  httpScenario,
  ipv4,
  ipv6,
  MAX_FRAME,
  mac,
  pingScenario,
  TCP_FLAGS,
  toHex,
} from '../../../../src/lib/packet/index.ts';

const ethernet = { src: mac('02:00:00:00:00:01'), dst: mac('02:00:00:00:00:02') };
const v4 = { kind: 'ipv4', src: ipv4('192.0.2.1'), dst: ipv4('198.51.100.2') } as const;
const v6 = { kind: 'ipv6', src: ipv6('2001:db8::1'), dst: ipv6('2001:db8::2') } as const;
const value = (spec: FrameSpec, key: string): (string | number)[] =>
  decodeFrame(buildFrame(spec))
    .fields.filter((f) => f.key === key)
    .map((f) => f.value);

describe('decodeFrame on built frames', () => {
  it('annotates a SYN with every option, offsets and bit positions', () => {
    const frame = buildFrame({
      ethernet,
      network: { ...v4, df: true, id: 7, ttl: 64 },
      transport: {
        kind: 'tcp',
        srcPort: 49_152,
        dstPort: 80,
        seq: 1,
        ack: 0,
        flags: TCP_FLAGS.SYN,
        window: 64_240,
        options: [
          { kind: 'mss', value: 1460 },
          { kind: 'sack-permitted' },
          { kind: 'timestamps', value: 9, echo: 0 },
          { kind: 'nop' },
          { kind: 'window-scale', shift: 7 },
        ],
      },
    });
    const d = decodeFrame(frame);
    expect(d.problems).toEqual([]);
    expect(d.layers.map((l) => l.name)).toEqual(['Ethernet II', 'IPv4', 'TCP']);
    const byKey = new Map(d.fields.map((f) => [f.key, f]));
    expect(byKey.get('ip.flags.df')).toMatchObject({ offset: 20, bitOffset: 1, bitLength: 1, value: 1 });
    expect(byKey.get('ip.checksum')?.meaning).toBe('correct');
    expect(byKey.get('tcp.flags.syn')).toMatchObject({ offset: 47, bitOffset: 6, value: 1 });
    expect(byKey.get('tcp.options.mss_val')).toMatchObject({ offset: 56, value: 1460 });
    expect(byKey.get('tcp.options.wscale.shift')?.meaning).toBe('window × 128');
    expect(byKey.get('tcp.hdr_len')?.value).toBe(40);
    expect(d.layers[2]?.summary).toBe('49152 → 80 [SYN] seq 1 ack 0, 0 bytes');
  });
  it('decodes 802.1Q, IPv6 extension headers and a UDP DNS payload', () => {
    const d = decodeFrame(
      buildFrame({
        ethernet: { ...ethernet, vlan: { priority: 5, dei: true, id: 42 } },
        network: {
          ...v6,
          extensions: [
            { kind: 'hop-by-hop', data: Uint8Array.from([1, 4, 0, 0, 0, 0]) },
            { kind: 'destination', data: new Uint8Array(0) },
            { kind: 'routing', data: new Uint8Array(0) },
            { kind: 'fragment', offset: 0, more: false, id: 9 },
          ],
        },
        transport: { kind: 'udp', srcPort: 53_000, dstPort: 53 },
        payload: new Uint8Array(12),
      }),
    );
    expect(d.problems).toEqual([]);
    expect(d.layers.map((l) => l.name)).toEqual([
      'Ethernet II',
      '802.1Q',
      'IPv6',
      'IPv6 extension',
      'IPv6 extension',
      'IPv6 extension',
      'IPv6 extension',
      'UDP',
      'Payload',
    ]);
    expect(d.fields.find((f) => f.key === 'vlan.id')?.value).toBe(42);
    expect(d.layers.at(-1)?.summary).toBe('DNS message (raw), 12 bytes');
  });
  it('reads IPv6 fragments: the first has its UDP header (checksum unverifiable), later ones are raw', () => {
    const first = decodeFrame(
      buildFrame({
        ethernet,
        network: { ...v6, extensions: [{ kind: 'fragment', offset: 0, more: true, id: 1 }] },
        transport: { kind: 'udp', srcPort: 1, dstPort: 2 },
        payload: new Uint8Array(8),
      }),
    );
    expect(first.layers.find((l) => l.name === 'UDP')?.checksum).toBe('unverified');
    const later = decodeFrame(
      buildFrame({
        ethernet,
        network: { ...v6, protocol: 17, extensions: [{ kind: 'fragment', offset: 3, more: false, id: 1 }] },
        payload: new Uint8Array(8),
      }),
    );
    expect(later.layers.at(-1)?.summary).toBe('Fragment data, 8 bytes');
  });
  it('decodes ICMP and ICMPv6 echo and too-big messages', () => {
    expect(
      value({ ethernet, network: v4, transport: { kind: 'icmp', type: 8, code: 0, id: 5, seq: 6 } }, 'icmp.seq'),
    ).toEqual([6]);
    expect(
      value(
        {
          ethernet,
          network: v4,
          transport: { kind: 'icmp', type: 3, code: 4, mtu: 1400 },
          payload: new Uint8Array(28),
        },
        'icmp.mtu',
      ),
    ).toEqual([1400]);
    const other = decodeFrame(
      buildFrame({
        ethernet,
        network: v4,
        transport: { kind: 'icmp', type: 11, code: 0 },
        payload: new Uint8Array(28),
      }),
    );
    expect(other.fields.some((f) => f.name === 'Rest of header (raw)')).toBe(true);
    expect(
      value(
        {
          ethernet,
          network: v6,
          transport: { kind: 'icmpv6', type: 2, code: 0, mtu: 1280 },
          payload: new Uint8Array(48),
        },
        'icmpv6.mtu',
      ),
    ).toEqual([1280]);
    expect(
      value(
        { ethernet, network: v6, transport: { kind: 'icmpv6', type: 129, code: 0, id: 1, seq: 2 } },
        'icmpv6.echo.sequence_number',
      ),
    ).toEqual([2]);
    const v6other = decodeFrame(
      buildFrame({
        ethernet,
        network: v6,
        transport: { kind: 'icmpv6', type: 1, code: 4 },
        payload: new Uint8Array(48),
      }),
    );
    expect(v6other.layers.at(-1)?.summary).toBe('Original datagram (raw), 48 bytes');
  });
  it('decodes SACK blocks, EOL padding and unknown options raw', () => {
    const frame = buildFrame({
      ethernet,
      network: v4,
      transport: {
        kind: 'tcp',
        srcPort: 1,
        dstPort: 2,
        seq: 0,
        ack: 0,
        flags: 0x1ff,
        window: 0,
        options: [
          {
            kind: 'sack',
            blocks: [
              [1, 2],
              [3, 4],
            ],
          },
          { kind: 'eol' },
        ],
      },
    });
    const d = decodeFrame(frame);
    expect(d.fields.filter((f) => f.key === 'tcp.options.sack_re').map((f) => f.value)).toEqual([2, 4]);
    expect(d.fields.some((f) => f.name === 'Padding')).toBe(true);
    expect(d.layers[2]?.summary).toContain('[AE, CWR, ECE, URG, ACK, PSH, RST, SYN, FIN]');
    frame[54] = 30; // kind 30 (MPTCP), length 18: shown raw
    expect(decodeFrame(frame).fields.some((f) => f.name === 'Option data (raw)')).toBe(true);
  });
  it('annotates HTTP text line by line', () => {
    const d = decodeFrame(httpScenario().packets[3]?.frame ?? new Uint8Array(0));
    const lines = d.fields.filter((f) => f.layer === 'Payload').map((f) => f.value);
    expect(lines.slice(0, 2)).toEqual(['GET / HTTP/1.1', 'Host: example.com']);
    expect(lines.at(-1)).toBe('');
    const resp = decodeFrame(httpScenario().packets[5]?.frame ?? new Uint8Array(0));
    expect(resp.fields.find((f) => f.name === 'Body')?.value).toMatch(/bytes$/);
  });
  it('reports wrong checksums, versions and lengths as problems with offsets', () => {
    const frame = buildFrame({
      ethernet,
      network: { ...v4, checksum: 0x1234 },
      transport: { kind: 'udp', srcPort: 1, dstPort: 2, checksum: 0x5678 },
    });
    expect(decodeFrame(frame).problems.map((p) => [p.code, p.offset])).toEqual([
      ['bad-checksum', 24],
      ['bad-checksum', 40],
    ]);
    const noSum = decodeFrame(
      buildFrame({ ethernet, network: v4, transport: { kind: 'udp', srcPort: 1, dstPort: 2, checksum: 0 } }),
    );
    expect(noSum.layers.at(-1)?.checksum).toBe('absent');
    frame[14] = 0x55; // version 5
    expect(decodeFrame(frame).problems[0]).toMatchObject({ code: 'bad-version', offset: 14 });
    frame[14] = 0x44; // header length 16
    expect(decodeFrame(frame).problems.map((p) => p.code)).toContain('bad-header-length');
    const long = buildFrame({ ethernet, network: v4, transport: { kind: 'udp', srcPort: 1, dstPort: 2 } });
    long[17] = 200; // total length beyond the frame
    expect(decodeFrame(long).problems.map((p) => p.code)).toContain('bad-length');
    const v6f = buildFrame({ ethernet, network: v6, transport: { kind: 'udp', srcPort: 1, dstPort: 2 } });
    v6f[14] = 0x40;
    v6f[19] = 200;
    expect(decodeFrame(v6f).problems.map((p) => p.code)).toEqual(expect.arrayContaining(['bad-version', 'bad-length']));
  });
  it('shows unsupported EtherTypes, protocols, ARP sizes and trailers raw', () => {
    const other = buildFrame({ ethernet: { ...ethernet, etherType: 0x88cc }, network: v4 });
    expect(decodeFrame(other).problems[0]?.code).toBe('unsupported');
    const proto = decodeFrame(buildFrame({ ethernet, network: { ...v4, protocol: 47 }, payload: new Uint8Array(4) }));
    expect(proto.problems[0]?.code).toBe('unsupported');
    const none = decodeFrame(buildFrame({ ethernet, network: { ...v6, protocol: 59 }, payload: new Uint8Array(2) }));
    expect(none.layers.at(-1)?.name).toBe('Payload');
    const arp = arpScenario().packets[0]?.frame.slice() ?? new Uint8Array(0);
    const padded = Uint8Array.from([...arp, ...new Uint8Array(18)]);
    expect(decodeFrame(padded).fields.at(-1)?.name).toBe('Padding / trailer');
    arp[18] = 8;
    expect(decodeFrame(arp).problems[0]?.code).toBe('unsupported');
  });
  it('stops at 16 extension headers and at three VLAN tags', () => {
    const exts = Array.from({ length: 17 }, () => ({ kind: 'destination' as const, data: new Uint8Array(0) }));
    expect(decodeFrame(buildFrame({ ethernet, network: { ...v6, extensions: exts } })).problems[0]?.code).toBe(
      'too-many-headers',
    );
    const q = Uint8Array.from([...new Uint8Array(12), 0x81, 0, 0, 1, 0x81, 0, 0, 2, 0x81, 0, 0, 3, 0x08, 0]);
    expect(decodeFrame(q).layers.filter((l) => l.name === '802.1Q')).toHaveLength(2);
  });
  it('names broadcast, multicast and locally administered MACs', () => {
    const meanings = decodeFrame(
      Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 0, 0x5e, 0, 0, 1, 0x88, 0xcc]),
    ).fields.map((f) => f.meaning);
    expect(meanings.slice(0, 2)).toEqual(['broadcast', 'multicast (group bit set)']);
    expect(decodeFrame(Uint8Array.from([0, 1, 2, 3, 4, 5, ...new Uint8Array(8)])).fields[0]?.meaning).toBe('unicast');
  });
  it('never throws on any prefix of any scenario frame, and reports truncation at an offset', () => {
    const frames = [
      ...httpScenario().packets,
      ...httpScenario({ version: 6 }).packets,
      ...dnsScenario().packets,
      ...arpScenario().packets,
      ...pingScenario(4).packets,
      ...pingScenario(6).packets,
    ].map((p) => p.frame);
    for (const f of frames) {
      for (let n = 0; n <= f.length; n++) {
        const d = decodeFrame(f.subarray(0, n));
        for (const p of d.problems) expect(p.offset).toBeGreaterThanOrEqual(0);
      }
    }
    expect(decodeFrame(new Uint8Array(5)).problems[0]).toMatchObject({ code: 'truncated', offset: 0 });
  });
  it('cuts frames larger than the limit', () => {
    expect(decodeFrame(new Uint8Array(MAX_FRAME + 1)).problems[0]?.code).toBe('bad-length');
  });
  it('rejects TCP headers that do not fit and options that overrun', () => {
    const f = buildFrame({
      ethernet,
      network: v4,
      transport: {
        kind: 'tcp',
        srcPort: 1,
        dstPort: 2,
        seq: 0,
        ack: 0,
        flags: 2,
        window: 0,
        options: [{ kind: 'mss', value: 1 }],
      },
    });
    const bad = f.slice();
    bad[46] = 0xf0;
    expect(decodeFrame(bad).problems.map((p) => p.code)).toContain('bad-header-length');
    const opt = f.slice();
    opt[55] = 9;
    expect(decodeFrame(opt).problems.map((p) => p.code)).toContain('bad-option');
    expect(toHex(f, 54, 58)).toBe('02040001');
  });
});
