import { useMemo, useRef } from 'preact/hooks';
import {
  type CalculatorState,
  type CidrListView,
  errorFor,
  rangeView,
  summariseView,
  type ViewResult,
} from '../../lib/subnet-calculator/index.ts';
import { CopyButton } from './Copy.tsx';
import { Field } from './Field.tsx';
import { Results } from './Results.tsx';

type SummariseState = CalculatorState['summarise'];

/** Summarise mode: a list of networks → the minimal CIDR set, and a `start - end` range → CIDR blocks. */
export function SummarisePanel(props: {
  readonly id: string;
  readonly state: SummariseState;
  readonly onChange: (next: SummariseState) => void;
  readonly headingLevel: 2 | 3 | 4;
}) {
  const { id, state } = props;
  const list = useMemo(() => summariseView(state.networks), [state.networks]);
  const range = useMemo(() => rangeView(state.range), [state.range]);
  const Heading = `h${props.headingLevel}` as 'h3';
  return (
    <>
      <section class="sc-subsection" aria-labelledby={`${id}-list-title`}>
        <Heading id={`${id}-list-title`} class="sc-heading">
          Summarise a list of networks
        </Heading>
        <Field
          id={`${id}-list`}
          label="Networks, one per line"
          hint="Overlapping and adjacent blocks are merged into the fewest CIDR blocks covering exactly the same addresses"
          rows={6}
          value={state.networks}
          error={errorFor(list, 'networks')}
          onValue={(networks) => props.onChange({ ...state, networks })}
        />
        <CidrResult id={`${id}-list`} result={list} label="Summarised networks" />
      </section>
      <section class="sc-subsection" aria-labelledby={`${id}-range-title`}>
        <Heading id={`${id}-range-title`} class="sc-heading">
          Range to CIDR
        </Heading>
        <Field
          id={`${id}-range`}
          label="Address range (start - end)"
          hint="e.g. 192.0.2.10 - 192.0.2.99 or 2001:db8::1 - 2001:db8::ff"
          value={state.range}
          error={errorFor(range, 'range')}
          onValue={(value) => props.onChange({ ...state, range: value })}
        />
        <CidrResult id={`${id}-range`} result={range} label="CIDR blocks of the range" />
      </section>
    </>
  );
}

function CidrResult(props: { readonly id: string; readonly result: ViewResult<CidrListView>; readonly label: string }) {
  const last = useRef<CidrListView | undefined>(undefined);
  if (props.result.ok) last.current = props.result.value;
  const view = last.current;
  return (
    <Results stale={!props.result.ok} empty={view === undefined} label={props.label}>
      {view ? (
        <>
          <p class="sc-summary" id={`${props.id}-summary`}>
            {view.summary}
          </p>
          <ul class="sc-cidrs" aria-labelledby={`${props.id}-summary`}>
            {view.cidrs.map((cidr) => (
              <li key={cidr}>
                <code>{cidr}</code>
              </li>
            ))}
          </ul>
          <CopyButton text={view.cidrs.join('\n')} what={props.label.toLowerCase()} label="Copy all" />
        </>
      ) : null}
    </Results>
  );
}
