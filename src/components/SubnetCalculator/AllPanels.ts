/**
 * Every mode panel other than Details, in one module: the chunk the browser loads on first use of another mode, and
 * what the server loads before rendering (both through `loadPanels()` in PanelRegistry.ts). It imports nothing from
 * the registry, so the two modules form no import cycle and the dynamic import really splits the chunk.
 */
import { ComparePanel } from './ComparePanel.tsx';
import { SplitPanel } from './SplitPanel.tsx';
import { SummarisePanel } from './SummarisePanel.tsx';
import { VlsmPanel } from './VlsmPanel.tsx';

/** Every lazily loaded panel, by mode. */
export const ALL_PANELS = {
  split: SplitPanel,
  vlsm: VlsmPanel,
  summarise: SummarisePanel,
  compare: ComparePanel,
} as const;
