/**
 * The props every playground island takes (all serialisable, so Astro can pass them to a hydrated island), and the
 * history rule they all follow.
 */

/** Props of a playground island; `Preset` is its state shape (what the controls hold). */
export interface IslandProps<Preset> {
  /** Prefix for element ids, unique per page (two islands on one page need two ids). */
  readonly id?: string | undefined;
  /** Initial state; missing or mistyped fields take the defaults (see `Codec.resolve`). */
  readonly preset?: Partial<Preset> | undefined;
  /** Read the state from the page URL and keep the URL up to date. One instance per page at most. */
  readonly syncUrl?: boolean | undefined;
  /** Accessible name of the island's region. */
  readonly label?: string | undefined;
  /** Level of the headings inside (default 3). */
  readonly headingLevel?: 2 | 3 | 4 | undefined;
}

/**
 * How a change reaches the browser history: `type` (typing in a field) replaces the current entry, so Back does not
 * step through every keystroke; `choose` (a preset, a tab, a scenario, a select) pushes a new entry that Back undoes.
 */
export type ChangeKind = 'type' | 'choose';

/**
 * A value passed to an island as one JSON string. Astro serialises props with a type tag around every value and
 * revives them one by one when the island hydrates; for a large prop (the packet playground's decoded first frame:
 * 1,386 values) that walk is a large share of the hydration task, where `JSON.parse` of one string is not. For
 * plain JSON only: no `Map`, `Date`, typed arrays or `bigint`, and a property whose value is `undefined` comes back
 * missing.
 */
export type Packed<T> = string & { readonly __packed: T };

/** `value` as a {@link Packed} prop (in the island's Astro wrapper). */
export function pack<T>(value: T): Packed<T> {
  return JSON.stringify(value) as Packed<T>;
}

/** The value of a {@link Packed} prop (in the island, memoised on the prop). */
export function unpack<T>(packed: Packed<T>): T {
  return JSON.parse(packed) as T;
}
