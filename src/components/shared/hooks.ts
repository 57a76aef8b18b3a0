/**
 * The Preact half of the playground toolkit (`src/lib/playground/`): the URL-state hook with the history rule, and
 * the "last good result" hook. State held: the island's state object and the notices its link produced; which kind
 * of change (type/choose) is waiting to be written to the address bar.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  type ChangeKind,
  type Codec,
  type FieldError,
  type Fields,
  type Kept,
  keepLastGood,
  type Result,
  type StateOf,
} from '../../lib/playground/index.ts';
import { useUrlRestore, writeUrlQuery } from './url-state.ts';

/** How long typing must pause before `useUrlState` writes it into the address bar. */
export const TYPING_PAUSE_MS = 250;

/** A state and the notices about the link it was read from (none after the first change). */
interface Shown<S> {
  readonly state: S;
  readonly notices: readonly FieldError[];
}

/**
 * An island's state, seeded from `base` (so the server render and the first client render agree). With `syncUrl`
 * the state is read from the URL after hydration and on back/forward, and every change is written back:
 * `change(next, 'choose')` pushes a history entry once the frame is painted; `change(next, 'type')` replaces the entry
 * once typing has paused for {@link TYPING_PAUSE_MS} (or at once, before a push, or when the page is hidden). A page
 * opened from a link keeps that URL until the first change. The fourth element says whether `change` has been called:
 * an island that reads more of the link itself (the proxy's config) skips it then too, so the two never mix.
 */
export function useUrlState<F extends Fields>(
  codec: Codec<F>,
  base: StateOf<F>,
  syncUrl: boolean,
): [StateOf<F>, (next: StateOf<F>, kind: ChangeKind) => void, readonly FieldError[], { readonly current: boolean }] {
  const [shown, setShown] = useState<Shown<StateOf<F>>>({ state: base, notices: [] });
  // The newest state not yet in the URL, and the kind of the changes since it was last written ('choose' wins over
  // 'type'). The newest state, not the one an effect was rendered with: Preact runs a render's pending effects when
  // the next render starts, so the effect of keystroke n can run after keystroke n + 1 was made — writing its own,
  // older state and clearing the mark would leave the URL one keystroke behind (seen in the flake proof).
  const pending = useRef<{ kind: ChangeKind; state: StateOf<F> } | undefined>(undefined);

  // Whether the visitor has changed anything yet. The link's state replaces the server-rendered one after hydration
  // only if not: an edit made first (possible when that effect runs late, see useUrlRestore) was made on what the
  // visitor saw, and wins. Back/forward always restores.
  const edited = useRef(false);

  useUrlRestore(
    syncUrl,
    (popstate) => {
      if (!popstate && edited.current) return;
      pending.current = undefined;
      const decoded = codec.decode(window.location.search, base);
      // A link that holds the island's base state (a page opened without a query, most often) keeps the base object,
      // the state shown until now: a new one, equal or not, is a new input to the island's model, and a second run of
      // it on every page load was a long task (the HTTP timeline's first answer, 340 KB, deserialised only to be
      // dropped as stale). An empty query is exactly the base state (defaults left out, each field's text as is).
      const next = codec.encode(decoded.state, base) === '' ? { ...decoded, state: base } : decoded;
      // And when nothing changes (the base state, no notices, shown now), the island does not render again: on a page
      // opened without a query that render redrew the whole island for nothing, right after its hydration.
      setShown((shown) =>
        shown.state === next.state && shown.notices.length === 0 && next.notices.length === 0 ? shown : next,
      );
    },
    [base],
  );

  // Writes what is pending, if anything: the newest state, pushed if any change since the last write was a choice.
  const flush = useRef(() => {});
  flush.current = () => {
    const write = pending.current;
    if (!syncUrl || write === undefined) return;
    pending.current = undefined;
    writeUrlQuery(codec.query(window.location.search, write.state, base), write.kind === 'choose' ? 'push' : 'replace');
  };
  // A choice is written after the paint. Typing is written once it pauses: replaceState costs 1–3 ms of main thread
  // per call in Chromium (2.3 ms per RTT keystroke in the TLS calculator's profile, as much as receiving the worker's
  // answer), which every keystroke would otherwise pay while its results are on the way, and Chromium throttles a page
  // that calls it more than about 200 times in 10 s. Each change restarts the wait; the effect's cleanup cancels it.
  useEffect(() => {
    const write = pending.current;
    if (!syncUrl || write === undefined) return;
    if (write.kind === 'choose') {
      flush.current();
      return;
    }
    const timer = setTimeout(() => flush.current(), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [shown]);
  // What was typed last reaches the URL even if the page is left, hidden or the island removed within the pause.
  useEffect(() => {
    if (!syncUrl) return;
    const now = () => flush.current();
    window.addEventListener('pagehide', now);
    document.addEventListener('visibilitychange', now);
    return () => {
      window.removeEventListener('pagehide', now);
      document.removeEventListener('visibilitychange', now);
      now();
    };
  }, [syncUrl]);

  const change = (next: StateOf<F>, kind: ChangeKind) => {
    edited.current = true;
    pending.current = { kind: pending.current?.kind === 'choose' ? 'choose' : kind, state: next };
    setShown({ state: next, notices: [] });
  };
  return [shown.state, change, shown.notices, edited];
}

/** What `useLastGood` returns before there is any result. */
const NOTHING: Kept<never, never> = { value: undefined, error: undefined };

/**
 * The last valid value and the current error (see `keepLastGood`). Kept in a ref: no extra render; pass a memoised
 * `result` (memoised on the state object) so an unchanged input returns the same object. `undefined` (a background
 * run not answered yet) keeps what there was.
 */
export function useLastGood<T, E extends { readonly code: string; readonly message: string }>(
  result: Result<T, E> | undefined,
): Kept<T, E> {
  const kept = useRef<Kept<T, E> | undefined>(undefined);
  if (result !== undefined) kept.current = keepLastGood(kept.current, result);
  return kept.current ?? NOTHING;
}
