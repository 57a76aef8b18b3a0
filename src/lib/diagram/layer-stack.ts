import {
  type Box,
  blockHeight,
  finishScene,
  round,
  type Scene,
  type Shape,
  type ShapeRole,
  textBlock,
} from './scene.ts';
import { maxLineWidth, splitLines } from './text.ts';

/** One row of a layer stack, top to bottom (e.g. OSI layer 7 first). */
export interface StackLayer {
  readonly label: string;
  readonly number?: number;
  readonly detail?: string;
  readonly examples?: string;
}

/** A cell of a side column spanning `rowSpan` layer rows. */
export interface StackCell {
  readonly label: string;
  readonly rowSpan: number;
}

/** A side column (e.g. the TCP/IP model beside the OSI rows). */
export interface StackColumn {
  readonly heading: string;
  readonly cells: readonly StackCell[];
}

/** The three kinds of bytes in a PDU. */
export const PDU_PART_ROLES = ['header', 'payload', 'trailer'] as const;

/** One of {@link PDU_PART_ROLES}. */
export type PduPartRole = (typeof PDU_PART_ROLES)[number];

/** A segment of a PDU row. */
export interface PduPart {
  readonly label: string;
  readonly role: PduPartRole;
  readonly bytes?: string;
}

/** One row of an encapsulation diagram. */
export interface Pdu {
  readonly name: string;
  readonly layer: string;
  readonly parts: readonly PduPart[];
}

/** Input of {@link layoutLayerStack}. */
export interface LayerStackInput {
  readonly variant: 'stack' | 'encapsulation';
  readonly layers?: readonly StackLayer[];
  /** Heading over the layer rows (drawn only when set). */
  readonly layersHeading?: string;
  readonly columns?: readonly StackColumn[];
  readonly pdus?: readonly Pdu[];
}

/** Output of {@link layoutLayerStack}: the scene plus row boxes (stack) or part boxes per PDU (encapsulation). */
export interface LayerStackLayout extends Scene {
  /** stack: one box per layer row; encapsulation: one box per PDU row (the union of its parts). */
  readonly rows: readonly Box[];
  /** stack: side-column cell boxes per column; encapsulation: part boxes per PDU row. */
  readonly cells: readonly (readonly Box[])[];
}

const FONT = 15;
const PART_FONT = 13;
const SMALL = 12;
const ROW_PAD_Y = 8;
const ROW_GAP = 4;
const BADGE = 28;
const PAD_X = 12;
const COL_GAP = 12;
const PDU_ROW_H = 46;
const PDU_ROW_GAP = 16;

/** Lays out a layer stack or an encapsulation diagram. Throws on missing data or mismatched row spans. */
export function layoutLayerStack(input: LayerStackInput): LayerStackLayout {
  return input.variant === 'stack' ? layoutStack(input) : layoutEncapsulation(input);
}

/** A layer row's text, split into lines. */
interface RowText {
  readonly label: string[];
  readonly detail: string[];
  readonly ex: string[];
}

/** Where the parts of a layer row go: label and examples columns, the row's width and each row's height. */
interface StackMetrics {
  readonly labelX: number;
  readonly exX: number;
  readonly rowW: number;
  readonly heights: readonly number[];
}

function layoutStack(input: LayerStackInput): LayerStackLayout {
  const layers = input.layers ?? [];
  const columns = input.columns ?? [];
  validateStack(layers, columns);
  const texts = layers.map((l) => ({
    label: splitLines(l.label),
    detail: splitLines(l.detail),
    ex: splitLines(l.examples),
  }));
  const metrics = measureStack(layers, texts);
  const shapes: Shape[] = [];
  const headingH = columns.length > 0 || input.layersHeading ? blockHeight(1, 13) + 8 : 0;
  if (input.layersHeading) {
    shapes.push(textBlock('text-strong', [input.layersHeading], round(metrics.rowW / 2), 0, 13, 'middle', true));
  }
  const rows: Box[] = [];
  let y = headingH;
  for (const [i, layer] of layers.entries()) {
    const box = { x: 0, y: round(y), width: round(metrics.rowW), height: metrics.heights[i] as number };
    rows.push(box);
    shapes.push(...drawLayerRow(layer, texts[i] as RowText, box, y, metrics));
    y += box.height + ROW_GAP;
  }
  const cells: Box[][] = [];
  let x = metrics.rowW + COL_GAP;
  for (const column of columns) {
    const placed = drawColumn(column, rows, x, shapes);
    cells.push(placed.cells);
    x += placed.width + COL_GAP;
  }
  return { ...finishScene(shapes, describeStack(input, layers, columns)), rows, cells };
}

