import {
  arrowHead,
  type Box,
  blockHeight,
  chipForBox,
  finishScene,
  round,
  type Scene,
  type Shape,
  type ShapeRole,
  shapeBox,
  textBlock,
} from './scene.ts';
import { maxLineWidth, splitLines } from './text.ts';

/** What a node stands for; picks its colour (and pill shape for networks). */
export const FLOW_NODE_KINDS = ['client', 'server', 'network', 'proxy', 'router', 'dns', 'internet', 'zone'] as const;

/** One of {@link FLOW_NODE_KINDS}. */
export type FlowNodeKind = (typeof FLOW_NODE_KINDS)[number];

/** A box on the grid. `col`/`row` are 0-based. */
export interface FlowNode {
  readonly id: string;
  readonly label: string;
  readonly sublabel?: string;
  readonly col: number;
  readonly row: number;
  readonly kind?: FlowNodeKind;
}

/** An arrow between two nodes. */
export interface FlowEdge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
  readonly dashed?: boolean;
  /** Arrowheads at both ends. */
  readonly both?: boolean;
}

/** A dashed box drawn around some nodes. */
export interface FlowGroup {
  readonly label: string;
  readonly nodes: readonly string[];
}

/** Input of {@link layoutFlow}. */
export interface FlowInput {
  readonly nodes: readonly FlowNode[];
  readonly edges: readonly FlowEdge[];
  readonly groups?: readonly FlowGroup[];
}

/** Where a node ended up. */
export interface PlacedNode {
  readonly id: string;
  readonly box: Box;
}

/** The polyline of an edge (first point at the source, last at the target) and its label box. */
export interface PlacedEdge {
  readonly from: string;
  readonly to: string;
  readonly points: readonly (readonly [number, number])[];
  readonly labelBox?: Box;
}

/** Where a group box ended up. */
export interface PlacedGroup {
  readonly label: string;
  readonly box: Box;
}

/** Output of {@link layoutFlow}. */
export interface FlowLayout extends Scene {
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
  readonly groups: readonly PlacedGroup[];
}

const FONT = 14;
const SMALL = 12;
const PAD_X = 14;
const PAD_Y = 9;
const MIN_NODE_W = 96;
const MIN_GAP_X = 48;
const MIN_GAP_Y = 52;
const EDGE_LABEL_MARGIN = 14;
const ARROW_ROOM = 12;
const GROUP_PAD = 12;
const GROUP_NEST = 10;
const GROUP_LABEL_H = blockHeight(1, SMALL) + 4;
const PARALLEL_OFFSET = 7;

