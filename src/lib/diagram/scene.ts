import { estimateTextWidth } from './text.ts';

/**
 * A scene is what every diagram layout produces: positioned primitives in SVG user units (px at natural size),
 * each tagged with a semantic role that the Astro view maps to a CSS class (colours come from the theme there).
 */

/** Semantic roles; the view styles `dg-<role>`. A closed union so a typo fails to compile. */
export const SHAPE_ROLES = [
  'actor-box',
  'lifeline',
  'message',
  'message-encrypted',
  'message-early',
  'message-dashed',
  'head',
  'head-encrypted',
  'head-early',
  'lock',
  'lock-shackle',
  'note',
  'divider',
  'axis',
  'tick',
  'chip',
  'text',
  'text-strong',
  'text-muted',
  'text-encrypted',
  'text-early',
  'layer-row',
  'badge',
  'badge-text',
  'part-header',
  'part-payload',
  'part-trailer',
  'node',
  'node-client',
  'node-server',
  'node-network',
  'node-proxy',
  'node-router',
  'node-dns',
  'node-internet',
  'node-zone',
  'edge',
  'edge-dashed',
  'group',
  'grid',
  'phase-queueing',
  'phase-stalled',
  'phase-dns',
  'phase-connect',
  'phase-ssl',
  'phase-request',
  'phase-waiting',
  'phase-download',
] as const;

/** One of {@link SHAPE_ROLES}. */
export type ShapeRole = (typeof SHAPE_ROLES)[number];

/** One line of a text shape, with its own baseline. */
export interface TextLine {
  readonly text: string;
  readonly x: number;
  readonly y: number;
}

/** A positioned primitive. Text carries its lines pre-positioned; `bold` and `fontSize` are presentation hints. */
export type Shape =
  | { readonly type: 'rect'; readonly role: ShapeRole; x: number; y: number; width: number; height: number; rx: number }
  | { readonly type: 'line'; readonly role: ShapeRole; x1: number; y1: number; x2: number; y2: number }
  | { readonly type: 'path'; readonly role: ShapeRole; readonly points: [number, number][]; readonly closed: boolean }
  | {
      readonly type: 'text';
      readonly role: ShapeRole;
      readonly anchor: 'start' | 'middle' | 'end';
      readonly fontSize: number;
      readonly bold: boolean;
      readonly lines: TextLine[];
    };

/** Axis-aligned bounding box. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The finished diagram: a viewBox containing every shape, the shapes in paint order, and a text description. */
export interface Scene {
  readonly viewBox: Box;
  readonly shapes: readonly Shape[];
  /** Facts in reading order, one sentence each; the view joins them into `<desc>`. */
  readonly description: readonly string[];
}

/** Line height used for a given font size. */
export function lineHeight(fontSize: number): number {
  return Math.round(fontSize * 1.3);
}

/**
 * A text shape whose block of lines is vertically positioned by its top edge. Baselines sit at ~0.8 em below
 * each line's top, so the ink stays inside `top … top + lines × lineHeight`.
 */
export function textBlock(
  role: ShapeRole,
  lines: readonly string[],
  x: number,
  top: number,
  fontSize: number,
  anchor: 'start' | 'middle' | 'end' = 'middle',
  bold = false,
): Shape {
  const lh = lineHeight(fontSize);
  const offset = (lh - fontSize) / 2 + fontSize * 0.8;
  return {
    type: 'text',
    role,
    anchor,
    fontSize,
    bold,
    lines: lines.map((text, i) => ({ text, x, y: round(top + i * lh + offset) })),
  };
}

/** Height of a block of `count` lines. */
export function blockHeight(count: number, fontSize: number): number {
  return count * lineHeight(fontSize);
}

