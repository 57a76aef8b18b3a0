/**
 * Reading and judging answers: one notation-tolerant reader per {@link AnswerKind}, and {@link checkAnswers}, which
 * turns an exercise, the reader's texts and a per-field judge into a {@link Verdict}.
 *
 * ## Readers
 * Every reader takes untrusted text and returns a {@link ReadResult}: `{ ok: true, value }` or `{ ok: false, error:
 * { code: 'empty' | 'unparsable', message } }`. None throws, none loops over more than {@link MAX_ANSWER_LENGTH}
 * characters ({@link MAX_LIST_LENGTH} for a CIDR list): longer text is refused before it is read. Messages quote the
 * input (clipped) and say which notations are accepted. Surrounding white space is ignored everywhere.
 *
 * | kind        | reader            | accepts                                                                  | value |
 * |-------------|-------------------|--------------------------------------------------------------------------|-------|
 * | `ipv4`      | {@link readIpv4}  | `192.0.2.1`                                                              | `Ipv4Address` |
 * | `ipv6`      | {@link readIpv6}  | any valid form: `2001:db8::1`, expanded, upper case, `::ffff:192.0.2.1`   | `Ipv6Address` |
 * | `ip`        | {@link readIp}    | either of the above                                                      | `IpAddress` |
 * | `prefix`    | {@link readPrefix}| `/26`, `26`, `255.255.255.192`, `/255.255.255.192`; a wildcard `0.0.0.63` is read too, with `form: 'hostmask'` so a judge can name that mistake | `{ prefixLength, form }` |
 * | `cidr`      | {@link readCidr}  | `192.0.2.0/26`, `192.0.2.0 255.255.255.192`, `2001:db8::/32` (a prefix is required; host bits are read and flagged) | `{ network, interfaceAddress, hostBitsSet }` |
 * | `cidr-list` | {@link readCidrList} | CIDRs separated by commas, semicolons, spaces or new lines            | `ReadNetwork[]` in typed order |
 * | `count`     | {@link readCount} | `62`, `1,024`, `1 024`, `1_024` (groups of three), an optional trailing word (`62 hosts`) | `number` (safe integer) |
 * | `duration`  | {@link readDuration} | `168`, `168 ms`, `168ms`, `0.168 s`, `0.168s`, `1.50 s`, `250 µs`/`us`  | `number` of milliseconds |
 * | `bytes`     | {@link readBytes} | `1460`, `1460 B`, `1.46 kB`, `1.46 KB` (= 1000), `1.5 KiB` (= 1024), MB/MiB/GB/GiB, `bytes`, `octets` | `number` of bytes |
 * | `choice`    | {@link readChoice}| a choice's value or label, any case                                      | the choice's `value` |
 * | `text`      | {@link readText}  | anything non-blank; trimmed, inner white space collapsed, lower-cased     | `string` |
 *
 * {@link readAnswer} dispatches on an {@link AnswerInput}'s kind and returns an {@link AnswerValue} (a union tagged by
 * `kind`); {@link sameAnswer} compares two of them (durations within `toleranceMs`, default 0.5 ms).
 *
 * ## Verdicts
 * `checkAnswers(exercise, answers, judge?)` reads every input of the exercise: a missing or blank answer is
 * `{ ok: false, mistake: 'empty' }`, an unreadable one `{ ok: false, mistake: 'unparsable', message }` (the reader's
 * message). Otherwise it calls `judge(field)` with the parsed value, the parsed expected answer (`exercise.answer`) and
 * every other parsed field; the judge returns a {@link FieldVerdict} (use {@link right} / {@link mistake}), or
 * `undefined` to fall back to {@link sameAnswer} (right, or `wrong`). Judges may throw only on bugs; a thrown judge is
 * a bug and is not caught.
 */

