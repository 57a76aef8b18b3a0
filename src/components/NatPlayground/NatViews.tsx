/**
 * What the NAT playground draws for one packet: the packet's path and a router's translation table. In their own
 * file so the drawing benchmark (bench/nat-render.ts) renders exactly what the island renders.
 */
import { useRef } from 'preact/hooks';
import { formatDuration } from '../../lib/format/index.ts';
import type { NatView, RouterTable, TableRow } from '../../lib/nat-playground/index.ts';

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

/** One session's row. */
function natRow(r: TableRow) {
  return (
    <tr key={r.id} class={r.touched ? 'nat-row--touched' : r.left <= 0 ? 'nat-row--expired' : undefined}>
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

/**
 * Rows as vnodes, the previous render's vnode reused for a row whose every field is unchanged: Preact skips a vnode
 * it rendered before, and a step changes one or two rows of a table that may hold hundreds (1,000 in
 * bench/nat-render.ts). Kept per table in a ref; rows gone from the table are dropped.
 */
function useRowVnodes(rows: readonly TableRow[]) {
  const cache = useRef(new Map<number, { row: TableRow; vnode: ReturnType<typeof natRow> }>());
  const next = new Map<number, { row: TableRow; vnode: ReturnType<typeof natRow> }>();
  const vnodes = rows.map((row) => {
    const held = cache.current.get(row.id);
    const same = held !== undefined && ROW_FIELDS.every((field) => held.row[field] === row[field]);
    const entry = same ? held : { row, vnode: natRow(row) };
    next.set(row.id, entry);
    return entry.vnode;
  });
  cache.current = next;
  return vnodes;
}

/** A router's translation table, every session a row. */
export function NatTable({ table: t, time }: { table: RouterTable; time: number }) {
  const rows = useRowVnodes(t.rows);
  return (
    <section
      class="nat-table-scroll"
      aria-label={`${t.label} table`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard (WCAG 2.1.1)
      tabIndex={0}
    >
      <table>
        <caption>
          {t.label} table ({t.nat}) at t = {time > 0 ? formatDuration(time * 1000) : '0 s'}
        </caption>
        <thead>
          <tr>
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
          {t.rows.length === 0 ? (
            <tr>
              <td colSpan={7}>Empty</td>
            </tr>
          ) : (
            rows
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
