import { describe, expect, it } from 'vitest';
import {
  compareRows,
  formatBytes,
  formatMs,
  LANE_UNITS,
  lanePaths,
  layoutWaterfall,
  PHASE_BANDS,
  PHASE_KEYS,
  ROW_UNITS,
  simulatePageLoad,
  swatchPath,
  tickStep,
  uniformPage,
  WATERFALL_WIDTH,
  waterfallPaths,
} from '../../../../src/lib/http/index.ts';
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

/** HTTP/1.0, eight 1 KB resources, RTT 100 ms, no bandwidth limit: nine connections, never more than six open. */
function eightOverHttp10() {
  const run = simulatePageLoad({
    protocol: 'http1.0',
    page: uniformPage(8, 1000),
    network: { rttMs: 100, bandwidthMbps: Number.POSITIVE_INFINITY },
  });
  if (!run.ok) throw new Error(run.error.message);
  return { r: run, layout: layoutWaterfall(run.value) };
}

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
    const { r, layout } = eightOverHttp10();
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

/** The rectangles in path data written as `M x y h w v h h -w z`. */
function rects(d: string): { x: number; y: number; w: number; h: number }[] {
  const out: { x: number; y: number; w: number; h: number }[] = [];
  const re = /M(-?[\d.]+) (-?[\d.]+)h(-?[\d.]+)v(-?[\d.]+)h(-?[\d.]+)z/g;
  let consumed = 0;
  for (const m of d.matchAll(re)) {
    const [x, y, w, h, back] = m.slice(1).map(Number) as [number, number, number, number, number];
    expect(back).toBeCloseTo(-w, 5);
    out.push({ x, y, w, h });
    consumed += m[0].length;
  }
  expect(consumed).toBe(d.length); // nothing but rectangles
  return out;
}

describe('waterfall SVG geometry', () => {
  it('gives every phase non-overlapping bands inside a row, and no two phases the same shape and colour', () => {
    const keys = Object.values(PHASE_KEYS);
    expect(Object.keys(PHASE_BANDS).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      const bands = [...(PHASE_BANDS[key] ?? [])].sort((a, b) => a[0] - b[0]);
      expect(bands.length).toBeGreaterThan(0);
      bands.forEach(([y, h], i) => {
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y + h).toBeLessThanOrEqual(ROW_UNITS);
        if (i > 0) expect(y).toBeGreaterThanOrEqual((bands[i - 1]?.[0] ?? 0) + (bands[i - 1]?.[1] ?? 0));
      });
      expect(rects(swatchPath(key)).map((r) => [r.y, r.h])).toEqual(PHASE_BANDS[key]?.map(([y, h]) => [y, h]));
    }
    // Queueing and Stalled share a colour, so they must differ in shape.
    expect(PHASE_BANDS.queueing).not.toEqual(PHASE_BANDS.stalled);
  });

  it('draws each segment of row i as its bands in [i × 24, (i + 1) × 24), at the layout’s x', () => {
    const r = simulateTimeline({ ...DEFAULT_STATE, preset: 'custom', count: '40', size: '20', loss: '1' });
    if (!r.ok) throw new Error(r.error.message);
    for (const result of r.value) {
      const layout = layoutWaterfall(result);
      const paths = waterfallPaths(layout);
      for (const key of Object.values(PHASE_KEYS)) {
        const expected = layout.rows.flatMap((row, i) =>
          row.segments
            .filter((s) => s.key === key)
            .flatMap((s) =>
              (PHASE_BANDS[key] ?? []).map(([y, h]) => ({
                x: (s.left * WATERFALL_WIDTH) / 100,
                y: i * ROW_UNITS + y,
                w: (s.width * WATERFALL_WIDTH) / 100,
                h,
              })),
            ),
        );
        const drawn = rects(paths[key] ?? '');
        expect(drawn).toHaveLength(expected.length);
        drawn.forEach((d, n) => {
          const e = expected[n] as (typeof expected)[number];
          expect(d.y).toBe(e.y);
          expect(d.h).toBe(e.h);
          expect(Math.abs(d.x - e.x)).toBeLessThanOrEqual(0.05);
          expect(Math.abs(d.w - e.w)).toBeLessThanOrEqual(0.05);
          expect(d.x).toBeGreaterThanOrEqual(0);
          expect(d.x + d.w).toBeLessThanOrEqual(WATERFALL_WIDTH + 2); // a hairline may overhang the end
        });
      }
    }
  });

  it('draws each connection in its lane, with its handshake from the left edge', () => {
    const { layout } = eightOverHttp10();
    const { items, setup } = lanePaths(layout);
    const drawn = rects(items);
    const handshakes = rects(setup);
    expect(drawn).toHaveLength(9);
    expect(handshakes).toHaveLength(9);
    layout.lanes.forEach((lane, i) => {
      for (const c of lane) {
        const item = drawn.find((d) => d.y === i * LANE_UNITS && Math.abs(d.x - c.left * 10) <= 0.05);
        expect(item?.w).toBeCloseTo(c.width * 10, 1);
        const hs = handshakes.find((d) => d.y === i * LANE_UNITS && Math.abs(d.x - c.left * 10) <= 0.05);
        expect(hs?.w).toBeCloseTo(c.setupWidth * 10, 1);
      }
    });
  });
});
