import { describe, expect, it } from 'vitest';
import { decodePlaygroundUrl, scenarioPackets } from '../../../../../src/lib/packet-playground/index.ts';
import {
  PACKET_FIELDS,
  type PacketProblem,
  packetProblem,
} from '../../../../../src/lib/practice/families/packet-fields.ts';
import type { Difficulty, Exercise } from '../../../../../src/lib/practice/types.ts';
import { contractTests, linkResolves, mistakeOf, SEEDS, SWEEP_TIMEOUT_MS, sweep } from './support.ts';

/** Option bytes as RFC 9293 §3.2 lays them out (kind, length, value), padded to a 32-bit boundary. */
const OPTION_BYTES: Readonly<Record<string, number>> = { none: 0, mss: 4, timestamps: 12, syn: 20 };

describe('packet-fields', () => {
  contractTests(PACKET_FIELDS, 200);

  it(`agrees with the RFC header sizes and fragmentation rules over ${SEEDS} seeds`, {
    timeout: SWEEP_TIMEOUT_MS,
  }, () => {
    const kinds = { sizes: 0, mss: 0, nat: 0, fragments: 0 };
    for (const { seed, difficulty, ex } of sweep(PACKET_FIELDS)) {
      const p = packetProblem(seed, difficulty);
      const where = JSON.stringify({ seed, difficulty, p, answer: ex.answer });
      kinds[p.kind]++;
      if (p.kind === 'sizes') {
        // RFC 791 (IPv4 header 20, Total Length includes it), RFC 8200 (IPv6 header 40, Payload Length excludes it),
        // RFC 9293 (TCP 20 + options), RFC 768 (UDP 8), IEEE 802.3 (14) + 802.1Q (4).
        const transport = (p.transport === 'tcp' ? 20 + (OPTION_BYTES[p.options] ?? Number.NaN) : 8) + p.payload;
        const ip = p.version === 4 ? 20 + transport : transport;
        const frame = (p.vlan ? 18 : 14) + (p.version === 4 ? 20 : 40) + transport;
        expect(ex.answer, where).toEqual({ ipLength: String(ip), frame: String(frame) });
      } else if (p.kind === 'mss') {
        // RFC 879 / RFC 9293 §3.7.1: MSS = MTU − fixed IP header − fixed TCP header; timestamps (RFC 7323) take 12.
        const mss = p.mtu - (p.version === 4 ? 20 : 40) - 20;
        expect(ex.answer, where).toEqual(
          p.timestamps ? { mss: String(mss), perSegment: String(mss - 12) } : { mss: String(mss) },
        );
      } else if (p.kind === 'nat') {
        // RFC 3022 §4.2: the IP header checksum and the TCP/UDP checksum (pseudo-header) both change; a zero UDP
        // checksum (RFC 768: none) stays zero.
        expect(ex.answer['checksums'], where).toBe(p.transport === 'udp' && !p.udpChecksum ? 'ip' : 'both');
      } else {
        // RFC 791 §3.2: fragment data a multiple of 8 bytes, each fragment with its own header. (The generator only
        // asks about datagrams too big for the link; one that fits would go whole.)
        expect(p.data + 20, where).toBeGreaterThan(p.mtu);
        const step = Math.floor((p.mtu - 20) / 8) * 8;
        const count = Math.ceil(p.data / step);
        expect(ex.answer, where).toEqual({
          fragments: String(count),
          lastLength: String(20 + p.data - (count - 1) * step),
        });
      }
      // The playground link names a scenario and packet the playground has.
      const state = decodePlaygroundUrl((ex.playground?.href ?? '').split('?')[1] ?? '');
      expect(scenarioPackets(state.scenario).length, where).toBeGreaterThan(state.packet);
    }
    expect(Math.min(kinds.sizes, kinds.mss, kinds.nat, kinds.fragments)).toBeGreaterThan(SEEDS / 20);
  });

  it('accepts other notations', () => {
    const ex = find((p) => p.kind === 'mss' && p.version === 4 && p.mtu === 1500 && !p.timestamps);
    for (const mss of ['1460', '1460 B', '1460 bytes', '1.46 kB', '1,460']) {
      expect(PACKET_FIELDS.check(ex, { mss }).correct, mss).toBe(true);
    }
    const nat = find((p) => p.kind === 'nat' && p.transport === 'tcp');
    expect(PACKET_FIELDS.check(nat, { checksums: 'Both' }).correct).toBe(true);
  });

  it('links to guide sections that exist', () => {
    const hrefs = new Set<string>([PACKET_FIELDS.guide.href]);
    for (const { ex } of sweep(PACKET_FIELDS, 300)) hrefs.add(ex.guide.href);
    expect(hrefs.size).toBe(4);
    for (const href of hrefs) expect(linkResolves(href), href).toBe(true);
  });

  function find(pred: (p: PacketProblem) => boolean): Exercise {
    for (let seed = 0; seed < 50_000; seed++) {
      for (const difficulty of [1, 2, 3] as Difficulty[]) {
        if (pred(packetProblem(seed, difficulty))) return PACKET_FIELDS.generate(seed, difficulty);
      }
    }
    throw new Error('no such exercise');
  }

  const num = (ex: Exercise, id: string, delta: number) => String(Number(ex.answer[id]) + delta);
  const MISTAKES: readonly [string, string, (p: PacketProblem) => boolean, (ex: Exercise) => string][] = [
    [
      'ipv6-payload-includes-header',
      'ipLength',
      (p) => p.kind === 'sizes' && p.version === 6,
      (ex) => num(ex, 'ipLength', 40),
    ],
    [
      'ipv4-total-excludes-header',
      'ipLength',
      (p) => p.kind === 'sizes' && p.version === 4 && p.transport === 'tcp',
      (ex) => num(ex, 'ipLength', -20),
    ],
    [
      'forgot-tcp-options',
      'ipLength',
      (p) => p.kind === 'sizes' && p.options === 'mss' && p.version === 6,
      (ex) => num(ex, 'ipLength', -4),
    ],
    [
      'udp-header-as-tcp',
      'ipLength',
      (p) => p.kind === 'sizes' && p.transport === 'udp',
      (ex) => num(ex, 'ipLength', 12),
    ],
    ['counted-fcs', 'frame', (p) => p.kind === 'sizes', (ex) => num(ex, 'frame', 4)],
    ['forgot-ethernet-header', 'frame', (p) => p.kind === 'sizes' && !p.vlan, (ex) => num(ex, 'frame', -14)],
    [
      'forgot-vlan-tag',
      'frame',
      (p) => p.kind === 'sizes' && p.vlan && p.options !== 'mss',
      (ex) => num(ex, 'frame', -4),
    ],
    [
      'ipv6-header-as-ipv4',
      'frame',
      (p) => p.kind === 'sizes' && p.version === 6 && p.options !== 'syn',
      (ex) => num(ex, 'frame', -20),
    ],
    ['subtracted-ethernet-header', 'mss', (p) => p.kind === 'mss', (ex) => num(ex, 'mss', -14)],
    ['forgot-tcp-header', 'mss', (p) => p.kind === 'mss' && p.version === 4, (ex) => num(ex, 'mss', 20)],
    ['forgot-ip-header', 'mss', (p) => p.kind === 'mss' && p.version === 6, (ex) => num(ex, 'mss', 40)],
    ['ipv4-header-for-ipv6', 'mss', (p) => p.kind === 'mss' && p.version === 6, (ex) => num(ex, 'mss', 20)],
    ['forgot-timestamps', 'perSegment', (p) => p.kind === 'mss' && p.timestamps, (ex) => num(ex, 'perSegment', 12)],
    ['forgot-pseudo-header', 'checksums', (p) => p.kind === 'nat' && p.transport === 'tcp', () => 'ip'],
    ['forgot-ip-header-checksum', 'checksums', (p) => p.kind === 'nat' && p.transport === 'tcp', () => 'transport'],
    ['updated-zero-udp-checksum', 'checksums', (p) => p.kind === 'nat' && !p.udpChecksum, () => 'both'],
    [
      'forgot-multiple-of-8',
      'fragments',
      (p) => p.kind === 'fragments',
      (ex) => {
        const p = packetProblem(ex.seed, ex.difficulty) as Extract<PacketProblem, { kind: 'fragments' }>;
        return String(Math.ceil(p.data / (p.mtu - 20)));
      },
    ],
    [
      'header-counted-once',
      'fragments',
      (p) => p.kind === 'fragments' && p.mtu === 576,
      (ex) => {
        const p = packetProblem(ex.seed, ex.difficulty) as Extract<PacketProblem, { kind: 'fragments' }>;
        return String(Math.ceil((p.data + 20) / p.mtu));
      },
    ],
    ['forgot-last-header', 'lastLength', (p) => p.kind === 'fragments', (ex) => num(ex, 'lastLength', -20)],
  ];

  it.each(MISTAKES)('names the mistake %s (%s)', (code, field, applies, answer) => {
    let named = false;
    for (let seed = 0; seed < 50_000 && !named; seed++) {
      for (const difficulty of [1, 2, 3] as Difficulty[]) {
        if (!applies(packetProblem(seed, difficulty))) continue;
        const ex = PACKET_FIELDS.generate(seed, difficulty);
        if (mistakeOf(PACKET_FIELDS, ex, { [field]: answer(ex) }, field) === code) {
          named = true;
          break;
        }
      }
    }
    expect(named, code).toBe(true);
  });
});
