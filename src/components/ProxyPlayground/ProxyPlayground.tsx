/**
 * The proxy and load-balancer playground island. State: the URL fields of PROXY_CODEC (preset, request, traffic
 * mode, failed backends; via the toolkit's useUrlState), the config text (its own compressed `cfg` parameter,
 * decoded after hydration) and the last "send 100 requests" result.
 *
 * Loading: the first paint is the build-time results (the Astro wrapper renders <Results> as this island's
 * children); the model, the live <Results> and the diagram code load right after hydration (./live.ts), and the
 * preset configs, the link codec and "send 100" only when used. That keeps the island's first JS small.
 */
import type { ComponentChildren, TargetedEvent } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { IslandProps } from '../../lib/playground/index.ts';
import type { Distribution } from '../../lib/proxy-playground/hundred.ts';
import { PRESET_IDS, PRESET_REQUESTS, type PresetId } from '../../lib/proxy-playground/preset-list.ts';
import { MODE_LABELS, MODES, PROXY_CODEC, type ProxyState, stateToInput } from '../../lib/proxy-playground/state.ts';
import { useUrlState } from '../shared/hooks.ts';
import '../diagrams/diagram.css';
import '../shared/island.css';
import './ProxyPlayground.css';

type Live = typeof import('./live.ts');

const loadConfigs = () => import('../../lib/proxy-playground/preset-configs.ts').then((m) => m.PRESET_CONFIGS);
const loadLink = () => import('../../lib/proxy-playground/config-link.ts');

/** Props: the toolkit's, the first preset's config text, and the build-time results as children. */
export interface ProxyPlaygroundProps extends IslandProps<ProxyState> {
  readonly config?: string | undefined;
  readonly children?: ComponentChildren;
}

/**
 * Writes (or removes) the `cfg` parameter without touching the others, and keeps the config text itself (or nothing)
 * in the history entry's state, for back/forward and reload: a config too long for a link survives them too.
 */
function writeConfigParam(value: string | null, text?: string): void {
  const url = new URL(window.location.href);
  if (value === null) url.searchParams.delete('cfg');
  else url.searchParams.set('cfg', value);
  window.history.replaceState({ ...window.history.state, config: text }, '', url.href);
}

