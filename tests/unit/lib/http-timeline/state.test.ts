import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STATE,
  TIMELINE_CODEC,
  type TimelineState,
  timelineInput,
} from '../../../../src/lib/http-timeline/index.ts';
import { simulateTimeline } from '../../../../src/lib/http-timeline/run.ts';

const decodeTimelineState = (search: string): TimelineState => TIMELINE_CODEC.decode(search).state;
const encodeTimelineState = (state: TimelineState): string => TIMELINE_CODEC.encode(state);
const mergeTimelineQuery = (search: string, encoded: string): string =>
  TIMELINE_CODEC.query(search, decodeTimelineState(encoded));

// The waterfall's layout and geometry tests moved with it: tests/unit/lib/diagram/waterfall.test.ts.

describe('timeline state in the URL', () => {
  it('round-trips, leaving defaults out', () => {
    expect(encodeTimelineState(DEFAULT_STATE)).toBe('');
    const state = { ...DEFAULT_STATE, protocol: 'h3' as const, rtt: '250', preset: 'custom' as const, count: '7' };
    const query = encodeTimelineState(state);
    expect(query).toBe('page=custom&protocol=h3&rtt=250&count=7');
    expect(decodeTimelineState(`?${query}`)).toEqual(state);
  });

  it('ignores unknown values (with a notice) and keeps other parameters', () => {
    expect(decodeTimelineState('?protocol=spdy&page=nope&rtt=5')).toEqual({ ...DEFAULT_STATE, rtt: '5' });
    expect(TIMELINE_CODEC.decode('?page=nope&protocol=h9').notices.map((n) => n.message)).toEqual([
      "Unknown page 'nope' in the link — showing Image gallery (100 tiles).",
      "Unknown protocol 'h9' in the link — showing HTTP/2.",
    ]);
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
    [{ rtt: '0' }, "Round-trip time is '0' but must be from 0.01 to 60000 ms."],
    [{ rtt: '1e-16' }, "Round-trip time is '1e-16' but must be from 0.01 to 60000 ms."],
    [{ bandwidth: '1e-320' }, "Bandwidth is '1e-320' but must be from 0.001 to 100000 Mbit/s."],
    [{ loss: '45' }, "Packet loss is '45' but must be from 0 to 30 %."],
    [{ bandwidth: '' }, 'Bandwidth is empty: type a number from 0.001 to 100000 Mbit/s.'],
    [{ preset: 'custom', count: '2.5' }, "Number of resources is '2.5' but must be a whole number."],
    [{ preset: 'custom', size: '2000000' }, "Resource size is '2000000' but must be from 0 to 1000000 KB."],
    [{ preset: 'custom', size: 'x' }, "Resource size must be a number, got 'x'."],
    [{ preset: 'custom', count: 'x' }, "Number of resources must be a number, got 'x'."],
    [{ loss: 'x' }, "Packet loss must be a number, got 'x'."],
  ] as const)('%j → %s', (change, message) => {
    const result = timelineInput({ ...DEFAULT_STATE, ...change });
    expect(!result.ok && result.error.message).toBe(message);
    expect(simulateTimeline({ ...DEFAULT_STATE, ...change }).ok).toBe(false);
  });

  it('lists every refused control, and only the ones in use', () => {
    const result = timelineInput({ ...DEFAULT_STATE, rtt: 'x', loss: '99', count: 'nope' });
    expect(!result.ok && result.error.fields.map((e) => [e.field, e.code])).toEqual([
      ['rtt', 'not-a-number'],
      ['loss', 'out-of-range'],
    ]);
  });

  it('shows a refusal of the model on the control it came from', () => {
    // 500 resources of 1 GB: each is within its bound, the page (500 GB) is not.
    const result = timelineInput({ ...DEFAULT_STATE, preset: 'custom', count: '500', size: '1000000' });
    expect(!result.ok && result.error.fields.map((e) => [e.field, e.code])).toEqual([['count', 'rejected']]);
  });

  it('simulateTimeline runs all five protocols', () => {
    const r = simulateTimeline(DEFAULT_STATE);
    expect(r.ok && r.value.map((x) => x.protocol)).toEqual(['http1.0', 'http1.1', 'http1.1-pipelined', 'h2', 'h3']);
  });
});