/** Lays out a grid flow diagram. Throws on unknown node ids, shared cells and other invariant breaks. */
export function layoutFlow(input: FlowInput): FlowLayout {
  validate(input);
  const { nodes, edges } = input;
  const groups = input.groups ?? [];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const node = (id: string): FlowNode => byId.get(id) as FlowNode;

  const sizes = new Map(
    nodes.map((n) => {
      const label = splitLines(n.label);
      const sub = splitLines(n.sublabel);
      const width = Math.max(
        MIN_NODE_W,
        Math.max(maxLineWidth(label, FONT, true), maxLineWidth(sub, SMALL)) + 2 * PAD_X,
      );
      const height = 2 * PAD_Y + blockHeight(label.length, FONT) + blockHeight(sub.length, SMALL);
      return [n.id, { label, sub, width, height }];
    }),
  );
  const size = (id: string) => sizes.get(id) as { label: string[]; sub: string[]; width: number; height: number };

  const cols = Math.max(...nodes.map((n) => n.col)) + 1;
  const rows = Math.max(...nodes.map((n) => n.row)) + 1;
  const colW = Array.from({ length: cols }, (_, c) =>
    Math.max(40, ...nodes.filter((n) => n.col === c).map((n) => size(n.id).width)),
  );
  const rowH = Array.from({ length: rows }, (_, r) =>
    Math.max(30, ...nodes.filter((n) => n.row === r).map((n) => size(n.id).height)),
  );

  // Nesting depth of groups: a group containing another gets more padding so the boxes do not touch.
  const groupSets = groups.map((g) => new Set(g.nodes));
  const nesting = groups.map((_, gi) =>
    groupSets.filter(
      (other, oi) =>
        oi !== gi &&
        other.size < (groupSets[gi] as Set<string>).size &&
        [...other].every((id) => groupSets[gi]?.has(id)),
    ).length > 0
      ? 1
      : 0,
  );
  const groupPad = (gi: number): number => GROUP_PAD + GROUP_NEST * (nesting[gi] as number);

  // Gaps: room for straight-edge labels and for group padding and labels.
  const gapX = Array.from({ length: Math.max(cols - 1, 0) }, () => MIN_GAP_X);
  const gapY = Array.from({ length: Math.max(rows - 1, 0) }, () => MIN_GAP_Y);
  const grow = (gaps: number[], a: number, b: number, need: number): void => {
    const have = gaps.slice(a, b).reduce((s, g) => s + g, 0);
    if (b > a && have < need) for (let g = a; g < b; g++) gaps[g] = (gaps[g] as number) + (need - have) / (b - a);
  };
  for (const edge of edges) {
    const s = node(edge.from);
    const t = node(edge.to);
    const label = splitLines(edge.label);
    if (label.length === 0) continue;
    if (s.row === t.row) {
      grow(
        gapX,
        Math.min(s.col, t.col),
        Math.max(s.col, t.col),
        maxLineWidth(label, SMALL) + 2 * EDGE_LABEL_MARGIN + 2 * ARROW_ROOM,
      );
    } else {
      const a = Math.min(s.row, t.row);
      const b = Math.max(s.row, t.row);
      grow(gapY, a, b, blockHeight(label.length, SMALL) + 2 * EDGE_LABEL_MARGIN);
    }
  }
  for (const [gi, group] of groups.entries()) {
    const members = group.nodes.map(node);
    const top = Math.min(...members.map((n) => n.row));
    const bottom = Math.max(...members.map((n) => n.row));
    const left = Math.min(...members.map((n) => n.col));
    const right = Math.max(...members.map((n) => n.col));
    const pad = groupPad(gi);
    if (top > 0) gapY[top - 1] = Math.max(gapY[top - 1] as number, pad + GROUP_LABEL_H + 18);
    if (bottom < rows - 1) gapY[bottom] = Math.max(gapY[bottom] as number, pad + 18);
    if (left > 0) gapX[left - 1] = Math.max(gapX[left - 1] as number, pad + 20);
    if (right < cols - 1) gapX[right] = Math.max(gapX[right] as number, pad + 20);
  }

  const colX: number[] = [];
  let x = 0;
  for (let c = 0; c < cols; c++) {
    colX.push(x);
    x += (colW[c] as number) + (gapX[c] ?? 0);
  }
  const rowY: number[] = [];
  let y = 0;
  for (let r = 0; r < rows; r++) {
    rowY.push(y);
    y += (rowH[r] as number) + (gapY[r] ?? 0);
  }

  const placedNodes = nodes.map((n) => {
    const s = size(n.id);
    const cx = (colX[n.col] as number) + (colW[n.col] as number) / 2;
    const cy = (rowY[n.row] as number) + (rowH[n.row] as number) / 2;
    const width = colW[n.col] as number;
    return {
      id: n.id,
      box: { x: round(cx - width / 2), y: round(cy - s.height / 2), width: round(width), height: round(s.height) },
    };
  });
  const boxOf = new Map(placedNodes.map((p) => [p.id, p.box]));
  const box = (id: string): Box => boxOf.get(id) as Box;

  const shapes: Shape[] = [];

  // Groups (painted first, behind everything).
  const placedGroups: PlacedGroup[] = groups.map((group, gi) => {
    const members = group.nodes.map(box);
    const pad = groupPad(gi);
    const left = Math.min(...members.map((b) => b.x)) - pad;
    const top = Math.min(...members.map((b) => b.y)) - pad - GROUP_LABEL_H;
    const labelW = maxLineWidth([group.label], SMALL) + 16;
    const right = Math.max(left + labelW, Math.max(...members.map((b) => b.x + b.width)) + pad);
    const bottom = Math.max(...members.map((b) => b.y + b.height)) + pad;
    const gbox = { x: round(left), y: round(top), width: round(right - left), height: round(bottom - top) };
    shapes.push({ type: 'rect', role: 'group', ...gbox, rx: 10 });
    shapes.push(textBlock('text-muted', [group.label], round(left + 8), top + 3, SMALL, 'start'));
    return { label: group.label, box: gbox };
  });

  // Edges.
  const pairCount = new Map<string, number>();
  const pairSeen = new Map<string, number>();
  const pairKey = (e: FlowEdge): string => [e.from, e.to].sort().join('\u0000');
  for (const e of edges) pairCount.set(pairKey(e), (pairCount.get(pairKey(e)) ?? 0) + 1);
  const labels: Shape[] = [];
  const placedEdges: PlacedEdge[] = edges.map((edge) => {
    const key = pairKey(edge);
    const count = pairCount.get(key) as number;
    const seen = pairSeen.get(key) ?? 0;
    pairSeen.set(key, seen + 1);
    const offset = (seen - (count - 1) / 2) * 2 * PARALLEL_OFFSET;
    const points = route(edge, node(edge.from), node(edge.to), box(edge.from), box(edge.to), offset, placedNodes);
    const role: ShapeRole = edge.dashed ? 'edge-dashed' : 'edge';
    shapes.push(...drawEdge(points, role, edge.both === true));
    const label = splitLines(edge.label);
    let labelBox: Box | undefined;
    if (label.length > 0) {
      const side = offset < 0 ? 'before' : offset > 0 ? 'after' : 'default';
      const text = edgeLabel(points, label, box(edge.from), box(edge.to), side);
      labelBox = shapeBox(text);
      labels.push(chipForBox(labelBox, 4, 1), text);
    }
    return { from: edge.from, to: edge.to, points, ...(labelBox ? { labelBox } : {}) };
  });

  // Nodes over edges, labels on top.
  for (const n of nodes) {
    const b = box(n.id);
    const s = size(n.id);
    const kind = n.kind;
    const role: ShapeRole = kind ? `node-${kind}` : 'node';
    const pill = kind === 'internet' || kind === 'network';
    shapes.push({ type: 'rect', role, ...b, rx: pill ? round(Math.min(b.height / 2, 22)) : 8 });
    const cx = round(b.x + b.width / 2);
    const top = b.y + PAD_Y;
    shapes.push(textBlock('text-strong', s.label, cx, top, FONT, 'middle', true));
    if (s.sub.length > 0)
      shapes.push(textBlock('text-muted', s.sub, cx, top + blockHeight(s.label.length, FONT), SMALL));
  }
  shapes.push(...labels);

  const scene = finishScene(shapes, describeFlow(input));
  return { ...scene, nodes: placedNodes, edges: placedEdges, groups: placedGroups };
}