// From the modules themselves, not the index: a family chunk then carries the parsers, not the whole library.
import { compareAddresses, parseAddress } from '../ip/address.ts';
import type { IpAddress, IpNetwork, Ipv4Address, Ipv6Address } from '../ip/index.ts';
import { parseNetwork, prefixFromMask } from '../ip/network.ts';
import { quote, type Result } from '../playground/result.ts';
import type { AnswerInput, AnswerKind, Exercise, FieldVerdict, MistakeCode, Verdict } from './types.ts';

/** Longest single answer read; longer text is refused unread. */
export const MAX_ANSWER_LENGTH = 1000;
/** Longest CIDR list read. */
export const MAX_LIST_LENGTH = 20_000;
/** Most entries in a CIDR list. */
export const MAX_LIST_ENTRIES = 512;

/** Why an answer could not be read. */
export interface ReadError {
  readonly code: 'empty' | 'unparsable';
  readonly message: string;
}

/** What every reader returns. */
export type ReadResult<T> = Result<T, ReadError>;

/** How a prefix answer was written. */
export type PrefixForm = 'prefix' | 'netmask' | 'hostmask';

/** A prefix answer: the length, and whether it was written `/26`, as a netmask, or as a wildcard (hostmask). */
export interface ReadPrefix {
  readonly prefixLength: number;
  readonly form: PrefixForm;
}

/** A network answer: the network (host bits cleared), the address as typed, and whether host bits were set. */
export interface ReadNetwork {
  readonly network: IpNetwork;
  readonly interfaceAddress: IpAddress;
  readonly hostBitsSet: boolean;
  /** The entry as typed (trimmed), for messages. */
  readonly text: string;
}

/** A parsed answer, tagged by kind. */
export type AnswerValue =
  | { readonly kind: 'ipv4'; readonly address: Ipv4Address }
  | { readonly kind: 'ipv6'; readonly address: Ipv6Address }
  | { readonly kind: 'ip'; readonly address: IpAddress }
  | ({ readonly kind: 'prefix' } & ReadPrefix)
  | ({ readonly kind: 'cidr' } & ReadNetwork)
  | { readonly kind: 'cidr-list'; readonly networks: readonly ReadNetwork[] }
  | { readonly kind: 'count'; readonly value: number }
  | { readonly kind: 'duration'; readonly ms: number }
  | { readonly kind: 'bytes'; readonly bytes: number }
  | { readonly kind: 'choice'; readonly value: string }
  | { readonly kind: 'text'; readonly value: string };

/** The {@link AnswerValue} of one kind. */
export type AnswerValueOf<K extends AnswerKind> = Extract<AnswerValue, { readonly kind: K }>;

const ok = <T>(value: T): ReadResult<T> => ({ ok: true, value });
const fail = <T = never>(code: ReadError['code'], message: string): ReadResult<T> => ({
  ok: false,
  error: { code, message },
});

/** Trimmed text, or a failure for blank / over-long input. `what` names the expected thing ("an IPv4 address"). */
function prepare(text: string, what: string, example: string, max = MAX_ANSWER_LENGTH): ReadResult<string> {
  if (typeof text !== 'string') return fail('empty', `Enter ${what}, e.g. ${example}`);
  if (text.length > max) {
    return fail(
      'unparsable',
      `${quote(text)} is ${text.length} characters long; ${what} is much shorter (e.g. ${example})`,
    );
  }
  const trimmed = text.trim();
  if (trimmed === '') return fail('empty', `Enter ${what}, e.g. ${example}`);
  return ok(trimmed);
}

// ---------------------------------------------------------------------------------------------------------------
// Addresses and networks (parsed by src/lib/ip; these only narrow the family and phrase the message)

/** An IPv4 address (`192.0.2.1`). */
export function readIpv4(text: string): ReadResult<Ipv4Address> {
  const t = prepare(text, 'an IPv4 address', '192.0.2.1');
  if (!t.ok) return t;
  const parsed = parseAddress(t.value);
  if (!parsed.ok)
    return fail('unparsable', `${parsed.error.message} (an IPv4 address is four numbers 0–255, e.g. 192.0.2.1)`);
  if (parsed.value.version !== 4) {
    return fail('unparsable', `${quote(t.value)} is an IPv6 address; this answer is an IPv4 address, e.g. 192.0.2.1`);
  }
  return ok(parsed.value);
}