export function ProxyPlayground(props: ProxyPlaygroundProps) {
  const id = props.id ?? 'proxy';
  const base = useMemo(() => PROXY_CODEC.resolve(props.preset, PROXY_CODEC.decode('').state), []);
  const [state, change, notices, edited] = useUrlState(PROXY_CODEC, base, props.syncUrl === true);
  const [config, setConfig] = useState(props.config ?? '');
  const [linkNote, setLinkNote] = useState<string | null>(null);
  const [hundred, setHundred] = useState<Distribution | null>(null);
  const [live, setLive] = useState<Live | null>(null);
  const configEdited = useRef(false);
  // Bumped by every config change and every read of the link: a config that arrives asynchronously (a preset's, or
  // the link's once decoded) is applied only if nothing changed the config after it was asked for.
  const configEpoch = useRef(0);
  /** Starts a new epoch; the returned check says whether nothing has changed the config since. */
  const claimConfig = () => {
    const epoch = ++configEpoch.current;
    return () => epoch === configEpoch.current;
  };
  const dropCfg = useRef(false);

  useEffect(() => {
    void import('./live.ts').then(setLive);
    if (props.syncUrl !== true) return;
    // The link's config, after hydration and on every back/forward, so the config shown is always the one of the
    // entry's preset and request: the text kept in the entry (see writeConfigParam), else its `cfg` parameter, else
    // its preset's. After hydration it is skipped if the visitor has already edited (an early edit on a busy
    // machine): useUrlState then skips the link's state too, so the two never mix.
    const readLink = (popstate?: PopStateEvent) => {
      if (!popstate && edited.current) return;
      const current = claimConfig();
      const apply = (text: string, own: boolean) => {
        if (!current()) return;
        configEdited.current = own;
        setConfig(text);
      };
      setLinkNote(null);
      const kept: unknown = window.history.state?.config;
      if (typeof kept === 'string') return apply(kept, true);
      const param = new URLSearchParams(window.location.search).get('cfg');
      if (param === null) {
        const preset = PROXY_CODEC.decode(window.location.search, base).state.preset;
        if (popstate || preset !== base.preset) void loadConfigs().then((configs) => apply(configs[preset], false));
        return;
      }
      void loadLink().then(async ({ decodeConfig }) => {
        const r = await decodeConfig(param);
        if (r.ok) apply(r.value, true);
        else if (current()) setLinkNote(r.error.message);
      });
    };
    readLink();
    window.addEventListener('popstate', readLink);
    return () => window.removeEventListener('popstate', readLink);
  }, []);

  // A new preset's history entry has no `cfg`: removed once useUrlState (whose effect runs first) has pushed it, so
  // the entry before keeps the config edited there for the back button.
  useEffect(() => {
    if (!dropCfg.current) return;
    dropCfg.current = false;
    writeConfigParam(null);
  }, [state]);

  // A config the reader edited goes into the link (compressed) unless it is too long for one.
  useEffect(() => {
    if (props.syncUrl !== true || !configEdited.current) return;
    let stale = false;
    const epoch = configEpoch.current;
    const timer = setTimeout(() => {
      void loadLink().then(async ({ encodeConfig }) => {
        const r = await encodeConfig(config);
        // Not after back/forward or another change: the address bar then shows another entry or config.
        if (stale || epoch !== configEpoch.current) return;
        writeConfigParam(r.ok ? r.value : null, config);
        setLinkNote(r.ok ? null : r.error.message);
      });
    }, 300);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [config]);

  const input = stateToInput(state, config);
  const view = useMemo(() => (live === null ? null : live.buildView(input)), [live, state, config]);
  useEffect(() => setHundred(null), [state, config]);

  const pickPreset = (e: TargetedEvent<HTMLSelectElement>) => {
    const preset = e.currentTarget.value as PresetId;
    const p = PRESET_REQUESTS[preset];
    configEdited.current = false;
    dropCfg.current = props.syncUrl === true;
    const current = claimConfig();
    void loadConfigs().then((configs) => {
      if (current()) setConfig(configs[preset]);
    });
    setLinkNote(null);
    change({ ...state, preset, host: p.host, path: p.path, client: p.client, mode: p.mode, failed: '' }, 'choose');
  };
  const editConfig = (text: string) => {
    // The first edit is also a change of the URL state (to the same state): a late hydration restore then keeps the
    // preset and request this config was written against instead of mixing in the link's.
    if (!edited.current) change(state, 'type');
    configEpoch.current++;
    configEdited.current = true;
    setConfig(text);
  };
  const field = (key: 'host' | 'path' | 'client') => (e: TargetedEvent<HTMLInputElement>) =>
    change({ ...state, [key]: e.currentTarget.value }, 'type');
  const toggleFailed = (backend: string, on: boolean) => {
    const set = new Set(input.failed);
    if (on) set.add(backend);
    else set.delete(backend);
    change({ ...state, failed: [...set].join(',') }, 'choose');
  };
  const send = () => {
    const parsed = view?.config;
    if (parsed === undefined || !parsed.ok) return;
    void import('../../lib/proxy-playground/hundred.ts').then((m) => setHundred(m.sendHundred(input, parsed.value)));
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([config], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'nginx.conf';
    a.click();
    URL.revokeObjectURL(url);
  };
  const upload = (e: TargetedEvent<HTMLInputElement>) => {
    const file = e.currentTarget.files?.[0];
    if (file === undefined) return;
    if (file.size > 65_536) {
      setLinkNote(`'${file.name.slice(0, 80)}' is ${file.size} bytes; the playground reads configs up to 65,536.`);
      return;
    }
    void file.text().then(editConfig);
  };

  const invalid = view !== null && !view.config.ok;
  const lines = config.split('\n').length;
  return (
    // data-live: hydrated and the model loaded, so edits take effect (browser tests wait for it, as for the others).
    <section
      class="pj-island proxy-pg"
      aria-label={props.label ?? 'Proxy and load-balancer playground'}
      data-live={live === null ? undefined : ''}
    >
      <div class="proxy-pg__row">
        <label for={`${id}-preset`}>Example</label>
        <select id={`${id}-preset`} value={state.preset} onChange={pickPreset}>
          {PRESET_IDS.map((p) => (
            <option key={p} value={p}>
              {PRESET_REQUESTS[p].label}
            </option>
          ))}
        </select>
      </div>
      <p class="proxy-pg__hint">{PRESET_REQUESTS[state.preset].hint}</p>
      {notices.map((n) => (
        <p key={n.field} class="proxy-pg__notice" role="status">
          {n.message}
        </p>
      ))}

      <label for={`${id}-config`}>nginx config</label>
      <div class="proxy-pg__editor">
        <pre class="proxy-pg__gutter" aria-hidden="true">
          {Array.from({ length: Math.min(lines, 2000) }, (_, i) => `${i + 1}\n`).join('')}
        </pre>
        <textarea
          id={`${id}-config`}
          rows={Math.min(Math.max(lines, 8), 30)}
          spellcheck={false}
          autocomplete="off"
          wrap="off"
          value={config}
          aria-invalid={invalid}
          aria-describedby={invalid ? `${id}-config-error` : undefined}
          onInput={(e) => editConfig(e.currentTarget.value)}
        />
      </div>
      <div class="proxy-pg__row">
        <button type="button" onClick={download}>
          Download config
        </button>
        <label class="proxy-pg__upload">
          Upload config <input type="file" accept=".conf,text/plain" onChange={upload} />
        </label>
      </div>
      {linkNote !== null && (
        <p class="proxy-pg__notice" role="status">
          {linkNote}
        </p>
      )}

      <fieldset class="proxy-pg__request">
        <legend>Request</legend>
        <label>
          Host <input value={state.host} onInput={field('host')} spellcheck={false} />
        </label>
        <label>
          Path and query <input value={state.path} onInput={field('path')} spellcheck={false} />
        </label>
        <label>
          Client address <input value={state.client} onInput={field('client')} spellcheck={false} inputMode="decimal" />
        </label>
        <label>
          Traffic
          <select
            value={state.mode}
            onChange={(e) => change({ ...state, mode: e.currentTarget.value as ProxyState['mode'] }, 'choose')}
          >
            {MODES.map((m) => (
              <option key={m} value={m}>
                {MODE_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      {live === null || view === null ? (
        props.children
      ) : (
        <live.Results
          id={id}
          headingLevel={props.headingLevel}
          view={view}
          failed={input.failed}
          hundred={hundred}
          onToggleFailed={toggleFailed}
          onSend={send}
        />
      )}
    </section>
  );
}