/** At least one layer; every side column's row spans whole numbers that add up to the number of layers. */
function validateStack(layers: readonly StackLayer[], columns: readonly StackColumn[]): void {
  if (layers.length === 0) throw new Error("A layer stack with variant 'stack' needs at least one entry in layers.");
  for (const column of columns) {
    let total = 0;
    for (const cell of column.cells) {
      if (!Number.isInteger(cell.rowSpan) || cell.rowSpan < 1) {
        throw new Error(
          `Cell '${cell.label}' in column '${column.heading}' has rowSpan ${cell.rowSpan}; use a whole number ≥ 1.`,
        );
      }
      total += cell.rowSpan;
    }
    if (total !== layers.length) {
      throw new Error(
        `The row spans of column '${column.heading}' add up to ${total}, but there are ${layers.length} layers; they must match.`,
      );
    }
  }
}

/** Column positions from the widest label and examples; each row as tall as its tallest block (or badge). */
function measureStack(layers: readonly StackLayer[], texts: readonly RowText[]): StackMetrics {
  const hasBadge = layers.some((l) => l.number !== undefined);
  const labelW = Math.max(
    ...texts.map((r) => Math.max(maxLineWidth(r.label, FONT, true), maxLineWidth(r.detail, SMALL))),
  );
  const exW = Math.max(0, ...texts.map((r) => maxLineWidth(r.ex, SMALL + 1)));
  const labelX = PAD_X + (hasBadge ? BADGE + 12 : 0);
  const exX = labelX + labelW + 28;
  const rowW = exW > 0 ? exX + exW + PAD_X : labelX + labelW + PAD_X;
  const heights = texts.map((r) =>
    Math.max(
      BADGE + 2 * ROW_PAD_Y,
      2 * ROW_PAD_Y + blockHeight(r.label.length, FONT) + blockHeight(r.detail.length, SMALL),
      2 * ROW_PAD_Y + blockHeight(r.ex.length, SMALL + 1),
    ),
  );
  return { labelX, exX, rowW, heights };
}

/** One layer row: its box, the number badge, the label with its detail, and the examples on the right. */
function drawLayerRow(layer: StackLayer, text: RowText, box: Box, y: number, m: StackMetrics): Shape[] {
  const h = box.height;
  const shapes: Shape[] = [{ type: 'rect', role: 'layer-row', ...box, rx: 6 }];
  const blockH = blockHeight(text.label.length, FONT) + blockHeight(text.detail.length, SMALL);
  const top = y + (h - blockH) / 2;
  if (layer.number !== undefined) {
    shapes.push({
      type: 'rect',
      role: 'badge',
      x: PAD_X,
      y: round(y + (h - BADGE) / 2),
      width: BADGE,
      height: BADGE,
      rx: 6,
    });
    const badgeTop = y + (h - blockHeight(1, FONT)) / 2;
    shapes.push(textBlock('badge-text', [String(layer.number)], PAD_X + BADGE / 2, badgeTop, FONT, 'middle', true));
  }
  shapes.push(textBlock('text-strong', text.label, m.labelX, top, FONT, 'start', true));
  if (text.detail.length > 0) {
    shapes.push(
      textBlock('text-muted', text.detail, m.labelX, top + blockHeight(text.label.length, FONT), SMALL, 'start'),
    );
  }
  if (text.ex.length > 0) {
    const exTop = y + (h - blockHeight(text.ex.length, SMALL + 1)) / 2;
    shapes.push(textBlock('text-muted', text.ex, m.exX, exTop, SMALL + 1, 'start'));
  }
  return shapes;
}

/** A side column at `x`: its heading and one cell per span of rows; pushes its shapes, returns cells and width. */
function drawColumn(
  column: StackColumn,
  rows: readonly Box[],
  x: number,
  shapes: Shape[],
): { cells: Box[]; width: number } {
  const width = Math.max(
    110,
    maxLineWidth([column.heading], 13, true) + 2 * PAD_X,
    ...column.cells.map((c) => maxLineWidth(splitLines(c.label), FONT, true) + 2 * PAD_X),
  );
  shapes.push(textBlock('text-strong', [column.heading], round(x + width / 2), 0, 13, 'middle', true));
  let row = 0;
  const cells: Box[] = [];
  for (const cell of column.cells) {
    const first = rows[row] as Box;
    const last = rows[row + cell.rowSpan - 1] as Box;
    const box = { x: round(x), y: first.y, width: round(width), height: round(last.y + last.height - first.y) };
    cells.push(box);
    shapes.push({ type: 'rect', role: 'badge', ...box, rx: 6 });
    const lines = splitLines(cell.label);
    const top = box.y + (box.height - blockHeight(lines.length, FONT)) / 2;
    shapes.push(textBlock('text-strong', lines, round(x + width / 2), top, FONT, 'middle', true));
    row += cell.rowSpan;
  }
  return { cells, width };
}

