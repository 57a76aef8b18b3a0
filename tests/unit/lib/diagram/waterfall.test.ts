import { describe, expect, it } from 'vitest';
import {
  boxesOverlap,
  compareRows,
  LANE_UNITS,
  lanePaths,
  layoutWaterfall,
  layoutWaterfallScene,
  PHASE_BANDS,
  PHASE_KEYS,
  ROW_UNITS,
  type Scene,
  SHAPE_ROLES,
  shapeBox,
  swatchPath,
  WATERFALL_WIDTH,
  waterfallPaths,
} from '../../../../src/lib/diagram/index.ts';
import { formatDuration } from '../../../../src/lib/format/index.ts';
import { comparePageLoads, PRESETS, simulatePageLoad, uniformPage } from '../../../../src/lib/http/index.ts';

/** The playground's default: the image gallery at 100 ms and 50 Mbit/s. */
const gallery = () =>
  comparePageLoads(PRESETS['image-gallery'].page, { rttMs: 100, bandwidthMbps: 50, lossRate: 0, seed: 1 });

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
  it.each([
    [835, [0, 200, 400, 600, 800]],
    [100, [0, 20, 40, 60, 80, 100]],
    [5400, [0, 2000, 4000]],
    [3, [0, 1, 2, 3]],
    [0, [0]],
  ])('ticks an axis of %d ms on round numbers, 4–10 of them', (axisMs, expected) => {
    const { r } = eightOverHttp10();
    const layout = layoutWaterfall(r.value, axisMs);
    expect(layout.ticks.map((t) => t.ms)).toEqual(expected);
    if (axisMs > 0) expect(layout.ticks.map((t) => t.left)).toEqual(expected.map((ms) => (100 * ms) / axisMs));
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
    const r = gallery();
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
    const r = comparePageLoads(uniformPage(40, 20_000), { rttMs: 100, bandwidthMbps: 50, lossRate: 0.01, seed: 1 });
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

describe('layoutWaterfallScene', () => {
  const load = (protocol: 'http1.1' | 'h2') => {
    const r = simulatePageLoad({
      protocol,
      page: uniformPage(6, 1000, 1000),
      network: { rttMs: 50, bandwidthMbps: Number.POSITIVE_INFINITY, tls: 'tls13' },
    });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const texts = (scene: Scene): string[] =>
    scene.shapes.flatMap((s) => (s.type === 'text' ? s.lines.map((l) => l.text) : []));

  it('every phase key has a shape role (so diagram.css can colour it)', () => {
    for (const key of Object.values(PHASE_KEYS)) expect(SHAPE_ROLES).toContain(`phase-${key}`);
  });

  it('draws one named row per request, the phases as bands, an axis and a legend of the phases drawn', () => {
    const result = load('h2');
    const scene = layoutWaterfallScene(result, { label: 'HTTP/2' });
    const words = texts(scene);
    for (const r of result.requests) expect(words).toContain(r.name);
    const drawn = new Set(result.requests.flatMap((r) => r.phases.map((p) => p.name)));
    for (const phase of drawn) expect(words).toContain(phase);
    expect(words).not.toContain('Queueing'); // never drawn in this load, so not in the legend
    expect(words).toContain('0 ms');
    const bars = scene.shapes.filter((s) => s.role.startsWith('phase-'));
    const bands = result.requests
      .flatMap((r) => r.phases)
      .reduce((n, p) => n + (PHASE_BANDS[PHASE_KEYS[p.name]] ?? []).length, 0);
    expect(bars.length).toBeGreaterThanOrEqual(bands); // the rows' bands, then the legend swatches
    expect(scene.description[0]).toBe(
      `HTTP/2: 7 requests over 1 connection; the page is loaded at ${formatDuration(result.totalMs)}.`,
    );
    expect(scene.description).toHaveLength(8);
    expect(scene.description[1]).toMatch(
      /^1\. index\.html, connection 1, stream 1: 0 ms to \d+ ms \(Initial connection 50 ms, SSL 50 ms, /,
    );
  });

  it('keeps every shape inside the viewBox and names clear of the bars', () => {
    const scene = layoutWaterfallScene(load('http1.1'), { label: 'HTTP/1.1' });
    const { x, y, width, height } = scene.viewBox;
    const names = scene.shapes.filter((s) => s.type === 'text' && s.anchor === 'end').map(shapeBox);
    const bars = scene.shapes.filter((s) => s.role.startsWith('phase-')).map(shapeBox);
    for (const shape of scene.shapes) {
      const box = shapeBox(shape);
      expect(box.x).toBeGreaterThanOrEqual(x);
      expect(box.y).toBeGreaterThanOrEqual(y);
      expect(box.x + box.width).toBeLessThanOrEqual(x + width);
      expect(box.y + box.height).toBeLessThanOrEqual(y + height);
    }
    for (const name of names) for (const bar of bars) expect(boxesOverlap(name, bar)).toBe(false);
  });

  it('shares an axis: a longer axis draws the same load shorter, in a figure of the same size', () => {
    const result = load('h2');
    const own = layoutWaterfallScene(result, { label: 'HTTP/2' });
    const shared = layoutWaterfallScene(result, { label: 'HTTP/2', axisMs: result.totalMs * 2 });
    const end = (scene: Scene): number =>
      Math.max(
        ...scene.shapes.filter((s) => s.role.startsWith('phase-')).map((s) => shapeBox(s).x + shapeBox(s).width),
      );
    expect(end(shared)).toBeLessThan(end(own));
    expect(shared.viewBox).toEqual(own.viewBox);
  });
});

describe('waterfall edges', () => {
  it('wraps the legend when the phases drawn do not fit on one line, inside the viewBox', () => {
    const r = simulatePageLoad({
      protocol: 'http1.1',
      page: uniformPage(12, 20_000),
      network: { rttMs: 50, bandwidthMbps: 5, dnsMs: 30, tls: 'tls13' },
    });
    if (!r.ok) throw new Error(r.error.message);
    const scene = layoutWaterfallScene(r.value, { label: 'HTTP/1.1' });
    const legendNames = ['Queueing', 'Waiting (TTFB)'];
    const ys = new Set(
      scene.shapes.flatMap((s) =>
        s.type === 'text' && legendNames.includes(s.lines[0]?.text ?? '') ? [s.lines[0]?.y] : [],
      ),
    );
    expect(ys.size).toBeGreaterThan(1);
    const right = scene.viewBox.x + scene.viewBox.width;
    for (const s of scene.shapes) expect(shapeBox(s).x + shapeBox(s).width).toBeLessThanOrEqual(right);
  });

  it('draws no handshake for a connection without one, and no swatch for an unknown phase', () => {
    const lanes = [[{ connectionId: 1, left: 0, width: 10, setupWidth: 0 }]];
    expect(lanePaths({ axisMs: 1, ticks: [], rows: [], lanes })).toEqual({ items: 'M0 0h100v9h-100z', setup: '' });
    expect(swatchPath('no-such-phase')).toBe('');
  });
});
