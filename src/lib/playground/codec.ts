/**
 * The typed URL-state codec. `defineCodec({ rtt: numberField(…), protocol: enumField(…) })` returns everything a
 * playground needs to keep its state in the address bar and turn it into model input:
 *
 *   state (what the controls hold) ──encode──▶ 'protocol=h3&rtt=250'   (defaults left out, foreign params kept)
 *   '?protocol=h9&rtt=1e308'       ──decode──▶ { state, notices }      (never throws; long values clipped first)
 *   state                          ──parse───▶ Result<values, StateError> (bounds from src/lib/bounds, quoted text)
 *
 * Shape of a state: one entry per declared field, `{ [key]: FieldText }`. The codec is plain data and functions:
 * no DOM, no Preact, so any model's view model can build on it and `node` can run it.
 */
import type { Bound } from '../bounds/index.ts';
import { mergeQuery } from '../url/query.ts';
import type { EnumField, Field, FieldText, FieldValue, NumberField } from './fields.ts';
import { type FieldError, quote, type Result, type StateError } from './result.ts';

/** A set of field declarations, keyed by the name the island uses. */
export type Fields = Readonly<Record<string, Field>>;

/** What the controls hold: `{ rtt: '100', protocol: 'h2', … }`. */
export type StateOf<F extends Fields> = { readonly [K in keyof F]: FieldText<F[K]> };

/** What the model gets: `{ rtt: 100, protocol: 'h2', bandwidth: undefined (blank = unlimited), … }`. */
export type ValuesOf<F extends Fields> = { readonly [K in keyof F]: FieldValue<F[K]> };

/** A state read from a URL, with a notice per parameter that was not taken as it stood. */
export interface Decoded<F extends Fields> {
  readonly state: StateOf<F>;
  readonly notices: readonly FieldError<Extract<keyof F, string>>[];
}

/** The codec of one playground's fields. */
export interface Codec<F extends Fields> {
  readonly fields: F;
  /** The field names, in declaration order. */
  readonly keys: readonly Extract<keyof F, string>[];
  /** Every URL parameter the playground owns; the others in the query belong to someone else and are kept. */
  readonly params: readonly string[];
  /** The declared defaults (what the server renders). */
  readonly defaults: StateOf<F>;
  /** Reads a state from a query string ('?a=1' or 'a=1') over `base`; never throws. */
  decode(search: string, base?: StateOf<F>): Decoded<F>;
  /** The query (no '?') holding only the fields that differ from `base`, in declaration order. */
  encode(state: StateOf<F>, base?: StateOf<F>): string;
  /** The query for the address bar ('' or '?…'): `search` with this codec's parameters replaced by `state`'s. */
  query(search: string, state: StateOf<F>, base?: StateOf<F>): string;
  /** A state from an untrusted partial (an Astro `preset` prop): wrong types and unknown choices keep `base`. */
  resolve(preset: unknown, base?: StateOf<F>): StateOf<F>;
  /** Parses one field's text. */
  parseField<K extends Extract<keyof F, string>>(
    key: K,
    text: FieldText<F[K]>,
  ): Result<FieldValue<F[K]>, FieldError<K>>;
  /** Parses every field: the values, or every refused field with its message. */
  parse(state: StateOf<F>): Result<ValuesOf<F>, StateError<Extract<keyof F, string>>>;
}

/** Decimal number syntax: what people type. Rejects hex, 'Infinity' and 'NaN', which `Number()` would accept. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Parses a number field's text against its bound; messages follow `checkBound` in src/lib/bounds. */
export function parseNumber(field: NumberField, key: string, text: string): Result<number | undefined, FieldError> {
  const trimmed = text.slice(0, field.maxLength).trim();
  const { label, bound } = field;
  const range = `from ${bound.min} to ${bound.max}${bound.unit ? ` ${bound.unit}` : ''}`;
  const fail = (code: FieldError['code'], message: string) =>
    ({ ok: false, error: { code, field: key, message } }) as const;
  if (trimmed === '') {
    if (field.blank !== undefined) return { ok: true, value: undefined };
    return fail('empty', `${label} is empty: type a number ${range}.`);
  }
  if (!DECIMAL.test(trimmed)) return fail('not-a-number', `${label} must be a number, got ${quote(text)}.`);
  const value = Number(trimmed);
  if (!(value >= bound.min && value <= bound.max)) {
    return fail('out-of-range', `${label} is ${quote(text)} but must be ${range}.`);
  }
  if (bound.integer === true && !Number.isInteger(value)) {
    return fail('not-integer', `${label} is ${quote(text)} but must be a whole number.`);
  }
  // -0 is 0 for every model; keeping the sign would only print as "−0".
  return { ok: true, value: value === 0 ? 0 : value };
}

/** `value` moved into `bound` (for steppers and sliders; typed text is refused, not clamped). NaN gives the minimum. */
export function clamp(value: number, bound: Bound): number {
  if (!(value >= bound.min)) return bound.min;
  const inside = Math.min(value, bound.max);
  return bound.integer === true ? Math.round(inside) : inside;
}

