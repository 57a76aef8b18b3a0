/**
 * dig's text → typed messages: the output `dig` (BIND 9.18) prints for a lookup, pasted back in. It reads the
 * `;; ->>HEADER<<-` and `;; flags:` lines, the OPT pseudo-section (EDNS version, flags, UDP size, COOKIE/NSID and
 * `OPT=<n>` options as hex), the question line and the records of each section (the record data through the
 * zone-file parser, which reads the same presentation format, plus RFC 3597's `\# <length> <hex>`), and the footer
 * (query time, server, message size). `dig +qr` prints the query before the reply: every message is returned, in
 * order.
 *
 * What it cannot know, because dig does not print it: the position of the OPT record in the additional section
 * (placed last, where servers put it), the header's Z bit (0) and the case of names (lower-cased). Sections dig
 * hid (`+noall`, `+noauthority`…) are refused rather than guessed: the header's counts must match the records.
 *
 * Bounded: at most 300,000 characters, 20,000 lines and 64 messages; one pass over the lines, each line read once.
 * Every error names the line and column and quotes the text; nothing throws.
 */
import { CLASSES, OPCODES, RCODES, typeValue } from './constants.ts';
import { optRecord } from './encode.ts';
import { canonicalName } from './name.ts';
import type { Edns, EdnsOption, HeaderFlags, Message, Question, ResourceRecord } from './types.ts';
import { parseZoneFile } from './zone-file.ts';

export const MAX_DIG_CHARS = 300_000;
export const MAX_DIG_LINES = 20_000;
export const MAX_DIG_MESSAGES = 64;

export type DigTextErrorCode =
  | 'too-large'
  | 'no-header'
  | 'bad-header'
  | 'bad-flags'
  | 'bad-edns'
  | 'bad-question'
  | 'bad-record'
  | 'outside-message'
  | 'count-mismatch';

