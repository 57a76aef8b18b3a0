/** Number formatting shared by the calculator's views and exports. */

/**
 * Digits grouped in threes with commas (`16777216n` → `16,777,216`). Done by hand rather than with
 * `toLocaleString` so server-rendered and hydrated HTML are identical whatever the visitor's locale.
 */
export function groupDigits(value: bigint | number): string {
  const text = (typeof value === 'bigint' ? value : BigInt(Math.trunc(value))).toString();
  const negative = text.startsWith('-');
  const digits = negative ? text.slice(1) : text;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return negative ? `-${grouped}` : grouped;
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** The exponent if `value` is a power of two (2 ** n, n ≥ 0), else undefined. */
export function powerOfTwoExponent(value: bigint): number | undefined {
  if (value <= 0n || (value & (value - 1n)) !== 0n) return undefined;
  return value.toString(2).length - 1;
}

/**
 * A count for display: grouped digits, plus `(2⁶⁴)` for large powers of two so IPv6 sizes stay readable
 * (`18,446,744,073,709,551,616 (2⁶⁴)`).
 */
export function formatCount(value: bigint): string {
  const exponent = powerOfTwoExponent(value);
  const grouped = groupDigits(value);
  if (exponent === undefined || exponent < 20) return grouped;
  const sup = String(exponent)
    .split('')
    .map((d) => SUPERSCRIPT[Number(d)])
    .join('');
  return `${grouped} (2${sup})`;
}

/** `1 subnet`, `4,096 subnets`: a count with a noun, singular or plural. */
export function plural(value: bigint | number, singular: string, pluralForm = `${singular}s`): string {
  return `${groupDigits(value)} ${value === 1n || value === 1 ? singular : pluralForm}`;
}

/** A sentence with one link in it: `before`, the link, `after`. */
export interface LinkedNote {
  readonly before: string;
  readonly linkLabel: string;
  readonly href: string;
  readonly after: string;
}

/**
 * Shown wherever the calculator prints an IPv4-mapped address (::ffff:0:0/96): the text choice is deliberate and
 * other tools differ, so say which rule is followed and where it comes from.
 */
export const MAPPED_NOTATION_NOTE: LinkedNote = {
  before:
    'IPv4-mapped addresses (::ffff:0:0/96) are written here with their last 32 bits as a dotted quad, e.g. ::ffff:192.0.2.1, as recommended by ',
  linkLabel: 'RFC 5952 §5',
  href: 'https://www.rfc-editor.org/rfc/rfc5952#section-5',
  after: "; some tools (Python's ipaddress before 3.13, for one) print the same address in hex, ::ffff:c000:201.",
};
