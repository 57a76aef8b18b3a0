/**
 * The journey's ladder, drawn by the shared `<Figure>`: loaded on demand when the reader opens the ladder view, so
 * the figure's code and styles stay out of the island's first download. The scene was laid out in the worker.
 */
import type { LaidOutLadder } from '../../lib/journey-playground/run.ts';
import { Figure } from '../diagrams/Figure.tsx';

/** Props: the laid-out ladder and the island's id (keeps the figure's ids unique on the page). */
export interface JourneyLadderProps {
  readonly ladder: LaidOutLadder;
  readonly scope: string;
}

/** The ladder figure. */
export function JourneyLadder(props: JourneyLadderProps) {
  return (
    <Figure scene={props.ladder.scene} title={props.ladder.title} caption={props.ladder.caption} scope={props.scope} />
  );
}
