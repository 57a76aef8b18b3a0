/**
 * The packet anatomy island: pick a scenario, step through its frames, see the layers as coloured bands over a
 * hex + ASCII dump, focus a field (table row or byte) to highlight its bytes, edit a field and watch checksums
 * follow, download the frames as a pcap, or paste hex / open a pcap. All logic is in src/lib/packet(-playground).
 */
import type { TargetedEvent } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
// Module imports, not barrels. The first download holds no decoder: every scenario's frames come built, as hex, and
// the first frame decoded (`first`); the decoder, editing, hex and pcap input and output and the builder of the
// "your choice" scenario load after hydration (`Tools`).
import { formatCount } from '../../lib/format/index.ts';
import { parseHex, toHex } from '../../lib/packet/bytes.ts';
import type { Decoded, Field } from '../../lib/packet/types.ts';
import { PLAYGROUND_SCENARIOS } from '../../lib/packet-playground/scenario-list.ts';
import { TRANSFER_BYTES, transferFromState } from '../../lib/packet-playground/transfer.ts';
import { PACKET_CODEC, type PacketPlaygroundState, packetIndex } from '../../lib/packet-playground/url.ts';
import { fieldBytes, hexRows } from '../../lib/packet-playground/view.ts';
import { type IslandProps, type Packed, unpack } from '../../lib/playground/island.ts';
import { HydrateLater } from '../shared/HydrateLater.tsx';
import { useLastGood, useUrlState } from '../shared/hooks.ts';
import { NumberField } from '../shared/NumberField.tsx';
import '../shared/island.css';
import './PacketPlayground.css';

export interface PacketPlaygroundProps extends IslandProps<PacketPlaygroundState> {
  /** Every scenario's frames, built on the server at build time: description and hex of each, by scenario id. */
  readonly scenarios: Packed<ScenarioFrames>;
  /** The first frame of the preset's scenario, decoded on the server: what shows until the decoder has loaded. */
  readonly first: Packed<Decoded>;
}

/** Frames by scenario id, as hex. */
export type ScenarioFrames = Readonly<
  Record<string, readonly { readonly description: string; readonly hex: string }[]>
>;

/** What the controls need beyond the first view, loaded once the island has hydrated. */
type Tools = typeof import('../../lib/packet-playground/tools.ts');
const F = PACKET_CODEC.fields;

interface Packet {
  readonly description: string;
  readonly frame: Uint8Array;
}

/**
 * Frames the reader brought or changed, shown instead of the URL's scenario while that scenario (and its choices)
 * is `key`: `name` is 'pasted' or 'capture' (with their own packet index, not in the URL) or the scenario id
 * (edited frames).
 */
interface Own {
  readonly name: string;
  readonly key: string;
  readonly packets: Packet[];
  readonly index: number;
}

const LAYER_CLASS: Readonly<Record<string, string>> = {
  'Ethernet II': 'l-eth',
  '802.1Q': 'l-eth',
  ARP: 'l-net',
  IPv4: 'l-net',
  IPv6: 'l-net',
  'IPv6 extension': 'l-net',
  ICMP: 'l-tr',
  ICMPv6: 'l-tr',
  UDP: 'l-tr',
  TCP: 'l-tr',
  TLS: 'l-app',
  Payload: 'l-app',
};

function bits(f: Field): string {
  return f.bitOffset === 0 && f.bitLength % 8 === 0
    ? `${f.bitLength / 8} B`
    : `bits ${f.bitOffset}–${f.bitOffset + f.bitLength - 1}`;
}

