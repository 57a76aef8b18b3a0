/**
 * Public API of the subnet calculator's UI logic: the URL-synced state model, view models that turn ip-lib results
 * into display strings, paging, and CSV/Markdown export. Pure: no DOM, no Preact.
 */

export { type CompareSide, type CompareView, compareView, type Relation } from './compare-view.ts';
export { type BinarySplit, type DetailRow, type DetailsView, detailsView, type SpecialRow } from './details-view.ts';
export { csvField, type ExportTable, exportFileName, markdownCell, toCsv, toMarkdown } from './export.ts';
export { formatCount, groupDigits, type LinkedNote, MAPPED_NOTATION_NOTE, plural } from './format.ts';
export { type GoToResult, PAGE_SIZE, type PageWindow, pageCount, pageOfItem, pageWindow, parseGoTo } from './paging.ts';
export { EXPORT_ALL_LIMIT, type SplitField, type SplitView, splitView } from './split-view.ts';
export {
  type CalculatorPreset,
  type CalculatorState,
  DEFAULT_STATE,
  isMode,
  MODE_LABELS,
  MODES,
  type Mode,
  type RequirementInput,
  resolvePreset,
  SPLIT_BY,
  type SplitBy,
} from './state.ts';
export { type CidrListView, rangeView, summariseView } from './summarise-view.ts';
export {
  type DecodedLink,
  decodeLink,
  decodeState,
  encodeState,
  linkNotices,
  mergeQuery,
  STATE_PARAMS,
  sameState,
} from './url-state.ts';
export { errorFor, type FieldError, type ViewResult } from './view-result.ts';
export { parseHosts, type VlsmField, type VlsmView, vlsmView } from './vlsm-view.ts';
