/**
 * The practice island: one problem at a time from a problem set in the URL (`?seed=…&level=…&n=…`), for one family
 * (`family`) or the journey quiz across all of them (`quiz`). State: the URL fields (PRACTICE_CODEC), the answers
 * typed for the current problem, the verdict of the last check, and the progress read from localStorage after
 * hydration (the server renders none, so the first client render equals the server's HTML), and the families loaded
 * so far. The island downloads only the family it shows (family-modules.ts); until it arrives it shows `initial`,
 * the exercise the server rendered, and `data-live` is set once the family is there (answers can be checked).
 *
 * Keyboard flow: Enter in a field checks; once every answer is right, Enter again goes to the next problem, whose
 * first field takes the focus. The worked solution is a <details> element, so it works before hydration too.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
// The contract only (types.ts): the practice index would bring every family into this island's download.
import { type AnswerInput, DIFFICULTIES, type Exercise, type Family, type Verdict } from '../../lib/practice/types.ts';
import {
  announceVerdict,
  answerText,
  EMPTY_PROGRESS,
  exerciseSeed,
  type FamilyProgress,
  familyProblem,
  levelName,
  loadProgress,
  nextProblem,
  PRACTICE_CODEC,
  type ProblemRef,
  type Progress,
  type ProgressEvent,
  type ProgressStorage,
  problemKey,
  quizFamily,
  quizPosition,
  reduceProgress,
  resolveProblemSet,
  saveProgress,
  siteHref,
  totalProgress,
  urlStateOf,
} from '../../lib/practice-page/index.ts';
import { useUrlState } from '../shared/hooks.ts';
import { type FamilyRef, loadFamily } from './family-modules.ts';
import '../shared/island.css';
import './Practice.css';

export interface PracticeProps {
  /** Prefix of every element id (unique on the page). */
  readonly id: string;
  /** `family`: problems of `families[0]`; `quiz`: the journey quiz over `families`, in order. */
  readonly mode: 'family' | 'quiz';
  /** The families to draw from (references: the island loads each when it needs it). */
  readonly families: readonly FamilyRef[];
  /** The exercise the server rendered (problem 1 of the default set, level 1), shown until its family has loaded. */
  readonly initial?: Exercise | undefined;
  /** Mirror the problem set into the address bar (the practice pages do). */
  readonly syncUrl?: boolean;
  /** How a family is loaded (tests pass their own; default: its module, see family-modules.ts). */
  readonly load?: (ref: FamilyRef) => Promise<Family | undefined>;
  /** Where progress is kept (tests pass their own; default: localStorage, read after hydration). */
  readonly storage?: ProgressStorage;
}

/** localStorage, or undefined where reading it throws (storage blocked) or there is none (server). */
function browserStorage(): ProgressStorage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

const BASE = import.meta.env.BASE_URL;

/** Radio buttons for a few choices, a select for many (a long radio list is slow to pass by keyboard). */
const RADIO_LIMIT = 5;

