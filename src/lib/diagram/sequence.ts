import { formatDuration, ticks } from '../format/index.ts';
import {
  arrowHead,
  type Box,
  blockHeight,
  boxesOverlap,
  chipForBox,
  finishScene,
  lineHeight,
  padlock,
  round,
  type Scene,
  type Shape,
  type ShapeRole,
  shapeBox,
  textBlock,
} from './scene.ts';
import { maxLineWidth, splitLines } from './text.ts';

/** A column of the ladder diagram (a host or program taking part in the exchange). */
export interface SequenceActor {
  readonly id: string;
  readonly label: string;
  readonly sublabel?: string;
}

/** One arrow. `label` may hold several lines (`\n`), e.g. a whole TLS flight. */
export interface SequenceMessage {
  readonly kind: 'message';
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly detail?: string;
  readonly encrypted?: boolean;
  readonly early?: boolean;
  readonly dashed?: boolean;
  /** ms; required on every message when the diagram is timed. */
  readonly sendAt?: number;
  /** ms; required on every message when the diagram is timed (>= sendAt). */
  readonly receiveAt?: number;
}

/** A box spanning the named actors. */
export interface SequenceNote {
  readonly kind: 'note';
  readonly over: readonly string[];
  readonly text: string;
  /** ms; timed diagrams only (default: just after the previous message arrives). */
  readonly at?: number;
}

/** A full-width horizontal rule with a label, e.g. "1 RTT". */
export interface SequenceDivider {
  readonly kind: 'divider';
  readonly text: string;
  /** ms; timed diagrams only (default: just after the previous message arrives). */
  readonly at?: number;
}

/** One row of the ladder, top to bottom. */
export type SequenceStep = SequenceMessage | SequenceNote | SequenceDivider;

/** Input of {@link layoutSequence}. */
export interface SequenceInput {
  readonly actors: readonly SequenceActor[];
  readonly steps: readonly SequenceStep[];
  readonly timed?: boolean;
}

/** Where an actor's column ended up. */
export interface PlacedActor {
  readonly id: string;
  readonly x: number;
  readonly box: Box;
}

/** Where a message's arrow ended up; (x1, y1) is the sender end, (x2, y2) the tip at the receiver. */
export interface PlacedMessage {
  readonly step: number;
  readonly from: string;
  readonly to: string;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  /** Label (and padlock) block, above the arrow. */
  readonly labelBox: Box;
  /** Detail block below the arrow, when there is a detail. */
  readonly detailBox?: Box;
}

/** Vertical extent of every step, for overlap checks. */
export interface PlacedStep {
  readonly step: number;
  readonly kind: SequenceStep['kind'];
  readonly top: number;
  readonly bottom: number;
}

/** Output of {@link layoutSequence}: the scene plus the semantic geometry tests and views may inspect. */
export interface SequenceLayout extends Scene {
  readonly actors: readonly PlacedActor[];
  readonly messages: readonly PlacedMessage[];
  readonly steps: readonly PlacedStep[];
  /** px per ms when timed. */
  readonly scale?: number;
  /** The legend entries drawn, in order. */
  readonly legend: readonly string[];
}

const FONT = 14;
const SMALL = 12;
const ACTOR_FONT = 15;
const ACTOR_PAD_X = 14;
const ACTOR_PAD_Y = 8;
const MIN_ACTOR_GAP = 130;
const LABEL_MARGIN = 18;
const SLOPE = 12;
const ROW_GAP = 14;
const LOCK_ROOM = 15;
const AXIS_ROOM = 18;
const TIMED_TARGET_HEIGHT = 380;
const TIMED_MAX_HEIGHT = 1800;

const LEGEND_ENTRIES = {
  encrypted: 'Encrypted',
  early: 'Early data (0-RTT)',
  dashed: 'Optional or conditional',
} as const;

/** An actor's header text and the box it needs. */
interface Header {
  readonly label: string[];
  readonly sub: string[];
  readonly width: number;
  readonly height: number;
}

