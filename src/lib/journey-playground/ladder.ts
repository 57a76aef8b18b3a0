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

/** Messages sent together between the same two lanes, drawn as one arrow with one line per message. */
interface Flight {
  readonly from: Lane;
  readonly to: Lane;
  readonly sendMs: number;
  arriveMs: number;
  readonly labels: string[];
  encrypted: boolean;
}

/**
 * The journey's messages in the order they are sent (ties keep the model's order), those leaving one lane for the
 * same lane at the same moment joined into one flight (a server's TLS flight, an ACK with a ClientHello): separate
 * arrows would lie on top of each other with their labels overprinted.
 */
function flights(journey: Journey): Flight[] {
  const sorted = journey.messages
    .map((m, order) => ({ m, order }))
    .sort((a, b) => a.m.sendMs - b.m.sendMs || a.order - b.order)
    .map(({ m }) => m);
  const out: Flight[] = [];
  for (const m of sorted) {
    const encrypted = journey.tlsVersion !== null && (m.phase === 'request' || m.phase === 'response');
    const arriveMs = Math.max(m.sendMs, m.arriveMs);
    const last = out.at(-1);
    if (last !== undefined && last.from === m.from && last.to === m.to && last.sendMs === m.sendMs) {
      last.labels.push(m.label);
      last.arriveMs = Math.max(last.arriveMs, arriveMs);
      last.encrypted ||= encrypted;
    } else out.push({ from: m.from, to: m.to, sendMs: m.sendMs, arriveMs, labels: [m.label], encrypted });
  }
  return out;
}

/** The sequence-diagram input of a journey's messages, as flights. */
export function journeyLadder(journey: Journey): JourneyLadderInput | undefined {
  const lanes = lanesOf(journey);
  if (lanes.length < 2) return undefined;
  const actors: SequenceActor[] = lanes.map((lane) => ({ id: lane, ...LANE_LABELS[lane] }));
  const steps: SequenceStep[] = flights(journey).map((f) => ({
    kind: 'message',
    from: f.from,
    to: f.to,
    label: f.labels.join('\n'),
    sendAt: f.sendMs,
    receiveAt: f.arriveMs,
    encrypted: f.encrypted,
  }));
  const visit = journey.input.visit === 'cold' ? 'first' : 'second';
  const title = `Ladder of the ${visit} visit to ${journey.url.host}`;
  const caption = `Every message of the ${visit} visit to ${journey.url.href}, to scale: ${journey.messages.length} messages across ${lanes
    .map((lane) => LANE_LABELS[lane].label)
    .join(', ')}; the last byte arrives at ${formatDuration(journey.totalMs)}.`;
  return { title, caption, sequence: { actors, steps, timed: true } };
}