function AnswerField(props: {
  prefix: string;
  input: AnswerInput;
  value: string;
  verdict: Verdict | undefined;
  onInput: (text: string) => void;
}) {
  const { prefix, input, value, verdict } = props;
  const fieldId = `${prefix}-${input.id}`;
  const field = verdict?.fields[input.id];
  const wrong = field !== undefined && !field.ok;
  const verdictId = `${fieldId}-verdict`;
  const said = field === undefined ? '' : field.ok ? '✓ Right' : `✗ ${field.message}`;
  const verdictLine = (
    <p id={verdictId} class={`practice-verdict ${field?.ok ? 'is-right' : 'is-wrong'}`}>
      {said}
    </p>
  );
  if (input.kind === 'choice' && (input.choices?.length ?? 0) <= RADIO_LIMIT) {
    return (
      <fieldset class="practice-field practice-choice" aria-describedby={verdictId} aria-invalid={wrong || undefined}>
        <legend class="pj-label">{input.label}</legend>
        {(input.choices ?? []).map((choice) => (
          <label key={choice.value}>
            <input
              type="radio"
              name={fieldId}
              value={choice.value}
              checked={value === choice.value}
              onChange={() => props.onInput(choice.value)}
            />{' '}
            {choice.label}
          </label>
        ))}
        {verdictLine}
      </fieldset>
    );
  }
  return (
    <div class="practice-field pj-field">
      <label class="pj-label" for={fieldId}>
        {input.label}
      </label>
      {input.kind === 'choice' ? (
        <select
          id={fieldId}
          value={value}
          aria-invalid={wrong || undefined}
          aria-describedby={verdictId}
          onChange={(event) => props.onInput(event.currentTarget.value)}
        >
          <option value="">Choose…</option>
          {(input.choices ?? []).map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      ) : input.kind === 'cidr-list' ? (
        <>
          <textarea
            id={fieldId}
            rows={3}
            value={value}
            placeholder={input.hint}
            autocomplete="off"
            autocapitalize="off"
            spellcheck={false}
            maxLength={5000}
            aria-invalid={wrong || undefined}
            aria-describedby={`${verdictId} ${fieldId}-keys`}
            onInput={(event) => props.onInput(event.currentTarget.value)}
            onKeyDown={(event) => {
              // Enter checks here too (the keyboard flow); Shift+Enter starts a new line.
              if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
              event.preventDefault();
              event.currentTarget.form?.requestSubmit();
            }}
          />
          <span id={`${fieldId}-keys`} class="pj-hint">
            Enter checks; Shift+Enter starts a new line.
          </span>
        </>
      ) : (
        <input
          id={fieldId}
          type="text"
          value={value}
          placeholder={input.hint}
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          maxLength={500}
          aria-invalid={wrong || undefined}
          aria-describedby={verdictId}
          onInput={(event) => props.onInput(event.currentTarget.value)}
        />
      )}
      {verdictLine}
    </div>
  );
}

/** The worked solution: steps, the answer, the guide section and the playground with the problem's values. */
export function Solution({ exercise }: { exercise: Exercise }) {
  return (
    <details class="practice-solution">
      <summary>Show solution</summary>
      <ol>
        {exercise.solution.map((step, index) => (
          <li key={index}>
            {step.text}
            {step.code === undefined ? null : (
              <pre>
                <code>{step.code}</code>
              </pre>
            )}
          </li>
        ))}
      </ol>
      <p class="practice-answer">
        Answer:{' '}
        {exercise.inputs.map((input, index) => (
          <span key={input.id}>
            {index > 0 ? '; ' : ''}
            {input.label}: <code>{answerText(input, exercise.answer[input.id] ?? '')}</code>
          </span>
        ))}
      </p>
      <p class="practice-links">
        <a href={siteHref(BASE, exercise.guide.href)}>Read: {exercise.guide.label}</a>
        {exercise.playground === undefined ? null : (
          <a href={siteHref(BASE, exercise.playground.href)}>Open in the playground: {exercise.playground.label}</a>
        )}
      </p>
    </details>
  );
}

/** What the reader did on one problem: the answers typed and the verdict of the last check. */
interface Work {
  readonly key: string;
  readonly answers: Readonly<Record<string, string>>;
  readonly verdict: Verdict | undefined;
}

function progressLine(record: FamilyProgress | undefined): string {
  const { attempted = 0, solved = 0, streak = 0, best = 0 } = record ?? {};
  if (attempted === 0) return 'No problems checked yet.';
  return `Solved ${solved} of ${attempted} · streak ${streak} (best ${best})`;
}

export function Practice(props: PracticeProps) {
  const { id, mode, families, initial, syncUrl = false } = props;
  const [urlState, change, codecNotices] = useUrlState(PRACTICE_CODEC, PRACTICE_CODEC.defaults, syncUrl);
  const resolved = useMemo(() => resolveProblemSet(urlState), [urlState]);
  const ref = resolved.value;
  const owner = mode === 'quiz' ? quizFamily(families, ref.n) : families[0];
  const [loaded, setLoaded] = useState<Readonly<Record<string, Family>>>({});
  const family = owner === undefined ? undefined : loaded[owner.id];
  const exercise = useMemo(() => {
    if (family !== undefined) return familyProblem(family, ref);
    // Before the family arrives: the server's exercise, if this is the problem it rendered.
    const isInitial = initial !== undefined && initial.family === owner?.id && initial.difficulty === ref.level;
    return isInitial && initial.seed === exerciseSeed(ref.seed, ref.n) ? initial : undefined;
  }, [family, owner, initial, ref.seed, ref.level, ref.n]);
  const key = exercise === undefined ? '' : problemKey(exercise);

  // The family's model is most of the download, so it loads on first use: at once when the problem shown is not the
  // server's, otherwise when the reader starts on it (focus, pointer or key inside the island). In the quiz the next
  // question's family comes too, so moving on is instant.
  const [wanted, setWanted] = useState(false);
  const want = () => {
    if (!wanted) setWanted(true);
  };
  const needed = wanted || exercise === undefined;
  useEffect(() => {
    if (!needed) return;
    const refs = mode === 'quiz' ? [owner, quizFamily(families, ref.n + 1)] : [owner];
    let current = true;
    for (const next of refs) {
      if (next === undefined || loaded[next.id] !== undefined) continue;
      void (props.load ?? loadFamily)(next).then((got) => {
        if (current && got !== undefined) setLoaded((before) => ({ ...before, [next.id]: got }));
      });
    }
    return () => {
      current = false;
    };
  }, [owner?.id, needed]);

  // The answers and verdict belong to one problem (its key): a new problem starts blank in the same render, with
  // no effect that could wipe what the reader typed in between.
  const [work, setWork] = useState<Work>({ key: '', answers: {}, verdict: undefined });
  const current = work.key === key ? work : { key, answers: {}, verdict: undefined };
  const { answers, verdict } = current;
  const [said, setSaid] = useState('');
  const [progress, setProgress] = useState<Progress>(EMPTY_PROGRESS);
  const [mounted, setMounted] = useState(false);
  const [copied, setCopied] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const focusNext = useRef(false);
  const storage = useRef<ProgressStorage | undefined>(undefined);

  useEffect(() => {
    storage.current = props.storage ?? browserStorage();
    setProgress(loadProgress(storage.current));
    setMounted(true);
  }, []);

  // A new problem: blank answers, no verdict; after "next" the first field takes the focus (keyboard flow).
  useEffect(() => {
    setCopied('');
    if (focusNext.current) {
      focusNext.current = false;
      form.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
    }
  }, [key]);

  const dispatch = (event: ProgressEvent) => {
    setProgress((before) => {
      const after = reduceProgress(before, event);
      if (after !== before) saveProgress(storage.current, after);
      return after;
    });
  };

  /** Shows another problem; `focus`: its first field takes the focus (after Enter or a button, not a level change). */
  const go = (next: ProblemRef, focus = true) => {
    focusNext.current = focus;
    setSaid('');
    change(urlStateOf(next), 'choose');
  };

  /** Checks the answers (or, once they are right, goes on); before the family has arrived, as soon as it does. */
  const submit = () => {
    if (exercise === undefined) return;
    if (family === undefined) {
      pendingCheck.current = true;
      want();
      return;
    }
    if (verdict?.correct) {
      go(nextProblem(ref));
      return;
    }
    const result = family.check(exercise, answers);
    setWork({ ...current, verdict: result });
    setSaid(announceVerdict(exercise, result));
    dispatch({ type: 'checked', family: exercise.family, key, correct: result.correct });
  };
  const pendingCheck = useRef(false);
  useEffect(() => {
    if (family === undefined || !pendingCheck.current) return;
    pendingCheck.current = false;
    submit();
  }, [family]);
  const onSubmit = (event: Event) => {
    event.preventDefault();
    submit();
  };

  // Only once live: the server cannot know the address, and the first client render must equal its HTML.
  const shareUrl = !mounted
    ? ''
    : `${window.location.origin}${window.location.pathname}?seed=${ref.seed}&level=${ref.level}&n=${ref.n}`;
  const copy = () => {
    const done = () => setCopied('Link copied.');
    const failed = () => setCopied('Copy the link from the field above.');
    try {
      navigator.clipboard.writeText(shareUrl).then(done, failed);
    } catch {
      failed();
    }
  };

  // Live: hydrated and progress read; a check takes effect (at once, or when the family arrives).
  const live = mounted;
  const notices = [...codecNotices.map((notice) => notice.message), ...resolved.notices];
  const position = quizPosition(families.length, ref.n);
  const record = exercise === undefined ? undefined : progress.families[exercise.family];
  const totals = totalProgress(progress);
  const headingId = `${id}-question`;

  if (exercise === undefined || owner === undefined) {
    return (
      <section class="pj-island practice" id={id} aria-busy={owner !== undefined}>
        <p role="status">{owner === undefined ? 'No exercises here yet.' : `Loading ${owner.title}…`}</p>
      </section>
    );
  }

  return (
    <section
      class="pj-island practice"
      id={id}
      aria-labelledby={headingId}
      data-live={live ? '' : undefined}
      onFocusIn={want}
      onPointerDown={want}
      onKeyDown={want}
    >
      {notices.length === 0 ? null : (
        <div class="pj-notice" role="status">
          {notices.map((notice) => (
            <p key={notice}>{notice}</p>
          ))}
        </div>
      )}
      <fieldset class="practice-levels">
        <legend>Difficulty</legend>
        {DIFFICULTIES.map((level) => (
          <label key={level}>
            <input
              type="radio"
              name={`${id}-level`}
              value={level}
              checked={ref.level === level}
              onChange={() => go({ ...ref, level }, false)}
            />{' '}
            {level} · {levelName(level)}
          </label>
        ))}
      </fieldset>
      <h2 id={headingId} class="practice-title">
        {mode === 'quiz'
          ? `Question ${position.index} of ${position.total}: ${owner.title}`
          : `Problem ${ref.n} of set ${ref.seed}`}
      </h2>
      <p class="practice-question">{exercise.question}</p>
      {exercise.givens === undefined || exercise.givens.length === 0 ? null : (
        <dl class="practice-givens">
          {exercise.givens.map((given) => (
            <div key={given.label}>
              <dt>{given.label}</dt>
              <dd>{given.value}</dd>
            </div>
          ))}
        </dl>
      )}
      <form ref={form} class="practice-form" onSubmit={onSubmit} aria-label="Your answer" noValidate>
        {exercise.inputs.map((input) => (
          <AnswerField
            key={`${key}-${input.id}`}
            prefix={`${id}-answer`}
            input={input}
            value={answers[input.id] ?? ''}
            verdict={verdict}
            onInput={(text) =>
              setWork((before) => {
                const mine = before.key === key ? before : { key, answers: {}, verdict: undefined };
                return { ...mine, answers: { ...mine.answers, [input.id]: text } };
              })
            }
          />
        ))}
        <div class="practice-actions">
          <button type="submit">{verdict?.correct ? 'Next problem' : 'Check'}</button>
          <button type="button" onClick={() => go(nextProblem(ref))}>
            New problem
          </button>
        </div>
        <p class="practice-said" role="status" aria-live="polite">
          {said}
        </p>
      </form>
      <Solution key={key} exercise={exercise} />
      <div class="practice-share">
        <label class="pj-label" for={`${id}-link`}>
          Link to this problem set
        </label>
        <div class="practice-share-row">
          <input id={`${id}-link`} type="text" readOnly value={shareUrl} />
          <button type="button" onClick={copy}>
            Copy link to this problem set
          </button>
        </div>
        <p class="pj-hint" role="status">
          {copied}
        </p>
      </div>
      <div class="practice-progress">
        <p>
          <span class="pj-label">{mode === 'quiz' ? `Progress on ${owner.title}: ` : 'Your progress: '}</span>
          {mounted ? progressLine(record) : 'Kept in this browser only.'}
          {mode === 'quiz' && mounted ? ` · all topics: solved ${totals.solved} of ${totals.attempted}` : ''}
        </p>
        <button
          type="button"
          onClick={() => {
            dispatch({ type: 'reset' });
            setSaid('Progress reset.');
          }}
        >
          Reset progress
        </button>
      </div>
    </section>
  );
}