/** An IPv6 address in any valid form (compressed, expanded, upper case, leading zeros in groups, embedded IPv4). */
export function readIpv6(text: string): ReadResult<Ipv6Address> {
  const t = prepare(text, 'an IPv6 address', '2001:db8::1');
  if (!t.ok) return t;
  const parsed = parseAddress(t.value);
  if (!parsed.ok) {
    return fail('unparsable', `${parsed.error.message} (an IPv6 address is up to eight hex groups, e.g. 2001:db8::1)`);
  }
  if (parsed.value.version !== 6) {
    return fail('unparsable', `${quote(t.value)} is an IPv4 address; this answer is an IPv6 address, e.g. 2001:db8::1`);
  }
  return ok(parsed.value);
}

/** An address of either family. */
export function readIp(text: string): ReadResult<IpAddress> {
  const t = prepare(text, 'an IP address', '192.0.2.1 or 2001:db8::1');
  if (!t.ok) return t;
  const parsed = parseAddress(t.value);
  if (!parsed.ok) return fail('unparsable', parsed.error.message);
  return ok(parsed.value);
}

const PREFIX_DIGITS = /^\/?\s*([0-9]{1,3})$/;
const PREFIX_ACCEPTED = 'write a prefix length (/26 or 26) or a netmask (255.255.255.192)';

/** A prefix length or mask: `/26`, `26`, `255.255.255.192`, `/255.255.255.192`; a wildcard is read as `hostmask`. */
export function readPrefix(text: string): ReadResult<ReadPrefix> {
  const t = prepare(text, 'a prefix length or netmask', '/26 or 255.255.255.192');
  if (!t.ok) return t;
  const digits = PREFIX_DIGITS.exec(t.value);
  if (digits) {
    const prefixLength = Number(digits[1]);
    if (prefixLength > 128) {
      return fail('unparsable', `${quote(t.value)} is not a prefix length: prefixes are 0–32 (IPv4) or 0–128 (IPv6)`);
    }
    return ok({ prefixLength, form: 'prefix' });
  }
  const maskText = t.value.startsWith('/') ? t.value.slice(1).trim() : t.value;
  if (!/[.:]/.test(maskText))
    return fail('unparsable', `${quote(t.value)} is not a prefix or mask; ${PREFIX_ACCEPTED}`);
  const mask = parseAddress(maskText);
  if (!mask.ok)
    return fail('unparsable', `${quote(t.value)} is not a prefix or mask (${mask.error.message}); ${PREFIX_ACCEPTED}`);
  const prefix = prefixFromMask(mask.value);
  if (prefix === undefined) {
    return fail(
      'unparsable',
      `${quote(t.value)} is not a contiguous mask: a netmask is ones then zeros (255.255.255.192 = /26); ${PREFIX_ACCEPTED}`,
    );
  }
  return ok(prefix);
}

/** One network in CIDR (or `address netmask`) notation; a prefix or mask is required. */
export function readCidr(text: string): ReadResult<ReadNetwork> {
  const t = prepare(text, 'a network in CIDR notation', '192.0.2.0/26');
  if (!t.ok) return t;
  return readNetworkEntry(t.value);
}

function readNetworkEntry(entry: string): ReadResult<ReadNetwork> {
  const parsed = parseNetwork(entry);
  if (!parsed.ok) return fail('unparsable', `${parsed.error.message} (write a network as 192.0.2.0/26)`);
  if (parsed.value.maskForm === 'none') {
    return fail(
      'unparsable',
      `${quote(entry)} has no prefix length; write the network with one, e.g. ${entry}/${parsed.value.network.version === 4 ? 24 : 64}`,
    );
  }
  const { network, interfaceAddress, hostBitsSet } = parsed.value;
  return ok({ network, interfaceAddress, hostBitsSet, text: entry });
}

const DOTTED_MASK = /^(?:255|254|252|248|240|224|192|128|0)\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$/;

