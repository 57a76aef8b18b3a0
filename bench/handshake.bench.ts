/**
 * What the TLS calculator island recomputes on each keystroke: every scenario for one input (`compareScenarios`,
 * the comparison table) and the ladder data of the selected scenario (`toSequenceDiagram`). Both must stay far
 * under one frame (16 ms). Run: npx vitest bench --run bench/handshake.bench.ts (Vitest 5: benchmarks live in the
 * test context, `test(..., ({ bench }) => bench.compare(...))`).
 */
import { test } from 'vitest';
import {
  compareScenarios,
  type HandshakeInput,
  scenarioIds,
  simulateHandshake,
  toSequenceDiagram,
} from '../src/lib/handshake/index.ts';
import { CALCULATOR_DEFAULTS, parseCalculatorState } from '../src/lib/tls-calculator/index.ts';
import { calculate } from '../src/lib/tls-calculator/run.ts';

/** The island's default input (TLS 1.3, 100 ms, 50 Mbit/s, 30 KB), parsed from text exactly as it does. */
const parsed = parseCalculatorState(CALCULATOR_DEFAULTS);
if (!parsed.ok) throw new Error(parsed.error.message);
const input: HandshakeInput = parsed.value;
// A heavier case: a big certificate chain (extra flight round trips), a 1 MB response and an uncached DNS lookup.
const heavy: HandshakeInput = {
  ...input,
  certChainBytes: 12_000,
  responseBytes: 1_000_000,
  dns: { kind: 'uncached', resolverRttMs: 30 },
};

const tls13 = simulateHandshake('tls13-full', input);
const quic = simulateHandshake('quic-new', heavy);

test('one keystroke', async ({ bench }) => {
  await bench.compare(
    bench(`compareScenarios (${scenarioIds.length} scenarios), defaults`, () => {
      compareScenarios(input);
    }),
    bench(`compareScenarios (${scenarioIds.length} scenarios), 12 KB chain + 1 MB + DNS`, () => {
      compareScenarios(heavy);
    }),
    bench('toSequenceDiagram, TLS 1.3 full', () => {
      toSequenceDiagram(tls13);
    }),
    bench('toSequenceDiagram, QUIC new (heavy)', () => {
      toSequenceDiagram(quic);
    }),
  );
});

// Everything one keystroke costs in src/lib: the parse (main thread) and the worker's run (every scenario, and the
// chosen one's ladder laid out as a scene that the island renders with <Figure>).
test('one keystroke, end to end (parse, then the worker run: compare, lay out the chosen ladder)', async ({
  bench,
}) => {
  await bench('parse + calculate (compareScenarios + toSequenceDiagram + layoutSequence of one scenario)', () => {
    const state = parseCalculatorState({ ...CALCULATOR_DEFAULTS, rtt: '250' });
    if (!state.ok) throw new Error('invalid');
    if (calculate({ input: state.value, scenario: 'tls13-full' }).results?.length !== 13) throw new Error('none');
  }).run();
});
