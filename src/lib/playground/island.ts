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