function isChoice<T extends string>(field: EnumField<T>, value: unknown): value is T {
  return typeof value === 'string' && (field.values as readonly string[]).includes(value);
}

/** Field text as written to the URL. */
function urlText(field: Field, text: unknown): string {
  return field.kind === 'boolean' ? (text === true ? '1' : '0') : String(text);
}

/** Builds the codec of a set of field declarations. */
export function defineCodec<const F extends Fields>(fields: F): Codec<F> {
  type K = Extract<keyof F, string>;
  type S = StateOf<F>;
  const keys = Object.keys(fields) as K[];
  const defaults = Object.fromEntries(keys.map((key) => [key, fields[key]?.default])) as S;
  const params = keys.map((key) => (fields[key] as Field).param);
  const field = (key: K): Field => fields[key] as Field;

  /** One URL parameter's text → the field's text, or a notice and the base text. */
  function read(key: K, raw: string, baseText: unknown): { text: unknown; notice?: FieldError<K> } {
    const f = field(key);
    const clipped = raw.length > f.maxLength ? raw.slice(0, f.maxLength) : raw;
    const tooLong: FieldError<K> | undefined =
      clipped === raw
        ? undefined
        : {
            code: 'too-long',
            field: key,
            message: `The link's ${f.label.toLowerCase()} is ${raw.length} characters long: only the first ${f.maxLength} are used.`,
          };
    switch (f.kind) {
      case 'enum': {
        if (isChoice(f, raw)) return { text: raw };
        const shown = f.describe(baseText as string);
        return {
          text: baseText,
          notice: {
            code: 'unknown-choice',
            field: key,
            message: `Unknown ${f.noun} ${quote(raw)} in the link — showing ${shown}.`,
          },
        };
      }
      case 'boolean': {
        if (raw === '1' || raw === 'true') return { text: true };
        if (raw === '0' || raw === 'false') return { text: false };
        return {
          text: baseText,
          notice: {
            code: 'unknown-choice',
            field: key,
            message: `Unknown value ${quote(raw)} for ${f.label.toLowerCase()} in the link (use 1 or 0) — showing ${baseText === true ? 'on' : 'off'}.`,
          },
        };
      }
      default:
        return tooLong === undefined ? { text: clipped } : { text: clipped, notice: tooLong };
    }
  }

  const codec: Codec<F> = {
    fields,
    keys,
    params,
    defaults,
    decode(search, base = defaults) {
      const params_ = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
      const state: Record<string, unknown> = {};
      const notices: FieldError<K>[] = [];
      for (const key of keys) {
        const raw = params_.get(field(key).param);
        if (raw === null) {
          state[key] = base[key];
          continue;
        }
        const { text, notice } = read(key, raw, base[key]);
        state[key] = text;
        if (notice !== undefined) notices.push(notice);
      }
      return { state: state as S, notices };
    },
    encode(state, base = defaults) {
      const out = new URLSearchParams();
      for (const key of keys) {
        if (state[key] !== base[key]) out.set(field(key).param, urlText(field(key), state[key]));
      }
      return out.toString();
    },
    query(search, state, base = defaults) {
      return mergeQuery(search, params, codec.encode(state, base));
    },
    resolve(preset, base = defaults) {
      if (preset === null || typeof preset !== 'object') return base;
      const given = preset as Record<string, unknown>;
      const state: Record<string, unknown> = { ...base };
      for (const key of keys) {
        const f = field(key);
        const value = given[key];
        if (f.kind === 'enum') {
          if (isChoice(f, value)) state[key] = value;
        } else if (f.kind === 'boolean') {
          if (typeof value === 'boolean') state[key] = value;
        } else if (typeof value === 'string' || (f.kind === 'number' && typeof value === 'number')) {
          state[key] = String(value).slice(0, f.maxLength);
        }
      }
      return state as S;
    },
    parseField(key, text) {
      const f = field(key);
      if (f.kind === 'number') {
        return parseNumber(f, key, text as string) as Result<FieldValue<F[typeof key]>, FieldError<typeof key>>;
      }
      if (f.kind === 'enum' && !isChoice(f, text)) {
        // Only reachable from a hand-built state: decode and resolve never produce an unknown choice.
        return {
          ok: false,
          error: { code: 'unknown-choice', field: key, message: `Unknown ${f.noun} ${quote(String(text))}.` },
        };
      }
      return { ok: true, value: text as unknown as FieldValue<F[typeof key]> };
    },
    parse(state) {
      const values: Record<string, unknown> = {};
      const errors: FieldError<K>[] = [];
      for (const key of keys) {
        const parsed = codec.parseField(key, state[key]);
        if (parsed.ok) values[key] = parsed.value;
        else errors.push(parsed.error);
      }
      const [first] = errors;
      if (first === undefined) return { ok: true, value: values as ValuesOf<F> };
      return { ok: false, error: { code: 'invalid-fields', message: first.message, fields: errors } };
    },
  };
  return codec;
}

/** The message of `key`'s error in a parse result, or undefined (for a control's error line). */
export function fieldMessage<K extends string>(error: StateError<K> | undefined, key: K): string | undefined {
  return error?.fields.find((e) => e.field === key)?.message;
}
