import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../../src/lib/format/index.ts';
import { layoutTimeline } from '../../../../src/lib/journey-playground/index.ts';

const phase = (id: string, startMs: number, endMs: number) => ({ id, label: id.toUpperCase(), startMs, endMs });

describe('layoutTimeline', () => {
  it('places each phase to scale on its own end, with ticks from 0', () => {
    const layout = layoutTimeline([phase('dns', 0, 100), phase('connect', 100, 150), phase('download', 150, 400)]);
    expect(layout.scaleMs).toBe(400);
    expect(layout.totalMs).toBe(400);
    expect(layout.segments.map((s) => [s.id, s.left, s.width, s.durationMs])).toEqual([
      ['dns', 0, 25, 100],
      ['connect', 25, 12.5, 50],
      ['download', 37.5, 62.5, 250],
    ]);
    expect(layout.ticks.map((t) => t.ms)).toEqual([0, 100, 200, 300, 400]);
    expect(layout.ticks.map((t) => t.left)).toEqual([0, 25, 50, 75, 100]);
    expect(layout.ticks[1]?.label).toBe(formatDuration(100));
  });

  it('draws a shorter journey on a longer scale (the second visit beside the first)', () => {
    const layout = layoutTimeline([phase('request', 0, 50), phase('download', 50, 100)], 400);
    expect(layout.scaleMs).toBe(400);
    expect(layout.totalMs).toBe(100);
    expect(layout.segments.at(-1)).toMatchObject({ left: 12.5, width: 12.5 });
  });

  it('widens a scale shorter than the journey, and keeps zero-length phases with no width', () => {
    const layout = layoutTimeline([phase('dns', 0, 0), phase('request', 0, 80)], 10);
    expect(layout.scaleMs).toBe(80);
    expect(layout.segments[0]).toMatchObject({ width: 0, durationMs: 0 });
  });

  it('gives a journey of no time a 1 ms axis (nothing divides by zero)', () => {
    const layout = layoutTimeline([phase('url', 0, 0)]);
    expect(layout.scaleMs).toBe(1);
    expect(layout.segments[0]).toMatchObject({ left: 0, width: 0 });
    expect(layoutTimeline([]).segments).toEqual([]);
    expect(layoutTimeline([phase('dns', 0, 10)], Number.NaN).scaleMs).toBe(10);
  });

  it('throws on a model invariant break (a negative, NaN or backwards phase)', () => {
    expect(() => layoutTimeline([phase('dns', -1, 5)])).toThrow(/bad time/);
    expect(() => layoutTimeline([phase('dns', 0, Number.NaN)])).toThrow(/bad time/);
    expect(() => layoutTimeline([phase('dns', 5, 1)])).toThrow(/ends before/);
  });

  it('keeps every bar and tick inside the axis, at most maxTicks intervals', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 60_000, noNaN: true }), { minLength: 1, maxLength: 12 }),
        fc.double({ min: 0, max: 120_000, noNaN: true }),
        (durations, scale) => {
          let at = 0;
          const phases = durations.map((d, i) => {
            const p = phase(`p${i}`, at, at + d);
            at += d;
            return p;
          });
          const layout = layoutTimeline(phases, scale, 6);
          for (const s of layout.segments) {
            expect(s.left).toBeGreaterThanOrEqual(0);
            expect(s.width).toBeGreaterThanOrEqual(0);
            expect(s.left + s.width).toBeLessThanOrEqual(100.002);
          }
          expect(layout.ticks.length).toBeLessThanOrEqual(7);
          for (const t of layout.ticks) expect(t.left).toBeLessThanOrEqual(100);
        },
      ),
      { numRuns: 300 },
    );
  });
});
