/**
 * The proxy playground's results: the positioned config error, the decision trace, what the backend receives, the
 * flow diagram, the L4/L7 table, the failed-backend toggles and "send 100 requests". The Astro wrapper renders it at
 * build time (no JS); the island loads it with the model after hydration and renders it live.
 */
import { useMemo } from 'preact/hooks';
import type { Distribution } from '../../lib/proxy-playground/hundred.ts';
import { flowScene, type PlaygroundView } from '../../lib/proxy-playground/view.ts';
import { Scene } from '../diagrams/Scene.tsx';

type Heading = 'h2' | 'h3' | 'h4';

export interface ResultsProps {
  readonly id: string;
  readonly headingLevel?: 2 | 3 | 4 | undefined;
  readonly view: PlaygroundView;
  readonly failed: readonly string[];
  readonly hundred: Distribution | null;
  readonly onToggleFailed?: ((backend: string, on: boolean) => void) | undefined;
  readonly onSend?: (() => void) | undefined;
}

/** Everything computed from the inputs; rendered statically at build time and live once the model has loaded. */
export function Results(props: ResultsProps) {
  const { id, view } = props;
  const H = `h${props.headingLevel ?? 3}` as Heading;
  const http = view.http;
  const o = http?.outcome;
  const flow = useMemo(() => (view.flow === null ? null : flowScene(view.flow)), [view.flow]);
  const error = view.config.ok ? null : view.config.error;
  return (
    <div class="proxy-pg__results">
      {error !== null && (
        <p id={`${id}-config-error`} class="proxy-pg__error" role="alert">
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
      {view.requestError !== null && (
        <p class="proxy-pg__error" role="alert">
          {view.requestError}
        </p>
      )}
      {flow !== null && (
        <section
          class="proxy-pg__flow dg-scroll"
          aria-label="Flow diagram"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard (WCAG 2.1.1)
          tabIndex={0}
        >
          <Scene scene={flow.scene} title={flow.title} id={`${id}-flow`} />
        </section>
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
      {view.backends.length > 0 && (
        <fieldset class="proxy-pg__backends">
          <legend>Mark a backend failed (it refuses connections)</legend>
          {view.backends.map((b) => (
            <label key={b}>
              <input
                type="checkbox"
                checked={props.failed.includes(b)}
                onChange={(e) => props.onToggleFailed?.(b, e.currentTarget.checked)}
              />{' '}
              {b}
            </label>
          ))}
        </fieldset>
      )}
      <button type="button" disabled={!view.config.ok || view.requestError !== null} onClick={() => props.onSend?.()}>
        Send 100 requests
      </button>
      {props.hundred !== null && <Hundred H={H} d={props.hundred} />}
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
