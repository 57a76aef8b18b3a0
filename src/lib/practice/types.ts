/**
 * The contract every practice family meets. A family is a pure, deterministic generator: the same
 * `(seed, difficulty)` always gives the same exercise, so a seed in a link hands out the same problem set. The
 * checker accepts every reasonable notation for an answer and names the mistake it recognises, so feedback teaches.
 *
 * Nothing here touches the DOM: islands render an {@link Exercise} and call {@link Family.check}; Astro pages render
 * one exercise with its solution at build time (the no-JS view).
 */

/** 1 = warm-up, 2 = standard, 3 = hard. */
export type Difficulty = 1 | 2 | 3;

export const DIFFICULTIES: readonly Difficulty[] = [1, 2, 3];

/** How an answer field's text is read; each kind has its own notation-tolerant parser in `answer.ts`. */
export type AnswerKind =
  /** An IPv4 address: `192.0.2.1`. */
  | 'ipv4'
  /** An IPv6 address in any valid form (compressed, expanded, upper case, embedded IPv4). */
  | 'ipv6'
  /** An address of either family. */
  | 'ip'
  /** A prefix length or mask: `/26`, `26`, `255.255.255.192`. */
  | 'prefix'
  /** A network in CIDR form: `192.0.2.0/26`, `2001:db8::/32`. */
  | 'cidr'
  /** One or more networks, separated by commas, spaces or new lines (order-insensitive unless the family says). */
  | 'cidr-list'
  /** A whole number: `62`, `1,024`, `1 024`. */
  | 'count'
  /** A duration in milliseconds: `168`, `168 ms`, `0.168 s`, `168ms`. */
  | 'duration'
  /** A size in bytes: `1460`, `1460 B`, `1.46 kB`. */
  | 'bytes'
  /** One of fixed choices (a select / radio group); the text is the choice's `value`. */
  | 'choice'
  /** Free text compared after trimming and case folding (a hostname, a header value). */
  | 'text';

/** One field the reader fills in. */
export interface AnswerInput {
  /** Stable id, unique within the exercise (`network`, `broadcast`, `ttfb`). */
  readonly id: string;
  /** The visible label ("Broadcast address"). */
  readonly label: string;
  readonly kind: AnswerKind;
  /** For `choice`: the options, in display order. */
  readonly choices?: readonly { readonly value: string; readonly label: string }[];
  /** A placeholder showing an accepted notation ("e.g. 192.0.2.0 or /26"). */
  readonly hint?: string;
  /** For `duration`: the absolute tolerance in ms accepted as correct (models round; readers round too). */
  readonly toleranceMs?: number;
}

/** One step of the worked solution. `text` is plain text; `code` (optional) is shown monospaced beneath it. */
export interface SolutionStep {
  readonly text: string;
  readonly code?: string;
}

/** A link the solution offers: the guide section that explains it, the playground preloaded with these values. */
export interface PracticeLink {
  /** Site-relative path without the base, starting with `/` (`/addressing/subnetting/#broadcast`). */
  readonly href: string;
  readonly label: string;
}

/** One generated problem. Plain data (serialisable): an island can re-create it from `family`, `seed`, `difficulty`. */
export interface Exercise {
  readonly family: string;
  readonly seed: number;
  readonly difficulty: Difficulty;
  /** The question in plain text (no HTML); may be a few sentences. */
  readonly question: string;
  /** Optional given values shown as a definition list under the question ("RTT: 80 ms"). */
  readonly givens?: readonly { readonly label: string; readonly value: string }[];
  readonly inputs: readonly AnswerInput[];
  /** The canonical answer for each input id, in the notation the solution uses. */
  readonly answer: Readonly<Record<string, string>>;
  readonly solution: readonly SolutionStep[];
  readonly guide: PracticeLink;
  readonly playground?: PracticeLink;
}

/**
 * A mistake the checker recognises. Generic codes first; families add their own named ones (each must be produced
 * by a test that submits that mistaken answer).
 */
export type MistakeCode =
  /** The field is blank. */
  | 'empty'
  /** The text is not in any notation this kind accepts (the message quotes it and says what is accepted). */
  | 'unparsable'
  /** Readable, but wrong, and not a mistake the family recognises. */
  | 'wrong'
  | (string & { readonly __familyMistake?: never });

export type FieldVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly mistake: MistakeCode; readonly message: string };

/** The verdict on a whole answer: one entry per input id. */
export interface Verdict {
  readonly correct: boolean;
  readonly fields: Readonly<Record<string, FieldVerdict>>;
}

/** A family of exercises. */
export interface Family {
  /** URL-safe id (`ipv4-subnet`, `handshake-rtt`), used in links and localStorage keys. */
  readonly id: string;
  /** Title of the family's practice page ("IPv4 subnet details"). */
  readonly title: string;
  /** One sentence: what the family drills. */
  readonly summary: string;
  /** The guide the family belongs to (for the journey quiz order and the "predict, then check" embeds). */
  readonly guide: PracticeLink;
  /** Deterministic: the same seed and difficulty give a deep-equal exercise. Never throws for any integer seed. */
  generate(seed: number, difficulty: Difficulty): Exercise;
  /** Checks the reader's answers (keyed by input id; missing keys count as blank). Never throws for any text. */
  check(exercise: Exercise, answers: Readonly<Record<string, string>>): Verdict;
}
