/**
 * The subnet calculator island. State: one {@link CalculatorState} (mode + the raw text of every input), seeded from
 * the `preset` prop so server and first client render agree, then — for the instance with `syncUrl` — read from and
 * mirrored into the page URL with the playground toolkit's codec and history rule (replaceState while typing,
 * pushState on a deliberate choice such as the mode, popstate restores), with a notice for whatever the link asked
 * for and did not get.
 */
import { Fragment } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
// Direct module imports (not the lib's index), so the lazily loaded modes stay out of the first download.
import {
  type CalculatorPreset,
  type CalculatorState,
  MODE_LABELS,
  MODES,
  type Mode,
  resolvePreset,
} from '../../lib/subnet-calculator/state.ts';
import { type Announcer, CopyContext, writeClipboard } from './Copy.tsx';
import { DetailsPanel } from './DetailsPanel.tsx';
import { Hydrating } from './hydrating.ts';
import { loadPanels, panels } from './PanelRegistry.ts';
import '../shared/island.css';
import { useUrlRestore, writeUrlQuery } from '../shared/url-state.ts';
import './SubnetCalculator.css';

/**
 * The URL codec, loaded by the URL-syncing instance right after hydration: a calculator embedded in a guide (no
 * `syncUrl`) never downloads it.
 */
type UrlState = typeof import('../../lib/subnet-calculator/url-state.ts');
let urlState: UrlState | undefined;
/** Loads the URL codec (once); tests await it up front, as they do `loadPanels()`. */
export async function loadUrlState(): Promise<UrlState> {
  urlState ??= await import('../../lib/subnet-calculator/url-state.ts');
  return urlState;
}

/** Props of the island (all serialisable, so Astro can pass them from the server). */
export interface SubnetCalculatorProps {
  /** Prefix for every element id, unique per page (two calculators on one page need two prefixes). */
  readonly id?: string | undefined;
  /** Initial state; missing fields take the defaults. See `CalculatorPreset`. */
  readonly preset?: CalculatorPreset | undefined;
  /** Read the state from the page URL and keep the URL up to date. Only one instance per page may do this. */
  readonly syncUrl?: boolean | undefined;
  /** Accessible name of the calculator as a whole. */
  readonly label?: string | undefined;
  /** Level of the few headings inside the calculator (default 3: below the page's h2 sections). */
  readonly headingLevel?: 2 | 3 | 4 | undefined;
}

