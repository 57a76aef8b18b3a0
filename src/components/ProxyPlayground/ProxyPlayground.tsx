/**
 * The proxy and load-balancer playground island. State: the URL fields of PROXY_CODEC (preset, request, traffic
 * mode, failed backends; via the toolkit's useUrlState) plus the config text, which travels compressed in its own
 * `cfg` parameter (decoded asynchronously after hydration) and the last "send 100 requests" result. Everything shown
 * comes from src/lib/proxy-playground; the flow diagram is laid out by src/lib/diagram like the static ones.
 */
import type { TargetedEvent } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { layoutFlow, renderSvg } from '../../lib/diagram/index.ts';
import type { IslandProps } from '../../lib/playground/index.ts';
import {
  buildView,
  type Distribution,
  decodeConfig,
  encodeConfig,
  MODE_LABELS,
  MODES,
  PRESET_IDS,
  PRESETS,
  PROXY_CODEC,
  type PresetId,
  type ProxyState,
  sendHundred,
  stateToInput,
} from '../../lib/proxy-playground/index.ts';
import { useUrlState } from '../shared/hooks.ts';
import '../diagrams/diagram.css';
import '../shared/island.css';
import './ProxyPlayground.css';

type Heading = 'h2' | 'h3' | 'h4';

/** Writes (or removes) the `cfg` parameter without touching the others. */
function writeConfigParam(value: string | null): void {
  const url = new URL(window.location.href);
  if (value === null) url.searchParams.delete('cfg');
  else url.searchParams.set('cfg', value);
  if (url.href !== window.location.href) window.history.replaceState(window.history.state, '', url.href);
}