/** Lays out a ladder (sequence) diagram. Throws on unknown actors, bad times or other invariant breaks. */
export function layoutSequence(input: SequenceInput): SequenceLayout {
  const { actors, steps } = input;
  const timed = input.timed === true;
  validate(input, timed);
  const index = new Map(actors.map((actor, i) => [actor.id, i]));
  const col = (id: string): number => index.get(id) as number;
  const headers = actors.map(measureActor);
  const xs = columnXs(steps, headers, col);
  const xOf = (id: string): number => xs[col(id)] as number;
  const span = {
    left: (xs[0] as number) - (headers[0]?.width ?? 0) / 2,
    right: (xs.at(-1) as number) + (headers.at(-1)?.width ?? 0) / 2,
  };
  const headerHeight = Math.max(...headers.map((h) => h.height));
  const placedActors: PlacedActor[] = actors.map((actor, i) => {
    const h = headers[i] as Header;
    const x = xs[i] as number;
    return { id: actor.id, x, box: { x: round(x - h.width / 2), y: 0, width: round(h.width), height: headerHeight } };
  });
  const contentTop = headerHeight + 22;
  const { placed, scale, axis } = placeVertically(steps, timed, xOf, contentTop, span);
  const contentBottom = Math.max(contentTop, ...placed.rows.map((r) => r.bottom)) + 16;
  const used = (['encrypted', 'early', 'dashed'] as const).filter((flag) =>
    steps.some((step) => step.kind === 'message' && step[flag] === true),
  );
  // Paint order: lifelines and headers, the time axis, the rows, the legend.
  const shapes: Shape[] = [
    ...placedActors.flatMap((actor, i) => drawActor(actor, headers[i] as Header, headerHeight, contentBottom)),
    ...axis,
    ...placed.shapes,
    ...legend(used, span.left, span.right, contentBottom + 14),
  ];
  const scene = finishScene(shapes, describeSequence(input, timed));
  return {
    ...scene,
    actors: placedActors,
    messages: placed.messages,
    steps: placed.rows,
    ...(scale === undefined ? {} : { scale }),
    legend: used.map((flag) => LEGEND_ENTRIES[flag]),
  };
}

/** An actor's label and sublabel lines and the header box they need (at least 96 px wide). */
function measureActor(actor: SequenceActor): Header {
  const label = splitLines(actor.label);
  const sub = splitLines(actor.sublabel);
  const width = Math.max(
    96,
    Math.max(maxLineWidth(label, ACTOR_FONT, true), maxLineWidth(sub, SMALL)) + 2 * ACTOR_PAD_X,
  );
  const height = 2 * ACTOR_PAD_Y + blockHeight(label.length, ACTOR_FONT) + blockHeight(sub.length, SMALL);
  return { label, sub, width, height };
}

/**
 * Lifeline x per actor: gaps wide enough for the headers, then for every message label over the gaps it spans
 * (narrow spans first, so a wide label over several gaps only adds what the narrow ones left missing).
 */
function columnXs(steps: readonly SequenceStep[], headers: readonly Header[], col: (id: string) => number): number[] {
  const gaps = headers.slice(1).map((right, i) => {
    const left = headers[i] as Header;
    return Math.max(MIN_ACTOR_GAP, (left.width + right.width) / 2 + 24);
  });
  const spans = steps
    .flatMap((step) => (step.kind === 'message' ? [step] : []))
    .map((step) => {
      const a = Math.min(col(step.from), col(step.to));
      const b = Math.max(col(step.from), col(step.to));
      const need =
        Math.max(
          maxLineWidth(splitLines(step.label), FONT) + (step.encrypted ? LOCK_ROOM : 0),
          maxLineWidth(splitLines(step.detail), SMALL),
        ) +
        2 * LABEL_MARGIN;
      return { a, b, need };
    })
    .sort((p, q) => p.b - p.a - (q.b - q.a));
  for (const { a, b, need } of spans) {
    const have = gaps.slice(a, b).reduce((sum, g) => sum + g, 0);
    if (have < need) for (let g = a; g < b; g++) gaps[g] = (gaps[g] as number) + (need - have) / (b - a);
  }
  const xs: number[] = [0];
  for (const gap of gaps) xs.push(round((xs.at(-1) as number) + gap));
  return xs;
}

