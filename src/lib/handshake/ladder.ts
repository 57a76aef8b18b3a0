/**
 * Adapter from a model result to the props of `src/components/diagrams/SequenceDiagram.astro`
 * (shape documented in src/components/diagrams/README.md; types from the layout in src/lib/diagram).
 */
import type { SequenceActor, SequenceStep } from '../diagram/index.ts';
import { formatDuration } from '../format/index.ts';
import { SCENARIOS } from './scenarios.ts';
import type { Endpoint, HandshakeMessage, ScenarioResult } from './types.ts';

export type { SequenceActor, SequenceStep };

/** Props for SequenceDiagram, timed. */
export interface SequenceDiagramData {
  readonly title: string;
  readonly caption: string;
  readonly actors: readonly SequenceActor[];
  readonly steps: readonly SequenceStep[];
  readonly timed: true;
}

/** How to draw the ladder. */
export interface LadderOptions {
  /** Put consecutive messages of one flight on one arrow when they look alike (default true). */
  readonly groupFlights?: boolean;
  /** Divider where the request can be sent (default true). */
  readonly dividers?: boolean;
  /** Override the title (default: the scenario title). */
  readonly title?: string;
  /** Override the caption (default: a computed sentence with the round trips and TTFB). */
  readonly caption?: string;
}

const ACTORS: Record<Endpoint, SequenceActor> = {
  resolver: { id: 'resolver', label: 'DNS resolver' },
  client: { id: 'client', label: 'Client', sublabel: 'browser' },
  server: { id: 'server', label: 'Server' },
};

/** Rounds to 0.01 ms so labels and SVG coordinates stay short. */
function ms(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Groups messages into arrows: one per message, or one per flight. Messages of a flight leave together and
 * arrive together, so on a timed ladder separate arrows would be drawn on top of each other.
 */
function groupMessages(messages: readonly HandshakeMessage[], group: boolean): HandshakeMessage[][] {
  const groups: HandshakeMessage[][] = [];
  for (const message of messages) {
    const current = groups.at(-1);
    if (group && current !== undefined && current[0]?.flight === message.flight) current.push(message);
    else groups.push([message]);
  }
  return groups;
}

/** A QUIC packet carrying several TLS messages gets one line per message, like a TLS flight. */
function packetLabel(m: HandshakeMessage): string {
  return m.carries !== undefined && m.carries.length > 2 ? `${m.name}: ${m.carries.join('\n')}` : m.label;
}

/**
 * One arrow's text. When a flight mixes protections, the line marks them in the spirit of RFC 8446 §2:
 * {encrypted}, (early data), and a trailing * for optional messages.
 */
function arrowText(group: readonly HandshakeMessage[]): { label: string; detail?: string } {
  const first = group[0] as HandshakeMessage;
  if (group.length === 1)
    return { label: first.label, ...(first.detail === undefined ? {} : { detail: first.detail }) };
  const mixedEarly = group.some((m) => m.early) && !group.every((m) => m.early);
  const mixedEncrypted = !mixedEarly && group.some((m) => m.encrypted) && !group.every((m) => m.encrypted);
  const mixedOptional = group.some((m) => m.optional) && !group.every((m) => m.optional);
  const lines = group.map((m) => {
    let line = packetLabel(m);
    if (mixedEarly && m.early) line = `(${line})`;
    else if (mixedEncrypted && m.encrypted) line = `{${line}}`;
    if (mixedOptional && m.optional) line = `${line}*`;
    return line;
  });
  const keys = [
    mixedEncrypted ? '{ } encrypted' : '',
    mixedEarly ? '( ) early data' : '',
    mixedOptional ? '* optional' : '',
  ].filter((k) => k !== '');
  return { label: lines.join('\n'), ...(keys.length === 0 ? {} : { detail: keys.join(' · ') }) };
}

/** Round trips as words: '1 RTT', '0.5 RTT'. */
function rttText(roundTrips: number): string {
  return `${Number.parseFloat(roundTrips.toFixed(2))} RTT`;
}

/** Default caption: the facts a reader should take away, computed from the result. */
export function ladderCaption(result: ScenarioResult): string {
  const info = SCENARIOS[result.scenario];
  const when =
    result.setupRoundTrips === 0
      ? 'the request leaves with the very first packet'
      : `the request can be sent after ${rttText(result.setupRoundTrips)}`;
  return (
    `${info.title} at a ${formatDuration(result.conditions.rttMs)} round trip: ${when}; ` +
    `the first response byte arrives at ${formatDuration(result.ttfbMs)}.`
  );
}

/** Turns a scenario result into timed SequenceDiagram props (times in ms since the start). */
export function toSequenceDiagram(result: ScenarioResult, options: LadderOptions = {}): SequenceDiagramData {
  const used = new Set<Endpoint>();
  for (const m of result.messages) {
    used.add(m.from);
    used.add(m.to);
  }
  const actors = (['resolver', 'client', 'server'] as const).filter((e) => used.has(e)).map((e) => ACTORS[e]);
  const steps: SequenceStep[] = [];
  const dividers = options.dividers ?? true;
  let requestMarked = false;
  let dnsMarked = false;
  // The divider goes above the whole flight that carries the request (e.g. above "Finished + request").
  const requestFlight = result.messages.find((m) => m.name === 'HTTP request')?.flight;
  for (const group of groupMessages(result.messages, options.groupFlights ?? true)) {
    const first = group[0];
    if (first === undefined) continue;
    if (dividers && !dnsMarked && result.connectStartMs > 0 && first.layer !== 'dns') {
      steps.push({ kind: 'divider', text: 'Address known: connect', at: ms(result.connectStartMs) });
      dnsMarked = true;
    }
    if (dividers && !requestMarked && first.flight === requestFlight) {
      const text =
        result.setupRoundTrips === 0
          ? 'Request sent at once (0 RTT)'
          : `Request sent after ${rttText(result.setupRoundTrips)}`;
      steps.push({ kind: 'divider', text, at: ms(result.requestSentMs) });
      requestMarked = true;
    }
    const receiveAt = Math.max(...group.map((m) => m.receiveAtMs));
    steps.push({
      kind: 'message',
      from: first.from,
      to: first.to,
      ...arrowText(group),
      // The arrow's style only when it holds for the whole flight; otherwise the label marks it per line.
      ...(group.every((m) => m.encrypted) ? { encrypted: true } : {}),
      ...(group.every((m) => m.early) ? { early: true } : {}),
      ...(group.every((m) => m.optional) ? { dashed: true } : {}),
      sendAt: ms(first.sendAtMs),
      receiveAt: ms(receiveAt),
    });
  }
  return {
    title: options.title ?? SCENARIOS[result.scenario].title,
    caption: options.caption ?? ladderCaption(result),
    actors,
    steps,
    timed: true,
  };
}
