import { useMemo, useRef } from 'preact/hooks';
// Direct module imports (not the lib's index) keep the modes' code out of the first download: see PanelRegistry.ts.
import { type DetailsView, detailsView } from '../../lib/subnet-calculator/details-view.ts';
import { errorFor } from '../../lib/subnet-calculator/view-result.ts';
import { CopyButton } from './Copy.tsx';
import { Field } from './Field.tsx';
import { LinkedNoteText, Notes, Results } from './Results.tsx';
import { ScrollRegion } from './Table.tsx';

/** Details mode: everything about one IPv4 or IPv6 network. */
export function DetailsPanel(props: {
  readonly id: string;
  readonly network: string;
  readonly onNetwork: (value: string) => void;
}) {
  const result = useMemo(() => detailsView(props.network), [props.network]);
  const last = useRef<DetailsView | undefined>(undefined);
  if (result.ok) last.current = result.value;
  const view = last.current;
  return (
    <>
      <Field
        id={`${props.id}-network`}
        label="IP address or network"
        hint="CIDR (192.168.1.0/24), address and netmask (10.0.0.1 255.0.0.0), or IPv6 (2001:db8::/48)"
        value={props.network}
        error={errorFor(result, 'network')}
        onValue={props.onNetwork}
      />
      <Results stale={!result.ok} empty={view === undefined} label="Network details">
        {view ? <DetailsBody id={props.id} view={view} /> : null}
      </Results>
    </>
  );
}

function DetailsBody({ id, view }: { readonly id: string; readonly view: DetailsView }) {
  const b = view.binary;
  return (
    <>
      {view.hostBitsWarning ? (
        <p class="sc-warning">
          <span class="sc-badge">Note:</span> {view.hostBitsWarning}.
        </p>
      ) : null}
      <Notes notes={view.notes} />
      <LinkedNoteText note={view.mappedNote} />
      <dl class="sc-details">
        {view.rows.map((row) => (
          <div class="sc-row" key={row.key}>
            <dt>{row.label}</dt>
            <dd>
              <span class="sc-value">{row.value}</span>
              {row.copy === undefined ? null : <CopyButton text={row.copy} what={lowerFirst(row.label)} />}
              {row.note ? <span class="sc-note">{row.note}</span> : null}
            </dd>
          </div>
        ))}
        <div class="sc-row sc-row--wide">
          <dt>Binary</dt>
          <dd>
            <code class="sc-binary" id={`${id}-binary`}>
              <span class="sr-only">Network bits: </span>
              <span class="sc-bits-net">{b.network}</span>
              {/* At a group boundary the '.' or ':' gives way to the bar; the copy button copies the plain grouping. */}
              <span class="sc-bits-bar" aria-hidden="true">
                |
              </span>
              <span class="sr-only">, host bits: </span>
              <span class="sc-bits-host">{b.host}</span>
            </code>
            <CopyButton text={b.copy} what="binary" />
            <span class="sc-note sc-legend">
              <span class="sc-key sc-key-net">{b.networkBitCount} network bits</span>
              <span aria-hidden="true"> | </span>
              <span class="sc-key sc-key-host">{b.hostBitCount} host bits</span>
            </span>
          </dd>
        </div>
        <div class="sc-row">
          <dt>Classification</dt>
          <dd>
            <span class="sc-value">{view.classification}</span>
          </dd>
        </div>
        <div class="sc-row">
          <dt>Globally reachable</dt>
          <dd>
            <span class="sc-value">{view.reachable}</span>
          </dd>
        </div>
      </dl>
      {view.special.length === 0 ? (
        <p class="sc-summary">
          No special-purpose range applies: this is ordinary {view.version === 4 ? 'public IPv4' : 'IPv6'} address
          space.
        </p>
      ) : (
        <ScrollRegion labelledBy={`${id}-special-caption`}>
          <table class="sc-table">
            <caption id={`${id}-special-caption`}>
              Special-purpose ranges (IANA registries) that {view.cidr} touches
            </caption>
            <thead>
              <tr>
                <th scope="col">Range</th>
                <th scope="col">Name</th>
                <th scope="col">{view.cidr} is…</th>
                <th scope="col">Globally reachable</th>
                <th scope="col">Defined in</th>
              </tr>
            </thead>
            <tbody>
              {view.special.map((s) => (
                <tr key={s.cidr}>
                  <th scope="row">{s.cidr}</th>
                  <td>{s.name}</td>
                  <td>{s.relation}</td>
                  <td>{s.globallyReachable}</td>
                  <td>
                    {s.links.map((link, i) => (
                      <span key={link.href}>
                        {i > 0 ? ', ' : null}
                        <a href={link.href} rel="external">
                          {link.label}
                        </a>
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  );
}

/** `Reverse-DNS zone` → `reverse-DNS zone`: the label inside a sentence, acronyms kept. */
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
