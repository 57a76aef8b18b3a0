import type { Scene } from './scene.ts';

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
