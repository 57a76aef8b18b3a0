/**
 * The page bench/nat-render.ts measures: a 1,000-flow scenario built with the real model (1,000 outbound TCP flows
 * from 200 LAN hosts through a Linux MASQUERADE router, then the 1,000 replies), each packet laid out with the view
 * model the island uses (`layout`, what `viewFor` returns) and drawn with the island's own components and CSS.
 * `natStep(i)` lays out packet i from scratch, as the island does on every step, and renders it synchronously.
 */
import { render } from 'preact';
import { NatOutcome, NatTable, PathDiagram } from '../../src/components/NatPlayground/NatViews.tsx';
import type { ScenarioStep } from '../../src/lib/nat/index.ts';
import { NAT_CODEC, type NatView, type PlaygroundScenario } from '../../src/lib/nat-playground/index.ts';
import { configure, layout } from '../../src/lib/nat-playground/view.ts';
import { FLOWS, flowSend, withManyHosts } from './nat-flows.ts';
import '../../src/components/shared/island.css';
import '../../src/components/NatPlayground/NatPlayground.css';

const base = configure('browse', 'linux-masquerade', 'lan-source');
const topology = withManyHosts(base.topology);
const steps: ScenarioStep[] = [];
// Distinct (host, port, server) for i < 1,400, so 1,000 sessions; the replies then each refresh one of them.
for (let i = 0; i < FLOWS; i++) steps.push(flowSend(i, `Flow ${i + 1} opens.`));
for (let i = 0; i < FLOWS; i++) steps.push({ kind: 'reply', to: i, flag: 'SYN-ACK', note: `Flow ${i + 1} answers.` });
const scenario: PlaygroundScenario = { ...base, topology, steps };
const parsed = NAT_CODEC.parse(NAT_CODEC.resolve(undefined));
if (!parsed.ok) throw new Error(parsed.error.message);
const values = parsed.value;

/** What the island renders for a packet, less its form controls (which a step does not change). */
function Frame({ view }: { view: NatView }) {
  return (
    <section class="pj-island nat-playground" aria-label="NAT playground">
      <p class="nat-summary">{view.summary}</p>
      <h3 class="nat-heading">Packet {view.index + 1}</h3>
      <p>{view.note}</p>
      <PathDiagram view={view} id="nat" />
      <NatOutcome view={view} />
      {view.tables.map((t) => (
        <NatTable key={t.id} table={t} time={view.time} />
      ))}
    </section>
  );
}

const root = document.getElementById('root');
if (root === null) throw new Error('The page has no #root.');
/** What the bench calls in the page. */
export interface NatHarness {
  /** Lays out packet `index` (0-based) and renders it; returns the number of table rows drawn. */
  natStep(index: number): number;
  /**
   * 'in view' when the row the shown packet touched is wholly visible — below the sticky header, above the region's
   * bottom edge — else where it and the visible band are (checked between steps, and by the browser test).
   */
  natTouchedInView(): string;
  readonly natFlows: number;
}
const harness: NatHarness = {
  natStep(index) {
    const view = layout({ ...values, step: index + 1 }, scenario);
    render(<Frame view={view} />, root);
    return view.tables.reduce((n, t) => n + t.rows.length, 0);
  },
  natTouchedInView() {
    const row = root.querySelector('.nat-row--touched');
    const region = row?.closest<HTMLElement>('.nat-table-scroll');
    const head = region?.querySelector('thead th'); // the sticky cells (thead itself scrolls away)
    if (!row || !region || !head) return 'no touched row';
    const r = row.getBoundingClientRect();
    const box = region.getBoundingClientRect();
    const top = Math.max(box.top + region.clientTop, head.getBoundingClientRect().bottom);
    const bottom = box.top + region.clientTop + region.clientHeight;
    return r.top >= top - 0.5 && r.bottom <= bottom + 0.5
      ? 'in view'
      : `row ${row.getAttribute('aria-rowindex')} at ${r.top}–${r.bottom}, visible ${top}–${bottom}`;
  },
  natFlows: FLOWS,
};
Object.assign(globalThis, harness);
