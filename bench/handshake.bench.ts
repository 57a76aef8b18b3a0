/**
 * What the TLS calculator island recomputes on each keystroke: every scenario for one input (`compareScenarios`,
 * the comparison table) and the ladder data of the selected scenario (`toSequenceDiagram`). Both must stay far
 * under one frame (16 ms). Run: npx vitest bench --run bench/handshake.bench.ts (Vitest 5: benchmarks live in the
 * test context, `test(..., ({ bench }) => bench.compare(...))`).
 */
import { test } from 'vitest';
import { diagramId, layoutSequence, renderSvg } from '../src/lib/diagram/index.ts';
import {
  compareScenarios,
  type HandshakeInput,
  simulateHandshake,
  toSequenceDiagram,
} from '../src/lib/handshake/index.ts';
import { CALCULATOR_DEFAULTS, parseCalculatorState } from '../src/lib/tls-calculator/index.ts';

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
    bench('compareScenarios (12 scenarios), defaults', () => {
      compareScenarios(input);
    }),
    bench('compareScenarios (12 scenarios), 12 KB chain + 1 MB + DNS', () => {
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

// Everything the island's render does in src/lib, including laying out and serialising the ladder SVG.
test('one keystroke, end to end (parse, compare, ladder layout and SVG)', async ({ bench }) => {
  await bench('parse + compareScenarios + toSequenceDiagram + layoutSequence + renderSvg', () => {
    const state = parseCalculatorState({ ...CALCULATOR_DEFAULTS, rtt: '250' });
    if (!state.ok) throw new Error('invalid');
    const results = compareScenarios(state.value);
    const selected = results.find((r) => r.scenario === 'tls13-full');
    if (selected === undefined) throw new Error('tls13-full missing');
    const diagram = toSequenceDiagram(selected);
    const scene = layoutSequence({ actors: diagram.actors, steps: diagram.steps, timed: true });
    renderSvg(scene, { id: diagramId(diagram.title, diagram.caption), title: diagram.title });
  }).run();
});
