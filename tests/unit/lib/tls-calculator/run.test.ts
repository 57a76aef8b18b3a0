import { describe, expect, it } from 'vitest';
import { layoutSequence } from '../../../../src/lib/diagram/index.ts';
import { compareScenarios, scenarioIds, toSequenceDiagram } from '../../../../src/lib/handshake/index.ts';
import { CALCULATOR_DEFAULTS, parseCalculatorState } from '../../../../src/lib/tls-calculator/index.ts';
import { calculate, shownResult } from '../../../../src/lib/tls-calculator/run.ts';

describe('calculate (the worker run)', () => {
  const parsed = parseCalculatorState(CALCULATOR_DEFAULTS);
  if (!parsed.ok) throw new Error('defaults must parse');
  const input = parsed.value;

  it('returns every scenario in teaching order with the model’s numbers', () => {
    const output = calculate({ input, scenario: 'tls13-full' });
    expect(output.results?.map((r) => r.scenario)).toEqual([...scenarioIds]);
    const model = compareScenarios(input);
    expect(output.results).toEqual(model.map(shownResult));
    const chosen = model.find((r) => r.scenario === 'tls13-full');
    if (chosen === undefined) throw new Error('no tls13-full result');
    expect(output.chosen).toEqual(shownResult(chosen));
  });

  it('sends what the island shows of each result: every number, the breakdown and the notes, not the messages', () => {
    const output = calculate({ input, scenario: 'tls13-full' });
    const model = compareScenarios(input);
    for (const [index, shown] of (output.results ?? []).entries()) {
      const full = model[index];
      expect(shown).not.toHaveProperty('messages');
      expect(shown).not.toHaveProperty('conditions');
      const { messages, conditions, ...rest } = full ?? ({} as never);
      expect(messages.length).toBeGreaterThan(0);
      expect(conditions).toBeDefined();
      expect(shown).toEqual(rest);
    }
    // The answer to a change of network: 13 results and one ladder, a quarter of what the full results weighed.
    expect(JSON.stringify(output).length).toBeLessThan(JSON.stringify(model).length / 2);
  });

  it.each(scenarioIds)('lays out the ladder of %s exactly as the guides’ SequenceDiagram does', (scenario) => {
    const { chosen, ladder } = calculate({ input, scenario });
    expect(chosen.scenario).toBe(scenario);
    const model = compareScenarios(input).find((r) => r.scenario === scenario);
    if (model === undefined) throw new Error(`no result for ${scenario}`);
    const diagram = toSequenceDiagram(model);
    expect(ladder.title).toBe(diagram.title);
    expect(ladder.caption).toBe(diagram.caption);
    expect(ladder.scene).toEqual(layoutSequence({ actors: diagram.actors, steps: diagram.steps, timed: true }));
  });

  it('leaves the results out when the island says it holds them, and says which input the answer is for', () => {
    const full = calculate({ input, scenario: 'tls13-full' });
    const lean = calculate({ input, scenario: 'tls12-full', haveResults: true });
    expect(lean.results).toBeUndefined();
    expect('results' in lean).toBe(false);
    expect(lean.input).toEqual(input);
    expect(full.input).toEqual(input);
    expect(lean.chosen).toEqual(full.results?.find((r) => r.scenario === 'tls12-full'));
    expect(lean.ladder).toEqual(calculate({ input, scenario: 'tls12-full' }).ladder);
    expect(JSON.stringify(lean).length).toBeLessThan(
      JSON.stringify(full).length - JSON.stringify(full.results).length / 2,
    );
  });

  it('lays out every scenario’s ladder when asked for them all, the chosen one being the ladder it sends', () => {
    const all = calculate({ input, scenario: 'tls12-full', haveResults: true, allLadders: true });
    expect(all.results).toBeUndefined();
    expect(Object.keys(all.ladders ?? {}).sort()).toEqual([...scenarioIds].sort());
    expect(all.ladders?.['tls12-full']).toBe(all.ladder);
    for (const scenario of scenarioIds) {
      expect(all.ladders?.[scenario], scenario).toEqual(calculate({ input, scenario }).ladder);
    }
    expect(calculate({ input, scenario: 'tls12-full' }).ladders).toBeUndefined();
    expect(structuredClone(all)).toEqual(all);
  });

  it('falls back to the first scenario for an id it does not know (a worker is sent whatever the island has)', () => {
    const output = calculate({ input, scenario: 'nope' as never });
    expect(output.chosen.scenario).toBe(scenarioIds[0]);
  });

  it('is plain data: it survives the structured clone of postMessage unchanged', () => {
    const output = calculate({ input, scenario: 'tls12-full' });
    expect(structuredClone(output)).toEqual(output);
  });

  it('sends one ladder, not thirteen: the answer is a fraction of what every ladder would weigh', () => {
    const output = calculate({ input, scenario: 'tls13-full' });
    const one = JSON.stringify(output).length;
    const ladders = scenarioIds.map((scenario) => JSON.stringify(calculate({ input, scenario }).ladder).length);
    expect(one).toBeLessThan(ladders.reduce((a, b) => a + b, 0) / 2);
  });
});