/**
 * Networks separated by commas, semicolons, white space or new lines, in typed order. `address netmask` pairs are
 * kept together (a dotted mask after an address without `/` belongs to it). At most {@link MAX_LIST_ENTRIES}.
 */
export function readCidrList(text: string): ReadResult<readonly ReadNetwork[]> {
  const t = prepare(text, 'one or more networks', '192.0.2.0/26, 192.0.2.64/27', MAX_LIST_LENGTH);
  if (!t.ok) return t;
  const tokens = t.value.split(/[\s,;]+/).filter((token) => token !== '');
  if (tokens.length > MAX_LIST_ENTRIES * 2) {
    return fail('unparsable', `${quote(t.value)} has ${tokens.length} entries; at most ${MAX_LIST_ENTRIES} are read`);
  }
  const out: ReadNetwork[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let entry = tokens[i] as string;
    const next = tokens[i + 1];
    if (!entry.includes('/') && next !== undefined && DOTTED_MASK.test(next)) {
      entry = `${entry} ${next}`;
      i++;
    }
    const read = readNetworkEntry(entry);
    if (!read.ok) return fail('unparsable', `Entry ${out.length + 1}: ${read.error.message}`);
    out.push(read.value);
    if (out.length > MAX_LIST_ENTRIES) {
      return fail(
        'unparsable',
        `${quote(t.value)} has more than ${MAX_LIST_ENTRIES} networks; that is far more than the answer`,
      );
    }
  }
  return ok(out);
}

// ---------------------------------------------------------------------------------------------------------------
// Numbers with units

