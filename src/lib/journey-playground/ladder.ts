/**
 * The journey's ladder: the model's messages across client / resolver / authoritative / proxy / origin as the input
 * of the shared sequence-diagram layout (src/lib/diagram), timed, with only the lanes this journey uses.
 */
import type { SequenceActor, SequenceInput, SequenceStep } from '../diagram/sequence.ts';
import { formatDuration } from '../format/index.ts';
import { type Journey, LANES, type Lane } from '../journey/types.ts';

/** Column headers of the ladder. */
export const LANE_LABELS: Readonly<Record<Lane, { readonly label: string; readonly sublabel: string }>> = {
  client: { label: 'Browser', sublabel: 'stub resolver' },
  resolver: { label: 'Resolver', sublabel: 'recursive' },
  authoritative: { label: 'Name servers', sublabel: 'root, TLD, domain' },
  proxy: { label: 'CDN / proxy', sublabel: 'edge' },
  origin: { label: 'Origin', sublabel: 'app server' },
};

/** The ladder of one journey: title, caption and the layout's input; undefined when fewer than two lanes talk. */
export interface JourneyLadderInput {
  readonly title: string;
  readonly caption: string;
  readonly sequence: SequenceInput;
}

/** The edge lane a journey's client talks to (the origin itself without a proxy). */
function lanesOf(journey: Journey): Lane[] {
  const used = new Set<Lane>();
  for (const m of journey.messages) {
    used.add(m.from);
    used.add(m.to);
  }
  return LANES.filter((lane) => used.has(lane));
}

/** The sequence-diagram input of a journey's messages, in the order they are sent (ties keep the model's order). */
export function journeyLadder(journey: Journey): JourneyLadderInput | undefined {
  const lanes = lanesOf(journey);
  if (lanes.length < 2) return undefined;
  const actors: SequenceActor[] = lanes.map((lane) => ({ id: lane, ...LANE_LABELS[lane] }));
  const steps: SequenceStep[] = journey.messages
    .map((m, order) => ({ m, order }))
    .sort((a, b) => a.m.sendMs - b.m.sendMs || a.order - b.order)
    .map(({ m }) => ({
      kind: 'message',
      from: m.from,
      to: m.to,
      label: m.label,
      sendAt: m.sendMs,
      receiveAt: Math.max(m.sendMs, m.arriveMs),
      encrypted: m.phase === 'request' || m.phase === 'response' ? journey.tlsVersion !== null : false,
    }));
  const visit = journey.input.visit === 'cold' ? 'first' : 'second';
  const title = `Ladder of the ${visit} visit to ${journey.url.host}`;
  const caption = `Every message of the ${visit} visit to ${journey.url.href}, to scale: ${steps.length} messages across ${lanes
    .map((lane) => LANE_LABELS[lane].label)
    .join(', ')}; the last byte arrives at ${formatDuration(journey.totalMs)}.`;
  return { title, caption, sequence: { actors, steps, timed: true } };
}
