/**
 * One way to print numbers across the site (guides, diagrams and playgrounds alike).
 *
 * The rule, stated once:
 * - **Durations** (milliseconds in): below 10 ms one decimal ("7.3 ms", "0.5 ms", a positive value under 0.05 ms
 *   is "< 0.1 ms"); below 1 s whole milliseconds ("85 ms"); from 1 s on, seconds with three significant digits
 *   ("1.50 s", "12.3 s", "125 s"), whole seconds beyond 999 s.
 * - **Sizes** (bytes in, decimal units as on the wire): "950 B", "14.6 KB", "1.20 MB", "3.00 GB": three significant
 *   digits from 1 KB on.
 * - **Rates** (megabits per second in): "500 kbit/s", "1.5 Mbit/s", "100 Mbit/s", "1 Gbit/s": up to three
 *   significant digits, trailing zeros dropped.
 * - **Counts**: grouped thousands, "1,234,567".
 * - Anything not finite prints as "—" (an em dash): a formatter never throws and never prints NaN or Infinity.
 */

const DASH = '—';

/** Three significant digits, as text ("1.50", "12.3", "125"). */
function sig3(value: number): string {
  return value.toPrecision(3).includes('e') ? String(Math.round(value)) : value.toPrecision(3);
}

/** Up to three significant digits with trailing zeros dropped ("1.5", "100", "0.25"). */
function sig3Trim(value: number): string {
  return String(Number(value.toPrecision(3)));
}

/** A duration in milliseconds: "< 0.1 ms", "7.3 ms", "85 ms", "1.50 s", "12.3 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return DASH;
  if (ms < 0) return `−${formatDuration(-ms)}`;
  if (ms === 0) return '0 ms';
  if (ms < 0.05) return '< 0.1 ms';
  if (ms < 9.95) return `${Number.parseFloat(ms.toFixed(1))} ms`;
  if (ms < 999.5) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return s < 999.5 ? `${sig3(s)} s` : `${Math.round(s)} s`;
}

/** A size in bytes, decimal units: "950 B", "14.6 KB", "1.20 MB", "3.00 GB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return DASH;
  if (bytes < 0) return `−${formatBytes(-bytes)}`;
  if (bytes < 999.5) return `${Math.round(bytes)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'] as const;
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 999.5 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${sig3(value)} ${units[unit]}`;
}

/** A rate in megabits per second: "500 kbit/s", "1.5 Mbit/s", "100 Mbit/s", "10 Gbit/s". */
export function formatRate(mbps: number): string {
  if (!Number.isFinite(mbps)) return DASH;
  if (mbps < 0) return `−${formatRate(-mbps)}`;
  if (mbps < 1) return `${sig3Trim(mbps * 1000)} kbit/s`;
  if (mbps < 1000) return `${sig3Trim(mbps)} Mbit/s`;
  return `${sig3Trim(mbps / 1000)} Gbit/s`;
}

/** A count with grouped thousands: "1,234,567". */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return DASH;
  return Math.round(n).toLocaleString('en-US');
}

/**
 * The axis tick step for a range: 1, 2 or 5 × 10^n, the smallest giving at most `maxTicks` intervals.
 * A range that is not a positive finite number gets a step of 1.
 */
export function tickStep(range: number, maxTicks = 8): number {
  if (!(range > 0) || !Number.isFinite(range) || !(maxTicks >= 1)) return 1;
  const raw = range / maxTicks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5]) if (m * magnitude >= raw * (1 - 1e-12)) return m * magnitude;
  return 10 * magnitude;
}

/** Tick positions from 0 (or `from`) up to `to` inclusive, at `tickStep(to - from, maxTicks)`, free of float noise. */
export function ticks(from: number, to: number, maxTicks = 8): number[] {
  if (!Number.isFinite(from) || !Number.isFinite(to) || to < from) return [];
  const step = tickStep(to - from, maxTicks);
  const out: number[] = [];
  const first = Math.ceil(from / step - 1e-9);
  const last = Math.floor(to / step + 1e-9);
  for (let i = first; i <= last && out.length <= maxTicks * 3; i++) out.push(Number((i * step).toPrecision(12)));
  return out;
}
