/**
 * Property tests with fast-check, using ipaddr.js and ip-address as independent oracles, plus the algebraic
 * properties of the lib itself (round trips, partitions, coverage).
 */
import fc from 'fast-check';
import { Address4, Address6 } from 'ip-address';
import ipaddr from 'ipaddr.js';
import { describe, expect, test } from 'vitest';
import { ipv4, ipv6 } from '../../../../src/lib/ip/address.ts';
import {
  addressToBigInt,
  bigIntToAddress,
  collapseNetworks,
  containsAddress,
  formatAddress,
  formatNetwork,
  hostmaskOf,
  type IpAddress,
  type IpNetwork,
  isIpv4MappedAddress,
  makeNetwork,
  networkDetails,
  networkFirst,
  networkLast,
  overlaps,
  parseAddress,
  parseNetwork,
  planVlsm,
  subnetOf,
  subnets,
  summarizeRange,
} from '../../../../src/lib/ip/index.ts';

const NUM_RUNS = 400;
const u32 = fc.integer({ min: 0, max: 2 ** 32 - 1 });
const u128 = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n });
// IPv6 values with runs of zero groups, so '::' placement is exercised, not just random 128-bit noise.
const sparse128 = fc
  .array(fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff })), { minLength: 8, maxLength: 8 })
  .map((groups) => groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n));
const v6value = fc.oneof(u128, sparse128);
// Built with the library's constructors: its IPv6 objects carry 32-bit words that the fast contains path reads.
const address: fc.Arbitrary<IpAddress> = fc.oneof(
  u32.map((value) => ipv4(value)),
  v6value.map((value) => ipv6(value)),
);
const network: fc.Arbitrary<IpNetwork> = address.chain((a) =>
  fc.integer({ min: 0, max: a.version === 4 ? 32 : 128 }).map((p) => makeNetwork(a, p)),
);

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const bytesOf = (a: IpAddress): number[] => {
  const bits = a.version === 4 ? 32 : 128;
  const v = addressToBigInt(a);
  return Array.from({ length: bits / 8 }, (_, i) => Number((v >> BigInt(bits - 8 - i * 8)) & 0xffn));
};

