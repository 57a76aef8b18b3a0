/**
 * Registry of the mode panels other than Details. The browser loads them on first use (one chunk, `AllPanels.ts`), so
 * the island's first download is only Details; SubnetCalculator.astro awaits `loadPanels()` on the server so a preset
 * in any mode is rendered to HTML at build time. AllPanels.ts is only ever imported dynamically (here), never
 * statically, so the bundler splits it and the two modules form no import cycle.
 */
import type { ALL_PANELS } from './AllPanels.ts';
import { loadClassifier } from './DetailsPanel.tsx';

/** The lazily loaded panels, by mode. */
export type Panels = typeof ALL_PANELS;

/** Modes whose panel is loaded on demand. */
export type LazyMode = keyof Panels;

/** Panels loaded so far (all of them on the server). */
export const panels: { -readonly [K in LazyMode]?: Panels[K] } = {};

/** Registers panels that are already loaded. */
export function registerPanels(loaded: Partial<Panels>): void {
  Object.assign(panels, loaded);
}

/**
 * Loads the four panels (one chunk: splitting them further costs more in chunk overhead than it saves) and registers
 * them, and the Details mode's classification. Safe to call repeatedly.
 */
export async function loadPanels(): Promise<void> {
  // Also the Details mode's classification (see DetailsPanel.tsx), so the server renders it into the HTML.
  const [{ ALL_PANELS }] = await Promise.all([import('./AllPanels.ts'), loadClassifier()]);
  registerPanels(ALL_PANELS);
}