/**
 * Vertical placement: untimed rows one after the other; timed rows at their times, the scale grown (bounded: 40
 * tries, up to TIMED_MAX_HEIGHT) until labels stop overlapping, with a time axis left of the first lifeline.
 */
function placeVertically(
  steps: readonly SequenceStep[],
  timed: boolean,
  xOf: (id: string) => number,
  top: number,
  span: { left: number; right: number },
): { placed: StepsPlacement; scale?: number; axis: Shape[] } {
  if (!timed) return { placed: placeSteps(steps, xOf, top, span, undefined), axis: [] };
  const times = steps.flatMap((s) =>
    s.kind === 'message' ? [s.sendAt as number, s.receiveAt as number] : s.at === undefined ? [] : [s.at],
  );
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const duration = Math.max(t1 - t0, 1e-9);
  let scale = TIMED_TARGET_HEIGHT / duration;
  const maxScale = TIMED_MAX_HEIGHT / duration;
  let placed = placeSteps(steps, xOf, top, span, { t0, scale });
  for (let attempt = 0; attempt < 40 && scale < maxScale && hasFixableOverlap(placed); attempt++) {
    scale = Math.min(scale * 1.15, maxScale);
    placed = placeSteps(steps, xOf, top, span, { t0, scale });
  }
  return { placed, scale, axis: timeAxis(span.left - AXIS_ROOM, top, t0, t1, scale) };
}

/** An actor's lifeline, header box, label and sublabel. */
function drawActor(actor: PlacedActor, h: Header, headerHeight: number, bottom: number): Shape[] {
  const shapes: Shape[] = [
    { type: 'line', role: 'lifeline', x1: actor.x, y1: headerHeight, x2: actor.x, y2: round(bottom) },
    { type: 'rect', role: 'actor-box', ...actor.box, rx: 6 },
  ];
  const labelTop = (headerHeight - h.height) / 2 + ACTOR_PAD_Y;
  shapes.push(textBlock('text-strong', h.label, actor.x, labelTop, ACTOR_FONT, 'middle', true));
  if (h.sub.length > 0) {
    const subTop = labelTop + blockHeight(h.label.length, ACTOR_FONT);
    shapes.push(textBlock('text-muted', h.sub, actor.x, subTop, SMALL, 'middle'));
  }
  return shapes;
}

interface StepsPlacement {
  readonly shapes: Shape[];
  readonly messages: PlacedMessage[];
  readonly rows: PlacedStep[];
  /** Label boxes with the time they belong to (timed), for the overlap fix-up. */
  readonly labelBoxes: { box: Box; time: number }[];
}

/** What every step's placement needs to know about the diagram. */
interface StepContext {
  readonly xOf: (id: string) => number;
  readonly span: { readonly left: number; readonly right: number };
  readonly timing: { readonly t0: number; readonly scale: number } | undefined;
  /** y of time `t` (timed only). */
  readonly yAt: (t: number) => number;
}

/** Places every step top to bottom; each returns where the next untimed row may start. */
function placeSteps(
  steps: readonly SequenceStep[],
  xOf: (id: string) => number,
  top: number,
  span: { left: number; right: number },
  timing: { t0: number; scale: number } | undefined,
): StepsPlacement {
  const out: StepsPlacement = { shapes: [], messages: [], rows: [], labelBoxes: [] };
  const yAt = (t: number): number => round(top + (t - (timing?.t0 ?? 0)) * (timing?.scale ?? 0));
  const ctx: StepContext = { xOf, span, timing, yAt };
  let cursor = top;
  let lastTime = timing?.t0 ?? 0;
  for (const [i, step] of steps.entries()) {
    if (step.kind === 'message') {
      cursor = placeMessage(step, i, cursor, ctx, out);
      if (timing) lastTime = step.receiveAt as number;
    } else if (step.kind === 'note') {
      cursor = placeNote(step, i, cursor, step.at ?? lastTime, ctx, out);
    } else {
      cursor = placeDivider(step, i, cursor, step.at ?? lastTime, ctx, out);
    }
  }
  return out;
}