/** Digits with optional thousands groups (`1,024`, `1 024`, `1_024`, `1'024`, thin/no-break spaces), optional fraction. */
const NUMBER = /^([0-9]{1,3}(?:[,_' \u00a0\u202f\u2009][0-9]{3})+|[0-9]+)?(?:\.([0-9]+))?(?:\s*([^\s0-9.,].*))?$/u;
/** Most significant digits read; more would not be exact in a double. */
const MAX_DIGITS = 15;

interface ReadNumber {
  /** Integer digits and fraction digits as an exact mantissa and a power of ten: value = mantissa / 10 ** scale. */
  readonly mantissa: number;
  readonly scale: number;
  /** The unit text after the number, trimmed ('' if none). */
  readonly unit: string;
}

function readNumber(text: string, what: string, accepted: string): ReadResult<ReadNumber> {
  const m = NUMBER.exec(text);
  if (!m || (m[1] === undefined && m[2] === undefined)) {
    const minus = text.startsWith('-') || text.startsWith('−') ? ' (it cannot be negative)' : '';
    return fail('unparsable', `${quote(text)} is not ${what}${minus}; ${accepted}`);
  }
  const whole = (m[1] ?? '').replace(/[^0-9]/g, '');
  const fraction = m[2] ?? '';
  const digits = `${whole}${fraction}`.replace(/^0+(?=[0-9])/, '');
  if (digits.length > MAX_DIGITS)
    return fail('unparsable', `${quote(text)} has too many digits to be ${what}; ${accepted}`);
  return ok({ mantissa: Number(digits), scale: fraction.length, unit: (m[3] ?? '').trim() });
}

/** `mantissa / 10 ** scale * factor` computed so that `1.46` kB is exactly 1460 when the result is whole. */
function scaled(n: ReadNumber, factor: number): number {
  const exact = (n.mantissa * factor) / 10 ** n.scale;
  const rounded = Math.round(exact);
  return Math.abs(exact - rounded) < 1e-9 * Math.max(1, Math.abs(exact)) ? rounded : exact;
}

const COUNT_ACCEPTED = 'write a whole number such as 62, 1024, 1,024 or 1 024';
/** Words a count may carry after it (`62 hosts`); anything else after the number is refused. */
const COUNT_WORDS = new Set([
  'host',
  'hosts',
  'address',
  'addresses',
  'subnet',
  'subnets',
  'network',
  'networks',
  'connection',
  'connections',
  'round trip',
  'round trips',
  'rtt',
  'rtts',
  'packet',
  'packets',
  'segment',
  'segments',
  'query',
  'queries',
  'request',
  'requests',
  'step',
  'steps',
  'hop',
  'hops',
  'usable hosts',
]);

/** A whole number ≥ 0: `62`, `1,024`, `1 024`; an optional counted word after it (`62 hosts`). */
export function readCount(text: string): ReadResult<number> {
  const t = prepare(text, 'a whole number', '62 or 1,024');
  if (!t.ok) return t;
  const n = readNumber(t.value, 'a whole number', COUNT_ACCEPTED);
  if (!n.ok) return n;
  if (n.value.unit !== '' && !COUNT_WORDS.has(n.value.unit.toLowerCase().replace(/\s+/g, ' '))) {
    return fail('unparsable', `${quote(t.value)} is not a whole number; ${COUNT_ACCEPTED}`);
  }
  const value = scaled(n.value, 1);
  if (!Number.isInteger(value)) return fail('unparsable', `${quote(t.value)} is not a whole number; ${COUNT_ACCEPTED}`);
  return ok(value);
}

const DURATION_UNITS: Readonly<Record<string, number>> = {
  '': 1,
  ms: 1,
  msec: 1,
  msecs: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  µs: 0.001,
  μs: 0.001,
  us: 0.001,
  microsecond: 0.001,
  microseconds: 0.001,
};
const DURATION_ACCEPTED = 'write milliseconds (168 or 168 ms) or seconds (0.168 s)';

/** A duration in milliseconds: `168`, `168 ms`, `168ms`, `0.168 s`, `0.168s`, `250 µs`. */
export function readDuration(text: string): ReadResult<number> {
  const t = prepare(text, 'a duration', '168 ms');
  if (!t.ok) return t;
  const n = readNumber(t.value, 'a duration', DURATION_ACCEPTED);
  if (!n.ok) return n;
  const factor = DURATION_UNITS[n.value.unit.toLowerCase()];
  if (factor === undefined || !Object.hasOwn(DURATION_UNITS, n.value.unit.toLowerCase())) {
    return fail('unparsable', `${quote(t.value)} has an unknown unit ${quote(n.value.unit)}; ${DURATION_ACCEPTED}`);
  }
  return ok(factor >= 1 ? scaled(n.value, factor) : scaled(n.value, 1) * factor);
}

/** Byte units; the letter B is case-sensitive (b is bits), the prefix letter is not (kB = KB = 1000, KiB = 1024). */
const BYTE_PREFIXES: Readonly<Record<string, number>> = {
  '': 1,
  k: 1e3,
  m: 1e6,
  g: 1e9,
  ki: 1024,
  mi: 1024 ** 2,
  gi: 1024 ** 3,
};
const BYTE_UNIT = /^(k|m|g|ki|mi|gi)?(B|bytes?|octets?)$/i;
const BYTES_ACCEPTED = 'write bytes (1460 or 1460 B) or with a unit (1.46 kB, 1.5 KiB, 2 MB)';

/** A size in bytes: `1460`, `1460 B`, `1.46 kB`, `1.46 KB`, `1.5 KiB`, `2 MB`, `1460 bytes`. */
export function readBytes(text: string): ReadResult<number> {
  const t = prepare(text, 'a size in bytes', '1460 B');
  if (!t.ok) return t;
  const n = readNumber(t.value, 'a size', BYTES_ACCEPTED);
  if (!n.ok) return n;
  const unit = n.value.unit;
  if (unit === '') return ok(scaled(n.value, 1));
  const m = BYTE_UNIT.exec(unit);
  const letter = m?.[2] ?? '';
  if (!m || letter === 'b') {
    const bits = /^(k|m|g)?(b|bits?)$/i.test(unit) ? ' (that reads as bits; a byte is B)' : '';
    return fail('unparsable', `${quote(t.value)} has an unknown unit ${quote(unit)}${bits}; ${BYTES_ACCEPTED}`);
  }
  const factor = BYTE_PREFIXES[(m[1] ?? '').toLowerCase()] ?? 1;
  return ok(scaled(n.value, factor));
}

// ---------------------------------------------------------------------------------------------------------------
// Choices and text

/** One of `choices` by value or label, case-insensitive; returns the choice's value. */
export function readChoice(
  text: string,
  choices: readonly { readonly value: string; readonly label: string }[] = [],
): ReadResult<string> {
  const t = prepare(text, 'one of the choices', choices[0]?.label ?? 'a choice');
  if (!t.ok) return t;
  const wanted = fold(t.value);
  const found = choices.find((c) => fold(c.value) === wanted) ?? choices.find((c) => fold(c.label) === wanted);
  if (found) return ok(found.value);
  const listed = choices
    .slice(0, 12)
    .map((c) => c.label)
    .join(', ');
  return fail('unparsable', `${quote(t.value)} is not one of the choices (${listed || 'none'})`);
}

/** Free text: trimmed, inner white space collapsed, lower-cased. */
export function readText(text: string): ReadResult<string> {
  const t = prepare(text, 'an answer', 'a word');
  if (!t.ok) return t;
  return ok(fold(t.value));
}

function fold(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

// ---------------------------------------------------------------------------------------------------------------
// Dispatch, comparison, verdicts

/** Reads `text` as the kind of `input`. Never throws. */
export function readAnswer(input: AnswerInput, text: string): ReadResult<AnswerValue> {
  const wrap = <T, V extends AnswerValue>(r: ReadResult<T>, make: (v: T) => V): ReadResult<AnswerValue> =>
    r.ok ? ok(make(r.value)) : r;
  switch (input.kind) {
    case 'ipv4':
      return wrap(readIpv4(text), (address) => ({ kind: 'ipv4', address }));
    case 'ipv6':
      return wrap(readIpv6(text), (address) => ({ kind: 'ipv6', address }));
    case 'ip':
      return wrap(readIp(text), (address) => ({ kind: 'ip', address }));
    case 'prefix':
      return wrap(readPrefix(text), (p) => ({ kind: 'prefix', ...p }));
    case 'cidr':
      return wrap(readCidr(text), (n) => ({ kind: 'cidr', ...n }));
    case 'cidr-list':
      return wrap(readCidrList(text), (networks) => ({ kind: 'cidr-list', networks }));
    case 'count':
      return wrap(readCount(text), (value) => ({ kind: 'count', value }));
    case 'duration':
      return wrap(readDuration(text), (ms) => ({ kind: 'duration', ms }));
    case 'bytes':
      return wrap(readBytes(text), (bytes) => ({ kind: 'bytes', bytes }));
    case 'choice':
      return wrap(readChoice(text, input.choices), (value) => ({ kind: 'choice', value }));
    case 'text':
      return wrap(readText(text), (value) => ({ kind: 'text', value }));
    default:
      return fail('unparsable', `Unknown answer kind for ${quote(String(text))}`);
  }
}

const sameNetwork = (a: IpNetwork, b: IpNetwork): boolean =>
  a.version === b.version &&
  a.prefixLength === b.prefixLength &&
  compareAddresses(a.networkAddress, b.networkAddress) === 0;

/** Sorted canonical keys of a list of networks (a list answer is order-insensitive unless a family says otherwise). */
function networkKeys(list: readonly ReadNetwork[]): string[] {
  return list
    .map(
      (n) =>
        `${n.network.version}|${n.network.networkAddress.value.toString(16).padStart(32, '0')}|${n.network.prefixLength}`,
    )
    .sort();
}

/**
 * True when two answers mean the same: addresses and networks by value (a CIDR with host bits set is not the
 * network), lists as sets, durations within `toleranceMs` (default 0.5 ms), bytes within half a byte.
 */
export function sameAnswer(a: AnswerValue, b: AnswerValue, toleranceMs = 0.5): boolean {
  switch (a.kind) {
    case 'ipv4':
    case 'ipv6':
    case 'ip':
      return (
        (b.kind === 'ipv4' || b.kind === 'ipv6' || b.kind === 'ip') && compareAddresses(a.address, b.address) === 0
      );
    case 'prefix':
      return b.kind === 'prefix' && a.prefixLength === b.prefixLength;
    case 'cidr':
      return b.kind === 'cidr' && !a.hostBitsSet && !b.hostBitsSet && sameNetwork(a.network, b.network);
    case 'cidr-list': {
      if (b.kind !== 'cidr-list' || a.networks.some((n) => n.hostBitsSet)) return false;
      const x = networkKeys(a.networks);
      const y = networkKeys(b.networks);
      return x.length === y.length && x.every((k, i) => k === y[i]);
    }
    case 'count':
      return b.kind === 'count' && a.value === b.value;
    case 'duration':
      return b.kind === 'duration' && Math.abs(a.ms - b.ms) <= toleranceMs + 1e-9;
    case 'bytes':
      return b.kind === 'bytes' && Math.abs(a.bytes - b.bytes) < 0.5;
    case 'choice':
    case 'text':
      return (b.kind === 'choice' || b.kind === 'text') && a.value === b.value;
    default:
      return false;
  }
}

/** What a judge sees for one field. */
export interface FieldContext {
  readonly exercise: Exercise;
  readonly input: AnswerInput;
  /** The text as typed (trimmed). */
  readonly text: string;
  readonly value: AnswerValue;
  /** The exercise's answer for this field, parsed (undefined only if the family's own answer does not parse: a bug). */
  readonly expected: AnswerValue | undefined;
  /** Every readable field of this submission, by input id (for judges that compare fields). */
  readonly values: Readonly<Record<string, AnswerValue>>;
}

/** A family's judge for one readable field: a verdict, or undefined to fall back to {@link sameAnswer}. */
export type Judge = (field: FieldContext) => FieldVerdict | undefined;

/** The verdict for a right answer. */
export function right(): FieldVerdict {
  return { ok: true };
}

/** The verdict for a recognised (or generic `wrong`) mistake. */
export function mistake(code: MistakeCode, message: string): FieldVerdict {
  return { ok: false, mistake: code, message };
}

/** The text for input `id` in an untrusted answers record ('' when missing or not a string). */
export function answerText(answers: Readonly<Record<string, string>>, id: string): string {
  if (answers === null || typeof answers !== 'object' || !Object.hasOwn(answers, id)) return '';
  const text = answers[id];
  return typeof text === 'string' ? text : '';
}

/**
 * Reads every input of `exercise` from `answers` and judges each readable one. Missing/blank → `empty`;
 * unreadable → `unparsable` (the reader's message); otherwise `judge` (or {@link sameAnswer} against the exercise's
 * answer). `correct` is true when every field is right. Never throws for any answers record.
 */
export function checkAnswers(
  exercise: Exercise,
  answers: Readonly<Record<string, string>>,
  judge: Judge = () => undefined,
): Verdict {
  const values: Record<string, AnswerValue> = {};
  const fields: Record<string, FieldVerdict> = {};
  const texts: Record<string, string> = {};
  for (const input of exercise.inputs) {
    const text = answerText(answers, input.id);
    texts[input.id] = text.trim();
    const read = readAnswer(input, text);
    if (read.ok) values[input.id] = read.value;
    else fields[input.id] = mistake(read.error.code, read.error.message);
  }
  for (const input of exercise.inputs) {
    const value = values[input.id];
    if (value === undefined) continue;
    const expectedRead = readAnswer(input, exercise.answer[input.id] ?? '');
    const expected = expectedRead.ok ? expectedRead.value : undefined;
    const text = texts[input.id] ?? '';
    const verdict = judge({ exercise, input, text, value, expected, values });
    fields[input.id] =
      verdict ??
      (expected !== undefined && sameAnswer(value, expected, input.toleranceMs)
        ? right()
        : mistake('wrong', `${quote(text)} is not right; work through the solution to see where it differs.`));
  }
  return { correct: exercise.inputs.every((input) => fields[input.id]?.ok === true), fields };
}
