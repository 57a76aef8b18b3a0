/**
 * Progress and streaks, kept in the browser only. Shape of the state:
 *
 *   { version: 1, families: { [familyId]: { attempted, solved, streak, best, last?: { key, firstTry } } } }
 *
 * - `attempted`: problems checked at least once; `solved`: problems answered right (at the first check or later);
 * - `streak`: problems in a row answered right at their first check; `best`: the longest streak;
 * - `last`: the problem checked last (its key and how its first check went), so checking it again counts nothing
 *   new except a first success.
 *
 * The reducer is pure; the island reads and writes through {@link ProgressStorage} (localStorage there, a Map in
 * tests). Stored text is untrusted (another tab, an extension, an older version): anything that is not a valid state
 * of this version is dropped and progress starts again, and the state is bounded (at most {@link MAX_FAMILIES}
 * families, each id and key short), so it never grows without limit.
 */

/** The localStorage key; the version is part of it so a future shape never reads this one by mistake. */
export const PROGRESS_KEY = 'packet-journey:practice:v1';
/** At most this many families are remembered (there are a few dozen at most). */
export const MAX_FAMILIES = 64;
/** Stored text longer than this is not read (a valid state is a few KB at most). */
export const MAX_STORED_LENGTH = 32_768;
/** Counters stop here (nobody solves a million problems; a hostile value cannot grow them further). */
const COUNT_MAX = 1_000_000;
const ID = /^[a-z0-9][a-z0-9-]{0,47}$/;
const KEY_MAX = 120;

/** What one family's record holds. */
export interface FamilyProgress {
  readonly attempted: number;
  readonly solved: number;
  readonly streak: number;
  readonly best: number;
  readonly last?: { readonly key: string; readonly firstTry: boolean; readonly solved: boolean };
}

/** The whole stored state. */
export interface Progress {
  readonly version: 1;
  readonly families: Readonly<Record<string, FamilyProgress>>;
}

export type ProgressEvent =
  /** A check of problem `key` of `family`: right or not. */
  | { readonly type: 'checked'; readonly family: string; readonly key: string; readonly correct: boolean }
  /** The reader's "Reset" control: forget everything. */
  | { readonly type: 'reset' };

/** The part of `Storage` the progress needs (localStorage has it; tests pass a Map-backed object). */
export interface ProgressStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const EMPTY_PROGRESS: Progress = { version: 1, families: {} };

const EMPTY_FAMILY: FamilyProgress = { attempted: 0, solved: 0, streak: 0, best: 0 };

const bump = (n: number): number => Math.min(n + 1, COUNT_MAX);

/** The state after `event`. Pure; unknown families and keys are bounded like stored ones. */
export function reduceProgress(progress: Progress, event: ProgressEvent): Progress {
  if (event.type === 'reset') return EMPTY_PROGRESS;
  if (!ID.test(event.family)) return progress;
  const key = event.key.slice(0, KEY_MAX);
  const known = progress.families[event.family];
  if (known === undefined && Object.keys(progress.families).length >= MAX_FAMILIES) return progress;
  const before = known ?? EMPTY_FAMILY;
  let after: FamilyProgress;
  if (before.last?.key !== key) {
    // The first check of a new problem decides the streak.
    const streak = event.correct ? bump(before.streak) : 0;
    after = {
      attempted: bump(before.attempted),
      solved: event.correct ? bump(before.solved) : before.solved,
      streak,
      best: Math.max(before.best, streak),
      last: { key, firstTry: event.correct, solved: event.correct },
    };
  } else if (event.correct && !before.last.solved) {
    // Right after a wrong first check: solved, but the streak stays broken.
    after = { ...before, solved: bump(before.solved), last: { ...before.last, solved: true } };
  } else {
    return progress;
  }
  return { version: 1, families: { ...progress.families, [event.family]: after } };
}

/** Totals over every family (the quiz page and the index show them). */
export function totalProgress(progress: Progress): { attempted: number; solved: number; best: number } {
  let attempted = 0;
  let solved = 0;
  let best = 0;
  for (const family of Object.values(progress.families)) {
    attempted += family.attempted;
    solved += family.solved;
    best = Math.max(best, family.best);
  }
  return { attempted, solved, best };
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= COUNT_MAX ? value : undefined;
}

function readFamily(value: unknown): FamilyProgress | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const attempted = count(record.attempted);
  const solved = count(record.solved);
  const streak = count(record.streak);
  const best = count(record.best);
  if (attempted === undefined || solved === undefined || streak === undefined || best === undefined) return undefined;
  const base = { attempted, solved, streak, best: Math.max(best, streak) };
  const last = record.last;
  if (last === undefined) return base;
  if (last === null || typeof last !== 'object') return undefined;
  const { key, firstTry, solved: lastSolved } = last as Record<string, unknown>;
  if (typeof key !== 'string' || key.length > KEY_MAX || typeof firstTry !== 'boolean') return undefined;
  if (typeof lastSolved !== 'boolean') return undefined;
  return { ...base, last: { key, firstTry, solved: lastSolved } };
}

/** A stored text as progress: anything but a valid version-1 state (bad JSON, wrong shape, too long) is empty. */
export function parseProgress(text: string | null): Progress {
  if (text === null || text.length > MAX_STORED_LENGTH) return EMPTY_PROGRESS;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return EMPTY_PROGRESS;
  }
  if (raw === null || typeof raw !== 'object' || (raw as { version?: unknown }).version !== 1) return EMPTY_PROGRESS;
  const stored = (raw as { families?: unknown }).families;
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return EMPTY_PROGRESS;
  const families: Record<string, FamilyProgress> = {};
  const entries = Object.entries(stored);
  if (entries.length > MAX_FAMILIES) return EMPTY_PROGRESS;
  for (const [id, value] of entries) {
    const family = readFamily(value);
    if (!ID.test(id) || family === undefined) return EMPTY_PROGRESS;
    // defineProperty: an id such as '__proto__' is refused by ID above, but stay safe if that pattern ever widens.
    Object.defineProperty(families, id, { value: family, enumerable: true, writable: true, configurable: true });
  }
  return { version: 1, families };
}

/** Reads the progress; a storage that throws (blocked cookies, private mode) reads as empty. */
export function loadProgress(storage: ProgressStorage | undefined): Progress {
  if (storage === undefined) return EMPTY_PROGRESS;
  try {
    return parseProgress(storage.getItem(PROGRESS_KEY));
  } catch {
    return EMPTY_PROGRESS;
  }
}

/** Writes the progress (removes the key when it is empty); returns false when the storage refused. */
export function saveProgress(storage: ProgressStorage | undefined, progress: Progress): boolean {
  if (storage === undefined) return false;
  try {
    if (Object.keys(progress.families).length === 0) storage.removeItem(PROGRESS_KEY);
    else storage.setItem(PROGRESS_KEY, JSON.stringify(progress));
    return true;
  } catch {
    return false;
  }
}
