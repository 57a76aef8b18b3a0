import type { Scene, Shape } from './scene.ts';

/**
 * Smallest scale a diagram may shrink to before its figure scrolls sideways instead: at 0.75 the 12 px labels are
 * still ~9 px on screen. Narrower diagrams simply scale to the column width.
 */
export const MIN_DIAGRAM_SCALE = 0.75;

/** Content width of the Starlight column on a 390 px phone (16 px padding each side). */
export const NARROW_COLUMN_PX = 358;

/** Whether the figure needs a horizontal scroll container on a 390 px phone (so it must be keyboard-focusable). */
export function scrollsOnPhone(scene: Scene): boolean {
  return scene.viewBox.width * MIN_DIAGRAM_SCALE > NARROW_COLUMN_PX;
}

/** Accessible text for one SVG: the ids must be unique on the page (see {@link diagramId}). */
export interface SvgLabels {
  readonly id: string;
  readonly title: string;
}

/** Escapes text for use in SVG/HTML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A deterministic id prefix for one figure (FNV-1a of the title and caption), so builds are reproducible and
 * two different diagrams on one page never share `<title>`/`<desc>` ids.
 */
export function diagramId(title: string, caption: string): string {
  let hash = 0x811c9dc5;
  for (const char of `${title}\u0000${caption}`) {
    hash ^= char.codePointAt(0) as number;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `dg-${hash.toString(36)}`;
}

function points(shape: Extract<Shape, { type: 'path' }>): string {
  return shape.points.map(([x, y]) => `${x},${y}`).join(' ');
}

function renderShape(shape: Shape): string {
  const cls = `dg-${shape.role}`;
  switch (shape.type) {
    case 'rect':
      return `<rect class="${cls}" x="${shape.x}" y="${shape.y}" width="${shape.width}" height="${shape.height}" rx="${shape.rx}"/>`;
    case 'line':
      return `<line class="${cls}" x1="${shape.x1}" y1="${shape.y1}" x2="${shape.x2}" y2="${shape.y2}"/>`;
    case 'path':
      return shape.closed
        ? `<polygon class="${cls}" points="${points(shape)}"/>`
        : `<polyline class="${cls}" points="${points(shape)}"/>`;
    case 'text': {
      const weight = shape.bold ? ' font-weight="600"' : '';
      const spans = shape.lines
        .map((line) => `<tspan x="${line.x}" y="${line.y}">${escapeXml(line.text)}</tspan>`)
        .join('');
      return `<text class="${cls}" text-anchor="${shape.anchor}" font-size="${shape.fontSize}"${weight}>${spans}</text>`;
    }
  }
}

/**
 * @deprecated Render `<Figure>` / `<Scene>` (src/components/diagrams) instead. Kept only because
 * `src/components/TlsCalculator/TlsCalculator.tsx` still injects this string; delete it (with escapeXml) once that
 * island renders `<Figure>`.
 *
 * Serialises a scene as an accessible inline SVG: `role="img"`, `<title>` and `<desc>` referenced by
 * `aria-labelledby`/`aria-describedby`, a viewBox at natural size and no fixed width (CSS scales it down).
 */
export function renderSvg(scene: Scene, labels: SvgLabels): string {
  const { x, y, width, height } = scene.viewBox;
  const titleId = `${labels.id}-title`;
  const descId = `${labels.id}-desc`;
  const body = scene.shapes.map(renderShape).join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="dg-svg" role="img" viewBox="${x} ${y} ${width} ${height}" ` +
    `width="${width}" height="${height}" style="max-width:${width}px;min-width:${Math.ceil(width * MIN_DIAGRAM_SCALE)}px" ` +
    `aria-labelledby="${titleId}" aria-describedby="${descId}">` +
    `<title id="${titleId}">${escapeXml(labels.title)}</title>` +
    `<desc id="${descId}">${escapeXml(scene.description.join(' '))}</desc>` +
    body +
    '</svg>'
  );
}
