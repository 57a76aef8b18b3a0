import { describe, expect, it } from 'vitest';
import { layoutSequence } from '../../../../src/lib/diagram/index.ts';
import { compareScenarios, scenarioIds, toSequenceDiagram } from '../../../../src/lib/handshake/index.ts';
import { CALCULATOR_DEFAULTS, parseCalculatorState } from '../../../../src/lib/tls-calculator/index.ts';
import { calculate } from '../../../../src/lib/tls-calculator/run.ts';

describe('calculate (the worker run)', () => {
  const parsed = parseCalculatorState(CALCULATOR_DEFAULTS);
  if (!parsed.ok) throw new Error('defaults must parse');
  const rows = calculate(parsed.value);

  it('returns every scenario in teaching order with the model’s numbers', () => {
    expect(rows.map((r) => r.result.scenario)).toEqual([...scenarioIds]);
    expect(rows.map((r) => r.result)).toEqual(compareScenarios(parsed.value));
  });

  it('lays out each scenario’s ladder exactly as the guides’ SequenceDiagram does', () => {
    for (const { result, ladder } of rows) {
      const diagram = toSequenceDiagram(result);
      expect(ladder.title).toBe(diagram.title);
      expect(ladder.caption).toBe(diagram.caption);
      expect(ladder.scene).toEqual(layoutSequence({ actors: diagram.actors, steps: diagram.steps, timed: true }));
    }
  });

  it('is plain data: it survives the structured clone of postMessage unchanged', () => {
    expect(structuredClone(rows)).toEqual(rows);
  });
});
