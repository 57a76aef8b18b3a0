import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildFrame,
  decodeFrame,
  httpScenario,
  internetChecksum,
  ipv4,
  mac,
  natRewrite,
  pingScenario,
  pseudoHeaderSum,
  u16,
} from '../../../../src/lib/packet/index.ts';
import { generate, rng } from '../../../support/packet-gen.ts';

/** Full recomputation of the IPv4 header and TCP/UDP checksums, for comparison. */
function recomputed(frame: Uint8Array): [number, number] {
  const d = decodeFrame(frame);
  const ip = d.layers.find((l) => l.name === 'IPv4');
  const tr = d.layers.find((l) => l.name === 'TCP' || l.name === 'UDP');
  if (!ip || !tr) throw new Error('not TCP/UDP over IPv4');
  const copy = frame.slice();
  const sumAt = tr.offset + (tr.name === 'TCP' ? 16 : 6);
  copy[ip.offset + 10] = 0;
  copy[ip.offset + 11] = 0;
  copy[sumAt] = 0;
  copy[sumAt + 1] = 0;
  const end = ip.offset + u16(frame, ip.offset + 2);
  const ipSum = internetChecksum(copy, ip.offset, tr.offset);
  let trSum = internetChecksum(
    copy,
    tr.offset,
    end,
    pseudoHeaderSum(copy, ip.offset + 12, ip.offset + 16, 4, tr.name === 'TCP' ? 6 : 17, end - tr.offset),
  );
  if (tr.name === 'UDP' && trSum === 0) trSum = 0xffff;
  return [ipSum, trSum];
}

describe('NAT rewrite (RFC 1624)', () => {
  it('rewrites the journey GET to a public address and port; checksums stay valid', () => {
    const get = httpScenario().packets[3]?.frame ?? new Uint8Array(0);
    const r = natRewrite(get, { src: { ip: ipv4('203.0.113.7'), port: 61_000 } });
    if (!r.ok) throw new Error(r.error.message);
    const d = decodeFrame(r.value.frame);
    expect(d.problems).toEqual([]);
    expect(d.fields.find((f) => f.key === 'ip.src')?.value).toBe('203.0.113.7');
    expect(r.value.steps.map((s) => s.offset)).toEqual([26, 28, 34]);
    expect([u16(r.value.frame, 24), u16(r.value.frame, 50)]).toEqual(recomputed(r.value.frame));
  });
  it('incremental update equals full recomputation for random TCP/UDP frames and rewrites', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.uint8Array({ minLength: 4, maxLength: 4 }),
        fc.uint8Array({ minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 0xffff }),
        fc.integer({ min: 0, max: 0xffff }),
        (seed, a, b, p, q) => {
          const r = rng(seed);
          let frame: Uint8Array | undefined;
          for (let k = 0; k < 50 && !frame; k++) {
            const g = generate(r);
            const f = g.frames[0];
            if (f && g.frames.length === 1 && /^ipv4 (tcp|udp)/.test(g.description)) frame = f;
          }
          if (!frame) return;
          const out = natRewrite(frame, { src: { ip: a, port: p }, dst: { ip: b, port: q } });
          if (!out.ok) throw new Error(out.error.message);
          const d = decodeFrame(out.value.frame);
          const tr = d.layers.find((l) => l.name === 'TCP' || l.name === 'UDP');
          const ip = d.layers.find((l) => l.name === 'IPv4');
          if (!tr || !ip) throw new Error('layers lost');
          const got = [
            u16(out.value.frame, ip.offset + 10),
            u16(out.value.frame, tr.offset + (tr.name === 'TCP' ? 16 : 6)),
          ];
          const want = recomputed(out.value.frame);
          // ±0 in ones' complement: an incremental 0xffff equals a recomputed 0x0000 only for an all-zero sum.
          expect(got[0] === want[0] || ((got[0] ?? 0) ^ want[0]) === 0xffff).toBe(true);
          expect(got[1] === want[1] || ((got[1] ?? 0) ^ want[1]) === 0xffff).toBe(true);
          expect(d.problems).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
  it('leaves a UDP checksum of 0 (none) alone and refuses frames it cannot rewrite', () => {
    const e = { src: mac('02:00:00:00:00:01'), dst: mac('02:00:00:00:00:02') };
    const f = buildFrame({
      ethernet: e,
      network: { kind: 'ipv4', src: ipv4('10.0.0.1'), dst: ipv4('10.0.0.2') },
      transport: { kind: 'udp', srcPort: 1, dstPort: 2, checksum: 0 },
    });
    const r = natRewrite(f, { src: { ip: ipv4('192.0.2.9') } });
    expect(r.ok && u16(r.value.frame, 40)).toBe(0);
    expect(natRewrite(pingScenario(6).packets[0]?.frame ?? new Uint8Array(0), {}).ok).toBe(false);
    expect(natRewrite(pingScenario(4).packets[0]?.frame ?? new Uint8Array(0), {}).ok).toBe(false);
    const same = natRewrite(f, { src: { port: 1 } });
    expect(same.ok && same.value.steps).toEqual([]);
  });
});