/** Rounds to 0.1 px so the markup stays short. */
export function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Bounding box of one shape (text uses the width estimate and its line boxes). */
export function shapeBox(shape: Shape): Box {
  switch (shape.type) {
    case 'rect':
      return { x: shape.x, y: shape.y, width: shape.width, height: shape.height };
    case 'line':
      return boxOfPoints([
        [shape.x1, shape.y1],
        [shape.x2, shape.y2],
      ]);
    case 'path':
      return boxOfPoints(shape.points);
    case 'text': {
      const lh = lineHeight(shape.fontSize);
      const ascent = (lh - shape.fontSize) / 2 + shape.fontSize * 0.8;
      let minX = Number.POSITIVE_INFINITY;
      let maxX = Number.NEGATIVE_INFINITY;
      let minY = Number.POSITIVE_INFINITY;
      let maxY = Number.NEGATIVE_INFINITY;
      for (const line of shape.lines) {
        const w = estimateTextWidth(line.text, shape.fontSize, shape.bold);
        const left = shape.anchor === 'start' ? line.x : shape.anchor === 'end' ? line.x - w : line.x - w / 2;
        minX = Math.min(minX, left);
        maxX = Math.max(maxX, left + w);
        minY = Math.min(minY, line.y - ascent);
        maxY = Math.max(maxY, line.y - ascent + lh);
      }
      if (shape.lines.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
      return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
    }
  }
}

function boxOfPoints(points: readonly (readonly [number, number])[]): Box {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

/** Union of boxes. */
export function unionBox(boxes: readonly Box[]): Box {
  if (boxes.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  return { x, y, width: right - x, height: bottom - y };
}

/** Whether two boxes overlap by more than `tolerance` px in both directions. */
export function boxesOverlap(a: Box, b: Box, tolerance = 0): boolean {
  return (
    a.x + tolerance < b.x + b.width &&
    b.x + tolerance < a.x + a.width &&
    a.y + tolerance < b.y + b.height &&
    b.y + tolerance < a.y + a.height
  );
}

/** Wraps shapes into a scene whose viewBox is their bounding box plus `padding`, on whole pixels. */
export function finishScene(shapes: readonly Shape[], description: readonly string[], padding = 8): Scene {
  const box = unionBox(shapes.map(shapeBox));
  const x = Math.floor(box.x - padding);
  const y = Math.floor(box.y - padding);
  return {
    viewBox: {
      x,
      y,
      width: Math.ceil(box.x + box.width + padding) - x,
      height: Math.ceil(box.y + box.height + padding) - y,
    },
    shapes,
    description,
  };
}

/**
 * A filled triangular arrowhead whose tip is at (x2, y2), pointing along (x1, y1) → (x2, y2); also returns the
 * point where the shaft should stop so the stroke does not poke through the tip.
 */
export function arrowHead(
  role: ShapeRole,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  size = 9,
): { head: Shape; shaftEnd: [number, number] } {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const length = Math.hypot(dx, dy);
  if (length === 0) throw new Error('Cannot draw an arrowhead on a zero-length line.');
  const ux = dx / length;
  const uy = dy / length;
  const baseX = x2 - ux * size;
  const baseY = y2 - uy * size;
  const half = size * 0.45;
  return {
    head: {
      type: 'path',
      role,
      closed: true,
      points: [
        [round(x2), round(y2)],
        [round(baseX - uy * half), round(baseY + ux * half)],
        [round(baseX + uy * half), round(baseY - ux * half)],
      ],
    },
    shaftEnd: [round(baseX + ux * 1), round(baseY + uy * 1)],
  };
}

/** A background chip (padding around a text block's box) so crossing lines do not run through the text. */
export function chipForBox(box: Box, padX = 4, padY = 1): Shape {
  return {
    type: 'rect',
    role: 'chip',
    x: round(box.x - padX),
    y: round(box.y - padY),
    width: round(box.width + 2 * padX),
    height: round(box.height + 2 * padY),
    rx: 3,
  };
}

/** A small padlock (body + shackle) whose bottom-left corner is at (x, bottom). About 10 × 13 px. */
export function padlock(x: number, bottom: number): Shape[] {
  const bodyTop = bottom - 7;
  return [
    {
      type: 'path',
      role: 'lock-shackle',
      closed: false,
      points: [
        [round(x + 2), round(bodyTop)],
        [round(x + 2), round(bodyTop - 3.5)],
        [round(x + 3.5), round(bodyTop - 5.5)],
        [round(x + 6.5), round(bodyTop - 5.5)],
        [round(x + 8), round(bodyTop - 3.5)],
        [round(x + 8), round(bodyTop)],
      ],
    },
    { type: 'rect', role: 'lock', x: round(x), y: round(bodyTop), width: 10, height: 7, rx: 1.5 },
  ];
}
