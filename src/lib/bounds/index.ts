/**
 * The physically sensible range of every number a playground accepts, declared once. The models refuse values
 * outside these bounds at their edge (validation), and the playgrounds' URL fields take their limits and error text
 * from the same table, so a value the UI accepts is always one the model can simulate without float absorption or
 * an unbounded loop.
 *
 * Why these numbers:
 * - RTT 0.01 ms – 60 s: 10 µs is a same-host loopback round trip; below it `t + rtt === t` starts to bite for the
 *   long simulations; 60 s is beyond any satellite or interplanetary-test link people model.
 * - One-way delay 0.005 ms – 30 s: half of the RTT bounds.
 * - Bandwidth 0.001 Mbit/s (1 kbit/s, slower than any modem still in use) – 100 Gbit/s (a fast data-centre NIC).
 * - Loss 0 – 30 %: above that TCP spends its time in back-off and the simulation says nothing useful.
 * - Server / DNS time 0 – 60 s: a request that takes longer has timed out in every browser.
 * - Bodies up to 1 GB per response and 2 GB per page; up to 500 resources per page; certificate chains up to
 *   100 KB (real chains are 2–10 KB; TLS caps a message at 16 MB, but nothing real comes near).
 * - Initial congestion window 1 – 100 segments (Linux allows up to the route's `initcwnd`; 1, 4 and 10 are the
 *   RFC 2001 / RFC 3390 / RFC 6928 values, CDNs use up to ~50).
 */

/** One numeric bound: inclusive limits, the unit as readers see it, and whether only whole numbers are allowed. */
export interface Bound {
  readonly min: number;
  readonly max: number;
  readonly unit: string;
  readonly integer?: boolean;
}

export const BOUNDS = {
  rttMs: { min: 0.01, max: 60_000, unit: 'ms' },
  oneWayMs: { min: 0.005, max: 30_000, unit: 'ms' },
  bandwidthMbps: { min: 0.001, max: 100_000, unit: 'Mbit/s' },
  lossPercent: { min: 0, max: 30, unit: '%' },
  lossRate: { min: 0, max: 0.3, unit: '(a fraction: 0.01 is 1 %)' },
  serverMs: { min: 0, max: 60_000, unit: 'ms' },
  dnsMs: { min: 0, max: 60_000, unit: 'ms' },
  dnsLookups: { min: 0, max: 10, unit: 'lookups', integer: true },
  requestBytes: { min: 0, max: 1_000_000, unit: 'bytes', integer: true },
  responseBytes: { min: 0, max: 1_000_000_000, unit: 'bytes', integer: true },
  responseKb: { min: 0, max: 1_000_000, unit: 'KB' },
  pageBytes: { min: 0, max: 2_000_000_000, unit: 'bytes', integer: true },
  certChainBytes: { min: 0, max: 100_000, unit: 'bytes', integer: true },
  resources: { min: 1, max: 500, unit: 'resources', integer: true },
  connectionsPerOrigin: { min: 1, max: 32, unit: 'connections', integer: true },
  initialWindowSegments: { min: 1, max: 100, unit: 'segments', integer: true },
  seed: { min: 0, max: 4_294_967_295, unit: '', integer: true },
} as const satisfies Record<string, Bound>;

export type BoundName = keyof typeof BOUNDS;

/** Why a number was refused. */
export type BoundErrorCode = 'not-a-number' | 'out-of-range' | 'not-integer';

export interface BoundError {
  readonly code: BoundErrorCode;
  readonly field: string;
  readonly message: string;
}

/** Short text for a bound: "0.01–60000 ms". */
export function describeBound(bound: Bound): string {
  return `${bound.min}–${bound.max}${bound.unit ? ` ${bound.unit}` : ''}`;
}

/**
 * Checks `value` against `bound`; the message names the field, quotes the value and gives the allowed range.
 * Returns undefined when the value is acceptable.
 */
export function checkBound(field: string, value: unknown, bound: Bound): BoundError | undefined {
  const shown =
    typeof value === 'string' ? `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'` : `'${String(value)}'`;
  if (typeof value !== 'number' || Number.isNaN(value)) {
    return { code: 'not-a-number', field, message: `${field} must be a number, got ${shown}.` };
  }
  if (!(value >= bound.min && value <= bound.max)) {
    return {
      code: 'out-of-range',
      field,
      message: `${field} is ${shown} but must be from ${bound.min} to ${bound.max}${bound.unit ? ` ${bound.unit}` : ''}.`,
    };
  }
  if (bound.integer === true && !Number.isInteger(value)) {
    return { code: 'not-integer', field, message: `${field} is ${shown} but must be a whole number.` };
  }
  return undefined;
}
