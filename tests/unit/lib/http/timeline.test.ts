import { describe, expect, it } from 'vitest';
import {
  compareRows,
  DEFAULT_STATE,
  decodeTimelineState,
  encodeTimelineState,
  formatBytes,
  formatMs,
  layoutWaterfall,
  mergeTimelineQuery,
  simulatePageLoad,
  tickStep,
  timelineInput,
  uniformPage,
} from '../../../../src/lib/http';
import { simulateTimeline } from '../../../../src/lib/http/timeline';

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

describe('waterfall layout', () => {
  it('ticks on round numbers', () => {
    expect([tickStep(835), tickStep(100), tickStep(5400), tickStep(0), tickStep(3)]).toEqual([200, 20, 2000, 1, 1]);
    expect([formatMs(0), formatMs(0.004), formatMs(7.25), formatMs(835.6), formatMs(1234), formatMs(23_300)]).toEqual([
      '0 ms',
      '< 0.1 ms',
      '7.3 ms',
      '836 ms',
      '1.23 s',
      '23.3 s',
    ]);
    expect([formatBytes(950), formatBytes(1460), formatBytes(14_600), formatBytes(2_500_000)]).toEqual([
      '950 B',
      '1.5 KB',
      '15 KB',
      '2.5 MB',
    ]);
  });

  it('maps phases and lanes to percentages of the axis', () => {
    // Keep-alive, RTT 100, no bandwidth limit: HTML 0–300 ms on connection 1; resources from 300.
    const r = simulatePageLoad({
      protocol: 'http1.0',
      page: uniformPage(8, 1000),
      network: { rttMs: 100, bandwidthMbps: Number.POSITIVE_INFINITY },
    });
    if (!r.ok) throw new Error(r.error.message);
    const layout = layoutWaterfall(r.value);
    expect(layout.axisMs).toBe(r.value.totalMs);
    expect(layout.ticks[0]).toEqual({ ms: 0, left: 0 });
    const html = layout.rows[0];
    expect(html?.segments.map((s) => [s.key, s.left, s.width])).toEqual([
      ['connect', 0, (100 * 100) / 900],
      ['ssl', (100 * 100) / 900, (100 * 100) / 900],
      ['waiting', (100 * 200) / 900, (100 * 100) / 900],
    ]);
    // Nine HTTP/1.0 connections, never more than six open at once: six lanes.
    expect(r.value.connectionsOpened).toBe(9);
    expect(layout.lanes).toHaveLength(6);
    expect(layout.lanes.flat()).toHaveLength(9);
  });

  it('comparison bars are scaled to the slowest', () => {
    const r = simulateTimeline(DEFAULT_STATE);
    if (!r.ok) throw new Error(r.error.message);
    const rows = compareRows(r.value);
    expect(Math.max(...rows.map((x) => x.width))).toBe(100);
    expect(rows.filter((x) => x.fastest).map((x) => x.protocol)).toEqual(['h3']);
  });
});
