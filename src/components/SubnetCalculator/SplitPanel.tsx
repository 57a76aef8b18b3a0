import { useMemo, useRef, useState } from 'preact/hooks';
import {
  type CalculatorState,
  errorFor,
  groupDigits,
  PAGE_SIZE,
  parseGoTo,
  type SplitBy,
  type SplitView,
  splitView,
} from '../../lib/subnet-calculator/index.ts';
import { ExportButtons } from './ExportButtons.tsx';
import { ErrorText, Field } from './Field.tsx';
import { LinkedNoteText, Notes, Results } from './Results.tsx';
import { DataTable } from './Table.tsx';

type SplitState = CalculatorState['split'];

/** Split mode: a network into subnets of a new prefix or N equal parts, as a paged table (never all rows at once). */
export function SplitPanel(props: {
  readonly id: string;
  readonly state: SplitState;
  readonly onChange: (next: SplitState) => void;
}) {
  const { id, state } = props;
  const result = useMemo(() => splitView(state), [state]);
  const last = useRef<SplitView | undefined>(undefined);
  if (result.ok) last.current = result.value;
  const view = last.current;
  const set = (patch: Partial<SplitState>) => props.onChange({ ...state, ...patch });
  // A changed network or split size starts again at page 1 with nothing highlighted; only paging keeps the page.
  const setInput = (patch: Partial<SplitState>) => set({ ...patch, page: '1', highlight: '' });
  const highlight = state.highlight === '' ? undefined : BigInt(state.highlight);
  return (
    <>
      <Field
        id={`${id}-network`}
        label="Network to split"
        hint="e.g. 10.0.0.0/8 or 2001:db8::/32"
        value={state.network}
        error={errorFor(result, 'network')}
        onValue={(network) => setInput({ network })}
      />
      <fieldset class="sc-choice">
        <legend>Split by</legend>
        {(
          [
            ['prefix', 'Prefix length'],
            ['count', 'Number of parts'],
          ] as const
        ).map(([value, label]) => (
          <label key={value}>
            <input
              type="radio"
              name={`${id}-by`}
              value={value}
              checked={state.by === value}
              onChange={() => setInput({ by: value as SplitBy })}
            />{' '}
            {label}
          </label>
        ))}
      </fieldset>
      {state.by === 'prefix' ? (
        <Field
          id={`${id}-prefix`}
          label="New prefix length"
          hint="e.g. 24 or /24; longer than the network's own prefix"
          value={state.newPrefix}
          inputMode="numeric"
          error={errorFor(result, 'newPrefix')}
          onValue={(newPrefix) => setInput({ newPrefix })}
        />
      ) : (
        <Field
          id={`${id}-count`}
          label="Number of equal parts"
          hint="Rounded up to a power of two: equal CIDR blocks come in powers of two"
          value={state.count}
          inputMode="numeric"
          error={errorFor(result, 'count')}
          onValue={(count) => setInput({ count })}
        />
      )}
      <Results stale={!result.ok} empty={view === undefined} label="Subnets">
        {view ? (
          <SplitBody
            id={id}
            view={view}
            highlight={highlight}
            onPage={(page, item) =>
              set({ page: page.toString(), ...(item === undefined ? {} : { highlight: item.toString() }) })
            }
          />
        ) : null}
      </Results>
    </>
  );
}

function SplitBody(props: {
  readonly id: string;
  readonly view: SplitView;
  readonly highlight: bigint | undefined;
  readonly onPage: (page: bigint, item?: bigint) => void;
}) {
  const { id, view } = props;
  const { window } = view;
  const firstItem = window.start + 1n;
  const lastItem = window.start + BigInt(window.size);
  const highlightIndex =
    props.highlight !== undefined && props.highlight >= firstItem && props.highlight <= lastItem
      ? Number(props.highlight - firstItem)
      : undefined;
  return (
    <>
      <p class="sc-summary">{view.summary}</p>
      <Notes notes={view.notes} />
      <LinkedNoteText note={view.mappedNote} />
      <Pager id={id} view={view} onPage={props.onPage} />
      <DataTable
        id={`${id}-table`}
        caption={`Subnets of ${view.parentCidr}: ${groupDigits(firstItem)}–${groupDigits(lastItem)} of ${groupDigits(view.count)}`}
        headers={view.headers}
        rows={view.rows}
        highlight={highlightIndex}
        tall
      />
      <ExportButtons
        table={view.exportTable}
        name={view.exportName}
        note={
          view.exportScope === 'all'
            ? `Export all ${groupDigits(view.count)} subnets:`
            : `Export this page (${groupDigits(window.size)} of ${groupDigits(view.count)} subnets):`
        }
      />
    </>
  );
}

/** First / previous / next / last and "go to subnet #", for a list of up to 2^128 subnets. */
function Pager(props: {
  readonly id: string;
  readonly view: SplitView;
  readonly onPage: (page: bigint, item?: bigint) => void;
}) {
  const { id, view, onPage } = props;
  const { page, pageCount } = view.window;
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const go = (event: Event) => {
    event.preventDefault();
    const result = parseGoTo(target, view.count);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setError(undefined);
    onPage(result.value.page, result.value.item);
  };
  if (pageCount === 1n) return null;
  const button = (label: string, to: bigint, disabled: boolean, accessible: string) => (
    <button type="button" disabled={disabled} aria-label={accessible} onClick={() => onPage(to)}>
      {label}
    </button>
  );
  return (
    <nav class="sc-pager" aria-label="Subnet pages">
      <span class="sc-pager-buttons">
        {button('« First', 1n, page === 1n, 'First page')}
        {button('‹ Previous', page - 1n, page === 1n, 'Previous page')}
        <span class="sc-page-of" aria-live="polite">
          Page {groupDigits(page)} of {groupDigits(pageCount)}
        </span>
        {button('Next ›', page + 1n, page === pageCount, 'Next page')}
        {button('Last »', pageCount, page === pageCount, 'Last page')}
      </span>
      <form class="sc-goto" onSubmit={go}>
        <label for={`${id}-goto`}>Go to subnet #</label>
        <input
          id={`${id}-goto`}
          type="text"
          inputMode="numeric"
          size={12}
          value={target}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={`${id}-goto-error`}
          onInput={(event) => setTarget(event.currentTarget.value)}
          autocomplete="off"
        />
        <button type="submit">Go</button>
        <ErrorText id={`${id}-goto-error`} error={error} />
      </form>
      <span class="sr-only">{PAGE_SIZE} subnets per page.</span>
    </nav>
  );
}