/** The layers top to bottom, then which layers each side column's cells cover. */
function describeStack(
  input: LayerStackInput,
  layers: readonly StackLayer[],
  columns: readonly StackColumn[],
): string[] {
  return [
    ...(input.layersHeading ? [`${input.layersHeading}, top to bottom:`] : ['Layers, top to bottom:']),
    ...layers.map((l, i) => {
      const parts = [
        l.number !== undefined ? `${l.number}` : `${i + 1}.`,
        oneLine(l.label),
        l.detail ? `(${oneLine(l.detail)})` : '',
        l.examples ? `— ${oneLine(l.examples)}` : '',
      ].filter(Boolean);
      return `${parts.join(' ')}.`;
    }),
    ...columns.map((c) => {
      let start = 0;
      const spans = c.cells.map((cell) => {
        const from = layers[start] as StackLayer;
        const to = layers[start + cell.rowSpan - 1] as StackLayer;
        start += cell.rowSpan;
        const range = cell.rowSpan === 1 ? oneLine(from.label) : `${oneLine(from.label)} to ${oneLine(to.label)}`;
        return `${oneLine(cell.label)} covers ${range}`;
      });
      return `${c.heading}: ${spans.join('; ')}.`;
    }),
  ];
}

/** A part's place in its row. */
interface Slot {
  readonly x: number;
  readonly width: number;
}

function layoutEncapsulation(input: LayerStackInput): LayerStackLayout {
  const pdus = input.pdus ?? [];
  validateEncapsulation(pdus);
  const placedRows = placeParts(pdus, partWidths(pdus));
  const labelW = Math.max(
    ...pdus.map((p) => Math.max(maxLineWidth([p.name], FONT, true), maxLineWidth([p.layer], SMALL))),
  );
  const minX = Math.min(...placedRows.map((r) => (r[0] as Slot).x));
  const shift = labelW + 20 - minX;
  const shapes: Shape[] = [];
  const rows: Box[] = [];
  const cells: Box[][] = [];
  for (const [k, pdu] of pdus.entries()) {
    const y = k * (PDU_ROW_H + PDU_ROW_GAP);
    const top = y + (PDU_ROW_H - blockHeight(1, FONT) - blockHeight(1, SMALL)) / 2;
    shapes.push(textBlock('text-strong', [pdu.name], round(labelW), top, FONT, 'end', true));
    shapes.push(textBlock('text-muted', [pdu.layer], round(labelW), top + blockHeight(1, FONT), SMALL, 'end'));
    const boxes = pdu.parts.map((part, j) => {
      const slot = (placedRows[k] as Slot[])[j] as Slot;
      const box = { x: round(slot.x + shift), y, width: round(slot.width), height: PDU_ROW_H };
      shapes.push(...drawPart(part, box));
      return box;
    });
    cells.push(boxes);
    const first = boxes[0] as Box;
    const last = boxes.at(-1) as Box;
    rows.push({ x: first.x, y, width: round(last.x + last.width - first.x), height: PDU_ROW_H });
  }
  const used = new Set(pdus.flatMap((pdu) => pdu.parts.map((part) => part.role)));
  shapes.push(...partLegend(used, round(labelW + 20), pdus.length * (PDU_ROW_H + PDU_ROW_GAP) + 4));
  const description = pdus.map((pdu) => {
    const parts = pdu.parts.map((p) => `${oneLine(p.label)} (${p.role}${p.bytes ? `, ${oneLine(p.bytes)}` : ''})`);
    return `${pdu.name} (${pdu.layer}): ${parts.join(', ')}.`;
  });
  return { ...finishScene(shapes, description), rows, cells };
}

/** At least one PDU, each with parts of a known role. */
function validateEncapsulation(pdus: readonly Pdu[]): void {
  if (pdus.length === 0)
    throw new Error("A layer stack with variant 'encapsulation' needs at least one entry in pdus.");
  for (const pdu of pdus) {
    if (pdu.parts.length === 0) throw new Error(`PDU '${pdu.name}' has no parts; give it at least one.`);
    for (const part of pdu.parts) {
      if (!(PDU_PART_ROLES as readonly string[]).includes(part.role)) {
        throw new Error(
          `Part '${part.label}' of PDU '${pdu.name}' has role '${part.role}'; use header, payload or trailer.`,
        );
      }
    }
  }
}

