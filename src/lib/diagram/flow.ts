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

/** A node's text, split into lines, and the box it needs. */
interface NodeSize {
  readonly label: string[];
  readonly sub: string[];
  readonly width: number;
  readonly height: number;
}

/** Column widths and row heights, the gaps after each, and where each column and row starts. */
interface Grid {
  readonly colW: readonly number[];
  readonly rowH: readonly number[];
  readonly colX: readonly number[];
  readonly rowY: readonly number[];
}

/** Lays out a grid flow diagram. Throws on unknown node ids, shared cells and other invariant breaks. */
export function layoutFlow(input: FlowInput): FlowLayout {
  validate(input);
  const groups = input.groups ?? [];
  const byId = new Map(input.nodes.map((n) => [n.id, n]));
  const node = (id: string): FlowNode => byId.get(id) as FlowNode;
  const sizes = measureNodes(input.nodes);
  const pads = groupPadding(groups);
  const grid = buildGrid(input, node, sizes, pads);
  const placedNodes = placeNodes(input.nodes, sizes, grid);
  const boxOf = new Map(placedNodes.map((p) => [p.id, p.box]));
  const box = (id: string): Box => boxOf.get(id) as Box;

  // Paint order: groups behind everything, then edges, nodes over edges, edge labels on top.
  const groupShapes: Shape[] = [];
  const placedGroups = groups.map((group, gi) => drawGroup(group, box, pads[gi] as number, groupShapes));
  const edges = drawEdges(input.edges, node, box, placedNodes);
  const nodeShapes = input.nodes.flatMap((n) => drawNode(n, box(n.id), sizes.get(n.id) as NodeSize));
  const shapes = [...groupShapes, ...edges.lines, ...nodeShapes, ...edges.labels];
  const scene = finishScene(shapes, describeFlow(input));
  return { ...scene, nodes: placedNodes, edges: edges.placed, groups: placedGroups };
}

