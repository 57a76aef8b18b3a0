/**
 * Throughput of the IP library: `npx vitest bench --run bench/ip.bench.ts` (Vitest 5 benchmarks live in the test
 * context: `test(..., ({ bench }) => bench.compare(...))`). Inputs are built once, outside the measured functions.
 */
import { test } from 'vitest';
import {
  collapseNetworks,
  type IpNetwork,
  makeNetwork,
  networkDetails,
  parseAddress,
  parseNetwork,
  subnets,
} from '../src/lib/ip/index.ts';

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

const ten8 = must(parseNetwork('10.0.0.0/8')).network;
const v6 = must(parseNetwork('2001:db8:85a3::8a2e:370:7334/64')).network;
const slash30s = must(subnets(ten8, { newPrefix: 30 }));

// 10,000 networks: /24s and /25s scattered over 10.0.0.0/8 with overlaps and adjacency, deterministic LCG.
let seed = 42;
const next = () => {
  seed = (seed * 1_103_515_245 + 12_345) >>> 0;
  return seed;
};
const tenThousand: IpNetwork[] = Array.from({ length: 10_000 }, () =>
  makeNetwork({ version: 4, value: (0x0a000000 + (next() % 0x40000) * 64) >>> 0 }, 22 + (next() % 5)),
);

test('parse', async ({ bench }) => {
  await bench.compare(
    bench('parseAddress IPv4', () => {
      parseAddress('192.168.100.200');
    }),
    bench('parseAddress IPv6 (compressed)', () => {
      parseAddress('2001:db8:85a3::8a2e:370:7334');
    }),
    bench('parseNetwork IPv4 with netmask', () => {
      parseNetwork('192.168.1.7 255.255.255.0');
    }),
  );
});

test('details', async ({ bench }) => {
  await bench.compare(
    bench('networkDetails 10.0.0.0/8', () => {
      networkDetails(ten8);
    }),
    bench('networkDetails 2001:db8:85a3::/64', () => {
      networkDetails(v6);
    }),
  );
});

test('subnets', async ({ bench }) => {
  await bench('page of 1,000 subnets of 10.0.0.0/8 → /30 (from the middle)', () => {
    slash30s.subnetPage(2_000_000n, 1000);
  }).run();
});

test('collapse', async ({ bench }) => {
  await bench('collapse 10,000 IPv4 networks', () => {
    collapseNetworks(tenThousand);
  }).run();
});