/** An arrow with its label above (on a chip, padlock when encrypted) and its detail below. */
function placeMessage(
  step: Extract<SequenceStep, { kind: 'message' }>,
  i: number,
  cursor: number,
  ctx: StepContext,
  out: StepsPlacement,
): number {
  const label = splitLines(step.label);
  const x1 = ctx.xOf(step.from);
  const x2 = ctx.xOf(step.to);
  const y1 = ctx.timing ? ctx.yAt(step.sendAt as number) : round(cursor + blockHeight(label.length, FONT) + 6);
  const y2 = ctx.timing ? ctx.yAt(step.receiveAt as number) : y1 + SLOPE;
  const flavour = step.encrypted ? 'encrypted' : step.early ? 'early' : undefined;
  const lineRole: ShapeRole = flavour ? `message-${flavour}` : step.dashed ? 'message-dashed' : 'message';
  const { head, shaftEnd } = arrowHead(flavour ? `head-${flavour}` : 'head', x1, y1, x2, y2);
  out.shapes.push({ type: 'line', role: lineRole, x1, y1, x2: shaftEnd[0], y2: shaftEnd[1] });
  out.shapes.push(head);
  const time = ctx.timing ? ((step.sendAt as number) + (step.receiveAt as number)) / 2 : i;
  const lineY = (x: number): number => y1 + ((x - x1) / (x2 - x1)) * (y2 - y1);
  const mx = (x1 + x2) / 2;

  // Label above the line: its bottom clears the line over the label's whole width.
  const labelW = maxLineWidth(label, FONT) + (step.encrypted ? LOCK_ROOM : 0);
  const labelTop = Math.min(lineY(mx - labelW / 2), lineY(mx + labelW / 2)) - 5 - blockHeight(label.length, FONT);
  const text = textBlock(
    flavour ? `text-${flavour}` : 'text',
    label,
    round(mx + (step.encrypted ? LOCK_ROOM / 2 : 0)),
    labelTop,
    FONT,
  );
  const textBox = shapeBox(text);
  const labelBox = step.encrypted
    ? { ...textBox, x: textBox.x - LOCK_ROOM, width: textBox.width + LOCK_ROOM }
    : textBox;
  out.shapes.push(chipForBox(labelBox), text);
  if (step.encrypted) out.shapes.push(...padlock(round(labelBox.x), round(labelTop + lineHeight(FONT) - 3)));
  out.labelBoxes.push({ box: labelBox, time });

  let bottom = Math.max(y1, y2);
  let detailBox: Box | undefined;
  const detail = splitLines(step.detail);
  if (detail.length > 0) {
    const dW = maxLineWidth(detail, SMALL);
    const dText = textBlock(
      'text-muted',
      detail,
      round(mx),
      Math.max(lineY(mx - dW / 2), lineY(mx + dW / 2)) + 4,
      SMALL,
    );
    detailBox = shapeBox(dText);
    out.shapes.push(chipForBox(detailBox), dText);
    bottom = Math.max(bottom, detailBox.y + detailBox.height);
    out.labelBoxes.push({ box: detailBox, time });
  }
  out.messages.push({
    step: i,
    from: step.from,
    to: step.to,
    x1,
    y1,
    x2,
    y2,
    labelBox,
    ...(detailBox ? { detailBox } : {}),
  });
  out.rows.push({ step: i, kind: 'message', top: round(labelTop), bottom: round(bottom) });
  return bottom + ROW_GAP;
}

/** A note box spanning the named actors' lifelines (timed: just below time `at`). */
function placeNote(
  step: Extract<SequenceStep, { kind: 'note' }>,
  i: number,
  cursor: number,
  at: number,
  ctx: StepContext,
  out: StepsPlacement,
): number {
  const lines = splitLines(step.text);
  const xsOver = step.over.map(ctx.xOf);
  const left = Math.min(...xsOver);
  const right = Math.max(...xsOver);
  const width = Math.max(right - left + 48, maxLineWidth(lines, FONT) + 24);
  const height = blockHeight(lines.length, FONT) + 12;
  const noteTop = ctx.timing ? ctx.yAt(at) + 6 : cursor;
  const cx = (left + right) / 2;
  out.shapes.push({
    type: 'rect',
    role: 'note',
    x: round(cx - width / 2),
    y: round(noteTop),
    width: round(width),
    height,
    rx: 4,
  });
  out.shapes.push(textBlock('text', lines, round(cx), noteTop + 6, FONT));
  out.rows.push({ step: i, kind: 'note', top: round(noteTop), bottom: round(noteTop + height) });
  out.labelBoxes.push({ box: { x: cx - width / 2, y: noteTop, width, height }, time: ctx.timing ? at : i });
  return noteTop + height + ROW_GAP;
}