export function ProxyPlayground(props: IslandProps<ProxyState>) {
  const id = props.id ?? 'proxy';
  const H = `h${props.headingLevel ?? 3}` as Heading;
  const base = useMemo(() => PROXY_CODEC.resolve(props.preset, PROXY_CODEC.decode('').state), []);
  const [state, change, notices] = useUrlState(PROXY_CODEC, base, props.syncUrl === true);
  const [config, setConfig] = useState(PRESETS[base.preset].config);
  const [linkNote, setLinkNote] = useState<string | null>(null);
  const [hundred, setHundred] = useState<Distribution | null>(null);
  const editedRef = useRef(false);

  // After hydration: a config from the link replaces the preset's.
  useEffect(() => {
    if (props.syncUrl !== true) return;
    const param = new URLSearchParams(window.location.search).get('cfg');
    if (param === null) {
      setConfig(PRESETS[PROXY_CODEC.decode(window.location.search, base).state.preset].config);
      return;
    }
    void decodeConfig(param).then((r) => {
      if (r.ok) {
        editedRef.current = true;
        setConfig(r.value);
      } else setLinkNote(r.error.message);
    });
  }, []);

  // A config the reader edited goes into the link (compressed) unless it is too long for one.
  useEffect(() => {
    if (props.syncUrl !== true || !editedRef.current) return;
    let stale = false;
    const timer = setTimeout(() => {
      void encodeConfig(config).then((r) => {
        if (stale) return;
        writeConfigParam(r.ok ? r.value : null);
        setLinkNote(r.ok ? null : r.error.message);
      });
    }, 300);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [config]);

  const input = stateToInput(state, config);
  const view = useMemo(() => buildView(input), [state, config]);
  useEffect(() => setHundred(null), [state, config]);

  const pickPreset = (e: TargetedEvent<HTMLSelectElement>) => {
    const preset = e.currentTarget.value as PresetId;
    const p = PRESETS[preset];
    editedRef.current = false;
    if (props.syncUrl === true) writeConfigParam(null);
    setConfig(p.config);
    setLinkNote(null);
    change({ ...state, preset, host: p.host, path: p.path, client: p.client, mode: p.mode, failed: '' }, 'choose');
  };
  const editConfig = (text: string) => {
    editedRef.current = true;
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

  const error = view.config.ok ? null : view.config.error;
  const lines = config.split('\n').length;
  const errId = `${id}-config-error`;
  return (
    <section class="pj-island proxy-pg" aria-label={props.label ?? 'Proxy and load-balancer playground'}>
      <div class="proxy-pg__row">
        <label for={`${id}-preset`}>Example</label>
        <select id={`${id}-preset`} value={state.preset} onChange={pickPreset}>
          {PRESET_IDS.map((p) => (
            <option key={p} value={p}>
              {PRESETS[p].label}
            </option>
          ))}
        </select>
      </div>
      <p class="proxy-pg__hint">{PRESETS[state.preset].hint}</p>
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
          aria-invalid={error !== null}
          aria-describedby={error !== null ? errId : undefined}
          onInput={(e) => editConfig(e.currentTarget.value)}
        />
      </div>
      {error !== null && (
        <p id={errId} class="proxy-pg__error" role="alert">
          Line {error.position.line}, column {error.position.column}: {error.message.replace(/^\d+:\d+: /, '')}
        </p>
      )}
      {view.config.ok && view.config.value.notes.length > 0 && (
        <ul class="proxy-pg__notes" aria-label="Directives the model does not simulate">
          {view.config.value.notes.map((n) => (
            <li key={n.message}>{n.message}</li>
          ))}
        </ul>
      )}
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
      {view.requestError !== null && (
        <p class="proxy-pg__error" role="alert">
          {view.requestError}
        </p>
      )}
      <Results id={id} H={H} view={view} />

      {view.backends.length > 0 && (
        <fieldset class="proxy-pg__backends">
          <legend>Mark a backend failed (it refuses connections)</legend>
          {view.backends.map((b) => (
            <label key={b}>
              <input
                type="checkbox"
                checked={input.failed.includes(b)}
                onChange={(e) => toggleFailed(b, e.currentTarget.checked)}
              />{' '}
              {b}
            </label>
          ))}
        </fieldset>
      )}
      <button
        type="button"
        disabled={!view.config.ok || view.requestError !== null}
        onClick={() => view.config.ok && setHundred(sendHundred(input, view.config.value))}
      >
        Send 100 requests
      </button>
      {hundred !== null && <Hundred H={H} d={hundred} />}
    </section>
  );
}

function Results({ id, H, view }: { id: string; H: Heading; view: ReturnType<typeof buildView> }) {
  const http = view.http;
  const o = http?.outcome;
  const svg = useMemo(() => {
    const f = view.flow;
    if (f === null) return null;
    const scene = layoutFlow({
      nodes: [
        { id: 'c', label: 'Client', sublabel: f.client, col: 0, row: 0, kind: 'client' },
        { id: 'p', label: 'Proxy', sublabel: f.proxy, col: 1, row: 0, kind: 'proxy' },
        { id: 'b', label: f.ok ? 'Backend' : 'Answer', sublabel: f.backend, col: 2, row: 0, kind: 'server' },
      ],
      edges: [
        { from: 'c', to: 'p', label: f.request },
        { from: 'p', to: 'b', label: f.forwarded || ' ', dashed: !f.ok },
      ],
    });
    return renderSvg(scene, { id: `${id}-flow`, title: `Client ${f.client} to proxy to ${f.backend}` });
  }, [view.flow]);
  return (
    <div class="proxy-pg__results">
      {svg !== null && (
        <section
          class="proxy-pg__flow dg-scroll"
          aria-label="Flow diagram"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard (WCAG 2.1.1)
          tabIndex={0}
          dangerouslySetInnerHTML={{ __html: svg }}
        />
      )}
      {http !== null && (
        <>
          <H>Decision trace</H>
          <ol class="proxy-pg__trace">
            {http.trace.map((t, i) => (
              <li key={i}>
                <span class="proxy-pg__stage">{t.stage}</span> {t.text}
              </li>
            ))}
          </ol>
        </>
      )}
      {o?.kind === 'proxy' && (
        <>
          <H>What the backend receives</H>
          <table class="proxy-pg__headers">
            <caption>
              {o.request.method} {o.request.uri} — to {o.pick?.peer?.server.name ?? o.request.upstream}
            </caption>
            <thead>
              <tr>
                <th scope="col">Header</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {o.request.headers.map(([n, v], i) => (
                <tr key={i}>
                  <td>{n}</td>
                  <td>{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {o !== undefined && o.kind !== 'proxy' && (
        <p class="proxy-pg__answer">
          {o.kind === 'return'
            ? `nginx answers ${o.status} itself${o.text === '' ? '' : `: ${o.text}`}`
            : o.kind === 'redirect'
              ? `nginx answers 301 Moved Permanently, Location: ${o.location}`
              : o.kind === 'static'
                ? `Not proxied: ${o.reason}.`
                : o.message}
        </p>
      )}
      {view.stream !== null && (
        <>
          <H>Stream (L4) routing</H>
          <ol class="proxy-pg__trace">
            {view.stream.trace.map((t, i) => (
              <li key={i}>{t}</li>
            ))}
            {view.stream.kind === 'error' && <li>{view.stream.message}</li>}
          </ol>
        </>
      )}
      {view.layers.length > 0 && (
        <>
          <H>What each layer can see</H>
          <table class="proxy-pg__layers">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Value</th>
                <th scope="col">L4 proxy</th>
                <th scope="col">L7 proxy</th>
              </tr>
            </thead>
            <tbody>
              {view.layers.map((f) => (
                <tr key={f.field} title={f.why}>
                  <th scope="row">{f.field}</th>
                  <td>{f.value}</td>
                  <td>{f.l4 ? 'sees it' : 'cannot see'}</td>
                  <td>{f.l7 ? 'sees it' : 'cannot see'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

function Hundred({ H, d }: { H: Heading; d: Distribution }) {
  const max = Math.max(1, ...d.counts.map((c) => c.count));
  const letters = new Map(d.counts.map((c, i) => [c.backend, String.fromCharCode(65 + (i % 26))]));
  return (
    <div class="proxy-pg__hundred">
      <H>{d.sequence.length} requests</H>
      {d.moved !== null && (
        <p>
          {d.moved} of {d.sequence.length} requests went to a different backend than with every backend healthy.
        </p>
      )}
      <ul class="proxy-pg__bars" aria-label="Requests per backend">
        {d.counts.map((c) => (
          <li key={c.backend}>
            <span class="proxy-pg__bar-label">
              {letters.get(c.backend)} · {c.backend}: {c.count}
            </span>
            <span class="proxy-pg__bar" style={{ width: `${(c.count / max) * 100}%` }} aria-hidden="true" />
          </li>
        ))}
      </ul>
      <p class="proxy-pg__sequence">
        <span class="sr-only">In order: </span>
        {d.sequence.map((b) => letters.get(b) ?? '?').join(' ')}
      </p>
    </div>
  );
}