/** One width per distinct label, so repeated parts line up from row to row. */
function partWidths(pdus: readonly Pdu[]): Map<string, number> {
  const widthOf = new Map<string, number>();
  for (const pdu of pdus) {
    for (const part of pdu.parts) {
      const w = Math.max(
        56,
        maxLineWidth(splitLines(part.label), PART_FONT) + 20,
        maxLineWidth(splitLines(part.bytes), SMALL) + 20,
      );
      widthOf.set(part.label, Math.max(widthOf.get(part.label) ?? 0, w));
    }
  }
  return widthOf;
}

/**
 * Horizontal placement, row by row: anchor on a part shared with the row above, else put the payload under the
 * whole row above (it *is* that PDU), else centre.
 */
function placeParts(pdus: readonly Pdu[], widthOf: ReadonlyMap<string, number>): Slot[][] {
  const placedRows: Slot[][] = [];
  for (const [k, pdu] of pdus.entries()) {
    const widths = pdu.parts.map((p) => widthOf.get(p.label) as number);
    const prev = placedRows[k - 1];
    const prevPdu = pdus[k - 1];
    let anchor = 0;
    let anchorX = 0;
    if (prev && prevPdu) {
      const prevLeft = (prev[0] as Slot).x;
      const last = prev.at(-1) as Slot;
      const prevRight = last.x + last.width;
      const match = pdu.parts.findIndex((p) => prevPdu.parts.some((q) => q.label === p.label));
      const payload = pdu.parts.findIndex((p) => p.role === 'payload');
      if (match >= 0) {
        anchor = match;
        const prevIndex = prevPdu.parts.findIndex((q) => q.label === (pdu.parts[match] as PduPart).label);
        anchorX = (prev[prevIndex] as Slot).x;
      } else if (payload >= 0) {
        anchor = payload;
        anchorX = prevLeft;
        widths[payload] = Math.max(widths[payload] as number, prevRight - prevLeft);
      } else {
        const total = widths.reduce((s, w) => s + w, 0);
        anchorX = (prevLeft + prevRight) / 2 - total / 2;
      }
    }
    const xs: number[] = Array.from({ length: widths.length }, () => 0);
    xs[anchor] = anchorX;
    for (let j = anchor - 1; j >= 0; j--) xs[j] = (xs[j + 1] as number) - (widths[j] as number);
    for (let j = anchor + 1; j < widths.length; j++) xs[j] = (xs[j - 1] as number) + (widths[j - 1] as number);
    placedRows.push(xs.map((x, j) => ({ x, width: widths[j] as number })));
  }
  return placedRows;
}

/** One part of a PDU: its box, label and (small) byte count, centred. */
function drawPart(part: PduPart, box: Box): Shape[] {
  const label = splitLines(part.label);
  const bytes = splitLines(part.bytes);
  const blockH = blockHeight(label.length, PART_FONT) + blockHeight(bytes.length, SMALL);
  const cx = round(box.x + box.width / 2);
  const textTop = box.y + (PDU_ROW_H - blockH) / 2;
  const shapes: Shape[] = [
    { type: 'rect', role: `part-${part.role}`, ...box, rx: 3 },
    textBlock('text', label, cx, textTop, PART_FONT),
  ];
  if (bytes.length > 0)
    shapes.push(textBlock('text-muted', bytes, cx, textTop + blockHeight(label.length, PART_FONT), SMALL));
  return shapes;
}

/** One swatch per part role used, left to right from (x, y). */
function partLegend(used: ReadonlySet<PduPartRole>, x: number, y: number): Shape[] {
  const shapes: Shape[] = [];
  let lx = x;
  for (const role of PDU_PART_ROLES) {
    if (!used.has(role)) continue;
    const name = role[0]?.toUpperCase() + role.slice(1);
    const swatchRole: ShapeRole = `part-${role}`;
    shapes.push({ type: 'rect', role: swatchRole, x: lx, y: y + 2, width: 14, height: 14, rx: 2 });
    shapes.push(textBlock('text', [name], lx + 20, y + 9 - blockHeight(1, SMALL) / 2, SMALL, 'start'));
    lx = round(lx + 20 + maxLineWidth([name], SMALL) + 20);
  }
  return shapes;
}

function oneLine(text: string): string {
  return splitLines(text).join(' ');
}