/** A full-width rule with its text on a chip in the middle (timed: at time `at`). */
function placeDivider(
  step: Extract<SequenceStep, { kind: 'divider' }>,
  i: number,
  cursor: number,
  at: number,
  ctx: StepContext,
  out: StepsPlacement,
): number {
  const { left, right } = ctx.span;
  const y = ctx.timing ? ctx.yAt(at) : round(cursor + 10);
  out.shapes.push({ type: 'line', role: 'divider', x1: round(left - 8), y1: y, x2: round(right + 8), y2: y });
  const text = textBlock('text-muted', [step.text], round((left + right) / 2), y - lineHeight(SMALL) / 2, SMALL);
  const box = shapeBox(text);
  out.shapes.push(chipForBox(box, 6), text);
  out.rows.push({ step: i, kind: 'divider', top: round(box.y), bottom: round(box.y + box.height) });
  out.labelBoxes.push({ box, time: ctx.timing ? at : i });
  return box.y + box.height + ROW_GAP;
}

function hasFixableOverlap(placed: StepsPlacement): boolean {
  const boxes = placed.labelBoxes;
  for (let a = 0; a < boxes.length; a++) {
    for (let b = a + 1; b < boxes.length; b++) {
      const p = boxes[a] as { box: Box; time: number };
      const q = boxes[b] as { box: Box; time: number };
      if (p.time !== q.time && boxesOverlap(p.box, q.box, 0.5)) return true;
    }
  }
  return false;
}

function validate(input: SequenceInput, timed: boolean): void {
  const { actors, steps } = input;
  if (actors.length < 2 || actors.length > 6) {
    throw new Error(`A sequence diagram needs 2 to 6 actors; got ${actors.length}.`);
  }
  const ids = new Set<string>();
  for (const actor of actors) {
    if (ids.has(actor.id)) throw new Error(`Actor id '${actor.id}' is used twice; actor ids must be unique.`);
    ids.add(actor.id);
  }
  const known = [...ids].map((id) => `'${id}'`).join(', ');
  const check = (id: string, where: string): void => {
    if (!ids.has(id)) throw new Error(`${where} names unknown actor '${id}'; known actors: ${known}.`);
  };
  if (steps.length === 0) throw new Error('A sequence diagram needs at least one step.');
  for (const [i, step] of steps.entries()) {
    const where = `Step ${i + 1} (${step.kind})`;
    if (step.kind === 'message') {
      check(step.from, where);
      check(step.to, where);
      if (step.from === step.to) {
        throw new Error(`${where} goes from '${step.from}' to itself; messages must join two different actors.`);
      }
      if (splitLines(step.label).length === 0) throw new Error(`${where} has an empty label.`);
      if (timed) {
        const { sendAt, receiveAt } = step;
        if (
          sendAt === undefined ||
          receiveAt === undefined ||
          !Number.isFinite(sendAt) ||
          !Number.isFinite(receiveAt)
        ) {
          throw new Error(
            `${where} '${step.label}' needs finite sendAt and receiveAt (ms) because the diagram is timed.`,
          );
        }
        if (receiveAt < sendAt) {
          throw new Error(
            `${where} '${step.label}' arrives (receiveAt ${receiveAt} ms) before it is sent (sendAt ${sendAt} ms).`,
          );
        }
      } else if (step.sendAt !== undefined || step.receiveAt !== undefined) {
        throw new Error(
          `${where} '${step.label}' has sendAt/receiveAt but the diagram is not timed; add timed or remove them.`,
        );
      }
    } else if (step.kind === 'note') {
      if (step.over.length === 0) throw new Error(`${where} '${step.text}' must name at least one actor in over.`);
      for (const id of step.over) check(id, where);
      if (step.at !== undefined && !timed)
        throw new Error(`${where} '${step.text}' has at but the diagram is not timed.`);
    } else if (step.at !== undefined && !timed) {
      throw new Error(`${where} '${step.text}' has at but the diagram is not timed.`);
    }
  }
  if (timed && !steps.some((s) => s.kind === 'message')) {
    throw new Error('A timed sequence diagram needs at least one message.');
  }
}

