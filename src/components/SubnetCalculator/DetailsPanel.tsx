import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { IpNetwork } from '../../lib/ip/types.ts';
// Direct module imports (not the lib's index) keep the modes' code out of the first download: see PanelRegistry.ts.
import { type DetailRow, type DetailsBasicView, detailsBasicView } from '../../lib/subnet-calculator/details-basics.ts';
import type { DetailsClassification } from '../../lib/subnet-calculator/details-special.ts';
import { errorFor } from '../../lib/subnet-calculator/view-result.ts';
import { CopyButton } from './Copy.tsx';
import { Field } from './Field.tsx';
import { LinkedNoteText, Notes, Results } from './Results.tsx';

/**
 * The special-purpose classification (with the IANA registry table, the largest part of the IP library the Details
 * mode uses), loaded on first use: the server awaits it (through `loadPanels()`), so the HTML already shows the
 * classification; in the browser the rows show "…" for the moment until it arrives.
 */
type Classifier = typeof import('./SpecialRanges.tsx');
let classifier: Classifier | undefined;
/** Loads the classification module (once). */
export async function loadClassifier(): Promise<Classifier> {
  classifier ??= await import('./SpecialRanges.tsx');
  return classifier;
}

/** Shown for the classification while its module loads (the reverse-DNS row keeps its "…" placeholder). */
const PENDING: Omit<DetailsClassification, 'reverseRow'> = { classification: '…', reachable: '…', special: [] };

/** What the panel shows: a valid basic view and, once loaded, its classification. */
interface Shown {
  readonly basic: DetailsBasicView;
  readonly network: IpNetwork;
  readonly classified: DetailsClassification | undefined;
}

/** Details mode: everything about one IPv4 or IPv6 network. */
export function DetailsPanel(props: {
  readonly id: string;
  readonly network: string;
  readonly onNetwork: (value: string) => void;
}) {
  const [loaded, setLoaded] = useState(classifier);
  useEffect(() => {
    if (!loaded) void loadClassifier().then(setLoaded);
  }, []);
  const result = useMemo(() => detailsBasicView(props.network), [props.network]);
  // The last valid result, classified once the classifier is there (also a stale one, while the input is invalid).
  const last = useRef<Shown | undefined>(undefined);
  if (result.ok && last.current?.basic !== result.value.view) {
    last.current = { basic: result.value.view, network: result.value.network, classified: undefined };
  }
  if (last.current && !last.current.classified && loaded) {
    last.current = { ...last.current, classified: loaded.detailsClassification(last.current.network) };
  }
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
        {view ? (
          <DetailsBody
            id={props.id}
            view={view.basic}
            classified={view.classified ?? PENDING}
            loaded={view.classified ? loaded : undefined}
          />
        ) : null}
      </Results>
    </>
  );
}

function DetailsBody({
  id,
  view,
  classified,
  loaded,
}: {
  readonly id: string;
  readonly view: DetailsBasicView;
  readonly classified: Omit<DetailsClassification, 'reverseRow'> & { readonly reverseRow?: DetailRow };
  readonly loaded: Classifier | undefined;
}) {
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
        {view.rows.map((shown) => {
          const row = shown.key === 'reverse' && classified.reverseRow ? classified.reverseRow : shown;
          return (
            <div class="sc-row" key={row.key}>
              <dt>{row.label}</dt>
              <dd>
                <span class="sc-value">{row.value}</span>
                {row.copy === undefined ? null : <CopyButton text={row.copy} what={lowerFirst(row.label)} />}
                {row.note ? <span class="sc-note">{row.note}</span> : null}
              </dd>
            </div>
          );
        })}
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
            <span class="sc-value">{classified.classification}</span>
          </dd>
        </div>
        <div class="sc-row">
          <dt>Globally reachable</dt>
          <dd>
            <span class="sc-value">{classified.reachable}</span>
          </dd>
        </div>
      </dl>
      {loaded ? <loaded.SpecialRanges id={id} view={view} special={classified.special} /> : null}
    </>
  );
}

/** `Reverse-DNS zone` → `reverse-DNS zone`: the label inside a sentence, acronyms kept. */
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
