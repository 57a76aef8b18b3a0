/**
 * Registers every mode panel as soon as it is imported. SubnetCalculator.astro imports it on the server, so presets in
 * any mode are server-rendered; in the browser it is the lazily loaded chunk behind `loadPanels()`.
 */
import { ComparePanel } from './ComparePanel';
import { type Panels, registerPanels } from './PanelRegistry';
import { SplitPanel } from './SplitPanel';
import { SummarisePanel } from './SummarisePanel';
import { VlsmPanel } from './VlsmPanel';

/** Every lazily loaded panel. */
export const ALL_PANELS: Panels = {
  split: SplitPanel,
  vlsm: VlsmPanel,
  summarise: SummarisePanel,
  compare: ComparePanel,
};

registerPanels(ALL_PANELS);
