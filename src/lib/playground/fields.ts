/**
 * Field declarations: each control of a playground is declared once — URL parameter, label, kind, default and
 * (for numbers) the bound from `src/lib/bounds` — and the codec (`codec.ts`) derives parsing, URL encoding, clamping
 * and every message from that one declaration.
 *
 * A field has two values: its *text* (what the control holds, kept as typed so a half-typed or invalid value
 * survives in the URL) and its *value* (what the model gets). For enum and boolean fields they are the same.
 */
import { type Bound, describeBound } from '../bounds/index.ts';

/** Characters kept from a URL parameter of a number field: more than any valid number needs. */
export const NUMBER_TEXT_LIMIT = 64;
/** Characters kept from a URL parameter of a string field unless the field says otherwise. */
export const STRING_TEXT_LIMIT = 2000;

interface FieldBase {
  /** The URL query parameter (short and stable: it is part of every shared link). */
  readonly param: string;
  /** What the control is called, as messages name it: 'Round-trip time'. */
  readonly label: string;
  /** Longest text kept from the URL or a preset; longer input is clipped before parsing. */
  readonly maxLength: number;
}

/** A number typed as text. `O` is true when a blank field is allowed (and means `blank`). */
export interface NumberField<O extends boolean = boolean> extends FieldBase {
  readonly kind: 'number';
  readonly bound: Bound;
  /** Unit shown in the control's label ("Round-trip time (ms)"); '' for none. Defaults to the bound's unit. */
  readonly unit: string;
  /** Default text of the control. */
  readonly default: string;
  /** What a blank field means ('unlimited', 'cached'); undefined when the field is required. */
  readonly blank: O extends true ? string : undefined;
}

/** One of a fixed list of ids (a select, a tab, a preset). */
export interface EnumField<T extends string = string> extends FieldBase {
  readonly kind: 'enum';
  readonly values: readonly T[];
  readonly default: T;
  /** What one value is called in a notice: "unknown **protocol** 'h9' in the link — showing HTTP/2". */
  readonly noun: string;
  /** A value as readers see it ('HTTP/2' for 'h2'). (Method syntax: an `EnumField<'h2'>` is a `Field`.) */
  describe(value: T): string;
}

/** Free text (a host name, a list of networks). */
export interface StringField extends FieldBase {
  readonly kind: 'string';
  readonly default: string;
}

/** On or off; written to the URL as 1 or 0. */
export interface BooleanField extends FieldBase {
  readonly kind: 'boolean';
  readonly default: boolean;
}

/** Repeated text values, one URL parameter per item (`req=200:Sales&req=100:Eng`); `maxLength` is per item. */
export interface ListField extends FieldBase {
  readonly kind: 'list';
  readonly default: readonly string[];
  /** Most items kept from a URL or a preset. */
  readonly maxItems: number;
}

/** Any field declaration. */
export type Field = NumberField<true> | NumberField<false> | EnumField<string> | StringField | BooleanField | ListField;

/** What a control holds: text for numbers and strings, the id for enums, a flag for booleans. */
export type FieldText<F> = F extends NumberField
  ? string
  : F extends EnumField<infer T>
    ? T
    : F extends StringField
      ? string
      : F extends BooleanField
        ? boolean
        : F extends ListField
          ? readonly string[]
          : never;

/** What the model gets: a number (or undefined for an allowed blank), the id, the text, the flag, the items. */
export type FieldValue<F> =
  F extends NumberField<true>
    ? number | undefined
    : F extends NumberField<false>
      ? number
      : F extends EnumField<infer T>
        ? T
        : F extends StringField
          ? string
          : F extends BooleanField
            ? boolean
            : F extends ListField
              ? readonly string[]
              : never;

interface NumberOptions {
  readonly param: string;
  readonly label: string;
  readonly bound: Bound;
  /** Default value (a number, or text such as '' for a blank default). */
  readonly default: number | string;
  readonly unit?: string;
  readonly maxLength?: number;
}

/** Declares a required number field: `numberField({ param: 'rtt', label: 'Round-trip time', bound: BOUNDS.rttMs, default: 100 })`. */
export function numberField(options: NumberOptions & { readonly blank?: undefined }): NumberField<false>;
/** Declares a number field that may be left blank, meaning `blank`: `{ …, blank: 'unlimited' }`. */
export function numberField(options: NumberOptions & { readonly blank: string }): NumberField<true>;
export function numberField(options: NumberOptions & { readonly blank?: string | undefined }): Field {
  return {
    kind: 'number',
    param: options.param,
    label: options.label,
    bound: options.bound,
    unit: options.unit ?? options.bound.unit,
    default: String(options.default),
    blank: options.blank,
    maxLength: options.maxLength ?? NUMBER_TEXT_LIMIT,
  } as Field;
}

/** Declares a fixed-choice field; `describe` names a value for notices (defaults to the id itself). */
export function enumField<const T extends string>(options: {
  readonly param: string;
  readonly label: string;
  readonly values: readonly T[];
  readonly default: NoInfer<T>;
  readonly noun: string;
  readonly describe?: (value: T) => string;
}): EnumField<T> {
  return {
    kind: 'enum',
    param: options.param,
    label: options.label,
    values: options.values,
    default: options.default,
    noun: options.noun,
    describe: options.describe ?? ((value) => value),
    maxLength: Math.max(...options.values.map((v) => v.length)),
  };
}

/** Declares a free-text field, clipped to `maxLength` characters (default 2,000). */
export function stringField(options: {
  readonly param: string;
  readonly label: string;
  readonly default: string;
  readonly maxLength?: number;
}): StringField {
  return { kind: 'string', ...options, maxLength: options.maxLength ?? STRING_TEXT_LIMIT };
}

/** Declares an on/off field. */
export function booleanField(options: {
  readonly param: string;
  readonly label: string;
  readonly default: boolean;
}): BooleanField {
  return { kind: 'boolean', ...options, maxLength: 5 };
}

/** Declares a repeated-text field: at most `maxItems` (default 100) items of `maxLength` (default 200) characters. */
export function listField(options: {
  readonly param: string;
  readonly label: string;
  readonly default: readonly string[];
  readonly maxItems?: number;
  readonly maxLength?: number;
}): ListField {
  return {
    kind: 'list',
    param: options.param,
    label: options.label,
    default: options.default,
    maxItems: options.maxItems ?? 100,
    maxLength: options.maxLength ?? 200,
  };
}

/** The control's visible label: "Round-trip time (ms)", or the bare label when the unit is ''. */
export function controlLabel(field: NumberField): string {
  return field.unit === '' ? field.label : `${field.label} (${field.unit})`;
}

/** The bounds hint under a number control: "0.01–60000 ms", "… or blank for unlimited". */
export function boundsHint(field: NumberField): string {
  const range = describeBound(field.bound);
  return field.blank === undefined ? range : `${range}, or blank for ${field.blank}`;
}
