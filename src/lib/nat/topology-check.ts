/**
 * Checks a topology built from untrusted input (the playground's network editor): bounded counts, IPv4 addresses
 * inside their segment's prefix, no address twice on a segment, forwarding ports 1–65535. Its own module, apart
 * from the packet walk, so an island that only walks packets does not download it.
 */
import type { Topology } from './network.ts';
import type { NatResult } from './types.ts';

/** Bounds on a topology anyone can build (the playground's URL included). */
export const TOPOLOGY_LIMITS = { segments: 8, hosts: 24, routers: 6, forwards: 16 } as const;

/**
 * A dotted-quad IPv4 address as a uint32, or undefined: four decimal octets 0–255 without leading zeros (the
 * ip-address library's rule). Kept here, not taken from src/lib/ip, so the playground's bundle stays small.
 */
export function ipv4ToNumber(text: string): number | undefined {
  if (text.length > 15) return undefined;
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return undefined;
    value = value * 256 + Number(p);
  }
  return value;
}

/** A prefix `a.b.c.d/n` as its first address and length, or undefined. */
function parsePrefix(text: string): { first: number; length: number } | undefined {
  const [addr, len, extra] = text.split('/');
  const length = Number(len);
  const first = ipv4ToNumber(addr ?? '');
  if (extra !== undefined || first === undefined || !/^\d{1,2}$/.test(len ?? '') || length > 32) return undefined;
  const size = 2 ** (32 - length);
  return first % size === 0 ? { first, length } : undefined;
}

type Check = NatResult<true>;
const fail = (
  code: 'bad-address' | 'unknown-node' | 'duplicate-address' | 'too-many' | 'bad-range',
  message: string,
): Check => ({
  ok: false,
  error: { code, message },
});

/**
 * Checks a topology built from untrusted input: bounded counts, parseable IPv4 addresses inside their segment's
 * prefix, known segment ids, no address used twice on one segment, forwarding ports 1–65535.
 */
export function validateTopology(t: Topology): Check {
  if (t.segments.length > TOPOLOGY_LIMITS.segments)
    return fail('too-many', `${t.segments.length} segments; at most ${TOPOLOGY_LIMITS.segments}`);
  if (t.hosts.length > TOPOLOGY_LIMITS.hosts)
    return fail('too-many', `${t.hosts.length} hosts; at most ${TOPOLOGY_LIMITS.hosts}`);
  if (t.routers.length > TOPOLOGY_LIMITS.routers)
    return fail('too-many', `${t.routers.length} routers; at most ${TOPOLOGY_LIMITS.routers}`);
  const nets = new Map<string, { first: number; length: number }>();
  for (const seg of t.segments) {
    const n = parsePrefix(seg.network);
    if (!n)
      return fail(
        'bad-range',
        `Segment '${seg.id}' has network '${seg.network}': write it as a.b.c.d/n with host bits zero`,
      );
    nets.set(seg.id, n);
  }
  const seen = new Set<string>();
  const place = (who: string, segment: string, address: string): Check | undefined => {
    const n = nets.get(segment);
    if (!n) return fail('unknown-node', `${who} is on segment '${segment}', which does not exist`);
    const a = ipv4ToNumber(address);
    if (a === undefined) return fail('bad-address', `${who} has address '${address}': not a dotted-quad IPv4 address`);
    if (a < n.first || a >= n.first + 2 ** (32 - n.length)) {
      return fail('bad-address', `${who} has address '${address}', outside its segment ${segment}`);
    }
    const key = `${segment} ${address}`;
    if (seen.has(key)) return fail('duplicate-address', `Address '${address}' is used twice on segment '${segment}'`);
    seen.add(key);
    return undefined;
  };
  for (const h of t.hosts) {
    const e = place(`Host '${h.id}'`, h.segment, h.address);
    if (e) return e;
  }
  for (const r of t.routers) {
    const e =
      place(`Router '${r.id}' (LAN)`, r.lanSegment, r.lanAddress) ??
      place(`Router '${r.id}' (WAN)`, r.wanSegment, r.wanAddress);
    if (e) return e;
    if (r.forwards.length > TOPOLOGY_LIMITS.forwards)
      return fail(
        'too-many',
        `Router '${r.id}' has ${r.forwards.length} forwards; at most ${TOPOLOGY_LIMITS.forwards}`,
      );
    for (const f of r.forwards) {
      const { min, max } = f.externalPorts;
      if (!(Number.isInteger(min) && Number.isInteger(max) && min >= 1 && max <= 65535 && min <= max)) {
        return fail('bad-range', `Router '${r.id}' forwards ports ${min}–${max}; use 1–65535 with the smaller first`);
      }
    }
  }
  return { ok: true, value: true };
}
