/**
 * The calculator's run: every scenario on one network (the comparison table's rows) and the chosen scenario's ladder,
 * laid out. A module of its own, and not re-exported by the index, so that only the worker, the server render and
 * tests bundle the handshake simulator and the diagram layout; the island's main-thread code does not (it renders
 * the returned scene, plain data, with `<Figure>`).
 *
 * Only the chosen ladder is laid out and sent: the other twelve cost the worker about 3.5 ms and the main thread
 * the structured clone of ~110 KB on every keystroke, for ladders nobody is looking at (issue 13). Once the network
 * has stayed the same for a moment, the island asks for every ladder (`allLadders`), and from then on draws any
 * scenario the reader chooses in the same frame, without a run. Before that, choosing another scenario is a run of its
 * own, and since the network did not change, the island says it holds the results (`haveResults`): the answer is the
 * new ladder and its row, about a quarter of a full answer.
 *
 * Results cross as {@link ShownResult}s, without the messages and conditions the island never reads: a change of
 * network is answered with about 13 KB instead of 54 KB, and receiving the 54 KB cost the main thread about 3.4 ms of
 * the 11-15 ms an RTT change took at 1× CPU (issue 13, goal 3).
 */
import { layoutSequence, type Scene } from '../diagram/index.ts';
import {
  compareScenarios,
  type HandshakeInput,
  type ScenarioId,
  type ScenarioResult,
  toSequenceDiagram,
} from '../handshake/index.ts';
import type { ShownResult } from './state.ts';

/** One scenario's timed ladder, laid out: the props of `<Figure>` (src/components/diagrams). */
export interface TlsLadder {
  readonly scene: Scene;
  readonly title: string;
  readonly caption: string;
}

/** What the island asks for: the network and the scenario whose ladder it draws. */
export interface CalculatorRequest {
  readonly input: HandshakeInput;
  readonly scenario: ScenarioId;
  /**
   * True when the island already holds every scenario's results for this input (only the scenario changed): the
   * answer then leaves `results` out, which spares the main thread the structured clone of about 40 KB it already has.
   */
  readonly haveResults?: boolean;
  /** True when the island is idle and wants every scenario's ladder for this input, ahead of the reader's choice. */
  readonly allLadders?: boolean;
}

/** What the run answers: every scenario's numbers in teaching order, and the chosen one's ladder. */
export interface CalculatorOutput {
  /** The input this answer is for (the island keys the results it holds by it). */
  readonly input: HandshakeInput;
  /** Every scenario's numbers in teaching order; absent when the request said the island holds them. */
  readonly results?: readonly ShownResult[];
  /** The result of the scenario asked for (the first one if no result has that id). */
  readonly chosen: ShownResult;
  readonly ladder: TlsLadder;
  /** Every scenario's ladder, when the request asked for them all (`chosen`'s is `ladder`). */
  readonly ladders?: Readonly<Partial<Record<ScenarioId, TlsLadder>>>;
}

/** The scenario's ladder, laid out like the guides' diagrams. */
export function ladderOf(result: ScenarioResult): TlsLadder {
  const diagram = toSequenceDiagram(result);
  const scene = layoutSequence({ actors: diagram.actors, steps: diagram.steps, timed: true });
  return { scene, title: diagram.title, caption: diagram.caption };
}

/** What the island shows of a result: all of it but the messages (the ladder draws them) and the conditions. */
export function shownResult(result: ScenarioResult): ShownResult {
  return {
    scenario: result.scenario,
    setupRoundTrips: result.setupRoundTrips,
    extraFlightRoundTrips: result.extraFlightRoundTrips,
    connectStartMs: result.connectStartMs,
    handshakeCompleteMs: result.handshakeCompleteMs,
    requestSentMs: result.requestSentMs,
    ttfbMs: result.ttfbMs,
    timeToLastByteMs: result.timeToLastByteMs,
    breakdown: result.breakdown,
    notes: result.notes,
  };
}

/**
 * Every scenario for one input, in teaching order (unless the request says the island has them), the ladder of the
 * scenario asked for, and every scenario's ladder when the request asks for them all.
 */
export function calculate(request: CalculatorRequest): CalculatorOutput {
  const results = compareScenarios(request.input);
  const chosen = results.find((result) => result.scenario === request.scenario) ?? results[0];
  // compareScenarios returns one result per scenario, never none.
  if (chosen === undefined) throw new Error('compareScenarios returned no scenarios');
  const ladder = ladderOf(chosen);
  const answer =
    request.haveResults === true
      ? { input: request.input, chosen: shownResult(chosen), ladder }
      : { input: request.input, results: results.map(shownResult), chosen: shownResult(chosen), ladder };
  if (request.allLadders !== true) return answer;
  const ladders: Partial<Record<ScenarioId, TlsLadder>> = {};
  for (const result of results) ladders[result.scenario] = result === chosen ? ladder : ladderOf(result);
  return { ...answer, ladders };
}
