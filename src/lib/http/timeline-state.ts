/**
 * The HTTP timeline playground's state: what the controls hold (raw text, as typed), its URL encoding, and the
 * conversion to simulator input. Parameters equal to the defaults are left out of the URL.
 */

import { mergeQuery } from '../url/query.ts';
import { HTTP_LIMITS } from './constants.ts';
import { isPresetId, PRESETS, type PresetId, uniformPage } from './presets.ts';
import type { HttpInputError, NetworkInput, PageInput, ProtocolId } from './types.ts';
import { isProtocolId, validateNetwork } from './validate.ts';

/** 'custom' = a uniform page of `count` resources of `sizeKb` each. */
export type PageChoice = PresetId | 'custom';

/** Control values; numbers are the text in the inputs. */
export interface TimelineState {
  readonly preset: PageChoice;
  readonly protocol: ProtocolId;
  readonly rtt: string;
  readonly bandwidth: string;
  readonly loss: string;
  readonly count: string;
  readonly size: string;
}

/** The state a fresh page shows (also what the server renders). */
export const DEFAULT_STATE: TimelineState = {
  preset: 'image-gallery',
  protocol: 'h2',
  rtt: '100',
  bandwidth: '50',
  loss: '0',
  count: '20',
  size: '30',
};

/** URL parameter per state field. */
const PARAMS: Readonly<Record<keyof TimelineState, string>> = {
  preset: 'page',
  protocol: 'protocol',
  rtt: 'rtt',
  bandwidth: 'bw',
  loss: 'loss',
  count: 'count',
  size: 'kb',
};

const FIELDS = Object.keys(PARAMS) as (keyof TimelineState)[];

/** Reads a state from a query string; unknown or missing values keep the defaults. */
export function decodeTimelineState(search: string, base: TimelineState = DEFAULT_STATE): TimelineState {
  const params = new URLSearchParams(search);
  const read = (field: keyof TimelineState): string | null => {
    const value = params.get(PARAMS[field]);
    return value === null ? null : value.slice(0, 24);
  };
  const preset = read('preset');
  const protocol = read('protocol');
  const text = (field: 'rtt' | 'bandwidth' | 'loss' | 'count' | 'size'): string => read(field) ?? base[field];
  return {
    preset: preset === 'custom' || isPresetId(preset) ? preset : base.preset,
    protocol: isProtocolId(protocol) ? protocol : base.protocol,
    rtt: text('rtt'),
    bandwidth: text('bandwidth'),
    loss: text('loss'),
    count: text('count'),
    size: text('size'),
  };
}

/** Writes a state as a query string (without '?'); fields equal to `base` are left out. */
export function encodeTimelineState(state: TimelineState, base: TimelineState = DEFAULT_STATE): string {
  const params = new URLSearchParams();
  for (const field of FIELDS) if (state[field] !== base[field]) params.set(PARAMS[field], state[field]);
  return params.toString();
}

/** Replaces the timeline's parameters in `search`, keeping any others. Returns '' or '?…'. */
export function mergeTimelineQuery(search: string, encoded: string): string {
  return mergeQuery(search, Object.values(PARAMS), encoded);
}

/** A control's text as a number, or an error naming the control and quoting the text. */
function number(
  field: string,
  label: string,
  text: string,
): { ok: true; value: number } | { ok: false; error: HttpInputError } {
  const trimmed = text.trim();
  const value = trimmed === '' ? Number.NaN : Number(trimmed);
  if (Number.isNaN(value)) {
    return { ok: false, error: { code: 'not-a-number', field, message: `${label} must be a number, got '${text}'.` } };
  }
  return { ok: true, value };
}

/** Converts the controls to simulator input; errors use the control's label and quote the text. */
export function timelineInput(
  state: TimelineState,
): { ok: true; value: { page: PageInput; network: NetworkInput } } | { ok: false; error: HttpInputError } {
  const rtt = number('rttMs', 'Round-trip time', state.rtt);
  if (!rtt.ok) return rtt;
  const bandwidth = number('bandwidthMbps', 'Bandwidth', state.bandwidth);
  if (!bandwidth.ok) return bandwidth;
  const loss = number('lossRate', 'Packet loss', state.loss);
  if (!loss.ok) return loss;
  const network: NetworkInput = {
    rttMs: rtt.value,
    bandwidthMbps: bandwidth.value,
    lossRate: loss.value / 100,
    seed: 1,
  };
  const checked = validateNetwork(network);
  if (!checked.ok) return { ok: false, error: relabel(checked.error, state) };
  if (state.preset !== 'custom') return { ok: true, value: { page: PRESETS[state.preset].page, network } };
  const count = number('resources', 'Number of resources', state.count);
  if (!count.ok) return count;
  const size = number('resources[0].bytes', 'Resource size', state.size);
  if (!size.ok) return size;
  if (!Number.isInteger(count.value) || count.value < 0 || count.value > HTTP_LIMITS.maxResources) {
    return {
      ok: false,
      error: {
        code: 'out-of-range',
        field: 'resources',
        message: `Number of resources is '${state.count}': use a whole number from 0 to ${HTTP_LIMITS.maxResources}.`,
      },
    };
  }
  const maxKb = HTTP_LIMITS.maxResourceBytes / 1000;
  if (!(size.value >= 0 && size.value <= maxKb)) {
    return {
      ok: false,
      error: {
        code: size.value > maxKb ? 'too-large' : 'out-of-range',
        field: 'resources[0].bytes',
        message: `Resource size is '${state.size}' KB: use 0 to ${maxKb} KB (1 GB) per resource.`,
      },
    };
  }
  return { ok: true, value: { page: uniformPage(count.value, Math.round(size.value * 1000), 10_000), network } };
}

/** Control labels for the network fields, so messages speak of what the user sees. */
const LABELS: Readonly<Record<string, { label: string; text: (s: TimelineState) => string; range: string }>> = {
  rttMs: { label: 'Round-trip time', text: (s) => s.rtt, range: 'more than 0 and at most 10000 ms' },
  bandwidthMbps: { label: 'Bandwidth', text: (s) => s.bandwidth, range: 'more than 0 and at most 100000 Mbit/s' },
  lossRate: { label: 'Packet loss', text: (s) => s.loss, range: '0 to 30 %' },
};

/** Rewrites a network error in the controls' terms: "Packet loss is '45' %: use 0 to 30 %." */
function relabel(error: HttpInputError, state: TimelineState): HttpInputError {
  const known = LABELS[error.field];
  if (known === undefined) return error;
  return { ...error, message: `${known.label} is '${known.text(state)}': use ${known.range}.` };
}
