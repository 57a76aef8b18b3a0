import { useMemo, useRef } from 'preact/hooks';
import { type CalculatorState, type CompareView, compareView, errorFor } from '../../lib/subnet-calculator/index.ts';
import { Field } from './Field.tsx';
import { Notes, Results } from './Results.tsx';
import { ScrollRegion } from './Table.tsx';

type CompareState = CalculatorState['compare'];

/** Contains / overlap mode: how two networks (or a network and an address) relate. */
export function ComparePanel(props: {
  readonly id: string;
  readonly state: CompareState;
  readonly onChange: (next: CompareState) => void;
}) {
  const { id, state } = props;
  const result = useMemo(() => compareView(state.a, state.b), [state.a, state.b]);
  const last = useRef<CompareView | undefined>(undefined);
  if (result.ok) last.current = result.value;
  const view = last.current;
  return (
    <>
      <div class="sc-pair">
        <Field
          id={`${id}-a`}
          label="Network A"
          hint="A network or a single address"
          value={state.a}
          error={errorFor(result, 'a')}
          onValue={(a) => props.onChange({ ...state, a })}
        />
        <Field
          id={`${id}-b`}
          label="Network B"
          hint="A network or a single address"
          value={state.b}
          error={errorFor(result, 'b')}
          onValue={(b) => props.onChange({ ...state, b })}
        />
      </div>
      <Results stale={!result.ok} empty={view === undefined} label="Comparison">
        {view ? <CompareBody id={id} view={view} /> : null}
      </Results>
    </>
  );
}

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

function CompareBody({ id, view }: { readonly id: string; readonly view: CompareView }) {
  return (
    <>
      <p class="sc-verdict">{view.verdict}.</p>
      <Notes notes={view.notes} />
      <dl class="sc-details">
        <div class="sc-row">
          <dt>A contains B</dt>
          <dd>
            <span class="sc-value">{yesNo(view.aContainsB)}</span>
          </dd>
        </div>
        <div class="sc-row">
          <dt>B contains A</dt>
          <dd>
            <span class="sc-value">{yesNo(view.bContainsA)}</span>
          </dd>
        </div>
        <div class="sc-row">
          <dt>Overlap</dt>
          <dd>
            <span class="sc-value">{view.shared ? `Yes: ${view.shared}` : 'No'}</span>
          </dd>
        </div>
      </dl>
      <ScrollRegion labelledBy={`${id}-compare-caption`}>
        <table class="sc-table">
          <caption id={`${id}-compare-caption`}>The two networks side by side</caption>
          <thead>
            <tr>
              <td />
              <th scope="col">A</th>
              <th scope="col">B</th>
            </tr>
          </thead>
          <tbody>
            {(
              [
                ['Network', view.a.cidr, view.b.cidr],
                ['First address', view.a.first, view.b.first],
                ['Last address', view.a.last, view.b.last],
                ['Addresses', view.a.size, view.b.size],
              ] as const
            ).map(([label, a, b]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{a}</td>
                <td>{b}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <p class="sc-note">Two CIDR blocks either nest or do not touch at all: they can never partly overlap.</p>
    </>
  );
}
