/**
 * The calculator's run: every scenario on one network (the comparison table's rows), each with its ladder already
 * laid out. A module of its own, and not re-exported by the index, so that only the worker, the server render and
 * tests bundle the handshake simulator and the diagram layout; the island's main-thread code does not (it renders
 * the returned scene, plain data, with `<Figure>`).
 */
import { layoutSequence, type Scene } from '../diagram/index.ts';
import { compareScenarios, type HandshakeInput, type ScenarioResult, toSequenceDiagram } from '../handshake/index.ts';

/** One scenario's timed ladder, laid out: the props of `<Figure>` (src/components/diagrams). */
export interface TlsLadder {
  readonly scene: Scene;
  readonly title: string;
  readonly caption: string;
}

/** One row of the run: the scenario's numbers and its laid-out ladder. */
export interface CalculatorRow {
  readonly result: ScenarioResult;
  readonly ladder: TlsLadder;
}

/** Every scenario for one input, in teaching order, each with its ladder (laid out like the guides' diagrams). */
export function calculate(input: HandshakeInput): readonly CalculatorRow[] {
  return compareScenarios(input).map((result) => {
    const diagram = toSequenceDiagram(result);
    const scene = layoutSequence({ actors: diagram.actors, steps: diagram.steps, timed: true });
    return { result, ladder: { scene, title: diagram.title, caption: diagram.caption } };
  });
}
