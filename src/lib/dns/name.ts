/**
 * Domain names in presentation form ('www.example.com.') and wire form (length-prefixed labels, RFC 1035 §3.1).
 * Presentation escapes follow dig/BIND (`dns_name_totext`): `\.` `\\` `\"` `\(` `\)` `\;` `\@` `\$` for special
 * characters and `\DDD` (decimal) for octets outside 0x21–0x7E, so a name always prints on one line and never
 * carries markup or control characters into a view.
 */
import { MAX_LABEL_OCTETS, MAX_NAME_OCTETS } from './data-types.ts';
import type { EncodeResult } from './types.ts';

/** How each octet prints inside a label: itself, backslash + itself, or \DDD. Built once (256 entries). */
const OCTET_TEXT: readonly string[] = Array.from({ length: 256 }, (_, b) => {
  if (b <= 0x20 || b >= 0x7f) return `\\${String(b).padStart(3, '0')}`;
  const ch = String.fromCharCode(b);
  return '.;\\()"@$'.includes(ch) ? `\\${ch}` : ch;
});
/** True for octets that print as themselves (the fast path). */
const PLAIN = Uint8Array.from({ length: 256 }, (_, b) => (OCTET_TEXT[b]?.length === 1 ? 1 : 0));

/** One label (bytes `buf[start, start+length)`) in presentation form. Hot path of the decoder: no allocation but the string. */
export function labelText(buf: Uint8Array, start: number, length: number): string {
  const end = start + length;
  let out = '';
  for (let i = start; i < end; i++) {
    const b = buf[i] as number;
    out += PLAIN[b] === 1 ? String.fromCharCode(b) : (OCTET_TEXT[b] as string);
  }
  return out;
}

/** Octets of a character string (TXT, CAA) held one char per octet, in dig's quoted form with escapes. */
export function quoteCharacterString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const b = text.charCodeAt(i) & 0xff;
    if (b === 0x22 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    else if (b < 0x20 || b >= 0x7f) out += `\\${String(b).padStart(3, '0')}`;
    else out += String.fromCharCode(b);
  }
  return `${out}"`;
}

/**
 * Split a presentation name into label octets, honouring escapes. `text` may be absolute ('a.b.') or not
 * ('a.b'); both mean the same absolute name here ('@' handling and origins belong to the zone-file parser).
 */
export function parseName(text: string): EncodeResult<readonly Uint8Array[]> {
  if (text === '.' || text === '') return { ok: true, value: [] };
  const labels: Uint8Array[] = [];
  let current: number[] = [];
  let total = 1;
  const end = text.endsWith('.') && !text.endsWith('\\.') ? text.length - 1 : text.length;
  for (let i = 0; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x2e) {
      if (current.length === 0) {
        return {
          ok: false,
          error: {
            code: 'empty-label',
            message: `Empty label at character ${i + 1} of '${text}': two dots in a row, or a leading dot.`,
          },
        };
      }
      labels.push(Uint8Array.from(current));
      total += current.length + 1;
      current = [];
      continue;
    }
    if (ch === 0x5c) {
      const digits = /^\d{3}/.exec(text.slice(i + 1, i + 4));
      if (digits !== null) {
        const value = Number(digits[0]);
        if (value > 255) {
          return {
            ok: false,
            error: {
              code: 'bad-escape',
              message: `Escape '\\${digits[0]}' at character ${i + 1} of '${text}' is over 255; \\DDD is one octet in decimal.`,
            },
          };
        }
        current.push(value);
        i += 3;
      } else if (i + 1 < text.length) {
        current.push(text.charCodeAt(i + 1) & 0xff);
        i += 1;
      } else {
        return {
          ok: false,
          error: { code: 'bad-escape', message: `Backslash at the end of '${text}' escapes nothing.` },
        };
      }
    } else {
      if (ch > 0x7f) {
        return {
          ok: false,
          error: {
            code: 'bad-escape',
            message: `Character '${text[i]}' at position ${i + 1} of '${text}' is not ASCII; write an internationalised name in its xn-- (Punycode) form.`,
          },
        };
      }
      current.push(ch);
    }
    if (current.length > MAX_LABEL_OCTETS) {
      return {
        ok: false,
        error: {
          code: 'label-too-long',
          message: `A label in '${text}' is longer than ${MAX_LABEL_OCTETS} octets (RFC 1035 §2.3.4).`,
        },
      };
    }
  }
  if (current.length === 0 && end > 0) {
    return { ok: false, error: { code: 'empty-label', message: `'${text}' ends with an empty label.` } };
  }
  if (current.length > 0) {
    labels.push(Uint8Array.from(current));
    total += current.length + 1;
  }
  if (total > MAX_NAME_OCTETS) {
    return {
      ok: false,
      error: {
        code: 'name-too-long',
        message: `'${text}' is ${total} octets in wire form; names are at most ${MAX_NAME_OCTETS} (RFC 1035 §2.3.4).`,
      },
    };
  }
  return { ok: true, value: labels };
}

/** Presentation form of labels, with a trailing dot. */
export function labelsToName(labels: readonly Uint8Array[]): string {
  if (labels.length === 0) return '.';
  let out = '';
  for (const label of labels) out += `${labelText(label, 0, label.length)}.`;
  return out;
}

/** A name in canonical presentation form: escapes normalised, ASCII lower-cased, trailing dot. Invalid → undefined. */
export function canonicalName(text: string): string | undefined {
  const parsed = parseName(text);
  if (!parsed.ok) return undefined;
  return labelsToName(parsed.value.map(lowerLabel));
}

function lowerLabel(label: Uint8Array): Uint8Array {
  const out = new Uint8Array(label.length);
  for (let i = 0; i < label.length; i++) {
    const b = label[i] as number;
    out[i] = b >= 0x41 && b <= 0x5a ? b + 0x20 : b;
  }
  return out;
}

/**
 * Labels of a name already in canonical presentation form, most specific first ('a.b.' → ['a', 'b']).
 * Splits on unescaped dots only.
 */
export function splitName(name: string): readonly string[] {
  if (name === '.' || name === '') return [];
  const labels: string[] = [];
  let start = 0;
  for (let i = 0; i < name.length; i++) {
    const ch = name.charCodeAt(i);
    if (ch === 0x5c) {
      i += /^\\\d{3}/.test(name.slice(i, i + 4)) ? 3 : 1;
    } else if (ch === 0x2e) {
      labels.push(name.slice(start, i));
      start = i + 1;
    }
  }
  if (start < name.length) labels.push(name.slice(start));
  return labels;
}

/** Joins labels back into a name with a trailing dot. */
export function joinName(labels: readonly string[]): string {
  return labels.length === 0 ? '.' : `${labels.join('.')}.`;
}

/** True when `name` equals `zone` or lies below it (both canonical). */
export function isSubdomain(name: string, zone: string): boolean {
  if (zone === '.') return true;
  return name === zone || name.endsWith(`.${zone}`);
}

/** Number of labels (the root has 0). */
export function labelCount(name: string): number {
  return splitName(name).length;
}

/** The last `n` labels of a canonical name ('a.b.c.', 2 → 'b.c.'). */
export function ancestor(name: string, n: number): string {
  const labels = splitName(name);
  return joinName(labels.slice(Math.max(0, labels.length - n)));
}
