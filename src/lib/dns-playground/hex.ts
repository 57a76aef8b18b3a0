/**
 * The "paste a DNS message" box: hex text in the forms people copy — Wireshark's "Copy as Hex Stream"
 * (`0a1b2c…`), spaced or colon-separated bytes (`0a 1b`, `0a:1b`), `0x`-prefixed bytes, and hexdump / Wireshark
 * "Copy as Hex Dump" lines with an offset column and an ASCII column — to bytes, then an annotated decode.
 * Bounded: at most 140,000 characters in (two per octet of the largest DNS message, plus layout).
 */

import { MAX_MESSAGE_BYTES } from '../dns/constants.ts';
import { type AnnotatedDecode, decodeAnnotated } from '../dns/decode.ts';
import { quote } from '../playground/index.ts';
import { type DigPasteView, decodeDigPaste, looksLikeDig } from './explain.ts';

export const MAX_PASTE_CHARS = 140_000;

export type HexErrorCode = 'empty' | 'too-long' | 'bad-character' | 'odd-digits';

export interface HexError {
  readonly code: HexErrorCode;
  readonly message: string;
}

export type HexResult =
  | { readonly ok: true; readonly value: Uint8Array }
  | { readonly ok: false; readonly error: HexError };

/** Strips a hexdump line's offset column ("0000  ", "00000010:") and trailing ASCII column. */
function stripDumpLine(line: string): string {
  const m = /^\s*[0-9a-fA-F]{4,8}[:\s]\s*((?:[0-9a-fA-F]{2}\s{1,2}){1,16})/.exec(line);
  return m !== null && /\s{2,}|^\s*[0-9a-fA-F]{4,8}:/.test(line) ? (m[1] as string) : line;
}

/** Hex text → bytes, or an error quoting the offending character and its position. */
export function parseHexInput(text: string): HexResult {
  if (text.length > MAX_PASTE_CHARS) {
    return {
      ok: false,
      error: {
        code: 'too-long',
        message: `The pasted text is ${text.length} characters; a DNS message is at most ${MAX_MESSAGE_BYTES} octets (${MAX_PASTE_CHARS} characters of hex).`,
      },
    };
  }
  const lines = text.split('\n');
  const dump =
    lines.filter((l) => l.trim() !== '').length > 1 &&
    lines.every((l) => l.trim() === '' || /^\s*[0-9a-fA-F]{4,8}[:\s]/.test(l));
  const body = (dump ? lines.map(stripDumpLine) : lines).join(' ').replace(/0x/gi, ' ');
  let digits = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (/[0-9a-fA-F]/.test(ch)) digits += ch;
    else if (!/[\s:,\-.]/.test(ch)) {
      const at = body.slice(Math.max(0, i - 8), i + 8);
      return {
        ok: false,
        error: {
          code: 'bad-character',
          message: `${quote(ch)} at character ${i + 1} is not a hex digit (near ${quote(at)}); paste hex such as 'a1b2 0100 0001…'.`,
        },
      };
    }
  }
  if (digits.length === 0)
    return { ok: false, error: { code: 'empty', message: 'Nothing to decode: paste a DNS message as hex.' } };
  if (digits.length % 2 === 1) {
    return {
      ok: false,
      error: {
        code: 'odd-digits',
        message: `${digits.length} hex digits is an odd number: each octet is two digits. Is one missing at the end ('…${digits.slice(-6)}')?`,
      },
    };
  }
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return { ok: true, value: out };
}

/** What the paste box shows: the hex error, or the annotated decode (which may itself be a positioned error). */
export type PasteView =
  | { readonly kind: 'hex-error'; readonly error: HexError }
  | { readonly kind: 'decoded'; readonly bytes: Uint8Array; readonly decoded: AnnotatedDecode }
  | DigPasteView;

/** Hex, or dig's text output (recognised by its header line or a leading ';'), decoded for the paste box. */
export function decodePaste(text: string): PasteView {
  if (text.length <= MAX_PASTE_CHARS && looksLikeDig(text)) return decodeDigPaste(text);
  const hex = parseHexInput(text);
  return hex.ok
    ? { kind: 'decoded', bytes: hex.value, decoded: decodeAnnotated(hex.value) }
    : { kind: 'hex-error', error: hex.error };
}
