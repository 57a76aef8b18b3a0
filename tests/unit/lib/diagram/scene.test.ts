import { describe, expect, it } from 'vitest';
import {
  diagramId,
  layoutSequence,
  scrollsOnPhone,
  shapeBox,
  splitLines,
  unionBox,
} from '../../../../src/lib/diagram/index.ts';
import { arrowHead, boxesOverlap, finishScene, textBlock } from '../../../../src/lib/diagram/scene.ts';
import { estimateTextWidth, maxLineWidth } from '../../../../src/lib/diagram/text.ts';

describe('text measurement', () => {
  it('estimates wider text for more and wider characters, and for bold', () => {
    expect(estimateTextWidth('', 14)).toBe(0);
    expect(estimateTextWidth('iiii', 14)).toBeLessThan(estimateTextWidth('mmmm', 14));
    expect(estimateTextWidth('ClientHello', 14, true)).toBeGreaterThan(estimateTextWidth('ClientHello', 14));
    expect(estimateTextWidth('ABC', 20)).toBeCloseTo(estimateTextWidth('ABC', 10) * 2, 5);
    // Conservative: at least 0.55 em per character on average for typical labels.
    expect(estimateTextWidth('EncryptedExtensions', 14)).toBeGreaterThan(19 * 14 * 0.5);
    expect(estimateTextWidth('0-RTT — …', 10)).toBeGreaterThan(0);
  });

  it('splits labels on line breaks', () => {
    expect(splitLines(undefined)).toEqual([]);
    expect(splitLines('')).toEqual([]);
    expect(splitLines('a\n b ')).toEqual(['a', 'b']);
    expect(maxLineWidth(['a', 'aaa'], 10)).toBe(estimateTextWidth('aaa', 10));
  });
});

describe('scene helpers', () => {
  it('measures text blocks from their top edge', () => {
    const text = textBlock('text', ['one', 'two'], 100, 10, 10, 'middle');
    const box = shapeBox(text);
    expect(box.y).toBeCloseTo(10, 5);
    expect(box.height).toBe(26);
    expect(box.x + box.width / 2).toBeCloseTo(100, 5);
    const start = shapeBox(textBlock('text', ['abc'], 50, 0, 10, 'start'));
    expect(start.x).toBe(50);
    const end = shapeBox(textBlock('text', ['abc'], 50, 0, 10, 'end'));
    expect(end.x + end.width).toBeCloseTo(50, 5);
    expect(shapeBox(textBlock('text', [], 0, 0, 10))).toEqual({ x: 0, y: 0, width: 0, height: 0 });
  });

  it('builds arrowheads whose tip is the end point', () => {
    const { head, shaftEnd } = arrowHead('head', 0, 0, 100, 0);
    expect(head.type === 'path' && head.points[0]).toEqual([100, 0]);
    expect(shaftEnd[0]).toBeLessThan(100);
    expect(() => arrowHead('head', 1, 1, 1, 1)).toThrow('zero-length');
  });

  it('computes unions, overlaps and a viewBox with padding', () => {
    expect(unionBox([])).toEqual({ x: 0, y: 0, width: 0, height: 0 });
    expect(
      unionBox([
        { x: 0, y: 0, width: 1, height: 1 },
        { x: 5, y: -2, width: 1, height: 1 },
      ]),
    ).toEqual({
      x: 0,
      y: -2,
      width: 6,
      height: 3,
    });
    expect(boxesOverlap({ x: 0, y: 0, width: 10, height: 10 }, { x: 10, y: 0, width: 5, height: 5 })).toBe(false);
    expect(boxesOverlap({ x: 0, y: 0, width: 10, height: 10 }, { x: 9, y: 9, width: 5, height: 5 })).toBe(true);
    const scene = finishScene([{ type: 'line', role: 'axis', x1: 0, y1: 0, x2: 10.5, y2: 20 }], ['x'], 4);
    expect(scene.viewBox).toEqual({ x: -4, y: -4, width: 19, height: 28 });
  });
});

describe('figure sizing and ids', () => {
  const layout = layoutSequence({
    actors: [
      { id: 'c', label: 'Client' },
      { id: 's', label: 'Server' },
    ],
    steps: [{ kind: 'message', from: 'c', to: 's', label: 'GET /' }],
  });

  it('lets only wide diagrams scroll on a 390 px phone', () => {
    expect(scrollsOnPhone(layout)).toBe(false);
    expect(scrollsOnPhone({ ...layout, viewBox: { x: 0, y: 0, width: 800, height: 100 } })).toBe(true);
  });

  it('makes deterministic, distinct ids', () => {
    expect(diagramId('a', 'b')).toBe(diagramId('a', 'b'));
    expect(diagramId('a', 'b')).not.toBe(diagramId('a', 'c'));
    expect(diagramId('ab', '')).not.toBe(diagramId('a', 'b'));
    expect(diagramId('x', 'y')).toMatch(/^dg-[0-9a-z]+$/);
  });
});
