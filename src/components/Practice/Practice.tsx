/**
 * The practice island: one problem at a time from a problem set in the URL (`?seed=…&level=…&n=…`), for one family
 * (`family`) or the journey quiz across all of them (`quiz`). State: the URL fields (PRACTICE_CODEC), the answers
 * typed for the current problem, the verdict of the last check, and the progress read from localStorage after
 * hydration (the server renders none, so the first client render equals the server's HTML).
 *
 * Keyboard flow: Enter in a field checks; once every answer is right, Enter again goes to the next problem, whose
 * first field takes the focus. The worked solution is a <details> element, so it works before hydration too.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  type AnswerInput,
  DIFFICULTIES,
  type Exercise,
  FAMILIES,
  type Family,
  type Verdict,
} from '../../lib/practice/index.ts';
import {
  announceVerdict,
  EMPTY_PROGRESS,
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
  quizProblem,
  reduceProgress,
  resolveProblemSet,
  saveProgress,
  siteHref,
  totalProgress,
  urlStateOf,
} from '../../lib/practice-page/index.ts';
import { useUrlState } from '../shared/hooks.ts';
import '../shared/island.css';
import './Practice.css';

export interface PracticeProps {
  /** Prefix of every element id (unique on the page). */
  readonly id: string;
  /** `family`: one family's problems; `quiz`: the journey quiz. */
  readonly mode: 'family' | 'quiz';
  /** The family's id (mode `family`). */
  readonly family?: string;
  /** Mirror the problem set into the address bar (the practice pages do). */
  readonly syncUrl?: boolean;
  /** The families to draw from (tests pass their own; the pages use FAMILIES). */
  readonly families?: readonly Family[];
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
            {input.label}: <code>{exercise.answer[input.id] ?? ''}</code>
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

function progressLine(record: FamilyProgress | undefined): string {
  const { attempted = 0, solved = 0, streak = 0, best = 0 } = record ?? {};
  if (attempted === 0) return 'No problems checked yet.';
  return `Solved ${solved} of ${attempted} · streak ${streak} (best ${best})`;
}

export function Practice(props: PracticeProps) {
  const { id, mode, syncUrl = false } = props;
  const families = props.families ?? FAMILIES;
  const family = mode === 'family' ? families.find((f) => f.id === props.family) : undefined;
  const [urlState, change, codecNotices] = useUrlState(PRACTICE_CODEC, PRACTICE_CODEC.defaults, syncUrl);
  const resolved = useMemo(() => resolveProblemSet(urlState), [urlState]);
  const ref = resolved.value;
  const exercise = useMemo(
    () => (mode === 'quiz' ? quizProblem(families, ref) : family && familyProblem(family, ref)),
    [family, families, mode, ref.seed, ref.level, ref.n],
  );
  const key = exercise === undefined ? '' : problemKey(exercise);

  const [answers, setAnswers] = useState<Readonly<Record<string, string>>>({});
  const [verdict, setVerdict] = useState<Verdict | undefined>(undefined);
  const [said, setSaid] = useState('');
  const [progress, setProgress] = useState<Progress>(EMPTY_PROGRESS);
  const [live, setLive] = useState(false);
  const [copied, setCopied] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const focusNext = useRef(false);
  const storage = useRef<ProgressStorage | undefined>(undefined);

  useEffect(() => {
    storage.current = props.storage ?? browserStorage();
    setProgress(loadProgress(storage.current));
    setLive(true);
  }, []);

  // A new problem: blank answers, no verdict; after "next" the first field takes the focus (keyboard flow).
  useEffect(() => {
    setAnswers({});
    setVerdict(undefined);
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

  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (exercise === undefined) return;
    if (verdict?.correct) {
      go(nextProblem(ref));
      return;
    }
    const result = (mode === 'quiz' ? quizFamily(families, ref.n) : family)?.check(exercise, answers);
    if (result === undefined) return;
    setVerdict(result);
    setSaid(announceVerdict(exercise, result));
    dispatch({ type: 'checked', family: exercise.family, key, correct: result.correct });
  };

  // Only once live: the server cannot know the address, and the first client render must equal its HTML.
  const shareUrl = !live
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

  const notices = [...codecNotices.map((notice) => notice.message), ...resolved.notices];
  const owner = mode === 'quiz' ? quizFamily(families, ref.n) : family;
  const position = quizPosition(families, ref.n);
  const record = exercise === undefined ? undefined : progress.families[exercise.family];
  const totals = totalProgress(progress);
  const headingId = `${id}-question`;

  if (exercise === undefined || owner === undefined) {
    return (
      <section class="pj-island practice" id={id} data-live={live ? '' : undefined}>
        <p>No exercises here yet.</p>
      </section>
    );
  }

  return (
    <section class="pj-island practice" id={id} aria-labelledby={headingId} data-live={live ? '' : undefined}>
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
            onInput={(text) => setAnswers((before) => ({ ...before, [input.id]: text }))}
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
          {live ? progressLine(record) : 'Kept in this browser only.'}
          {mode === 'quiz' && live ? ` · all topics: solved ${totals.solved} of ${totals.attempted}` : ''}
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