describe('oracle: ipaddr.js', () => {
  test('IPv4 format/parse agree', () => {
    fc.assert(
      fc.property(u32, (value) => {
        const a = ipv4(value);
        const text = formatAddress(a);
        expect(ipaddr.IPv4.parse(text).toByteArray()).toEqual(bytesOf(a));
        expect(ipaddr.IPv4.isValidFourPartDecimal(text)).toBe(true);
        expect(must(parseAddress(text))).toEqual(a);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('IPv6 RFC 5952 output agrees (non-mapped)', () => {
    fc.assert(
      fc.property(v6value, (value) => {
        const a: IpAddress = { version: 6, value };
        fc.pre(!isIpv4MappedAddress(a));
        const theirs = ipaddr.IPv6.parse(formatAddress(a, 'exploded'));
        expect(formatAddress(a)).toBe(theirs.toRFC5952String());
        expect(theirs.toByteArray()).toEqual(bytesOf(a));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('contains agrees with ipaddr.js match()', () => {
    fc.assert(
      fc.property(network, address, (n, a) => {
        fc.pre(n.version === a.version);
        const theirs = ipaddr.parse(formatAddress(a));
        const range = ipaddr.parse(formatAddress(n.networkAddress));
        expect(containsAddress(n, a)).toBe(theirs.match(range, n.prefixLength));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('contains: inside, just outside and far away, on library objects and plain objects alike', () => {
    // Addresses derived from the network (so about half are inside, and the edges are hit), checked against ipaddr.js,
    // the definition first ≤ v ≤ last, and the same test on plain `{ version, value }` objects (the bigint path).
    const case_ = network.chain((n) =>
      fc
        .tuple(
          fc.constantFrom('inside', 'first', 'last', 'before', 'after', 'random'),
          n.version === 4 ? u32.map(BigInt) : u128,
        )
        .map(([where, noise]) => {
          const first = networkFirst(n);
          const last = networkLast(n);
          const max = n.version === 4 ? 2n ** 32n - 1n : 2n ** 128n - 1n;
          const v = {
            inside: first + (noise & addressToBigInt(hostmaskOf(n.version, n.prefixLength))),
            first,
            last,
            before: first === 0n ? last : first - 1n,
            after: last === max ? first : last + 1n,
            random: noise,
          }[where];
          return { n, a: bigIntToAddress(n.version, v) };
        }),
    );
    fc.assert(
      fc.property(case_, ({ n, a }) => {
        const v = addressToBigInt(a);
        const expected = v >= networkFirst(n) && v <= networkLast(n);
        expect(containsAddress(n, a)).toBe(expected);
        const plain = (x: IpAddress): IpAddress => ({ version: x.version, value: x.value }) as IpAddress;
        const plainNetwork = { ...n, networkAddress: plain(n.networkAddress) };
        expect(containsAddress(plainNetwork, plain(a))).toBe(expected);
        expect(containsAddress(n, plain(a))).toBe(expected);
        expect(containsAddress(plainNetwork, a)).toBe(expected);
        expect(
          ipaddr.parse(formatAddress(a)).match(ipaddr.parse(formatAddress(n.networkAddress)), n.prefixLength),
        ).toBe(expected);
      }),
      { numRuns: NUM_RUNS * 5 },
    );
  });

  test('IPv4 network/broadcast agree with ipaddr.js', () => {
    fc.assert(
      fc.property(u32, fc.integer({ min: 0, max: 32 }), (value, prefix) => {
        const cidr = `${formatAddress({ version: 4, value })}/${prefix}`;
        const d = networkDetails(must(parseNetwork(cidr)).network);
        expect(formatAddress(d.networkAddress)).toBe(ipaddr.IPv4.networkAddressFromCIDR(cidr).toString());
        expect(formatAddress(d.lastAddress)).toBe(ipaddr.IPv4.broadcastAddressFromCIDR(cidr).toString());
        expect(formatAddress(d.netmask)).toBe(ipaddr.IPv4.subnetMaskFromPrefixLength(prefix).toString());
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('oracle: ip-address', () => {
  test('IPv6 text forms produced by ip-address parse to the same value', () => {
    fc.assert(
      fc.property(v6value, (value) => {
        const theirs = Address6.fromBigInt(value);
        for (const text of [theirs.correctForm(), theirs.canonicalForm(), theirs.to4in6()]) {
          expect(addressToBigInt(must(parseAddress(text))), text).toBe(value);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('IPv6 network start/end agree with ip-address', () => {
    fc.assert(
      fc.property(v6value, fc.integer({ min: 0, max: 128 }), (value, prefix) => {
        const cidr = `${formatAddress({ version: 6, value })}/${prefix}`;
        const n = must(parseNetwork(cidr)).network;
        const theirs = new Address6(cidr);
        expect(networkFirst(n)).toBe(theirs.startAddress().bigInt());
        expect(networkLast(n)).toBe(theirs.endAddress().bigInt());
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('IPv4 validity agrees with ip-address on dotted strings', () => {
    const octet = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom('00', '01', '010', '007', ''));
    fc.assert(
      fc.property(fc.array(octet, { minLength: 3, maxLength: 5 }), (parts) => {
        const text = parts.join('.');
        expect(parseAddress(text).ok, text).toBe(Address4.isValid(text) && !/(^|\.)0\d/.test(text));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('properties', () => {
  test('the IPv6 fast parse path and the careful one build the same address', () => {
    // Plain hex text and a dotted-quad tail take the fast path; a zone ID forces the careful one. Both must give the
    // same value and the same internal words as ipv6(value), so deep equality holds whichever path built an address.
    fc.assert(
      fc.property(v6value, (value) => {
        const fast = must(parseAddress(formatAddress(ipv6(value), 'exploded')));
        expect(fast).toEqual(ipv6(value));
        expect(must(parseAddress(`${formatAddress(ipv6(value), 'exploded')}%eth0`))).toEqual(ipv6(value, 'eth0'));
        const groups = formatAddress(ipv6(value), 'exploded').split(':').slice(0, 6).join(':');
        const low = Number(value & 0xffffffffn);
        const quad = [24, 16, 8, 0].map((shift) => (low >>> shift) & 255).join('.');
        expect(must(parseAddress(`${groups}:${quad}`))).toEqual(fast);
        expect(must(parseAddress(formatAddress(ipv6(value)).toUpperCase()))).toEqual(fast);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('the one-pass network parse and the careful one agree on everything, warnings included', () => {
    // `addr/prefix` takes the fast path; the same text with a leading space takes the careful one (which trims it).
    fc.assert(
      fc.property(address, fc.nat(128), fc.boolean(), (a, n, exploded) => {
        const prefix = n % (a.version === 4 ? 33 : 129);
        const text = `${formatAddress(a, exploded ? 'exploded' : 'compressed')}/${prefix}`;
        const fast = must(parseNetwork(text));
        const careful = must(parseNetwork(` ${text}`));
        expect(fast.network).toEqual(careful.network);
        expect(fast.interfaceAddress).toEqual(careful.interfaceAddress);
        expect(fast.hostBitsSet).toBe(careful.hostBitsSet);
        expect(fast.maskForm).toBe(careful.maskForm);
        expect(fast.warnings).toEqual(careful.warnings);
        expect(addressToBigInt(fast.network.networkAddress)).toBe(addressToBigInt(careful.network.networkAddress));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('parse(format(x)) == x, both forms', () => {
    fc.assert(
      fc.property(address, (a) => {
        expect(must(parseAddress(formatAddress(a)))).toEqual(a);
        expect(must(parseAddress(formatAddress(a, 'exploded')))).toEqual(a);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('parseNetwork(formatNetwork(n)) == n', () => {
    fc.assert(
      fc.property(network, (n) => {
        const p = must(parseNetwork(formatNetwork(n)));
        expect(p.network).toEqual(n);
        expect(p.hostBitsSet).toBe(false);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('subnets partition the parent exactly', () => {
    fc.assert(
      fc.property(network, fc.integer({ min: 0, max: 6 }), (n, extra) => {
        const max = n.version === 4 ? 32 : 128;
        const newPrefix = Math.min(max, n.prefixLength + extra);
        const list = must(subnets(n, { newPrefix }));
        const all = [...list];
        expect(BigInt(all.length)).toBe(list.count);
        let expected = networkFirst(n);
        for (const s of all) {
          expect(networkFirst(s)).toBe(expected);
          expect(subnetOf(s, n)).toBe(true);
          expected = networkLast(s) + 1n;
        }
        expect(expected - 1n).toBe(networkLast(n));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  const smallV4 = fc
    .tuple(fc.integer({ min: 0, max: 4095 }), fc.integer({ min: 20, max: 32 }))
    .map(([offset, prefix]) => makeNetwork({ version: 4, value: 0x0a000000 + offset }, prefix));

  test('collapse is idempotent, minimal and covers exactly the same addresses', () => {
    fc.assert(
      fc.property(fc.array(smallV4, { maxLength: 20 }), (nets) => {
        const out = collapseNetworks(nets);
        expect(collapseNetworks(out)).toEqual(out);
        const covered = (ns: readonly IpNetwork[]) => {
          const bits = new Uint8Array(4096);
          for (const n of ns) for (let v = networkFirst(n); v <= networkLast(n); v++) bits[Number(v - 0x0a000000n)] = 1;
          return bits;
        };
        expect(covered(out)).toEqual(covered(nets));
        for (let i = 0; i + 1 < out.length; i++) {
          const [a, b] = [out[i] as IpNetwork, out[i + 1] as IpNetwork];
          expect(overlaps(a, b)).toBe(false);
          // Minimal: two adjacent equal-size siblings would have been merged.
          const mergeable =
            a.prefixLength === b.prefixLength &&
            networkLast(a) + 1n === networkFirst(b) &&
            makeNetwork(a.networkAddress, a.prefixLength - 1).networkAddress.value === a.networkAddress.value;
          expect(mergeable).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });

  test('range → CIDR covers exactly [start, end] with aligned blocks', () => {
    fc.assert(
      fc.property(address, address, (x, y) => {
        fc.pre(x.version === y.version);
        const [a, b] = addressToBigInt(x) <= addressToBigInt(y) ? [x, y] : [y, x];
        const blocks = must(summarizeRange(a, b));
        let expected = addressToBigInt(a);
        for (const n of blocks) {
          expect(networkFirst(n)).toBe(expected);
          expect(makeNetwork(n.networkAddress, n.prefixLength)).toEqual(n);
          expected = networkLast(n) + 1n;
        }
        expect(expected - 1n).toBe(addressToBigInt(b));
        expect(blocks.length).toBeLessThanOrEqual(2 * (a.version === 4 ? 32 : 128));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('VLSM allocations never overlap and stay inside the parent', () => {
    const reqs = fc.array(fc.record({ name: fc.string({ maxLength: 5 }), hosts: fc.integer({ min: 1, max: 5000 }) }), {
      minLength: 1,
      maxLength: 12,
    });
    fc.assert(
      fc.property(network, reqs, fc.boolean(), (parent, requirements, pointToPoint) => {
        const r = planVlsm(parent, requirements, { pointToPoint });
        if (!r.ok) {
          expect(r.error.code).toBe('vlsm-does-not-fit');
          return;
        }
        const all = r.value.allocations.map((a) => a.network);
        for (const [i, a] of all.entries()) {
          expect(subnetOf(a, parent)).toBe(true);
          for (const b of all.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
          for (const u of r.value.unused) expect(overlaps(a, u)).toBe(false);
        }
        for (const alloc of r.value.allocations)
          expect(alloc.usableHosts).toBeGreaterThanOrEqual(BigInt(alloc.requestedHosts));
        const total = [...all, ...r.value.unused].reduce((s, n) => s + (networkLast(n) - networkFirst(n) + 1n), 0n);
        expect(total).toBe(networkLast(parent) - networkFirst(parent) + 1n);
      }),
      { numRuns: 300 },
    );
  });

  test('bigint round trip', () => {
    fc.assert(
      fc.property(address, (a) => {
        expect(bigIntToAddress(a.version, addressToBigInt(a))).toEqual(a);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
