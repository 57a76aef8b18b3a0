/**
 * Registry of the mode panels other than Details. The browser loads them on first use (one chunk), so the island's
 * first download is only Details; the server registers them all up front (see `AllPanels.ts`, imported by
 * SubnetCalculator.astro) so a preset in any mode is rendered to HTML at build time.
 */
import type { ComparePanel } from './ComparePanel.tsx';
import type { SplitPanel } from './SplitPanel.tsx';
import type { SummarisePanel } from './SummarisePanel.tsx';
import type { VlsmPanel } from './VlsmPanel.tsx';

/** The lazily loaded panels, by mode. */
export interface Panels {
  readonly split: typeof SplitPanel;
  readonly vlsm: typeof VlsmPanel;
  readonly summarise: typeof SummarisePanel;
  readonly compare: typeof ComparePanel;
}

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
 * them. Safe to call repeatedly.
 */
export async function loadPanels(): Promise<void> {
  const { ALL_PANELS } = await import('./AllPanels.ts');
  registerPanels(ALL_PANELS);
}
