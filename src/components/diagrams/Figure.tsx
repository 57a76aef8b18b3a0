/**
 * The one figure wrapper for every diagram: the scene as an accessible SVG and a visible caption. Wide diagrams get
 * a keyboard-focusable horizontal scroll container so they never shrink below MIN_DIAGRAM_SCALE on a phone and
 * never scroll the page. Used by the Astro diagram components at build time (no client JS) and inside islands.
 * Props: ./README.md ("Scene and Figure").
 */
// Direct module imports, not the diagram index: in an island's bundle the index would drag in every layout (its
// modules are not side-effect free to the bundler), while the figure needs only these few bytes.
import type { Scene as SceneData } from '../../lib/diagram/scene.ts';
import { diagramId, scrollsOnPhone } from '../../lib/diagram/svg.ts';
import { Scene } from './Scene.tsx';
import './diagram.css';

export interface FigureProps {
  /** The laid-out diagram. */
  readonly scene: SceneData;
  /** Accessible name (short, e.g. "TLS 1.3 full handshake"). */
  readonly title: string;
  /** Visible sentence under the figure. */
  readonly caption: string;
  /**
   * Prefix for the element ids, e.g. an island's id. The ids are derived from title and caption, so the same
   * diagram drawn twice on one page (a static copy and an island's) needs a scope to keep them unique.
   */
  readonly scope?: string;
}

/** `<figure class="diagram">` with the SVG (in a scroller when it is wide) and its `<figcaption>`. */
export function Figure(props: FigureProps) {
  const base = diagramId(props.title, props.caption);
  const id = props.scope === undefined ? base : `${props.scope}-${base}`;
  const captionId = `${id}-caption`;
  const svg = <Scene scene={props.scene} title={props.title} id={id} />;
  return (
    <figure class="diagram not-content">
      {scrollsOnPhone(props.scene) ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex lint/a11y/useSemanticElements: a scroller must be focusable to scroll by keyboard (WCAG 2.1.1); a group named by the caption, not a form's fieldset
        <div class="dg-scroll" tabIndex={0} role="group" aria-labelledby={captionId}>
          {svg}
        </div>
      ) : (
        svg
      )}
      <figcaption id={captionId}>{props.caption}</figcaption>
    </figure>
  );
}