/**
 * Straight when nodes share a row or column, otherwise an L: horizontal out of the source then vertical into the
 * target, or (when that would cross another node) vertical first. Throws when every route crosses a node.
 */
function route(
  edge: FlowEdge,
  s: FlowNode,
  t: FlowNode,
  sb: Box,
  tb: Box,
  offset: number,
  obstacles: readonly PlacedNode[],
): [number, number][] {
  const scx = sb.x + sb.width / 2;
  const scy = sb.y + sb.height / 2;
  const tcx = tb.x + tb.width / 2;
  const tcy = tb.y + tb.height / 2;
  const candidates: [number, number][][] = [];
  if (s.row === t.row) {
    const y = round(scy + offset);
    candidates.push(
      s.col < t.col
        ? [
            [sb.x + sb.width, y],
            [tb.x, y],
          ]
        : [
            [sb.x, y],
            [tb.x + tb.width, y],
          ],
    );
  } else if (s.col === t.col) {
    const x = round(scx + offset);
    candidates.push(
      s.row < t.row
        ? [
            [x, sb.y + sb.height],
            [x, tb.y],
          ]
        : [
            [x, sb.y],
            [x, tb.y + tb.height],
          ],
    );
  } else {
    const hy = round(scy + offset);
    const hx = round(tcx + offset);
    candidates.push([
      [t.col > s.col ? sb.x + sb.width : sb.x, hy],
      [hx, hy],
      [hx, t.row > s.row ? tb.y : tb.y + tb.height],
    ]);
    const vx = round(scx + offset);
    const vy = round(tcy + offset);
    candidates.push([
      [vx, t.row > s.row ? sb.y + sb.height : sb.y],
      [vx, vy],
      [t.col > s.col ? tb.x : tb.x + tb.width, vy],
    ]);
  }
  const others = obstacles.filter((o) => o.id !== edge.from && o.id !== edge.to);
  for (const points of candidates) {
    const blocked = others.find((o) => crosses(points, o.box));
    if (blocked === undefined) return points;
    if (points === candidates.at(-1)) {
      throw new Error(
        `Edge ${edge.from} → ${edge.to} would pass through node '${blocked.id}'; move a node to another row or column, or leave a free cell on the way.`,
      );
    }
  }
  /* c8 ignore next */
  throw new Error('unreachable');
}

