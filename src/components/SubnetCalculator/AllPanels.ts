/**
 * Registers every mode panel as soon as it is imported. SubnetCalculator.astro imports it on the server, so presets in
 * any mode are server-rendered; in the browser it is the lazily loaded chunk behind `loadPanels()`.
 */
import { ComparePanel } from './ComparePanel.tsx';
import { type Panels, registerPanels } from './PanelRegistry.ts';
import { SplitPanel } from './SplitPanel.tsx';
import { SummarisePanel } from './SummarisePanel.tsx';
import { VlsmPanel } from './VlsmPanel.tsx';

/** Every lazily loaded panel. */
export const ALL_PANELS: Panels = {
  split: SplitPanel,
  vlsm: VlsmPanel,
  summarise: SummarisePanel,
  compare: ComparePanel,
};

registerPanels(ALL_PANELS);
