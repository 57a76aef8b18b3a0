/** View model of the Details mode: one parsed network turned into labelled rows of display and copy strings. */

import type { DetailRow } from './details-basics.ts';
import { type DetailsBasicView, detailsBasicView } from './details-basics.ts';
import { type DetailsClassification, detailsClassification } from './details-special.ts';
import type { ViewResult } from './view-result.ts';

export { type BinarySplit, binarySplit, type DetailRow, type DetailsBasicView } from './details-basics.ts';
export { type DetailsClassification, type SpecialRow, specialRow } from './details-special.ts';

/** Everything the Details mode renders. */
export type DetailsView = DetailsBasicView & Omit<DetailsClassification, 'reverseRow'>;

/** Parses the Details input and builds the whole view; a parse error is returned for the `network` field. */
export function detailsView(input: string): ViewResult<DetailsView> {
  const basics = detailsBasicView(input);
  if (!basics.ok) return basics;
  const { view, network } = basics.value;
  const { reverseRow, ...classified } = detailsClassification(network);
  return { ok: true, value: { ...view, rows: withReverseRow(view.rows, reverseRow), ...classified } };
}

/** The rows with the reverse-DNS placeholder replaced by the computed row. */
export function withReverseRow(rows: readonly DetailRow[], reverseRow: DetailRow): DetailRow[] {
  return rows.map((row) => (row.key === 'reverse' ? reverseRow : row));
}