/** Whether an orthogonal polyline runs through the inside of a box (touching its border does not count). */
function crosses(points: readonly (readonly [number, number])[], box: Box): boolean {
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1] as readonly [number, number];
    const [x1, y1] = points[i] as readonly [number, number];
    const seg = { x: Math.min(x0, x1), y: Math.min(y0, y1), width: Math.abs(x1 - x0), height: Math.abs(y1 - y0) };
    if (
      seg.x < box.x + box.width - 1 &&
      box.x + 1 < seg.x + seg.width + (seg.width === 0 ? 0.5 : 0) &&
      seg.y < box.y + box.height - 1 &&
      box.y + 1 < seg.y + seg.height + (seg.height === 0 ? 0.5 : 0)
    ) {
      return true;
    }
  }
  return false;
}

function drawEdge(points: [number, number][], role: ShapeRole, both: boolean): Shape[] {
  const shapes: Shape[] = [];
  const pts = points.map((p) => [...p] as [number, number]);
  const headRole: ShapeRole = 'head';
  const last = pts.length - 1;
  const end = arrowHead(headRole, ...(pts[last - 1] as [number, number]), ...(pts[last] as [number, number]));
  pts[last] = end.shaftEnd;
  shapes.push(end.head);
  if (both) {
    const start = arrowHead(headRole, ...(pts[1] as [number, number]), ...(pts[0] as [number, number]));
    pts[0] = start.shaftEnd;
    shapes.push(start.head);
  }
  shapes.unshift({ type: 'path', role, closed: false, points: pts });
  return shapes;
}

/**
 * Label on a straight horizontal edge (above it; below for the lower of a parallel pair) or beside the vertical
 * segment (right of it; left for the left one of a parallel pair), so parallel edges keep their labels apart.
 */
