import { describe, expect, it } from 'vitest';
import { layoutSequence } from '../../../../src/lib/diagram/index.ts';
import { DNS_CODEC, parseDnsState, runDns, runForIsland } from '../../../../src/lib/dns-playground/index.ts';

describe('runForIsland (the worker run)', () => {
  const parsed = parseDnsState(DNS_CODEC.defaults);
  if (!parsed.ok) throw new Error('defaults must parse');
  const run = runForIsland({ input: parsed.value });

  it('returns the view and its ladder laid out as a scene (no markup)', () => {
    const view = runDns(parsed.value);
    expect(run.view.totalMs).toBe(view.totalMs);
    expect(run.ladder.scene).toEqual(layoutSequence({ actors: view.actors, steps: view.steps, timed: true }));
    expect(run.ladder.title).toBe(`Resolving ${view.input.name} ${view.input.type}`);
    expect(run.ladder.caption).toMatch(/the answer reaches the stub after /);
    expect(JSON.stringify(run.ladder)).not.toContain('<svg');
  });

  it('is plain data: it survives the structured clone of postMessage unchanged', () => {
    expect(structuredClone(run)).toEqual(run);
  });
});
