/**
 * What the NAT playground draws for one packet: the packet's path and a router's translation table. In their own
 * file so the drawing benchmark (bench/nat-render.ts) renders exactly what the island renders.
 */
import { useRef } from 'preact/hooks';
import { formatDuration } from '../../lib/format/index.ts';
import type { NatView, RouterTable, TableRow } from '../../lib/nat-playground/index.ts';
import { useRowWindow } from '../shared/row-window.ts';

/** The packet's path: a box per node, the addresses of each leg under the arrow that carries it. */
export function PathDiagram({ view, id }: { view: NatView; id: string }) {
  const n = Math.max(view.nodes.length, 1);
  const w = 190;
  const width = n * w + (view.delivered ? 0 : 60);
  return (
    <section
      class="nat-path-scroll"
      aria-label="Packet path"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard (WCAG 2.1.1)
      tabIndex={0}
    >
      <svg viewBox={`0 0 ${width} 120`} width={width} height={120} role="img" aria-labelledby={`${id}-path-title`}>
        <title id={`${id}-path-title`}>
          {`Path: ${view.nodes.join(' → ')}. ${view.legs.map((l) => `On ${l.segment}: from ${l.src} to ${l.dst}`).join('. ')}`}
        </title>
        {view.nodes.map((label, i) => (
          <g key={`${label}-${i}`} transform={`translate(${i * w + 10} 10)`}>
            <rect width={110} height={36} rx={6} class="nat-node" />
            <text x={55} y={23} text-anchor="middle" class="nat-node-label">
              {label}
            </text>
          </g>
        ))}
        {view.legs.map((leg, i) => {
          const x1 = i * w + 120;
          const x2 = i < view.nodes.length - 1 ? (i + 1) * w + 10 : x1 + 60;
          return (
            <g key={`leg-${i}`}>
              <line x1={x1} y1={28} x2={x2 - 4} y2={28} class="nat-leg" marker-end={`url(#${id}-arrow)`} />
              <text x={x1 + 4} y={66} class="nat-leg-label">
                {leg.segment}
              </text>
              <text x={x1 + 4} y={84} class="nat-addr">
                {`src ${leg.src}`}
              </text>
              <text x={x1 + 4} y={102} class="nat-addr">
                {`dst ${leg.dst}`}
              </text>
            </g>
          );
        })}
        {!view.delivered && view.legs.length > 0 ? (
          <text x={width - 40} y={34} class="nat-drop">
            ✕
          </text>
        ) : null}
        <defs>
          <marker
            id={`${id}-arrow`}
            viewBox="0 0 10 10"
            refX={9}
            refY={5}
            markerWidth={7}
            markerHeight={7}
            orient="auto"
          >
            <path d="M0,0 L10,5 L0,10 z" class="nat-arrow" />
          </marker>
        </defs>
      </svg>
    </section>
  );
}

function left(seconds: number): string {
  return seconds <= 0 ? 'expired' : formatDuration(seconds * 1000);
}

/** One session's row; `index` (0-based, in the whole table) is given when only some rows are drawn. */
function natRow(r: TableRow, index?: number) {
  return (
    <tr
      key={r.id}
      class={r.touched ? 'nat-row--touched' : r.left <= 0 ? 'nat-row--expired' : undefined}
      aria-rowindex={index === undefined ? undefined : index + 2}
    >
      <td>{r.id}</td>
      <td>{r.protocol}</td>
      <td>{r.internal}</td>
      <td>{r.external}</td>
      <td>{r.remote}</td>
      <td>{r.touched ? `${r.state} (${r.touched})` : r.state}</td>
      <td>{left(r.left)}</td>
    </tr>
  );
}

const ROW_FIELDS = ['id', 'protocol', 'internal', 'external', 'remote', 'state', 'kind', 'left', 'touched'] as const;
type HeldRow = { row: TableRow; index: number | undefined; vnode: ReturnType<typeof natRow> };

/**
 * Rows `from`..`to` as vnodes, the previous render's vnode reused for a row whose every field (and place) is
 * unchanged: Preact skips a vnode it rendered before, and a step changes one or two rows of a table that may hold
 * hundreds. Kept per table in a ref; rows not drawn this time are dropped.
 */