function edgeLabel(
  points: [number, number][],
  lines: string[],
  sb: Box,
  tb: Box,
  side: 'before' | 'after' | 'default',
): Shape {
  const [a, b] = points as [[number, number], [number, number]];
  const height = blockHeight(lines.length, SMALL);
  if (points.length === 2 && a[1] === b[1]) {
    const mx = round((a[0] + b[0]) / 2);
    return textBlock('text', lines, mx, side === 'after' ? a[1] + 4 : a[1] - 4 - height, SMALL);
  }
  // Beside the vertical segment, centred on the part of it that lies between the two boxes.
  const i = points.findIndex((p, k) => k > 0 && (points[k - 1] as [number, number])[0] === p[0]);
  const [vx, vy0] = points[i - 1] as [number, number];
  const vy1 = (points[i] as [number, number])[1];
  const top = Math.min(vy0, vy1);
  const bottom = Math.max(vy0, vy1);
  const clearTop = Math.max(top, Math.min(sb.y + sb.height, tb.y + tb.height));
  const clearBottom = Math.min(bottom, Math.max(sb.y, tb.y));
  const mid = clearBottom > clearTop ? (clearTop + clearBottom) / 2 : (top + bottom) / 2;
  return side === 'before'
    ? textBlock('text', lines, round(vx - 8), mid - height / 2, SMALL, 'end')
    : textBlock('text', lines, round(vx + 8), mid - height / 2, SMALL, 'start');
}

function validate(input: FlowInput): void {
  const { nodes, edges } = input;
  if (nodes.length === 0) throw new Error('A flow diagram needs at least one node.');
  const ids = new Set<string>();
  const cells = new Map<string, string>();
  for (const n of nodes) {
    if (ids.has(n.id)) throw new Error(`Node id '${n.id}' is used twice; node ids must be unique.`);
    ids.add(n.id);
    if (!Number.isInteger(n.col) || !Number.isInteger(n.row) || n.col < 0 || n.row < 0) {
      throw new Error(`Node '${n.id}' has col ${n.col}, row ${n.row}; both must be whole numbers ≥ 0.`);
    }
    if (n.kind !== undefined && !(FLOW_NODE_KINDS as readonly string[]).includes(n.kind)) {
      throw new Error(`Node '${n.id}' has unknown kind '${n.kind}'; use one of ${FLOW_NODE_KINDS.join(', ')}.`);
    }
    const cell = `${n.col},${n.row}`;
    const other = cells.get(cell);
    if (other !== undefined) {
      throw new Error(`Nodes '${other}' and '${n.id}' are both at col ${n.col}, row ${n.row}; move one of them.`);
    }
    cells.set(cell, n.id);
  }
  const known = [...ids].map((id) => `'${id}'`).join(', ');
  for (const [i, e] of edges.entries()) {
    for (const end of [e.from, e.to]) {
      if (!ids.has(end))
        throw new Error(`Edge ${i + 1} (${e.from} → ${e.to}) names unknown node '${end}'; known nodes: ${known}.`);
    }
    if (e.from === e.to) throw new Error(`Edge ${i + 1} goes from '${e.from}' to itself.`);
  }
  for (const g of input.groups ?? []) {
    if (g.nodes.length === 0) throw new Error(`Group '${g.label}' has no nodes.`);
    for (const id of g.nodes) {
      if (!ids.has(id)) throw new Error(`Group '${g.label}' names unknown node '${id}'; known nodes: ${known}.`);
    }
  }
}

function describeFlow(input: FlowInput): string[] {
  const name = new Map(input.nodes.map((n) => [n.id, splitLines(n.label).join(' ')]));
  const out: string[] = [];
  const ordered = [...input.nodes].sort((a, b) => a.row - b.row || a.col - b.col);
  out.push(
    `Nodes: ${ordered
      .map((n) => {
        const extra = [n.kind, splitLines(n.sublabel).join(' ')].filter(Boolean).join(', ');
        return extra ? `${name.get(n.id)} (${extra})` : name.get(n.id);
      })
      .join('; ')}.`,
  );
  for (const g of input.groups ?? []) {
    out.push(`${g.label} contains ${g.nodes.map((id) => name.get(id)).join(', ')}.`);
  }
  for (const e of input.edges) {
    const arrow = e.both ? 'and' : 'to';
    const label = splitLines(e.label).join(' ');
    out.push(
      `${name.get(e.from)} ${arrow} ${name.get(e.to)}${label ? `: ${label}` : ''}${e.dashed ? ' (dashed)' : ''}.`,
    );
  }
  return out;
}