export interface DigTextError {
  readonly code: DigTextErrorCode;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** One message of the pasted output, with what dig printed around it. */
export interface DigMessage {
  readonly message: Message;
  /** Line of its `;; ->>HEADER<<-`. */
  readonly line: number;
  /** `;; Sending:` (dig +qr) or a reply. */
  readonly direction: 'sent' | 'received';
  /** `;; SERVER: 127.0.0.1#53(127.0.0.1) (UDP)` → '127.0.0.1#53(127.0.0.1) (UDP)'. */
  readonly server?: string;
  readonly queryTimeMs?: number;
  /** `;; MSG SIZE  rcvd:` or `;; QUERY SIZE:` (octets on the wire). */
  readonly size?: number;
}

export type DigTextResult =
  | { readonly ok: true; readonly value: readonly DigMessage[] }
  | { readonly ok: false; readonly error: DigTextError };

const SECTIONS = ['QUESTION', 'ANSWER', 'AUTHORITY', 'ADDITIONAL'] as const;
type Section = (typeof SECTIONS)[number] | 'OPT';

function quoted(text: string): string {
  return `'${text.length > 60 ? `${text.slice(0, 60)}…` : text}'`;
}

function fail(code: DigTextErrorCode, line: number, column: number, message: string): DigTextResult {
  return { ok: false, error: { code, line, column, message: `Line ${line}, column ${column}: ${message}` } };
}

/** A message being read: what its header lines said and the records seen so far. */
interface Builder {
  readonly line: number;
  readonly direction: 'sent' | 'received';
  readonly id: number;
  readonly opcode: number;
  readonly rcode: number;
  flags?: { readonly line: number; readonly set: ReadonlySet<string>; readonly counts: readonly number[] };
  edns?: { version: number; dnssecOk: boolean; flags: number; udp: number; options: EdnsOption[] };
  section?: Section;
  readonly seen: Set<Section>;
  readonly questions: Question[];
  readonly records: Record<'ANSWER' | 'AUTHORITY' | 'ADDITIONAL', ResourceRecord[]>;
  server?: string;
  queryTimeMs?: number;
  size?: number;
}

const HEADER = /^;; ->>HEADER<<- opcode: ([A-Z0-9]+), status: ([A-Z0-9]+), id: (\d{1,5})$/;
const FLAGS = /^;; flags:([a-z ]*); QUERY: (\d{1,5}), ANSWER: (\d{1,5}), AUTHORITY: (\d{1,5}), ADDITIONAL: (\d{1,5})$/;
const EDNS = /^; EDNS: version: (\d{1,3}), flags:([a-z ]*);(?: MBZ: 0x([0-9a-fA-F]{4}),)? udp: (\d{1,5})$/;
const FLAG_NAMES = new Set(['qr', 'aa', 'tc', 'rd', 'ra', 'ad', 'cd']);

function mnemonic(rows: readonly { value: number; name: string }[], prefix: string, text: string): number | undefined {
  const row = rows.find((r) => r.name === text);
  if (row !== undefined) return row.value;
  const m = new RegExp(`^${prefix}(\\d{1,4})$`).exec(text);
  return m === null || Number(m[1]) > 4095 ? undefined : Number(m[1]);
}

/** `; COOKIE: 0123abcd… (good)`, `; NSID: 6e73 ("ns")`, `; OPT=65001: 0102 ("..")` → an option, or undefined. */
function ednsOption(text: string): EdnsOption | undefined {
  const m = /^; (COOKIE|NSID|OPT=(\d{1,5})): ([0-9a-fA-F ]*)/.exec(text);
  if (m === null) return undefined;
  const code = m[1] === 'COOKIE' ? 10 : m[1] === 'NSID' ? 3 : Number(m[2]);
  const hex = (m[3] as string).replace(/ /g, '');
  if (code > 0xffff || hex.length % 2 === 1) return undefined;
  const data = new Uint8Array(hex.length / 2);
  for (let i = 0; i < data.length; i++) data[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return { code, data };
}

/** One record line of a section: the zone-file parser reads dig's presentation form; `\#` data is read here. */
function recordLine(text: string, line: number, column: number): ResourceRecord | DigTextResult {
  const fields = text.split(/\s+/);
  const [owner, ttl, klass, type, generic, length, ...hex] = fields;
  if (generic === '\\#') {
    const name = canonicalName(owner ?? '');
    const t = typeValue(type ?? '');
    const c = mnemonic(CLASSES, 'CLASS', klass ?? '');
    const data = hex.join('');
    if (
      name === undefined ||
      t === undefined ||
      c === undefined ||
      !/^\d{1,10}$/.test(ttl ?? '') ||
      !/^\d{1,5}$/.test(length ?? '') ||
      !/^([0-9a-fA-F]{2})*$/.test(data) ||
      data.length !== 2 * Number(length)
    )
      return fail(
        'bad-record',
        line,
        column,
        `${quoted(text)} is not a record with RFC 3597 data ('\\# <length> <hex>').`,
      );
    const bytes = new Uint8Array(data.length / 2);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(data.slice(2 * i, 2 * i + 2), 16);
    return { name, type: t, class: c, ttl: Number(ttl), data: { kind: 'unknown', data: bytes } };
  }
  const parsed = parseZoneFile(text, '.');
  if (!parsed.ok) {
    const detail = parsed.error.message.replace(/^Line \d+, column \d+: /, '');
    return fail(
      'bad-record',
      line,
      parsed.error.column + column - 1,
      `${detail.replace(/\.$/, '')}, in ${quoted(text)}.`,
    );
  }
  const record = parsed.value[0];
  if (record === undefined || parsed.value.length > 1 || !/^\S+\s+\d/.test(text))
    return fail(
      'bad-record',
      line,
      column,
      `${quoted(text)} is not one record as dig prints it (name, TTL, class, type, data).`,
    );
  return record;
}

/** Checks the header's counts against the records read, and builds the message. */
function finish(b: Builder): DigMessage | DigTextResult {
  if (b.flags === undefined)
    return fail(
      'bad-flags',
      b.line,
      1,
      "the header is not followed by dig's ';; flags: …; QUERY: n, ANSWER: n…' line.",
    );
  const f = b.flags;
  const counts: [Section, number, number][] = [
    ['QUESTION', f.counts[0] as number, b.questions.length],
    ['ANSWER', f.counts[1] as number, b.records.ANSWER.length],
    ['AUTHORITY', f.counts[2] as number, b.records.AUTHORITY.length],
    ['ADDITIONAL', f.counts[3] as number, b.records.ADDITIONAL.length + (b.edns === undefined ? 0 : 1)],
  ];
  for (const [section, said, found] of counts) {
    if (said === found) continue;
    const hidden = !b.seen.has(section) && found === 0;
    return fail(
      'count-mismatch',
      f.line,
      1,
      hidden
        ? `the flags line says ${section}: ${said}, but there is no ';; ${section} SECTION:' (dig's +noall, +noquestion, +noanswer… hide it): paste dig's default output.`
        : `the flags line says ${section}: ${said}, but ${found} ${found === 1 ? 'record was' : 'records were'} found${section === 'ADDITIONAL' && b.edns !== undefined ? ' (the OPT pseudo-record included)' : ''}.`,
    );
  }
  const set = f.set;
  const flags: HeaderFlags = {
    qr: set.has('qr'),
    opcode: b.opcode,
    aa: set.has('aa'),
    tc: set.has('tc'),
    rd: set.has('rd'),
    ra: set.has('ra'),
    z: false,
    ad: set.has('ad'),
    cd: set.has('cd'),
    rcode: b.rcode & 0xf,
  };
  const edns: Edns | undefined =
    b.edns === undefined
      ? undefined
      : {
          udpPayloadSize: b.edns.udp,
          extendedRcode: b.rcode >> 4,
          version: b.edns.version,
          dnssecOk: b.edns.dnssecOk,
          flags: b.edns.flags,
          options: b.edns.options,
        };
  const message: Message = {
    id: b.id,
    flags,
    rcode: b.rcode,
    questions: b.questions,
    answers: b.records.ANSWER,
    authorities: b.records.AUTHORITY,
    additionals: edns === undefined ? b.records.ADDITIONAL : [...b.records.ADDITIONAL, optRecord(edns)],
    ...(edns === undefined ? {} : { edns }),
  };
  return {
    message,
    line: b.line,
    direction: b.direction,
    ...(b.server === undefined ? {} : { server: b.server }),
    ...(b.queryTimeMs === undefined ? {} : { queryTimeMs: b.queryTimeMs }),
    ...(b.size === undefined ? {} : { size: b.size }),
  };
}

const isResult = (x: DigMessage | ResourceRecord | DigTextResult): x is DigTextResult => 'ok' in x;

/**
 * Parses dig's output. One pass, a small state machine per message: the header line opens a message, section
 * titles switch sections, comment lines are read when they are known (footer, EDNS) and skipped otherwise.
 * Longer than 80 lines because each branch is one line kind dig prints, and reads best in one place.
 */
export function parseDigText(text: string): DigTextResult {
  if (text.length > MAX_DIG_CHARS)
    return fail(
      'too-large',
      1,
      1,
      `the text is ${text.length} characters; dig's output is read up to ${MAX_DIG_CHARS}.`,
    );
  const lines = text.split('\n');
  if (lines.length > MAX_DIG_LINES)
    return fail(
      'too-large',
      MAX_DIG_LINES + 1,
      1,
      `the text has ${lines.length} lines; the limit is ${MAX_DIG_LINES}.`,
    );
  const messages: DigMessage[] = [];
  let current: Builder | undefined;
  let direction: 'sent' | 'received' = 'received';
  const close = (): DigTextResult | undefined => {
    if (current === undefined) return undefined;
    const done = finish(current);
    current = undefined;
    if (isResult(done)) return done;
    messages.push(done);
    return undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const raw = (lines[i] as string).replace(/\r$/, '');
    const line = raw.trim();
    const column = raw.length - raw.trimStart().length + 1;
    if (line === '') continue;
    if (line === ';; Sending:') direction = 'sent';
    else if (line === ';; Got answer:') direction = 'received';
    else if (line.startsWith(';; ->>HEADER<<-')) {
      const failed = close();
      if (failed !== undefined) return failed;
      if (messages.length >= MAX_DIG_MESSAGES)
        return fail('too-large', n, column, `more than ${MAX_DIG_MESSAGES} messages; paste fewer.`);
      const m = HEADER.exec(line);
      const opcode = m === null ? undefined : mnemonic(OPCODES, 'OPCODE', m[1] as string);
      const rcode = m === null ? undefined : mnemonic(RCODES, 'RCODE', m[2] as string);
      if (m === null || opcode === undefined || opcode > 15 || rcode === undefined || Number(m[3]) > 0xffff)
        return fail(
          'bad-header',
          n,
          column,
          `${quoted(line)} is not dig's header line (';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 4242').`,
        );
      current = {
        line: n,
        direction,
        id: Number(m[3]),
        opcode,
        rcode,
        seen: new Set(),
        questions: [],
        records: { ANSWER: [], AUTHORITY: [], ADDITIONAL: [] },
      };
      direction = 'received';
    } else if (current === undefined) {
      if (line.startsWith(';')) continue;
      return fail(
        'outside-message',
        n,
        column,
        `${quoted(line)} comes before any ';; ->>HEADER<<-' line: paste dig's full output (not +short, +trace or +noall), from its header on.`,
      );
    } else if (line.startsWith(';; flags:')) {
      const m = FLAGS.exec(line);
      const set = new Set(
        (m?.[1] ?? '')
          .trim()
          .split(' ')
          .filter((x) => x !== ''),
      );
      const unknown = [...set].find((x) => !FLAG_NAMES.has(x));
      if (m === null || unknown !== undefined || current.flags !== undefined)
        return fail(
          'bad-flags',
          n,
          column,
          unknown === undefined
            ? `${quoted(line)} is not dig's flags line (';; flags: qr rd ra; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1').`
            : `${quoted(unknown)} in ${quoted(line)} is not a header flag (qr, aa, tc, rd, ra, ad, cd).`,
        );
      current.flags = { line: n, set, counts: m.slice(2, 6).map(Number) };
    } else if (line === ';; OPT PSEUDOSECTION:') {
      current.section = 'OPT';
    } else if (/^;; [A-Z]+ SECTION:$/.test(line)) {
      const name = line.slice(3, -9) as Section;
      if (!(SECTIONS as readonly string[]).includes(name) || current.seen.has(name))
        return fail('bad-header', n, column, `${quoted(line)} is not a section dig prints once per message.`);
      current.section = name;
      current.seen.add(name);
    } else if (current.section === 'OPT' && line.startsWith('; EDNS:')) {
      const m = EDNS.exec(line);
      const flags = (m?.[2] ?? '').trim();
      if (m === null || (flags !== '' && flags !== 'do') || current.edns !== undefined)
        return fail(
          'bad-edns',
          n,
          column,
          `${quoted(line)} is not dig's EDNS line ('; EDNS: version: 0, flags:; udp: 1232').`,
        );
      current.edns = {
        version: Number(m[1]),
        dnssecOk: flags === 'do',
        flags: m[3] === undefined ? 0 : Number.parseInt(m[3], 16) & 0x7fff,
        udp: Number(m[4]),
        options: [],
      };
    } else if (current.section === 'OPT' && current.edns !== undefined && ednsOption(line) !== undefined) {
      current.edns.options.push(ednsOption(line) as EdnsOption);
    } else if (current.section === 'QUESTION' && line.startsWith(';') && !line.startsWith(';;')) {
      const [owner, klass, type, extra] = line.slice(1).split(/\s+/);
      const name = canonicalName(owner ?? '');
      const c = mnemonic(CLASSES, 'CLASS', klass ?? '');
      const t = typeValue(type ?? '');
      if (name === undefined || c === undefined || t === undefined || extra !== undefined)
        return fail(
          'bad-question',
          n,
          column,
          `${quoted(line)} is not a question line (';www.example.com. IN A'): ${name === undefined ? 'the name is not a domain name' : c === undefined ? `${quoted(klass ?? '')} is not a class` : t === undefined ? `${quoted(type ?? '')} is not a record type` : 'there is text after the type'}.`,
        );
      current.questions.push({ name, type: t, class: c });
    } else if (line.startsWith(';')) {
      const footer =
        /^;; (?:Query time: (\d{1,9}) msec|SERVER: (.{1,200})|MSG SIZE {2}rcvd: (\d{1,5})|QUERY SIZE: (\d{1,5}))$/.exec(
          line,
        );
      if (footer?.[1] !== undefined) current.queryTimeMs = Number(footer[1]);
      if (footer?.[2] !== undefined) current.server = footer[2];
      if (footer?.[3] !== undefined || footer?.[4] !== undefined) current.size = Number(footer[3] ?? footer[4]);
    } else {
      const section = current.section;
      if (section !== 'ANSWER' && section !== 'AUTHORITY' && section !== 'ADDITIONAL')
        return fail(
          'outside-message',
          n,
          column,
          `${quoted(line)} is a record outside an answer, authority or additional section.`,
        );
      const record = recordLine(line, n, column);
      if (isResult(record)) return record;
      current.records[section].push(record);
    }
  }
  const failed = close();
  if (failed !== undefined) return failed;
  if (messages.length === 0)
    return fail(
      'no-header',
      1,
      1,
      "no ';; ->>HEADER<<-' line: paste the text dig prints for a lookup (its default output).",
    );
  return { ok: true, value: messages };
}
