/**
 * Time to simulate the 100-tile gallery (102 requests) over each protocol at the defaults (100 ms, 50 Mbit/s),
 * without and with 2 % loss; and the worst page within the bounds (500 resources of 3999 KB: the timeline's
 * `page=custom&count=500&kb=3999`), all five protocols, without loss, at 2 % and at 30 % (issue 10.3). Run: npx vitest bench --run bench/http.bench.ts (Vitest 5: benchmarks live in the
 * test context, `test(..., ({ bench }) => bench.compare(...))`).
 */
import { test } from 'vitest';
import {
  comparePageLoads,
  type NetworkInput,
  PRESETS,
  PROTOCOL_IDS,
  simulatePageLoad,
  uniformPage,
} from '../src/lib/http/index.ts';

const page = PRESETS['image-gallery'].page;

const cases: [string, NetworkInput][] = [
  ['no loss', { rttMs: 100, bandwidthMbps: 50 }],
  ['2 % loss', { rttMs: 100, bandwidthMbps: 50, lossRate: 0.02, seed: 1 }],
];

for (const [label, network] of cases) {
  test(`100-tile gallery, ${label}`, async ({ bench }) => {
    await bench.compare(
      ...PROTOCOL_IDS.map((protocol) =>
        bench(protocol, () => {
          const result = simulatePageLoad({ protocol, page, network });
          if (!result.ok) throw new Error(result.error.message);
        }),
      ),
    );
  });
}

test('100-tile gallery, all five protocols at once', async ({ bench }) => {
  await bench('simulate ×5', () => {
    for (const protocol of PROTOCOL_IDS) simulatePageLoad({ protocol, page, network: {} });
  }).run();
});

const worst = uniformPage(500, 3_999_000, 10_000);

test('worst page within the bounds (500 × 3999 KB), all five protocols', async ({ bench }) => {
  await bench.compare(
    ...[0, 0.02, 0.3].map((lossRate) =>
      bench(`loss ${lossRate * 100} %`, () => {
        const result = comparePageLoads(worst, { rttMs: 100, bandwidthMbps: 50, lossRate, seed: 1 });
        if (!result.ok) throw new Error(result.error.message);
      }),
    ),
  );
});