export function PacketPlayground(props: PacketPlaygroundProps) {
  const id = props.id ?? 'packet-playground';
  const base = useMemo(() => PACKET_CODEC.resolve(props.preset), []);
  const [state, change, notices] = useUrlState(PACKET_CODEC, base, props.syncUrl === true);
  // Hydrated and the tools loaded: controls take effect (browser tests wait for data-live). Until then the island
  // shows what the server rendered (`view` is the base state).
  const [tools, setTools] = useState<Tools | null>(null);
  useEffect(() => {
    void import('../../lib/packet-playground/tools.ts').then(setTools);
  }, []);
  const view = tools === null ? base : state;
  const scenarios = useMemo(() => unpack(props.scenarios), [props.scenarios]);
  const first = useMemo(() => unpack(props.first), [props.first]);
  const framesOf = (name: string): Packet[] =>
    (scenarios[name] ?? []).map((p) => {
      const r = parseHex(p.hex);
      return { description: p.description, frame: r.ok ? r.value : new Uint8Array(0) };
    });
  const choosing = view.scenario === 'mtu';
  const kept = useLastGood(useMemo(() => (choosing ? transferFromState(view) : undefined), [view]));
  const plan = choosing ? kept.value : undefined;
  const mtuError = choosing ? kept.error?.message : undefined;
  // The builder takes over from the server's frames only for the "your choice" scenario: for the others, the frames
  // stay the same objects when the tools arrive, so the frame shown is not decoded and laid out again.
  const builder = plan !== undefined ? tools : null;
  const scenarioFrames = useMemo(
    () => (builder !== null && plan !== undefined ? builder.transferPackets(plan) : framesOf(view.scenario)),
    [view.scenario, builder, plan],
  );
  const key = choosing ? `mtu ${view.ip} ${view.transport} ${view.mtu}` : view.scenario;
  const [own, setOwn] = useState<Own | null>(null);
  const mine = own !== null && own.key === key ? own : null;
  const uploaded = mine !== null && mine.name !== view.scenario;
  const scenario = mine?.name ?? view.scenario;
  const packets = mine?.packets ?? scenarioFrames;
  const index = uploaded ? mine.index : packetIndex(view.packet, packets.length);
  const [focus, setFocus] = useState(-1);
  const [error, setError] = useState('');
  const [hexText, setHexText] = useState('');
  const current = packets[Math.min(index, packets.length - 1)] ?? { description: '', frame: new Uint8Array(0) };
  // `first` is the server's decoding of the first render's frame: it stands for that frame (the same object) after
  // the decoder has loaded too.
  const firstFrame = useRef(current.frame);
  const decoded = useMemo(
    () => (tools === null || current.frame === firstFrame.current ? first : tools.decodeFrame(current.frame)),
    [current.frame, tools, first],
  );
  const rows = useMemo(() => hexRows(current.frame, decoded), [current.frame, decoded]);
  const focused = decoded.fields[focus];
  const [hiStart, hiEnd] = focused ? fieldBytes(focused) : [-1, -1];

  const load = (next: Packet[], name: string) => {
    setOwn({ name, key, packets: next, index: 0 });
    setFocus(-1);
    setError('');
  };
  const choose = (patch: Partial<PacketPlaygroundState>, kind: 'type' | 'choose') => {
    setOwn(null);
    setFocus(-1);
    setError('');
    change({ ...state, packet: '1', ...patch }, kind);
  };
  const step = (to: number) => {
    setFocus(-1);
    if (uploaded) setOwn({ ...mine, index: to });
    else change({ ...state, packet: String(to + 1) }, 'choose');
  };
  const replace = (frame: Uint8Array) =>
    setOwn({ name: scenario, key, packets: packets.map((p, i) => (i === index ? { ...p, frame } : p)), index });
  const transport = decoded.layers.find(
    (l) => ['TCP', 'UDP', 'ICMP', 'ICMPv6'].includes(l.name) && l.checksum !== 'unverified',
  );
  const payloadStart = transport ? transport.offset + transport.length : -1;
  const payloadText = transport ? new TextDecoder().decode(current.frame.subarray(payloadStart)) : '';
  const editPayload = (typed: string) => {
    // A textarea turns CRLF into LF; HTTP/1.1 needs CRLF, so text that had it gets it back.
    const text = payloadText.includes('\r\n') ? typed.replace(/\r?\n/g, '\r\n') : typed;
    if (tools === null) return;
    const r = tools.setPayload(current.frame, new TextEncoder().encode(text));
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setError('');
    replace(r.value);
  };
  const edit = (f: Field, text: string) => {
    if (tools === null) return;
    const r = tools.setField(current.frame, f, text);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setError('');
    replace(r.value);
  };
  const download = () => {
    if (tools === null) return;
    const file = tools.writePcap(packets.map((p, i) => ({ timeMicros: Date.now() * 1000 + i * 1000, data: p.frame })));
    const url = URL.createObjectURL(new Blob([file.buffer as ArrayBuffer], { type: 'application/vnd.tcpdump.pcap' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${scenario}.pcap`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const openFile = async (e: TargetedEvent<HTMLInputElement>) => {
    const file = e.currentTarget.files?.[0];
    if (!file || tools === null) return;
    if (file.size > 16 * 1024 * 1024) {
      setError(`${file.name} is ${file.size} bytes; open a capture of at most 16 MiB`);
      return;
    }
    const r = tools.loadFrames(new Uint8Array(await file.arrayBuffer()));
    if (r.ok)
      load(
        r.value.map((frame, i) => ({ description: `${file.name}, packet ${i + 1}`, frame })),
        'capture',
      );
    else setError(`${file.name}: ${r.error.message}`);
  };

  return (
    <section
      class="pj-island pp not-content"
      aria-label={props.label ?? 'Packet anatomy playground'}
      data-live={tools === null ? undefined : ''}
    >
      {notices.length > 0 ? (
        <p class="pj-notice" role="status">
          {notices.map((n) => n.message).join(' ')}
        </p>
      ) : null}
      <div class="pp-controls">
        <label>
          Scenario{' '}
          <select
            value={scenario}
            onChange={(e) => choose({ scenario: e.currentTarget.value as PacketPlaygroundState['scenario'] }, 'choose')}
          >
            {PLAYGROUND_SCENARIOS.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
            {scenario === 'pasted' || scenario === 'capture' ? (
              <option value={scenario}>Your {scenario === 'pasted' ? 'hex' : 'capture'}</option>
            ) : null}
          </select>
        </label>
        <fieldset class="pp-step">
          <legend class="sr-only">Packet</legend>
          <button type="button" disabled={index === 0} onClick={() => step(index - 1)}>
            Previous packet
          </button>
          <span aria-live="polite">
            Packet {index + 1} of {packets.length}: {current.description}
          </span>
          <button type="button" disabled={index >= packets.length - 1} onClick={() => step(index + 1)}>
            Next packet
          </button>
        </fieldset>
      </div>
      {choosing ? (
        <fieldset class="pp-choice">
          <legend>Send {formatCount(TRANSFER_BYTES)} bytes</legend>
          <label>
            {F.ip.label}{' '}
            <select value={view.ip} onChange={(e) => choose({ ip: e.currentTarget.value as '4' | '6' }, 'choose')}>
              {F.ip.values.map((v) => (
                <option key={v} value={v}>
                  {F.ip.describe(v)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {F.transport.label}{' '}
            <select
              value={view.transport}
              onChange={(e) => choose({ transport: e.currentTarget.value as 'tcp' | 'udp' }, 'choose')}
            >
              {F.transport.values.map((v) => (
                <option key={v} value={v}>
                  {F.transport.describe(v)}
                </option>
              ))}
            </select>
          </label>
          <NumberField
            id={`${id}-mtu`}
            field={F.mtu}
            value={view.mtu}
            error={mtuError}
            onInput={(text) => choose({ mtu: text }, 'type')}
          />
          {plan ? (
            <ul class="pp-plan" aria-label="What the MTU does" aria-live="polite">
              {plan.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : null}
        </fieldset>
      ) : null}

      <ol class="pp-layers" aria-label="Layers">
        {decoded.layers.map((l) => (
          <li key={`${l.name}-${l.offset}`} class={LAYER_CLASS[l.name] ?? ''}>
            <strong>{l.name}</strong> <span>{l.summary}</span>
            {l.checksum ? <span class="pp-sum"> · checksum {l.checksum}</span> : null}
          </li>
        ))}
      </ol>

      <HydrateLater class="pp-hex" aria-hidden="true">
        {rows.map((r) => (
          <div key={r.offset} class="pp-row">
            <span class="pp-off">{r.offset}</span>
            <span class="pp-bytes">
              {r.cells.map((c) => (
                // biome-ignore lint/a11y/noStaticElementInteractions: a pointer shortcut only; the table below is the keyboard and screen-reader path to every field
                <span
                  key={c.offset}
                  class={`${LAYER_CLASS[decoded.layers[c.layer]?.name ?? ''] ?? ''}${c.offset >= hiStart && c.offset < hiEnd ? ' hi' : ''}`}
                  onMouseEnter={() => setFocus(c.field)}
                >
                  {c.hex}
                </span>
              ))}
            </span>
            <span class="pp-ascii">{r.cells.map((c) => c.ascii).join('')}</span>
          </div>
        ))}
      </HydrateLater>
      <p class="pp-focus" aria-live="polite">
        {focused
          ? `${focused.layer} · ${focused.name}: ${focused.value}${focused.meaning ? ` (${focused.meaning})` : ''} — bytes ${hiStart}–${hiEnd - 1}`
          : 'Hover a byte or focus a row of the table to see its field.'}
      </p>
      {decoded.problems.length > 0 ? (
        <ul class="pp-problems" aria-label="Problems">
          {decoded.problems.map((p) => (
            <li key={`${p.code}-${p.offset}`}>{p.message}</li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p class="pp-error" role="alert">
          {error}
        </p>
      ) : null}

      {transport && !decoded.layers.some((l) => l.name === 'TLS') ? (
        <label class="pp-paste">
          Payload text ({current.frame.length - payloadStart} bytes; lengths and checksums follow)
          <textarea rows={3} value={payloadText} onChange={(e) => editPayload(e.currentTarget.value)} />
        </label>
      ) : null}

      <HydrateLater class="pp-table-wrap">
        <table class="pp-table">
          <caption>
            Byte map of packet {index + 1}: {current.frame.length} bytes
          </caption>
          <thead>
            <tr>
              <th scope="col">Offset</th>
              <th scope="col">Size</th>
              <th scope="col">Layer</th>
              <th scope="col">Field</th>
              <th scope="col">Value</th>
              <th scope="col">Meaning</th>
            </tr>
          </thead>
          <tbody>
            {decoded.fields.map((f, i) => (
              <tr
                key={`${f.offset}-${f.bitOffset}-${f.name}`}
                class={i === focus ? 'hi' : ''}
                onMouseEnter={() => setFocus(i)}
                onFocusIn={() => setFocus(i)}
              >
                <td>{f.offset}</td>
                <td>{bits(f)}</td>
                <td>{f.layer}</td>
                <th scope="row">{f.name}</th>
                <td>
                  {f.layer !== 'Payload' &&
                  f.layer !== 'TLS' &&
                  (typeof f.value === 'number' || f.bitLength === 32 || f.bitLength === 48 || f.bitLength === 128) ? (
                    <input
                      id={`${id}-f${i}`}
                      aria-label={`${f.layer} ${f.name}`}
                      value={String(f.value)}
                      size={Math.min(24, String(f.value).length + 2)}
                      onChange={(e) => edit(f, e.currentTarget.value)}
                    />
                  ) : (
                    <code>{String(f.value)}</code>
                  )}
                </td>
                <td>{f.meaning}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </HydrateLater>

      <div class="pp-io">
        <button type="button" onClick={download}>
          Download pcap
        </button>
        <label>
          Open a pcap <input type="file" accept=".pcap,.cap" onChange={openFile} />
        </label>
        <label class="pp-paste">
          Paste a frame as hex
          <textarea
            rows={2}
            value={hexText}
            onInput={(e) => setHexText(e.currentTarget.value)}
            placeholder={toHex(current.frame, 0, 14, ' ')}
          />
        </label>
        <button
          type="button"
          onClick={() => {
            if (tools === null) return;
            const r = tools.loadFrames(hexText);
            if (r.ok)
              load(
                r.value.map((frame) => ({ description: 'pasted frame', frame })),
                'pasted',
              );
            else setError(r.error.message);
          }}
        >
          Decode hex
        </button>
      </div>
    </section>
  );
}
