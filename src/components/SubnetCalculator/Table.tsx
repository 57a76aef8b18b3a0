import type { ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { usePaintedLater } from '../shared/paint.ts';
import { useRowWindow } from '../shared/row-window.ts';
import { Hydrating } from './hydrating.ts';

/**
 * Rows rendered in the frame that answers an input in a table drawn whole (up to WINDOW_FROM rows, or a VLSM plan);
 * the rest follow right after that frame is painted. Before tall tables were windowed, laying out and painting a
 * 256-row page in the input's frame cost ~15 ms at 1× CPU (issue 13). The tall table's region is at most 32rem high
 * and a row 28.5 px, so 18 rows are ever in view: 24 fill it with room to spare.
 */
export const FIRST_PAINT_ROWS = 24;

/**
 * A tall table (a split's page of up to 256 subnets) longer than this draws only the rows in view, plus OVERSCAN
 * either side, once the reader has changed something: a /8 → /30 split's page drawn in full spent 30-50 ms of its
 * input's frame at 4× CPU on style and layout, most of it for rows out of view, and about 75 ms more in the task
 * that filled in the rest (issue 13). The server-rendered table, and so the client render that hydrates it, keeps
 * every row: the HTML is the table for readers without JavaScript. A /24 → /30 split (64 rows) is drawn whole.
 */
export const WINDOW_FROM = 64;
const OVERSCAN = 8;
/**
 * A character's advance in the cells' monospace fonts, in em, rounded up (0.6 in DejaVu Sans Mono, Liberation Mono
 * and SF Mono, 0.55 in Consolas). In em, not ch: Chromium does not resolve `ch` on a <col> in the col's own font.
 */
const MONO_ADVANCE = 0.61;

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
  const count = props.rows.length;
  // Rows mounted with the server's HTML or while hydrating it stay whole until they change; later ones are windowed.
  const [hydrated] = useState(useContext(Hydrating) ? props.rows : undefined);
  const windowed = props.tall === true && count > WINDOW_FROM && props.rows !== hydrated;
  const view = useRowWindow({
    count,
    windowed,
    follow: props.highlight ?? -1,
    restart: props.rows,
    overscan: OVERSCAN,
    // 32rem region, a 0.8125rem line with 0.25rem padding and a 1px border, header and caption at 16px to the rem.
    guess: { clientPx: 512, rowPx: 28, headPx: 28, bodyPx: 62 },
  });
  // The rows shown in full. The first render (server and hydration) shows every row so the HTML matches; new rows
  // after an input show their first FIRST_PAINT_ROWS, and the rest one frame later (after the paint).
  const highlightBeyond = props.highlight !== undefined && props.highlight >= FIRST_PAINT_ROWS;
  const fits = windowed || props.rows.length <= FIRST_PAINT_ROWS || highlightBeyond;
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
    () => (windowed ? [] : rowsOf(tailSource.slice(FIRST_PAINT_ROWS), FIRST_PAINT_ROWS, tailHighlight)),
    [tailSource, tailHighlight, windowed],
  );
  // Bring a "go to subnet #" target into view inside the scrolling region, and only there. scrollIntoView also scrolls
  // the window: when a guide's embed hydrated (client:visible) after the reader had scrolled on, the page jumped back
  // to the highlighted row (seen in a browser test on a busy machine).
  useEffect(() => {
    if (props.highlight === undefined || windowed) return;
    const table = tableRef.current;
    const row = table?.querySelector<HTMLElement>('tr.sc-highlight');
    const region = table?.parentElement;
    if (row && region) revealInRegion(row, region, table?.tHead?.getBoundingClientRect().height ?? 0);
  }, [props.highlight, props.rows, windowed]);
  const widths = useMemo(
    () => (windowed ? columnWidths(props.rows, props.headers.length) : []),
    [windowed, props.rows],
  );
  return (
    <ScrollRegion labelledBy={captionId} tall={props.tall === true} regionRef={view.regionRef} onScroll={view.onScroll}>
      <table id={props.id} class="sc-table" ref={tableRef} aria-rowcount={windowed ? count + 1 : undefined}>
        <caption id={captionId}>{props.caption}</caption>
        {windowed ? (
          // Each column as wide as its longest cell on the page (monospace, plus the cells' padding): the rows drawn
          // change as the reader scrolls, and the columns must not change width with them.
          <colgroup>
            {widths.map((chars, column) => (
              <col key={column} style={{ width: `calc(${chars * MONO_ADVANCE}em + 1.2rem + 2px)` }} />
            ))}
          </colgroup>
        ) : null}
        <thead>
          <tr aria-rowindex={windowed ? 1 : undefined}>
            {props.headers.map((header) => (
              <th scope="col" key={header}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        {windowed ? (
          <tbody>
            {spacer(view.spacerPx(view.from), props.headers.length)}
            {rowsOf(props.rows.slice(view.from, view.to), view.from, props.highlight, true)}
            {spacer(view.spacerPx(count - view.to), props.headers.length)}
          </tbody>
        ) : (
          <tbody>{rowsOf(props.rows.slice(0, FIRST_PAINT_ROWS), 0, props.highlight)}</tbody>
        )}
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

/**
 * Table rows for `rows`, the first being row `offset` of the page (0-based); `highlight` is a row of the page. Numbered
 * (aria-rowindex, the header row being 1) and keyed by place when `numbered`: the rows of a window.
 */
function rowsOf(rows: readonly (readonly string[])[], offset: number, highlight: number | undefined, numbered = false) {
  return rows.map((row, index) => (
    <tr
      key={numbered ? index + offset : index}
      class={index + offset === highlight ? 'sc-highlight' : undefined}
      aria-rowindex={numbered ? index + offset + 2 : undefined}
    >
      <th scope="row">{row[0]}</th>
      {row.slice(1).map((cell, column) => (
        <td key={column}>{cell}</td>
      ))}
    </tr>
  ));
}

/** A spacer row `px` high standing for rows not drawn, across `columns` columns; nothing when there are none. */
function spacer(px: number, columns: number) {
  return px > 0 ? (
    // biome-ignore lint/a11y/noAriaHiddenOnFocusable: an empty stand-in for rows not drawn; it holds nothing focusable
    <tr aria-hidden="true" class="sc-spacer">
      <td colSpan={columns} style={{ height: `${px}px` }} />
    </tr>
  ) : null;
}

/** The length of each column's longest cell, in characters. */
function columnWidths(rows: readonly (readonly string[])[], columns: number): number[] {
  const widths = new Array<number>(columns).fill(1);
  for (const row of rows) {
    for (let c = 0; c < columns; c++) widths[c] = Math.max(widths[c] ?? 1, row[c]?.length ?? 0);
  }
  return widths;
}

/** A horizontally scrollable region named by its table's caption; focusable so keyboard users can scroll it. */
export function ScrollRegion(props: {
  readonly labelledBy: string;
  readonly children: ComponentChildren;
  readonly tall?: boolean;
  readonly regionRef?: ((el: HTMLElement | null) => void) | undefined;
  readonly onScroll?: ((event: Event) => void) | undefined;
}) {
  return (
    <section
      class={props.tall ? 'sc-table-wrap sc-table-wrap--tall' : 'sc-table-wrap'}
      aria-labelledby={props.labelledBy}
      ref={props.regionRef ?? null}
      onScroll={props.onScroll}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard (WCAG 2.1.1)
      tabIndex={0}
    >
      {props.children}
    </section>
  );
}
