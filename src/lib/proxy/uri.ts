/**
 * The request target as nginx 1.22 sees it: `ngx_http_parse_request_line` flags a URI as complex (`/.`, `//`, `#`)
 * or quoted (`%`), and only then `ngx_http_parse_complex_uri` rewrites it — percent-decoding, merging slashes
 * (merge_slashes on) and resolving `.` and `..` — into the URI that locations match. The original ("unparsed")
 * target is what `proxy_pass` without a URI part forwards. Strings here are byte strings: one char per byte
 * (0–255), as nginx compares bytes; `toByteString` turns typed text into UTF-8 bytes first.
 */
import type { Result } from './types.ts';

/** What nginx derives from a request target. */
export interface ParsedTarget {
  /** Normalised, decoded URI (`r->uri`): what locations match. */
  readonly uri: string;
  /** Query string without `?` (`r->args`). */
  readonly args: string;
  /** True when there was a `?` (for `$is_args`). */
  readonly hasArgs: boolean;
  /** The target exactly as received (`r->unparsed_uri`, `$request_uri`). */
  readonly unparsed: string;
  /** `r->quoted_uri`: a `%` was seen in the path, so the proxy re-escapes the rewritten URI. */
  readonly quoted: boolean;
}

export interface TargetError {
  readonly code: 'bad-request';
  readonly message: string;
}

/** Longest request target accepted (nginx's default large_client_header_buffers is 8 KB). */
export const MAX_TARGET_LENGTH = 8192;

/** UTF-8 encodes text into a byte string (one char per byte). */
export function toByteString(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}

/** nginx's `usual` table (ngx_http_parse.c): bytes that need no special handling in a URI path. */
function isUsual(c: number): boolean {
  if (c < 0x20 || c === 0x7f) return false;
  if (c >= 0x80) return true;
  return !' #%+./?'.includes(String.fromCharCode(c));
}

const invalid = (target: string, why: string): { ok: false; error: TargetError } => ({
  ok: false,
  error: { code: 'bad-request', message: `400 Bad Request: ${why} in "${target}"` },
});

/** Parses an origin-form request target (`/path?query`) as nginx does; 400 cases are errors. Never throws. */
export function parseTarget(target: string): Result<ParsedTarget, TargetError> {
  if (target.length > MAX_TARGET_LENGTH)
    return invalid(target.slice(0, 40), `a target over ${MAX_TARGET_LENGTH} bytes`);
  if (!target.startsWith('/')) return invalid(target, 'a target that does not start with "/"');
  for (let i = 0; i < target.length; i++) {
    const c = target.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f || c > 0xff) return invalid(target, `the byte 0x${c.toString(16)}`);
  }
  const query = target.indexOf('?');
  const path = query === -1 ? target : target.slice(0, query);
  // ngx_http_parse_request_line: '%' in the path → quoted; "/." or "//" in the path, or '#' anywhere → complex.
  const quoted = path.includes('%');
  const complex = path.includes('/.') || path.includes('//') || target.includes('#');
  if (!complex && !quoted) {
    const args = query === -1 ? '' : target.slice(query + 1);
    return { ok: true, value: { uri: path, args, hasArgs: query !== -1, unparsed: target, quoted: false } };
  }
  return parseComplex(target, quoted);
}

type State = 'usual' | 'slash' | 'dot' | 'dotdot';

/**
 * A line-by-line port of ngx_http_parse_complex_uri (merge_slashes on, non-Win32). Over 80 lines because it is one
 * state machine; splitting it would hide the correspondence with the C source.
 */
