/**
 * Property (issue 10, "What to build"): any query string — arbitrary text, numbers such as 1e308, 1e-320, -0, NaN,
 * Infinity, and 100k-character values — decodes to a state whose every view is either a result or field errors with
 * a quoted message: never a throw, never a hang. `FUZZ_RUNS` raises the number of cases (default 300).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareView } from '../../../../src/lib/subnet-calculator/compare-view.ts';
import { detailsView } from '../../../../src/lib/subnet-calculator/details-view.ts';
import { splitView } from '../../../../src/lib/subnet-calculator/split-view.ts';
import {
  type CalculatorState,
  MAX_LIST_LENGTH,
  MAX_PARAM_LENGTH,
  MODES,
} from '../../../../src/lib/subnet-calculator/state.ts';
import { rangeView, summariseView } from '../../../../src/lib/subnet-calculator/summarise-view.ts';
import {
  decodeState,
  encodeState,
  linkNotices,
  STATE_PARAMS,
} from '../../../../src/lib/subnet-calculator/url-state.ts';
import type { ViewResult } from '../../../../src/lib/subnet-calculator/view-result.ts';
import { vlsmView } from '../../../../src/lib/subnet-calculator/vlsm-view.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

/** Values a hostile link carries: edge numbers, markup, encodings, huge text, and anything at all. */
const hostileValue = fc.oneof(
  fc.constantFrom('1e308', '1e-320', '-0', 'NaN', 'Infinity', '-Infinity', '-1', '0', '1e21', '0x10', '4294967296'),
  fc.constantFrom(
    '<script>alert(1)</script>',
    '%',
    '%%',
    '%zz',
    '\u0000',
    '::ffff:1.2.3.4/96',
    'fe80::1%Ethernet 2/64',
  ),
  fc.constantFrom('10.0.0.0/8', '2001:db8::/32', '0.0.0.0/0', '::/0', '1.2.3.4/0024', 'count', 'prefix', 'vlsm'),
  fc.double().map(String),
  fc.integer().map(String),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constant('9'.repeat(100_000)),
  fc.constant('x'.repeat(100_000)),
);

/** A query: the calculator's own parameters (repeated, any order) plus foreign ones. */
const hostileQuery = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...STATE_PARAMS), fc.string({ maxLength: 8 })), hostileValue), {
    maxLength: 12,
  })
  .map((pairs) => {
    const params = new URLSearchParams();
    for (const [k, v] of pairs) params.append(k, v);
    return `?${params.toString()}`;
  });

function checkView<F extends string>(result: ViewResult<unknown, F>): void {
  if (result.ok) return;
  expect(result.errors.length).toBeGreaterThan(0);
  for (const e of result.errors) {
    expect(typeof e.code).toBe('string');
    expect(e.message.length).toBeGreaterThan(0);
    expect(e.message.length).toBeLessThan(2_000);
  }
}

/** Every view of the state, as each panel would build it. */
function allViews(state: CalculatorState): void {
  checkView(detailsView(state.details.network));
  checkView(splitView(state.split));
  checkView(vlsmView(state.vlsm));
  checkView(summariseView(state.summarise.networks));
  checkView(rangeView(state.summarise.range));
  checkView(compareView(state.compare.a, state.compare.b));
}

describe('URL state under hostile links', () => {
  it('decodes to a bounded state whose every view is a result or field errors', () => {
    fc.assert(
      fc.property(hostileQuery, (query) => {
        const state = decodeState(query);
        expect(MODES).toContain(state.mode);
        for (const text of [state.details.network, state.split.network, state.vlsm.network, state.compare.a]) {
          expect(text.length).toBeLessThanOrEqual(MAX_PARAM_LENGTH);
        }
        expect(state.summarise.networks.length).toBeLessThanOrEqual(MAX_LIST_LENGTH);
        allViews(state);
        for (const notice of linkNotices(query)) expect(notice.length).toBeLessThan(200);
        // What the calculator writes back decodes to the same state (a shared link restores the page exactly).
        expect(decodeState(encodeState(state))).toEqual(state);
      }),
      { numRuns: RUNS },
    );
  });
});
