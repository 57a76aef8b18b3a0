/**
 * Tokeniser for nginx config text, after `ngx_conf_read_token` (src/core/ngx_conf_file.c): words separated by
 * whitespace, `;` ends a directive, `{` opens and `}` closes a block, `#` at the start of a word comments to the end
 * of the line, quoted words ("…" or '…') take `\"`, `\'`, `\\`, `\t`, `\r`, `\n` escapes, and `${name}` keeps its
 * braces inside a word. Positions are 1-based line:column of each token's first character.
 */
import type { Position } from './types.ts';

export type TokenKind = 'word' | ';' | '{' | '}';

export interface Token {
  readonly kind: TokenKind;
  /** The word's value after quote processing (for punctuation, the character). */
  readonly text: string;
  readonly quoted: boolean;
  readonly position: Position;
}

export interface LexError {
  readonly message: string;
  readonly position: Position;
}

/** Most tokens one config may hold: bounds the work on a pasted file. */
export const MAX_TOKENS = 20_000;

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/** Splits `text` into tokens, or returns the first lexical error with its position. Never throws. */
export function tokenize(text: string): { ok: true; tokens: Token[] } | { ok: false; error: LexError } {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let column = 1;
  const advance = (): string => {
    const c = text[i] ?? '';
    i++;
    if (c === '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
    return c;
  };
  while (i < text.length) {
    if (tokens.length > MAX_TOKENS) {
      return { ok: false, error: { message: `more than ${MAX_TOKENS} tokens`, position: { line, column } } };
    }
    const c = text[i] ?? '';
    if (isSpace(c)) {
      advance();
      continue;
    }
    const position = { line, column };
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') advance();
      continue;
    }
    if (c === ';' || c === '{' || c === '}') {
      advance();
      tokens.push({ kind: c, text: c, quoted: false, position });
      continue;
    }
    if (c === '"' || c === "'") {
      const quoted = readQuoted(c, advance, () => text[i]);
      if (quoted === null) {
        return { ok: false, error: { message: `unexpected end of file, expecting ${c}`, position } };
      }
      const next = text[i];
      if (next !== undefined && !isSpace(next) && next !== ';' && next !== '{' && next !== '}') {
        return {
          ok: false,
          error: { message: `unexpected "${next}" after a quoted string`, position: { line, column } },
        };
      }
      tokens.push({ kind: 'word', text: quoted, quoted: true, position });
      continue;
    }
    tokens.push({ kind: 'word', text: readWord(advance, () => text[i]), quoted: false, position });
  }
  return { ok: true, tokens };
}

/** Reads a quoted word whose opening quote is current; null when the file ends first. */
function readQuoted(quote: string, advance: () => string, peek: () => string | undefined): string | null {
  advance();
  let out = '';
  for (;;) {
    const c = peek();
    if (c === undefined) return null;
    advance();
    if (c === quote) return out;
    if (c === '\\') {
      const e = peek();
      if (e === undefined) return null;
      if (e === '"' || e === "'" || e === '\\') {
        out += advance();
      } else if (e === 't' || e === 'r' || e === 'n') {
        advance();
        out += e === 't' ? '\t' : e === 'r' ? '\r' : '\n';
      } else {
        out += c;
      }
      continue;
    }
    out += c;
  }
}

/** Reads an unquoted word: up to whitespace, `;`, `{` or `}` (a `{` right after `$` belongs to `${name}`). */
function readWord(advance: () => string, peek: () => string | undefined): string {
  let out = '';
  let inVariableBraces = false;
  for (;;) {
    const c = peek();
    if (c === undefined || isSpace(c) || c === ';') return out;
    if (c === '{' && !out.endsWith('$')) return out;
    if (c === '}' && !inVariableBraces) return out;
    if (c === '{') inVariableBraces = true;
    if (c === '}') inVariableBraces = false;
    if (c === '\\') {
      advance();
      const e = peek();
      if (e === undefined) return `${out}\\`;
      advance();
      // Same escapes as a quoted word (ngx_conf_read_token copies both kinds through one loop).
      out +=
        e === '"' || e === "'" || e === '\\' ? e : e === 't' ? '\t' : e === 'r' ? '\r' : e === 'n' ? '\n' : `\\${e}`;
      continue;
    }
    out += advance();
  }
}
