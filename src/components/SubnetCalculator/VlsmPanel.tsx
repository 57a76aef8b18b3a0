import { useEffect, useMemo, useRef } from 'preact/hooks';
import { type CalculatorState, errorFor, type VlsmView, vlsmView } from '../../lib/subnet-calculator/index.ts';
import { CopyButton } from './Copy.tsx';
import { ExportButtons } from './ExportButtons.tsx';
import { ErrorText, Field } from './Field.tsx';
import { Notes, Results } from './Results.tsx';
import { DataTable } from './Table.tsx';

type VlsmState = CalculatorState['vlsm'];

/** VLSM mode: named host requirements → allocations largest-first, unused space and waste. */
export function VlsmPanel(props: {
  readonly id: string;
  readonly state: VlsmState;
  readonly onChange: (next: VlsmState) => void;
}) {
  const { id, state } = props;
  const result = useMemo(() => vlsmView(state), [state]);
  const last = useRef<VlsmView | undefined>(undefined);
  if (result.ok) last.current = result.value;
  const view = last.current;
  const set = (patch: Partial<VlsmState>) => props.onChange({ ...state, ...patch });
  const rows = state.requirements;
  const setRow = (index: number, patch: Partial<VlsmState['requirements'][number]>) =>
    set({ requirements: rows.map((row, i) => (i === index ? { ...row, ...patch } : row)) });
  // After adding a row, focus its name; after removing one, focus the "Add subnet" button so focus is never lost.
  const focusNext = useRef<'new-row' | 'add' | undefined>(undefined);
  const addButton = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusNext.current === 'new-row') {
      const inputs = listRef.current?.querySelectorAll<HTMLInputElement>('input[data-name]');
      inputs?.[inputs.length - 1]?.focus();
    } else if (focusNext.current === 'add') {
      addButton.current?.focus();
    }
    focusNext.current = undefined;
  });
  const planError = errorFor(result, 'plan');
  return (
    <>
      <Field
        id={`${id}-network`}
        label="Address block to divide"
        hint="e.g. 10.20.0.0/22 or 2001:db8:42::/48"
        value={state.network}
        error={errorFor(result, 'network')}
        onValue={(network) => set({ network })}
      />
      <fieldset class="sc-reqs">
        <legend>Subnets needed</legend>
        <div class="sc-req-head" aria-hidden="true">
          <span>Name</span>
          <span>Hosts</span>
          <span class="sc-req-head-spacer">Remove</span>
        </div>
        <div ref={listRef}>
          {rows.map((row, index) => {
            const number = index + 1;
            const hostsError = errorFor(result, `hosts-${index}`);
            const rowId = `${id}-req-${index}`;
            return (
              <div class="sc-req" key={index}>
                <label class="sr-only" for={`${rowId}-name`}>
                  Subnet {number} name
                </label>
                <input
                  id={`${rowId}-name`}
                  data-name=""
                  type="text"
                  value={row.name}
                  autocomplete="off"
                  onInput={(event) => setRow(index, { name: event.currentTarget.value })}
                />
                <label class="sr-only" for={`${rowId}-hosts`}>
                  Subnet {number} hosts
                </label>
                <input
                  id={`${rowId}-hosts`}
                  type="text"
                  inputMode="numeric"
                  value={row.hosts}
                  autocomplete="off"
                  aria-invalid={hostsError ? 'true' : undefined}
                  aria-describedby={`${rowId}-error`}
                  onInput={(event) => setRow(index, { hosts: event.currentTarget.value })}
                />
                <button
                  type="button"
                  class="sc-remove"
                  aria-label={`Remove subnet ${number}${row.name.trim() ? ` (${row.name.trim()})` : ''}`}
                  onClick={() => {
                    focusNext.current = 'add';
                    set({ requirements: rows.filter((_, i) => i !== index) });
                  }}
                >
                  Remove
                </button>
                <ErrorText id={`${rowId}-error`} error={hostsError} />
              </div>
            );
          })}
        </div>
        <button
          type="button"
          ref={addButton}
          class="sc-add"
          onClick={() => {
            focusNext.current = 'new-row';
            set({ requirements: [...rows, { name: '', hosts: '' }] });
          }}
        >
          Add subnet
        </button>
      </fieldset>
      <label class="sc-check">
        <input
          type="checkbox"
          checked={state.pointToPoint}
          onChange={(event) => set({ pointToPoint: event.currentTarget.checked })}
        />{' '}
        Give 2-host links a /31 (IPv4, RFC 3021) or /127 (IPv6, RFC 6164) with no network or broadcast address
      </label>
      <ErrorText id={`${id}-plan-error`} error={planError} />
      <Results stale={!result.ok} empty={view === undefined} label="VLSM plan">
        {view ? <VlsmBody id={id} view={view} /> : null}
      </Results>
    </>
  );
}

function VlsmBody({ id, view }: { readonly id: string; readonly view: VlsmView }) {
  return (
    <>
      <Notes notes={view.notes} />
      <DataTable
        id={`${id}-table`}
        caption={`Allocations in ${view.parentCidr}, largest first`}
        headers={view.headers}
        rows={view.rows}
      />
      <ul class="sc-summary-list">
        {view.summary.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {view.unused.length > 0 ? (
        <div class="sc-unused">
          <span class="sc-label-inline" id={`${id}-unused-label`}>
            Free blocks:
          </span>{' '}
          <ul class="sc-cidrs" aria-labelledby={`${id}-unused-label`}>
            {view.unused.map((cidr) => (
              <li key={cidr}>
                <code>{cidr}</code>
              </li>
            ))}
          </ul>
          <CopyButton text={view.unused.join('\n')} what="free blocks" />
        </div>
      ) : null}
      <ExportButtons table={() => view.table} name={view.exportName} note="Export the plan:" />
    </>
  );
}
