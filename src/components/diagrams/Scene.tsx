/**
 * A laid-out scene (src/lib/diagram/scene.ts) as real SVG elements: no HTML strings. The same component renders
 * the guides' static diagrams at build time (Astro renders it server-side with no client directive, so no JS
 * ships) and the diagrams inside islands. Props: ./README.md ("Scene and Figure").
 */
// Direct module imports, not the diagram index (which would pull every layout into an island's bundle).
import type { Scene as SceneData, Shape } from '../../lib/diagram/scene.ts';
import { MIN_DIAGRAM_SCALE } from '../../lib/diagram/svg.ts';

export interface SceneProps {
  /** The laid-out diagram: viewBox, shapes in paint order, description sentences. */
  readonly scene: SceneData;
  /** Accessible name, printed in `<title>`. */
  readonly title: string;
  /** Unique id on the page; `<title>` and `<desc>` get `${id}-title` / `${id}-desc`. */
  readonly id: string;
}

/** `x1,y1 x2,y2 …` for a polygon or polyline. */
function points(shape: Extract<Shape, { type: 'path' }>): string {
  return shape.points.map(([x, y]) => `${x},${y}`).join(' ');
}

/** One primitive; its role becomes the class `dg-<role>` that diagram.css colours. */
function ShapeElement(props: { readonly shape: Shape }) {
  const { shape } = props;
  const cls = `dg-${shape.role}`;
  switch (shape.type) {
    case 'rect':
      return <rect class={cls} x={shape.x} y={shape.y} width={shape.width} height={shape.height} rx={shape.rx} />;
    case 'line':
      return <line class={cls} x1={shape.x1} y1={shape.y1} x2={shape.x2} y2={shape.y2} />;
    case 'path':
      return shape.closed ? (
        <polygon class={cls} points={points(shape)} />
      ) : (
        <polyline class={cls} points={points(shape)} />
      );
    case 'text':
      return (
        <text
          class={cls}
          text-anchor={shape.anchor}
          font-size={shape.fontSize}
          font-weight={shape.bold ? 600 : undefined}
        >
          {shape.lines.map((line, i) => (
            <tspan key={i} x={line.x} y={line.y}>
              {line.text}
            </tspan>
          ))}
        </text>
      );
  }
}

/**
 * A key for each shape: its type and role, and how many shapes of that type and role came before it. When a redraw
 * adds shapes in the middle (a longer time axis has more ticks), the shapes after them keep their keys, so an island
 * moves them instead of replacing every element from there on, and the browser restyles and lays out only what
 * changed.
 */
export function shapeKeys(shapes: readonly Shape[]): string[] {
  const seen = new Map<string, number>();
  return shapes.map((shape) => {
    const kind = `${shape.type}:${shape.role}`;
    const n = seen.get(kind) ?? 0;
    seen.set(kind, n + 1);
    return `${kind}:${n}`;
  });
}

/**
 * An accessible inline SVG: `role="img"`, `<title>` and `<desc>` referenced by `aria-labelledby` /
 * `aria-describedby`, a viewBox at natural size and no fixed width (CSS scales it down, never below
 * MIN_DIAGRAM_SCALE).
 */
export function Scene(props: SceneProps) {
  const { x, y, width, height } = props.scene.viewBox;
  const titleId = `${props.id}-title`;
  const descId = `${props.id}-desc`;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      class="dg-svg"
      role="img"
      viewBox={`${x} ${y} ${width} ${height}`}
      width={width}
      height={height}
      style={{ maxWidth: `${width}px`, minWidth: `${Math.ceil(width * MIN_DIAGRAM_SCALE)}px` }}
      aria-labelledby={titleId}
      aria-describedby={descId}
    >
      <title id={titleId}>{props.title}</title>
      <desc id={descId}>{props.scene.description.join(' ')}</desc>
      {shapeKeys(props.scene.shapes).map((key, i) => (
        <ShapeElement key={key} shape={props.scene.shapes[i] as Shape} />
      ))}
    </svg>
  );
}
