/**
 * The "Build your own" editor of the NAT playground: three texts (hosts, port forwards, packets), each with its
 * syntax hint and its error line. Loaded by the island on first use, with the parser it hands back
 * (`parseCustom`), so neither is in the first download.
 */
import { CUSTOM_LIMITS, CUSTOM_NETWORK, NAT_CODEC } from '../../lib/nat-playground/index.ts';

export { parseCustom } from '../../lib/nat-playground/custom.ts';

type EditorKey = 'hosts' | 'forwards' | 'packets';
const EDITOR_HINTS: Record<EditorKey, string> = {
  hosts: `One a line: name=address on 192.168.1.0/24, e.g. nas=192.168.1.30 (at most ${CUSTOM_LIMITS.hosts}).`,
  forwards: `One a line: protocol external-port(s)=host[:port], e.g. udp 27015=nas or tcp 8080-8081=nas:80 (at most ${CUSTOM_LIMITS.forwards}).`,
  packets: `One a line: from:port>to:port udp|tcp [SYN|SYN-ACK|ACK|FIN|RST], reply N [flag], or wait seconds. Outside hosts use documentation addresses (198.51.100.x …); the router's public address is ${CUSTOM_NETWORK.routerWan} (at most ${CUSTOM_LIMITS.packets}).`,
};

/** One text of the network editor: label, syntax hint, the text as typed, and its error line. */
function EditorField(props: {
  id: string;
  name: EditorKey;
  value: string;
  error: string | undefined;
  rows: number;
  onInput: (text: string) => void;
}) {
  const { id, name, error } = props;
  const fid = `${id}-${name}`;
  return (
    <div class={`pj-field nat-editor-field${error === undefined ? '' : ' pj-field--invalid'}`}>
      <label for={fid} class="pj-label">
        {NAT_CODEC.fields[name].label}
      </label>
      <span id={`${fid}-hint`} class="pj-hint">
        {EDITOR_HINTS[name]}
      </span>
      <textarea
        id={fid}
        rows={props.rows}
        value={props.value}
        spellcheck={false}
        autocomplete="off"
        aria-invalid={error === undefined ? undefined : 'true'}
        aria-describedby={`${fid}-hint ${fid}-error`}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      <p id={`${fid}-error`} class="pj-error" aria-live="polite">
        {error ?? ''}
      </p>
    </div>
  );
}

/** The editor's fieldset. */
export function NatEditor(props: {
  id: string;
  texts: Readonly<Record<EditorKey, string>>;
  errors: Readonly<Record<EditorKey, string | undefined>>;
  onInput: (name: EditorKey, text: string) => void;
}) {
  const field = (name: EditorKey, rows: number) => (
    <EditorField
      id={props.id}
      name={name}
      rows={rows}
      value={props.texts[name]}
      error={props.errors[name]}
      onInput={(text) => props.onInput(name, text)}
    />
  );
  return (
    <fieldset class="nat-editor">
      <legend>Your network</legend>
      {field('hosts', 3)}
      {field('forwards', 2)}
      {field('packets', 6)}
    </fieldset>
  );
}