function parseComplex(target: string, pathQuoted: boolean): Result<ParsedTarget, TargetError> {
  const u: number[] = [];
  let state: State = 'usual';
  let quotedState: State = 'usual';
  let quoting: 0 | 1 | 2 = 0;
  let decoded = 0;
  let argsStart = -1;
  let stop = false;
  let p = 0;
  const end = target.length;
  // After the URI nginx always has one more byte (the space before HTTP/1.x): `at` supplies it.
  const at = (i: number): number => (i < end ? target.charCodeAt(i) : 0x20);
  // Each pass consumes one byte, or re-dispatches a decoded one once (quoting 2 → 0), so the loop ends.
  let ch = at(p++);
  const backUp = (): boolean => {
    // u points after "/..": drop it and the previous segment (u -= 4, then back to the previous '/').
    let k = u.length - 4;
    for (;;) {
      if (k < 0) return false;
      if (u[k] === 0x2f) {
        u.length = k + 1;
        return true;
      }
      k--;
    }
  };
  while (p <= end && !stop) {
    if (quoting === 1) {
      const c = ch | 0x20;
      if (ch >= 0x30 && ch <= 0x39) decoded = ch - 0x30;
      else if (c >= 0x61 && c <= 0x66) decoded = c - 0x61 + 10;
      else return invalid(target, 'a bad percent-escape');
      quoting = 2;
      ch = at(p++);
      continue;
    }
    if (quoting === 2) {
      const c = ch | 0x20;
      let digit: boolean;
      if (ch >= 0x30 && ch <= 0x39) {
        ch = (decoded << 4) + (ch - 0x30);
        digit = true;
      } else if (c >= 0x61 && c <= 0x66) {
        ch = (decoded << 4) + (c - 0x61) + 10;
        digit = false;
      } else return invalid(target, 'a bad percent-escape');
      quoting = 0;
      if ((digit && (ch === 0x25 || ch === 0x23)) || (!digit && ch === 0x3f)) {
        state = 'usual';
        u.push(ch);
        ch = at(p++);
        continue;
      }
      if (digit && ch === 0) return invalid(target, 'an encoded NUL byte');
      state = quotedState;
      continue; // re-dispatch the decoded byte in the state before the '%'
    }
    const r = step(state, ch);
    if (r.kind === 'quote') {
      quotedState = state;
      quoting = 1;
    } else if (r.kind === 'args' || r.kind === 'done') {
      if (r.drop === 'dot') u.pop();
      else if (r.drop === 'dotdot' && !backUp()) return invalid(target, 'a ".." above the root');
      if (r.kind === 'args') argsStart = p;
      stop = true;
      break;
    } else if (r.kind === 'next') {
      if (r.emit) u.push(ch);
      if (r.drop === 'dot') u.pop();
      else if (r.drop === 'dotdot' && !backUp()) return invalid(target, 'a ".." above the root');
      state = r.next;
    }
    ch = at(p++);
  }
  if (!stop) {
    if (quoting !== 0) return invalid(target, 'an unfinished percent-escape');
    if (state === 'dot') u.pop();
    else if (state === 'dotdot' && !backUp()) return invalid(target, 'a ".." above the root');
  }
  let args = '';
  let hasArgs = false;
  if (argsStart !== -1) {
    const hash = target.indexOf('#', argsStart);
    args = target.slice(argsStart, hash === -1 ? end : hash);
    hasArgs = true;
  }
  return {
    ok: true,
    value: { uri: String.fromCharCode(...u), args, hasArgs, unparsed: target, quoted: pathQuoted },
  };
}

type Step =
  | { kind: 'quote' }
  | { kind: 'args' | 'done'; drop: 'dot' | 'dotdot' | null }
  | { kind: 'next'; next: State; emit: boolean; drop: 'dot' | 'dotdot' | null };

/** One transition of the complex-URI machine for a byte that is not inside a percent-escape. */
function step(state: State, ch: number): Step {
  const c = String.fromCharCode(ch);
  if (c === '%') return { kind: 'quote' };
  const usual = isUsual(ch);
  switch (state) {
    case 'usual':
      if (c === '/') return { kind: 'next', next: 'slash', emit: true, drop: null };
      if (c === '?') return { kind: 'args', drop: null };
      if (c === '#') return { kind: 'done', drop: null };
      return { kind: 'next', next: 'usual', emit: true, drop: null };
    case 'slash':
      if (usual) return { kind: 'next', next: 'usual', emit: true, drop: null };
      if (c === '/') return { kind: 'next', next: 'slash', emit: false, drop: null };
      if (c === '.') return { kind: 'next', next: 'dot', emit: true, drop: null };
      if (c === '?') return { kind: 'args', drop: null };
      if (c === '#') return { kind: 'done', drop: null };
      return { kind: 'next', next: 'usual', emit: true, drop: null };
    case 'dot':
      if (usual) return { kind: 'next', next: 'usual', emit: true, drop: null };
      if (c === '/') return { kind: 'next', next: 'slash', emit: false, drop: 'dot' };
      if (c === '.') return { kind: 'next', next: 'dotdot', emit: true, drop: null };
      if (c === '?') return { kind: 'args', drop: 'dot' };
      if (c === '#') return { kind: 'done', drop: 'dot' };
      return { kind: 'next', next: 'usual', emit: true, drop: null };
    default:
      if (usual) return { kind: 'next', next: 'usual', emit: true, drop: null };
      if (c === '/') return { kind: 'next', next: 'slash', emit: false, drop: 'dotdot' };
      if (c === '?') return { kind: 'args', drop: 'dotdot' };
      if (c === '#') return { kind: 'done', drop: 'dotdot' };
      return { kind: 'next', next: 'usual', emit: true, drop: null };
  }
}

/** ngx_escape_uri(NGX_ESCAPE_URI): escapes controls, space, `"`, `#`, `%`, `<`, `>`, `?`, `\`, `^`, backtick, `{|}`, DEL and bytes ≥ 0x80. */
export function escapeUri(bytes: string): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes.charCodeAt(i);
    if (c < 0x20 || c >= 0x7f || ' "#%<>?\\^`{|}'.includes(bytes[i] as string)) {
      out += `%${c.toString(16).toUpperCase().padStart(2, '0')}`;
    } else out += bytes[i];
  }
  return out;
}
