/**
 * The wire: what a scenario script sends, and when it arrives. A flight leaves one side at a known time; each
 * message in it arrives after the one-way delay plus slow-start rounds or serialisation (transfer.ts).
 *
 * State: the messages sent so far (`drafts`), and each side's latest flight so a second send by that side at the
 * same instant continues it.
 */
import { flightArrivalOffsetMs, slowStartRounds } from './transfer.ts';
import type { Endpoint, HandshakeMessage, MessageLayer, NetworkConditions } from './types.ts';

/** One message to put in a flight. */
export interface Part {
  readonly name: string;
  readonly label?: string;
  readonly detail?: string;
  readonly bytes: number;
  readonly layer: MessageLayer;
  readonly encrypted?: boolean;
  readonly early?: boolean;
  readonly optional?: boolean;
  readonly carries?: readonly string[];
}

/** A message before flights are numbered. */
export type Draft = Omit<HandshakeMessage, 'flight'>;

/** What `Wire.send` reports about a flight. */
export interface Flight {
  readonly sendAtMs: number;
  /** Arrival of each part's last byte, in part order. */
  readonly arrivals: readonly number[];
  readonly lastArrivalMs: number;
  readonly extraRounds: number;
}

/** What a scenario script reports back. */
export interface Outcome {
  readonly transportReadyMs: number;
  readonly handshakeCompleteMs: number;
  readonly requestSentMs: number;
  readonly requestArrivedMs: number;
  readonly responseSentMs: number;
  readonly firstByteMs: number;
  readonly lastByteMs: number;
  /** Extra rounds of server handshake flights (window or amplification limited). */
  readonly extraRounds: number;
  readonly notes: readonly string[];
}

/** Collects messages; the only state the scripts share. */
export class Wire {
  readonly drafts: Draft[] = [];
  /** The sender's congestion window at the start of each flight (bytes). */
  declare readonly window: number;
  /** The path every flight crosses (one-way delays, bandwidth): its timing is read from here. */
  declare readonly conditions: NetworkConditions;
  /** Each side's latest flight, so a second send by that side at the same moment continues it. */
  private readonly latest: Partial<Record<'client' | 'server', { at: number; bytes: number; capBytes: number }>> = {};

  constructor(conditions: NetworkConditions, windowBytes: number) {
    this.conditions = conditions;
    this.window = windowBytes;
  }

  /**
   * Sends `parts` back to back from `from` at `at`; `capBytes` limits the first window (QUIC amplification).
   * Sends by one side at the same instant form one flight: bytes queue behind the earlier parts.
   */
  send(from: 'client' | 'server', at: number, parts: readonly Part[], capBytes = Number.POSITIVE_INFINITY): Flight {
    const to: Endpoint = from === 'client' ? 'server' : 'client';
    const direction = from === 'client' ? 'toServer' : 'toClient';
    const previous = this.latest[from];
    const continues = previous !== undefined && previous.at === at;
    let cumulative = continues ? previous.bytes : 0;
    const cap = continues ? previous.capBytes : capBytes;
    const arrivals: number[] = [];
    for (const part of parts) {
      cumulative += part.bytes;
      const receiveAtMs = at + flightArrivalOffsetMs(cumulative, direction, this.conditions, this.window, cap);
      arrivals.push(receiveAtMs);
      this.drafts.push(toDraft(part, from, to, at, receiveAtMs));
    }
    this.latest[from] = { at, bytes: cumulative, capBytes: cap };
    const lastArrivalMs = arrivals.at(-1) ?? at;
    return { sendAtMs: at, arrivals, lastArrivalMs, extraRounds: slowStartRounds(cumulative, this.window, cap) - 1 };
  }

  /** Arrival of the `index`-th part of a flight (throws on a script bug). */
  static arrival(flight: Flight, index: number): number {
    const value = flight.arrivals[index];
    if (value === undefined) throw new Error(`Flight has no part ${index}`);
    return value;
  }
}

function toDraft(part: Part, from: Endpoint, to: Endpoint, sendAtMs: number, receiveAtMs: number): Draft {
  return {
    name: part.name,
    label: part.label ?? part.name,
    ...(part.detail === undefined ? {} : { detail: part.detail }),
    from,
    to,
    layer: part.layer,
    ...(part.carries === undefined ? {} : { carries: part.carries }),
    sendAtMs,
    receiveAtMs,
    bytes: part.bytes,
    encrypted: part.encrypted ?? false,
    early: part.early ?? false,
    optional: part.optional ?? false,
  };
}

/** Total bytes of some parts. */
export function sum(parts: readonly Part[]): number {
  return parts.reduce((total, part) => total + part.bytes, 0);
}

/** Sorts by send time (stable: ties keep protocol order) and numbers the flights. */
export function finalise(drafts: readonly Draft[]): HandshakeMessage[] {
  const ordered = drafts.map((draft, index) => ({ draft, index }));
  ordered.sort((a, b) => a.draft.sendAtMs - b.draft.sendAtMs || a.index - b.index);
  let flight = 0;
  let previous: Draft | undefined;
  return ordered.map(({ draft }) => {
    if (previous === undefined || previous.from !== draft.from || previous.sendAtMs !== draft.sendAtMs) flight += 1;
    previous = draft;
    return { ...draft, flight };
  });
}