function timeAxis(x: number, top: number, t0: number, t1: number, scale: number): Shape[] {
  const shapes: Shape[] = [];
  const y = (t: number): number => round(top + (t - t0) * scale);
  shapes.push({ type: 'line', role: 'axis', x1: round(x), y1: y(t0), x2: round(x), y2: y(t1) });
  for (const t of ticks(t0, t1)) {
    const ty = y(t);
    shapes.push({ type: 'line', role: 'tick', x1: round(x - 5), y1: ty, x2: round(x), y2: ty });
    const label = formatDuration(t);
    shapes.push(textBlock('text-muted', [label], round(x - 8), ty - lineHeight(SMALL) / 2, SMALL, 'end'));
  }
  return shapes;
}

function legend(
  used: readonly ('encrypted' | 'early' | 'dashed')[],
  left: number,
  right: number,
  top: number,
): Shape[] {
  const shapes: Shape[] = [];
  let x = left;
  let y = top;
  const rowH = lineHeight(SMALL) + 6;
  for (const flag of used) {
    const text = LEGEND_ENTRIES[flag];
    const width = (flag === 'encrypted' ? LOCK_ROOM : 0) + 32 + maxLineWidth([text], SMALL) + 18;
    if (x > left && x + width > right) {
      x = left;
      y += rowH;
    }
    const midY = round(y + rowH / 2);
    const role: ShapeRole =
      flag === 'encrypted' ? 'message-encrypted' : flag === 'early' ? 'message-early' : 'message-dashed';
    let lineX = x;
    if (flag === 'encrypted') {
      shapes.push(...padlock(round(x), midY + 5));
      lineX += LOCK_ROOM;
    }
    shapes.push({ type: 'line', role, x1: round(lineX), y1: midY, x2: round(lineX + 26), y2: midY });
    shapes.push(textBlock('text', [text], round(lineX + 32), midY - lineHeight(SMALL) / 2, SMALL, 'start'));
    x += width;
  }
  return shapes;
}

function describeSequence(input: SequenceInput, timed: boolean): string[] {
  const names = new Map(
    input.actors.map((a) => [a.id, a.sublabel ? `${oneLine(a.label)} (${oneLine(a.sublabel)})` : oneLine(a.label)]),
  );
  const short = new Map(input.actors.map((a) => [a.id, oneLine(a.label)]));
  const out = [`Columns from left to right: ${input.actors.map((a) => names.get(a.id)).join(', ')}.`];
  for (const [i, step] of input.steps.entries()) {
    const n = `${i + 1}.`;
    if (step.kind === 'message') {
      const flags = [
        step.encrypted ? 'encrypted' : '',
        step.early ? '0-RTT early data' : '',
        step.dashed ? 'optional' : '',
      ].filter(Boolean);
      const time = timed
        ? `, sent at ${formatDuration(step.sendAt as number)}, received at ${formatDuration(step.receiveAt as number)}`
        : '';
      const detail = step.detail ? ` (${oneLine(step.detail)})` : '';
      const flagText = flags.length > 0 ? ` [${flags.join(', ')}]` : '';
      out.push(
        `${n} ${short.get(step.from)} to ${short.get(step.to)}: ${splitLines(step.label).join(', ')}${detail}${flagText}${time}.`,
      );
    } else if (step.kind === 'note') {
      out.push(`${n} Note over ${step.over.map((id) => short.get(id)).join(' and ')}: ${oneLine(step.text)}.`);
    } else {
      out.push(`${n} ${oneLine(step.text)}.`);
    }
  }
  return out.map((s) => s.replace(/\.\.$/, '.'));
}

function oneLine(text: string): string {
  return splitLines(text).join(' ');
}