function useRowVnodes(rows: readonly TableRow[], from: number, to: number, windowed: boolean) {
  const cache = useRef(new Map<number, HeldRow>());
  const next = new Map<number, HeldRow>();
  const vnodes = [];
  for (let i = from; i < to; i++) {
    const row = rows[i] as TableRow;
    const index = windowed ? i : undefined;
    const held = cache.current.get(row.id);
    const same = held?.index === index && ROW_FIELDS.every((field) => held?.row[field] === row[field]);
    const entry = same && held !== undefined ? held : { row, index, vnode: natRow(row, index) };
    next.set(row.id, entry);
    vnodes.push(entry.vnode);
  }
  cache.current = next;
  return vnodes;
}

/**
 * Tables longer than this draw only the rows in view (plus OVERSCAN either side) inside a region capped at 30rem
 * (about 17 rows), with spacer rows for the rest and aria-rowcount/aria-rowindex telling assistive technology the
 * real size: laying out and painting 1,000 rows on every step costs more than a frame (bench/nat-render.ts). The
 * island's own scenarios stay far below this (at most 40 packets); the model and this table are not limited to them.
 */
export const WINDOW_FROM = 120;
const OVERSCAN = 10;

/** A router's translation table, every session a row (only those in view when there are more than WINDOW_FROM). */
export function NatTable({ table: t, time }: { table: RouterTable; time: number }) {
  const count = t.rows.length;
  const windowed = count > WINDOW_FROM;
  const { from, to, regionRef, onScroll, spacerPx } = useRowWindow({
    count,
    windowed,
    follow: windowed ? t.rows.findIndex((r) => r.touched !== undefined) : -1,
    overscan: OVERSCAN,
    guess: { clientPx: 480, rowPx: 24, headPx: 30, bodyPx: 54 },
  });
  const rows = useRowVnodes(t.rows, from, to, windowed);
  const spacer = (n: number) =>
    n > 0 ? (
      // biome-ignore lint/a11y/noAriaHiddenOnFocusable: an empty stand-in for rows not drawn; it holds nothing focusable
      <tr aria-hidden="true" class="nat-spacer">
        <td colSpan={7} style={{ height: `${spacerPx(n)}px` }} />
      </tr>
    ) : null;
  return (
    <section
      class={windowed ? 'nat-table-scroll nat-table-scroll--windowed' : 'nat-table-scroll'}
      aria-label={`${t.label} table`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard (WCAG 2.1.1)
      tabIndex={0}
      // Measures the region and scrolls it to the window drawn, after each commit and before the frame is painted.
      ref={regionRef}
      onScroll={onScroll}
    >
      <table aria-rowcount={windowed ? count + 1 : undefined}>
        <caption>
          {t.label} table ({t.nat}) at t = {time > 0 ? formatDuration(time * 1000) : '0 s'}
          {windowed ? `, ${count} sessions (scroll for more)` : null}
        </caption>
        <thead>
          <tr aria-rowindex={windowed ? 1 : undefined}>
            <th scope="col">#</th>
            <th scope="col">Protocol</th>
            <th scope="col">Inside</th>
            <th scope="col">Public</th>
            <th scope="col">Remote</th>
            <th scope="col">State</th>
            <th scope="col">Expires in</th>
          </tr>
        </thead>
        <tbody>
          {count === 0 ? (
            <tr>
              <td colSpan={7}>Empty</td>
            </tr>
          ) : (
            <>
              {spacer(from)}
              {rows}
              {spacer(count - to)}
            </>
          )}
        </tbody>
      </table>
    </section>
  );
}

/** What happened to the packet, announced politely: delivered or dropped, and each router's translation. */
export function NatOutcome({ view }: { view: NatView }) {
  return (
    <div role="status" aria-live="polite" class={view.delivered ? 'nat-outcome' : 'nat-outcome nat-outcome--dropped'}>
      <p>{view.outcome}</p>
      <ul>
        {view.explanation.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
    </div>
  );
}
