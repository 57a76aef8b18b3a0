import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { usePaintedLater } from '../shared/paint.ts';

/**
 * Rows rendered in the frame that answers an input; the rest of the page follows right after that frame is painted.
 * A /8 → /30 split fills a 256-row page: laying out and painting all of it in the input's frame cost ~15 ms at 1×
 * CPU (issue 13). The tall table's region is at most 32rem high and a row about 2rem (0.25rem padding around an
 * extra-small line), so about 16 rows are ever in view: 24 fill it with room to spare.
 */
export const FIRST_PAINT_ROWS = 24;

/** A data table inside its own keyboard-scrollable, labelled region (so wide tables never widen the page). */
export function DataTable(props: {
  readonly id: string;
  readonly caption: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Row index (0-based, on this page) to highlight. */
  readonly highlight?: number | undefined;
  /** Cap the height and scroll vertically inside the region (long paged lists). */
  readonly tall?: boolean;
}) {
  const captionId = `${props.id}-caption`;
  const tableRef = useRef<HTMLTableElement>(null);
  // The rows shown in full. The first render (server and hydration) shows every row so the HTML matches; new rows
  // after an input show their first FIRST_PAINT_ROWS, and the rest one frame later (after the paint).
  const highlightBeyond = props.highlight !== undefined && props.highlight >= FIRST_PAINT_ROWS;
  const fits = props.rows.length <= FIRST_PAINT_ROWS || highlightBeyond;
  const fullFor = usePaintedLater(props.rows, fits);
  const complete = fits || fullFor === props.rows;
  // The rows after the first FIRST_PAINT_ROWS are a second row group. Until they are shown in full, the group keeps the
  // previous rows, unpainted (the class `sc-waiting`: opacity 0) and aria-hidden, and they are rewritten in place one
  // frame later: removing the 232 rows of a 256-row page in the input's frame and adding them back cost about 6 ms of
  // main thread at 1× CPU (removeChild 4.8 ms, insertBefore 1.3 ms in a profile of Split /9 ↔ /8 → /30), and hiding
  // them with display: none tore their boxes down and built them again (see the CSS). Memoised, so the input's frame
  // only changes the group's class.
  const tailSource = complete ? props.rows : fullFor;
  const tailHighlight = complete ? props.highlight : undefined;
  const tail = useMemo(
    () => rowsOf(tailSource.slice(FIRST_PAINT_ROWS), FIRST_PAINT_ROWS, tailHighlight),
    [tailSource, tailHighlight],
  );
  // Bring a "go to subnet #" target into view inside the scrolling region, and only there. scrollIntoView also scrolls
  // the window: when a guide's embed hydrated (client:visible) after the reader had scrolled on, the page jumped back
  // to the highlighted row (seen in a browser test on a busy machine).
  useEffect(() => {
    if (props.highlight === undefined) return;
    const table = tableRef.current;
    const row = table?.querySelector<HTMLElement>('tr.sc-highlight');
    const region = table?.parentElement;
    if (row && region) revealInRegion(row, region, table?.tHead?.getBoundingClientRect().height ?? 0);
  }, [props.highlight, props.rows]);
  return (
    <ScrollRegion labelledBy={captionId} tall={props.tall === true}>
      <table id={props.id} class="sc-table" ref={tableRef}>
        <caption id={captionId}>{props.caption}</caption>
        <thead>
          <tr>
            {props.headers.map((header) => (
              <th scope="col" key={header}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{rowsOf(props.rows.slice(0, FIRST_PAINT_ROWS), 0, props.highlight)}</tbody>
        {tail.length > 0 ? (
          <tbody class={complete ? undefined : 'sc-waiting'} aria-hidden={complete ? undefined : 'true'}>
            {tail}
          </tbody>
        ) : null}
      </table>
    </ScrollRegion>
  );
}

/** Scrolls `region` (not the window) the least that shows `row` whole below a sticky header `headHeight` px high. */
function revealInRegion(row: HTMLElement, region: HTMLElement, headHeight: number): void {
  const view = region.getBoundingClientRect();
  const box = row.getBoundingClientRect();
  const top = view.top + region.clientTop + headHeight;
  const bottom = view.top + region.clientTop + region.clientHeight;
  if (box.top < top) region.scrollTop -= top - box.top;
  else if (box.bottom > bottom) region.scrollTop += Math.min(box.bottom - bottom, box.top - top);
}

/** Table rows for `rows`, the first being row `offset` of the page (0-based); `highlight` is a row of the page. */
function rowsOf(rows: readonly (readonly string[])[], offset: number, highlight: number | undefined) {
  return rows.map((row, index) => (
    <tr key={index} class={index + offset === highlight ? 'sc-highlight' : undefined}>
      <th scope="row">{row[0]}</th>
      {row.slice(1).map((cell, column) => (
        <td key={column}>{cell}</td>
      ))}
    </tr>
  ));
}

/** A horizontally scrollable region named by its table's caption; focusable so keyboard users can scroll it. */
export function ScrollRegion(props: {
  readonly labelledBy: string;
  readonly children: ComponentChildren;
  readonly tall?: boolean;
}) {
  return (
    <section
      class={props.tall ? 'sc-table-wrap sc-table-wrap--tall' : 'sc-table-wrap'}
      aria-labelledby={props.labelledBy}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard (WCAG 2.1.1)
      tabIndex={0}
    >
      {props.children}
    </section>
  );
}