/** Each node's lines of text and the box they need (at least MIN_NODE_W wide). */
function measureNodes(nodes: readonly FlowNode[]): Map<string, NodeSize> {
  return new Map(
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
}

/** Padding of each group box: a group containing another gets more, so the two boxes do not touch. */
function groupPadding(groups: readonly FlowGroup[]): number[] {
  const sets = groups.map((g) => new Set(g.nodes));
  return sets.map((set, gi) => {
    const nests = sets.some((other, oi) => oi !== gi && other.size < set.size && [...other].every((id) => set.has(id)));
    return GROUP_PAD + (nests ? GROUP_NEST : 0);
  });
}

/** Track sizes from the nodes in them, gaps wide enough for edge labels and group frames, and track starts. */
function buildGrid(
  input: FlowInput,
  node: (id: string) => FlowNode,
  sizes: ReadonlyMap<string, NodeSize>,
  pads: readonly number[],
): Grid {
  const { nodes } = input;
  const cols = Math.max(...nodes.map((n) => n.col)) + 1;
  const rows = Math.max(...nodes.map((n) => n.row)) + 1;
  const size = (n: FlowNode): NodeSize => sizes.get(n.id) as NodeSize;
  const colW = Array.from({ length: cols }, (_, c) =>
    Math.max(40, ...nodes.filter((n) => n.col === c).map((n) => size(n).width)),
  );
  const rowH = Array.from({ length: rows }, (_, r) =>
    Math.max(30, ...nodes.filter((n) => n.row === r).map((n) => size(n).height)),
  );
  const gapX = Array.from({ length: Math.max(cols - 1, 0) }, () => MIN_GAP_X);
  const gapY = Array.from({ length: Math.max(rows - 1, 0) }, () => MIN_GAP_Y);
  growGapsForEdgeLabels(input.edges, node, gapX, gapY);
  for (const [gi, group] of (input.groups ?? []).entries()) {
    growGapsForGroup(group.nodes.map(node), pads[gi] as number, gapX, gapY);
  }
  return { colW, rowH, colX: starts(colW, gapX), rowY: starts(rowH, gapY) };
}

/** Widens `gaps[a..b)` evenly until together they are at least `need`. */
function grow(gaps: number[], a: number, b: number, need: number): void {
  const have = gaps.slice(a, b).reduce((s, g) => s + g, 0);
  if (b > a && have < need) for (let g = a; g < b; g++) gaps[g] = (gaps[g] as number) + (need - have) / (b - a);
}

/** Straight horizontal edges put their label in the column gap; other edges put it in the row gap. */
function growGapsForEdgeLabels(
  edges: readonly FlowEdge[],
  node: (id: string) => FlowNode,
  gapX: number[],
  gapY: number[],
): void {
  for (const edge of edges) {
    const s = node(edge.from);
    const t = node(edge.to);
    const label = splitLines(edge.label);
    if (label.length === 0) continue;
    if (s.row === t.row) {
      const need = maxLineWidth(label, SMALL) + 2 * EDGE_LABEL_MARGIN + 2 * ARROW_ROOM;
      grow(gapX, Math.min(s.col, t.col), Math.max(s.col, t.col), need);
    } else {
      grow(
        gapY,
        Math.min(s.row, t.row),
        Math.max(s.row, t.row),
        blockHeight(label.length, SMALL) + 2 * EDGE_LABEL_MARGIN,
      );
    }
  }
}

/** Room around a group's cells for its frame, and above them for its label. */
function growGapsForGroup(members: readonly FlowNode[], pad: number, gapX: number[], gapY: number[]): void {
  const top = Math.min(...members.map((n) => n.row));
  const bottom = Math.max(...members.map((n) => n.row));
  const left = Math.min(...members.map((n) => n.col));
  const right = Math.max(...members.map((n) => n.col));
  if (top > 0) gapY[top - 1] = Math.max(gapY[top - 1] as number, pad + GROUP_LABEL_H + 18);
  if (bottom < gapY.length) gapY[bottom] = Math.max(gapY[bottom] as number, pad + 18);
  if (left > 0) gapX[left - 1] = Math.max(gapX[left - 1] as number, pad + 20);
  if (right < gapX.length) gapX[right] = Math.max(gapX[right] as number, pad + 20);
}

/** Where each track starts, given the tracks' sizes and the gaps after them. */
function starts(sizes: readonly number[], gaps: readonly number[]): number[] {
  const out: number[] = [];
  let at = 0;
  for (const [i, size] of sizes.entries()) {
    out.push(at);
    at += size + (gaps[i] ?? 0);
  }
  return out;
}

/** Each node centred in its cell, as wide as its column. */
function placeNodes(nodes: readonly FlowNode[], sizes: ReadonlyMap<string, NodeSize>, grid: Grid): PlacedNode[] {
  return nodes.map((n) => {
    const height = (sizes.get(n.id) as NodeSize).height;
    const width = grid.colW[n.col] as number;
    const cx = (grid.colX[n.col] as number) + width / 2;
    const cy = (grid.rowY[n.row] as number) + (grid.rowH[n.row] as number) / 2;
    return {
      id: n.id,
      box: { x: round(cx - width / 2), y: round(cy - height / 2), width: round(width), height: round(height) },
    };
  });
}

/** A group's dashed frame around its members (label at the top left); pushes its shapes, returns its box. */
function drawGroup(group: FlowGroup, box: (id: string) => Box, pad: number, shapes: Shape[]): PlacedGroup {
  const members = group.nodes.map(box);
  const left = Math.min(...members.map((b) => b.x)) - pad;
  const top = Math.min(...members.map((b) => b.y)) - pad - GROUP_LABEL_H;
  const labelW = maxLineWidth([group.label], SMALL) + 16;
  const right = Math.max(left + labelW, Math.max(...members.map((b) => b.x + b.width)) + pad);
  const bottom = Math.max(...members.map((b) => b.y + b.height)) + pad;
  const gbox = { x: round(left), y: round(top), width: round(right - left), height: round(bottom - top) };
  shapes.push({ type: 'rect', role: 'group', ...gbox, rx: 10 });
  shapes.push(textBlock('text-muted', [group.label], round(left + 8), top + 3, SMALL, 'start'));
  return { label: group.label, box: gbox };
}

/**
 * Every edge routed and drawn; two edges between the same pair of nodes run side by side, their labels on
 * opposite sides. Labels (on chips) come back separately so they can be painted over the nodes.
 */
function drawEdges(
  edges: readonly FlowEdge[],
  node: (id: string) => FlowNode,
  box: (id: string) => Box,
  placedNodes: readonly PlacedNode[],
): { lines: Shape[]; labels: Shape[]; placed: PlacedEdge[] } {
  const pairKey = (e: FlowEdge): string => [e.from, e.to].sort().join('\u0000');
  const pairCount = new Map<string, number>();
  for (const e of edges) pairCount.set(pairKey(e), (pairCount.get(pairKey(e)) ?? 0) + 1);
  const pairSeen = new Map<string, number>();
  const lines: Shape[] = [];
  const labels: Shape[] = [];
  const placed = edges.map((edge): PlacedEdge => {
    const key = pairKey(edge);
    const seen = pairSeen.get(key) ?? 0;
    pairSeen.set(key, seen + 1);
    const offset = (seen - ((pairCount.get(key) as number) - 1) / 2) * 2 * PARALLEL_OFFSET;
    const points = route(edge, node(edge.from), node(edge.to), box(edge.from), box(edge.to), offset, placedNodes);
    lines.push(...drawEdge(points, edge.dashed ? 'edge-dashed' : 'edge', edge.both === true));
    const label = splitLines(edge.label);
    if (label.length === 0) return { from: edge.from, to: edge.to, points };
    const side = offset < 0 ? 'before' : offset > 0 ? 'after' : 'default';
    const text = edgeLabel(points, label, box(edge.from), box(edge.to), side);
    const labelBox = shapeBox(text);
    labels.push(chipForBox(labelBox, 4, 1), text);
    return { from: edge.from, to: edge.to, points, labelBox };
  });
  return { lines, labels, placed };
}

/** A node's box (a pill for networks) with its bold label and muted sublabel. */
function drawNode(n: FlowNode, b: Box, s: NodeSize): Shape[] {
  const role: ShapeRole = n.kind ? `node-${n.kind}` : 'node';
  const pill = n.kind === 'internet' || n.kind === 'network';
  const cx = round(b.x + b.width / 2);
  const top = b.y + PAD_Y;
  const shapes: Shape[] = [
    { type: 'rect', role, ...b, rx: pill ? round(Math.min(b.height / 2, 22)) : 8 },
    textBlock('text-strong', s.label, cx, top, FONT, 'middle', true),
  ];
  if (s.sub.length > 0) shapes.push(textBlock('text-muted', s.sub, cx, top + blockHeight(s.label.length, FONT), SMALL));
  return shapes;
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