/** The calculator: mode tabs, the active mode's form and results, and a hidden status line for copy feedback. */
export function SubnetCalculator(props: SubnetCalculatorProps) {
  const id = props.id ?? 'subnet-calculator';
  const syncUrl = props.syncUrl === true;
  // The preset is fixed for the life of the island; it is also the base the URL is encoded against.
  const base = useMemo(() => resolvePreset(props.preset), []);
  const [state, setState] = useState<CalculatorState>(base);
  const [status, setStatus] = useState('');
  // What the page link asked for and did not get (unknown mode, split method, p2p): shown until the next edit.
  const [notices, setNotices] = useState<readonly string[]>([]);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const [, setLoadedCount] = useState(0);
  const [generation, setGeneration] = useState(0);
  const current = useRef(state);
  current.current = state;
  const hydrating = useRef(true);
  // Whether the visitor has changed anything yet (an edit made before the URL codec loads is not overwritten).
  const edited = useRef(false);

  // Load the active mode's panel on first use, then render it.
  useEffect(() => {
    hydrating.current = false;
    if (state.mode === 'details' || panels[state.mode]) return;
    void loadPanels().then(() => setLoadedCount((n) => n + 1));
  }, [state.mode]);

  // A restored state remounts the panels, so no "last valid result" from before the restore is shown.
  useUrlRestore(
    syncUrl,
    (popstate) => {
      // After hydration the link's state replaces the default only if the visitor has not edited yet (this effect can
      // run after their first edit on a busy machine); back/forward always restores.
      if (!popstate && edited.current) return;
      const restore = ({ decodeLink, sameState }: UrlState) => {
        const { state: next, notices: found } = decodeLink(window.location.search, base);
        setNotices((shown) => (found.join() === shown.join() ? shown : found));
        if (sameState(current.current, next)) return;
        setState(next);
        setGeneration((g) => g + 1);
      };
      if (urlState) restore(urlState);
      // First use: the codec arrives a moment after hydration. An edit made meanwhile wins over the link's state.
      else {
        void loadUrlState().then((loaded) => {
          if (!edited.current) restore(loaded);
        });
      }
    },
    [base],
  );

  /** Applies a new state and, for the URL-syncing instance, records it: a new history entry only for mode changes. */
  const commit = (next: CalculatorState) => {
    edited.current = true;
    setState(next);
    if (notices.length > 0) setNotices([]);
    if (!syncUrl) return;
    const kind = next.mode === state.mode ? 'replace' : 'push';
    pendingUrl.current = { how: pendingUrl.current?.how === 'push' ? 'push' : kind, state: next };
  };

  // The address bar is written after the frame is painted (an effect), as the playground toolkit's useUrlState does:
  // replaceState costs 1–2 ms in Chromium, which every keystroke would otherwise add before the paint. A mode change
  // since the last write makes it a new history entry. The newest state is written, not the one the effect was
  // rendered with: Preact runs a render's pending effects when the next render starts, so the effect of the first
  // render can run after the first edit — writing its own, older state and clearing the mark would leave the URL
  // without the edit (seen in the flake proof under load).
  const pendingUrl = useRef<{ how: 'push' | 'replace'; state: CalculatorState } | undefined>(undefined);
  useEffect(() => {
    const pending = pendingUrl.current;
    if (!syncUrl || pending === undefined) return;
    pendingUrl.current = undefined;
    const write = ({ mergeQuery, encodeState }: UrlState) =>
      writeUrlQuery(mergeQuery(window.location.search, encodeState(pending.state, base)), pending.how);
    if (urlState) write(urlState);
    else void loadUrlState().then(write);
  }, [state]);

  const announcer = useMemo<Announcer>(() => {
    let clear: ReturnType<typeof setTimeout> | undefined;
    const announce = (message: string) => {
      // Clear first so the same message twice in a row is announced again.
      setStatus('');
      clearTimeout(clear);
      clear = setTimeout(() => setStatus(message), 50);
    };
    return {
      announce,
      copy: (text, what) => {
        void writeClipboard(text).then((ok) =>
          announce(ok ? `Copied ${what}` : `Could not copy ${what}: the browser blocked the clipboard`),
        );
      },
    };
  }, []);

  const selectMode = (mode: Mode, focus = false) => {
    if (mode !== state.mode) commit({ ...state, mode });
    if (focus) tabs.current[MODES.indexOf(mode)]?.focus();
  };

  // WAI-ARIA tabs pattern with automatic activation: arrows move and select, Home/End jump.
  const onTabKey = (event: KeyboardEvent) => {
    const index = MODES.indexOf(state.mode);
    const last = MODES.length - 1;
    const to: Partial<Record<string, number>> = {
      ArrowRight: index === last ? 0 : index + 1,
      ArrowLeft: index === 0 ? last : index - 1,
      Home: 0,
      End: last,
    };
    const target = to[event.key];
    if (target === undefined) return;
    event.preventDefault();
    selectMode(MODES[target] as Mode, true);
  };

  const panelId = (mode: Mode) => `${id}-panel-${mode}`;
  const tabId = (mode: Mode) => `${id}-tab-${mode}`;
  const level = props.headingLevel ?? 3;

  return (
    <CopyContext.Provider value={announcer}>
      <Hydrating.Provider value={hydrating.current}>
        <section class="pj-island sc not-content" aria-label={props.label ?? 'Subnet calculator'}>
          {notices.map((notice) => (
            <p class="sc-warning sc-link-notice" key={notice}>
              <span class="sc-badge">Link:</span> {notice}
            </p>
          ))}
          <div class="sc-tabs" role="tablist" aria-label="Calculator mode">
            {MODES.map((mode, index) => (
              <button
                key={mode}
                ref={(el) => {
                  tabs.current[index] = el;
                }}
                type="button"
                role="tab"
                id={tabId(mode)}
                aria-selected={mode === state.mode ? 'true' : 'false'}
                aria-controls={panelId(mode)}
                tabIndex={mode === state.mode ? 0 : -1}
                onClick={() => selectMode(mode)}
                onKeyDown={onTabKey}
              >
                {MODE_LABELS[mode]}
              </button>
            ))}
          </div>
          {MODES.map((mode) => {
            const active = mode === state.mode;
            const attributes = {
              role: 'tabpanel' as const,
              id: panelId(mode),
              'aria-labelledby': tabId(mode),
              hidden: !active,
              class: 'sc-panel',
            };
            // Hydrating a preset whose panel code is still loading: keep the server's HTML exactly as it is.
            const serverHtml =
              active && mode !== 'details' && !panels[mode] && hydrating.current
                ? globalThis.document?.getElementById(panelId(mode))?.innerHTML
                : undefined;
            return serverHtml ? (
              <div key={mode} {...attributes} dangerouslySetInnerHTML={{ __html: serverHtml }} />
            ) : (
              <div key={mode} {...attributes}>
                {active ? <Fragment key={generation}>{renderPanel(mode)}</Fragment> : null}
              </div>
            );
          })}
          <p class="sr-only" role="status">
            {status}
          </p>
        </section>
      </Hydrating.Provider>
    </CopyContext.Provider>
  );

  /** What a panel shows while its code loads (a few kilobytes, once). */
  function pending() {
    return <p class="sc-loading">Loading…</p>;
  }

  function renderPanel(mode: Mode) {
    const pid = `${id}-${mode}`;
    const { split: SplitPanel, vlsm: VlsmPanel, summarise: SummarisePanel, compare: ComparePanel } = panels;
    switch (mode) {
      case 'details':
        return (
          <DetailsPanel
            id={pid}
            network={state.details.network}
            onNetwork={(network) => commit({ ...state, details: { network } })}
          />
        );
      case 'split':
        if (!SplitPanel) return pending();
        return <SplitPanel id={pid} state={state.split} onChange={(split) => commit({ ...state, split })} />;
      case 'vlsm':
        if (!VlsmPanel) return pending();
        return <VlsmPanel id={pid} state={state.vlsm} onChange={(vlsm) => commit({ ...state, vlsm })} />;
      case 'summarise':
        if (!SummarisePanel) return pending();
        return (
          <SummarisePanel
            id={pid}
            state={state.summarise}
            headingLevel={level}
            onChange={(summarise) => commit({ ...state, summarise })}
          />
        );
      case 'compare':
        if (!ComparePanel) return pending();
        return <ComparePanel id={pid} state={state.compare} onChange={(compare) => commit({ ...state, compare })} />;
    }
  }
}

export default SubnetCalculator;
