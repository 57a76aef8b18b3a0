import { describe, expect, it } from 'vitest';
import { planJourney } from '../../../../src/lib/journey/index.ts';
import {
  JOURNEY_STATE_DEFAULTS,
  journeyLadder,
  journeySummary,
  LANE_LABELS,
  runInput,
} from '../../../../src/lib/journey-playground/index.ts';
import { compactJourney, runJourney } from '../../../../src/lib/journey-playground/run.ts';

function plan(url: string, extra: Parameters<typeof planJourney>[0] | object = {}) {
  const result = planJourney({ url, ...extra });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('runJourney', () => {
  it('plans the first and the second visit of the defaults, each with a laid-out ladder', () => {
    const input = runInput(JOURNEY_STATE_DEFAULTS);
    if (!input.ok) throw new Error(input.error.message);
    const run = runJourney(input.value);
    expect(run.ok).toBe(true);
    if (!run.ok) return;
    expect(run.value.cold.journey).toEqual(plan(JOURNEY_STATE_DEFAULTS.url, input.value.cold));
    expect(run.value.warm.journey).toEqual(plan(JOURNEY_STATE_DEFAULTS.url, input.value.warm));
    expect(run.value.warm.journey.totalMs).toBeLessThan(run.value.cold.journey.totalMs);
    expect(run.value.cold.ladder?.scene.viewBox.width).toBeGreaterThan(0);
    expect(run.value.cold.ladder?.title).toBe('Ladder of the first visit to www.example.com');
    // The output crosses postMessage: plain data only.
    expect(structuredClone(run.value)).toEqual(run.value);
  });

  it('refuses when the model refuses the second visit alone', () => {
    const input = runInput(JOURNEY_STATE_DEFAULTS);
    if (!input.ok) throw new Error(input.error.message);
    const run = runJourney({ ...input.value, warm: { ...input.value.warm, preset: 'moon' } });
    expect(run).toMatchObject({ ok: false, error: { code: 'invalid-option', field: 'preset' } });
  });

  it.each([
    ['javascript:alert(1)', 'unsupported-scheme'],
    ['<img src=x onerror=alert(1)>', undefined],
    ['', 'empty-url'],
    ['https://exa mple.com/', 'invalid-host'],
  ])('passes the model’s refusal of %j through', (url, code) => {
    const input = runInput({ ...JOURNEY_STATE_DEFAULTS, url });
    if (!input.ok) throw new Error(input.error.message);
    const run = runJourney(input.value);
    const direct = planJourney(input.value.cold);
    expect(run.ok).toBe(direct.ok);
    if (!run.ok && !direct.ok) {
      expect(run.error).toEqual(direct.error);
      if (code !== undefined) expect(run.error.code).toBe(code);
    }
  });
});

describe('journeyLadder', () => {
  it('uses only the lanes the journey talks across, in ladder order, messages in send order', () => {
    const journey = plan('https://www.example.com/', { proxy: false });
    const ladder = journeyLadder(journey);
    expect(ladder).toBeDefined();
    if (ladder === undefined) return;
    const lanes = new Set(journey.messages.flatMap((m) => [m.from, m.to]));
    expect(ladder.sequence.actors.map((a) => a.id)).toEqual(
      (['client', 'resolver', 'authoritative', 'proxy', 'origin'] as const).filter((l) => lanes.has(l)),
    );
    expect(ladder.sequence.actors.map((a) => a.id)).not.toContain('proxy');
    expect(ladder.sequence.actors[0]).toMatchObject(LANE_LABELS.client);
    const sends = ladder.sequence.steps.map((s) => (s.kind === 'message' ? (s.sendAt ?? -1) : -1));
    expect(sends).toEqual([...sends].sort((a, b) => a - b));
    // Every message is on the ladder, a flight (same lanes, same moment) as one arrow with a line per message.
    const lines = ladder.sequence.steps.flatMap((s) => (s.kind === 'message' ? s.label.split('\n') : []));
    expect([...lines].sort()).toEqual(journey.messages.map((m) => m.label).sort());
    expect(ladder.sequence.steps.length).toBeLessThan(journey.messages.length);
    expect(ladder.caption).toContain(journey.url.href);
  });

  it('joins messages sent between the same lanes at the same moment into one flight', () => {
    const journey = plan('https://www.example.com/');
    const base = { from: 'proxy', to: 'client', sendMs: 10, phase: 'tls' } as const;
    const ladder = journeyLadder({
      ...journey,
      messages: [
        { ...base, arriveMs: 50, label: 'ServerHello' },
        { ...base, arriveMs: 52, label: 'Certificate' },
        { ...base, from: 'client', to: 'proxy', arriveMs: 60, label: 'Finished' },
        { ...base, sendMs: 70, arriveMs: 110, label: 'HTTP 200 OK', phase: 'response' },
      ],
    });
    expect(ladder?.sequence.steps).toEqual([
      {
        kind: 'message',
        from: 'proxy',
        to: 'client',
        label: 'ServerHello\nCertificate',
        sendAt: 10,
        receiveAt: 52,
        encrypted: false,
      },
      { kind: 'message', from: 'client', to: 'proxy', label: 'Finished', sendAt: 10, receiveAt: 60, encrypted: false },
      {
        kind: 'message',
        from: 'proxy',
        to: 'client',
        label: 'HTTP 200 OK',
        sendAt: 70,
        receiveAt: 110,
        encrypted: true,
      },
    ]);
  });

  it('has no ladder when fewer than two lanes talk', () => {
    const journey = plan('https://www.example.com/');
    expect(journeyLadder({ ...journey, messages: [] })).toBeUndefined();
  });
});

describe('compactJourney', () => {
  it('is the two visits’ summaries and phases, small enough for island props', () => {
    const compact = compactJourney(JOURNEY_STATE_DEFAULTS);
    const cold = plan(JOURNEY_STATE_DEFAULTS.url);
    expect(compact.url).toBe(cold.url.href);
    expect(compact.cold.summary).toBe(journeySummary(cold));
    expect(compact.cold.phases.map((p) => p.id)).toEqual(cold.phases.map((p) => p.id));
    expect(compact.warm.totalMs).toBeLessThan(compact.cold.totalMs);
    expect(JSON.stringify(compact).length).toBeLessThan(4000);
  });

  it('throws on a state that does not plan (the page’s preset is a build-time constant)', () => {
    expect(() => compactJourney({ ...JOURNEY_STATE_DEFAULTS, url: 'javascript:alert(1)' })).toThrow(/does not plan/);
    expect(() => compactJourney({ ...JOURNEY_STATE_DEFAULTS, server: 'x' })).toThrow(/invalid/);
  });
});
