import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STATE,
  decodeTimelineState,
  encodeTimelineState,
  mergeTimelineQuery,
  timelineInput,
} from '../../../../src/lib/http/index.ts';
import { simulateTimeline } from '../../../../src/lib/http/timeline.ts';

// The waterfall's layout and geometry moved with it: tests/unit/lib/diagram/waterfall.test.ts.

describe('timeline state in the URL', () => {
  it('round-trips, leaving defaults out', () => {
    expect(encodeTimelineState(DEFAULT_STATE)).toBe('');
    const state = { ...DEFAULT_STATE, protocol: 'h3' as const, rtt: '250', preset: 'custom' as const, count: '7' };
    const query = encodeTimelineState(state);
    expect(query).toBe('page=custom&protocol=h3&rtt=250&count=7');
    expect(decodeTimelineState(`?${query}`)).toEqual(state);
  });

  it('ignores unknown values and keeps other parameters', () => {
    expect(decodeTimelineState('?protocol=spdy&page=nope&rtt=5')).toEqual({ ...DEFAULT_STATE, rtt: '5' });
    expect(mergeTimelineQuery('?lang=en&rtt=9', 'rtt=10')).toBe('?lang=en&rtt=10');
    expect(mergeTimelineQuery('?rtt=9', '')).toBe('');
  });
});

describe('timelineInput', () => {
  it('builds a preset or a custom page', () => {
    const preset = timelineInput(DEFAULT_STATE);
    expect(preset.ok && preset.value.page.resources).toHaveLength(101);
    expect(preset.ok && preset.value.network).toEqual({ rttMs: 100, bandwidthMbps: 50, lossRate: 0, seed: 1 });
    const custom = timelineInput({ ...DEFAULT_STATE, preset: 'custom', count: '3', size: '1.5' });
    expect(custom.ok && custom.value.page.resources.map((r) => r.bytes)).toEqual([1500, 1500, 1500]);
  });

  it.each([
    [{ rtt: 'abc' }, "Round-trip time must be a number, got 'abc'."],
    [{ rtt: '0' }, "Round-trip time is '0': use more than 0 and at most 10000 ms."],
    [{ loss: '45' }, "Packet loss is '45': use 0 to 30 %."],
    [{ bandwidth: '' }, "Bandwidth must be a number, got ''."],
    [{ preset: 'custom', count: '2.5' }, "Number of resources is '2.5': use a whole number from 0 to 500."],
    [{ preset: 'custom', size: '2000000' }, "Resource size is '2000000' KB: use 0 to 1000000 KB (1 GB) per resource."],
    [{ preset: 'custom', size: 'x' }, "Resource size must be a number, got 'x'."],
    [{ preset: 'custom', count: 'x' }, "Number of resources must be a number, got 'x'."],
    [{ loss: 'x' }, "Packet loss must be a number, got 'x'."],
  ] as const)('%j → %s', (change, message) => {
    const result = timelineInput({ ...DEFAULT_STATE, ...change });
    expect(!result.ok && result.error.message).toBe(message);
    expect(simulateTimeline({ ...DEFAULT_STATE, ...change }).ok).toBe(false);
  });

  it('simulateTimeline runs all five protocols', () => {
    const r = simulateTimeline(DEFAULT_STATE);
    expect(r.ok && r.value.map((x) => x.protocol)).toEqual(['http1.0', 'http1.1', 'http1.1-pipelined', 'h2', 'h3']);
  });
});
