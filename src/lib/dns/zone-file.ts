/**
 * Zone-file parser: the RFC 1035 §5 master-file subset the playground needs. `$ORIGIN` and `$TTL` (RFC 2308 §4)
 * directives; owner '@', relative and absolute names, blank owner (= previous owner); optional TTL and class in
 * either order; parentheses spanning lines; `;` comments; quoted character strings with `\X` and `\DDD` escapes;
 * record data for A, AAAA, NS, CNAME, PTR, SOA, MX, TXT, SRV, CAA, SVCB and HTTPS (RFC 9460 §2.1 keys: mandatory,
 * alpn, no-default-alpn, port, ipv4hint, ipv6hint, ech, keyNNNNN). TTLs are seconds only (no 1h/1d units).
 * Every error carries the line and column and quotes the offending text. Input is bounded (≤ 200,000 characters,
 * ≤ 5,000 records) so a pasted file can never stall the page.
 */
import { parseIpv4, parseIpv6 } from './address.ts';
import { svcKeyValue, typeName, typeValue } from './constants.ts';
import { canonicalName } from './name.ts';
import type { RData, ResourceRecord, SvcParam } from './types.ts';

export const MAX_ZONE_CHARS = 200_000;
export const MAX_ZONE_RECORDS = 5_000;

export type ZoneErrorCode =
  | 'too-large'
  | 'unbalanced-parentheses'
  | 'unterminated-string'
  | 'bad-directive'
  | 'no-owner'
  | 'bad-name'
  | 'outside-zone'
  | 'bad-ttl'
  | 'unknown-type'
  | 'bad-rdata'
  | 'missing-rdata'
  | 'extra-rdata'
  | 'cname-conflict';

export interface ZoneError {
  readonly code: ZoneErrorCode;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export type ZoneResult =
  | { readonly ok: true; readonly value: readonly ResourceRecord[] }
  | { readonly ok: false; readonly error: ZoneError };

interface Token {
  readonly text: string;
  readonly quoted: boolean;
  readonly line: number;
  readonly column: number;
}

class Failure {
  readonly error: ZoneError;
  constructor(code: ZoneErrorCode, at: { line: number; column: number }, message: string) {
    this.error = {
      code,
      line: at.line,
      column: at.column,
      message: `Line ${at.line}, column ${at.column}: ${message}`,
    };
  }
}

/** Splits the text into logical entries (parentheses joined), each a list of tokens; `startsBlank` marks an omitted owner. */
function* entries(text: string): Generator<{ tokens: Token[]; startsBlank: boolean; line: number }> {
  let tokens: Token[] = [];
  let depth = 0;
  let startsBlank = false;
  let entryLine = 1;
  let line = 1;
  let lineStart = 0;
  let i = 0;
  let atLineStart = true;
  while (i <= text.length) {
    const ch = i < text.length ? text[i] : '\n';
    if (ch === '\n') {
      if (depth === 0 && tokens.length > 0) {
        yield { tokens, startsBlank, line: entryLine };
        tokens = [];
      }
      line++;
      i++;
      lineStart = i;
      atLineStart = true;
      continue;
    }
    if (atLineStart && depth === 0 && tokens.length === 0) {
      startsBlank = ch === ' ' || ch === '\t';
      entryLine = line;
    }
    atLineStart = false;
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
    } else if (ch === ';') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (ch === '(') {
      depth++;
      i++;
    } else if (ch === ')') {
      if (depth === 0)
        throw new Failure('unbalanced-parentheses', { line, column: i - lineStart + 1 }, "')' without a matching '('.");
      depth--;
      i++;
    } else if (ch === '"') {
      const column = i - lineStart + 1;
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length || text[i] === '\n')
          throw new Failure(
            'unterminated-string',
            { line, column },
            "a quoted string is not closed on its line; add the closing '\"'.",
          );
        const c = text[i] as string;
        if (c === '"') break;
        if (c === '\\' && i + 1 < text.length) {
          value += c + (text[i + 1] as string);
          i += 2;
        } else {
          value += c;
          i++;
        }
      }
      i++;
      tokens.push({ text: value, quoted: true, line, column });
    } else {
      const column = i - lineStart + 1;
      let value = '';
      while (i < text.length && !' \t\r\n;()"'.includes(text[i] as string)) {
        if (text[i] === '=' && text[i + 1] === '"') {
          // key="value list" (RFC 9460 §2.1): the quoted value belongs to the same token.
          const close = text.indexOf('"', i + 2);
          if (close < 0 || text.slice(i + 2, close).includes('\n'))
            throw new Failure(
              'unterminated-string',
              { line, column },
              'a quoted SvcParam value is not closed on its line.',
            );
          value += text.slice(i, close + 1);
          i = close + 1;
        } else if (text[i] === '\\' && i + 1 < text.length) {
          value += text.slice(i, i + 2);
          i += 2;
        } else value += text[i++];
      }
      tokens.push({ text: value, quoted: false, line, column });
    }
  }
  if (depth > 0)
    throw new Failure('unbalanced-parentheses', { line: line - 1, column: 1 }, "'(' is never closed; add ')'.");
}

/** Character-string octets (one char per octet) from token text with `\X` / `\DDD` escapes. */
function unescapeString(t: Token): string {
  let out = '';
  for (let i = 0; i < t.text.length; i++) {
    const c = t.text[i] as string;
    if (c === '\\') {
      const digits = /^\d{3}/.exec(t.text.slice(i + 1, i + 4));
      if (digits !== null) {
        const n = Number(digits[0]);
        if (n > 255) throw new Failure('bad-rdata', t, `escape '\\${digits[0]}' is over 255.`);
        out += String.fromCharCode(n);
        i += 3;
      } else {
        out += t.text[i + 1] ?? '';
        i++;
      }
    } else {
      const code = c.charCodeAt(0);
      if (code > 0xff)
        throw new Failure(
          'bad-rdata',
          t,
          `'${c}' is not a single octet; write it as \\DDD escapes of its UTF-8 bytes.`,
        );
      out += c;
    }
  }
  if (out.length > 255)
    throw new Failure(
      'bad-rdata',
      t,
      `a character string of ${out.length} octets is over 255; split it into several quoted strings.`,
    );
  return out;
}

function absolute(t: Token, origin: string): string {
  const text = t.text;
  if (text === '@') return origin;
  const joined = text.endsWith('.') && !text.endsWith('\\.') ? text : origin === '.' ? `${text}.` : `${text}.${origin}`;
  const name = canonicalName(joined);
  if (name === undefined)
    throw new Failure('bad-name', t, `'${text}' is not a valid domain name (labels 1–63 octets, names ≤ 255 octets).`);
  return name;
}

function u(t: Token | undefined, max: number, what: string, at: { line: number; column: number }): number {
  if (t === undefined) throw new Failure('missing-rdata', at, `${what} is missing.`);
  if (!/^\d{1,10}$/.test(t.text) || Number(t.text) > max)
    throw new Failure('bad-rdata', t, `${what} '${t.text}' is not a whole number from 0 to ${max}.`);
  return Number(t.text);
}

function svcParams(tokens: readonly Token[]): SvcParam[] {
  const params: SvcParam[] = [];
  for (const t of tokens) {
    const eq = t.text.indexOf('=');
    const keyText = eq < 0 ? t.text : t.text.slice(0, eq);
    const key = svcKeyValue(keyText);
    if (key === undefined)
      throw new Failure(
        'bad-rdata',
        t,
        `'${keyText}' is not an SvcParamKey (mandatory, alpn, no-default-alpn, port, ipv4hint, ech, ipv6hint or keyNNNNN).`,
      );
    const raw = eq < 0 ? '' : t.text.slice(eq + 1).replace(/^"|"$/g, '');
    const list = raw === '' ? [] : raw.split(',');
    const bytes: number[] = [];
    if (key === 0) {
      for (const k of list) {
        const v = svcKeyValue(k);
        if (v === undefined) throw new Failure('bad-rdata', t, `mandatory lists '${k}', which is not an SvcParamKey.`);
        bytes.push(v >> 8, v & 0xff);
      }
    } else if (key === 1) {
      for (const id of list) {
        if (id.length === 0 || id.length > 255)
          throw new Failure('bad-rdata', t, `ALPN id '${id}' must be 1–255 octets.`);
        bytes.push(id.length, ...Array.from(id, (c) => c.charCodeAt(0) & 0xff));
      }
    } else if (key === 3) {
      const port = u({ ...t, text: raw }, 0xffff, 'port', t);
      bytes.push(port >> 8, port & 0xff);
    } else if (key === 4 || key === 6) {
      for (const a of list) {
        const octets = key === 4 ? parseIpv4(a) : parseIpv6(a);
        if (octets === undefined)
          throw new Failure('bad-rdata', t, `'${a}' is not an IPv${key === 4 ? 4 : 6} address.`);
        bytes.push(...octets);
      }
    } else {
      bytes.push(...Array.from(unescapeString({ ...t, text: raw }), (c) => c.charCodeAt(0)));
    }
    params.push({ key, value: Uint8Array.from(bytes) });
  }
  return params.sort((a, b) => a.key - b.key);
}

/** Parses RDATA tokens for `type` (names made absolute against `origin`). */
function rdata(type: number, tokens: readonly Token[], origin: string, at: Token): RData {
  const need = (n: number) => {
    if (tokens.length < n)
      throw new Failure(
        'missing-rdata',
        tokens[tokens.length - 1] ?? at,
        `${typeName(type)} needs ${n} field${n === 1 ? '' : 's'} of data, found ${tokens.length}.`,
      );
    if (tokens.length > n)
      throw new Failure(
        'extra-rdata',
        tokens[n] as Token,
        `unexpected '${tokens[n]?.text}' after the ${typeName(type)} data.`,
      );
  };
  const t = (i: number) => tokens[i] as Token;
  switch (type) {
    case 1:
    case 28: {
      need(1);
      const ok = type === 1 ? parseIpv4(t(0).text) : parseIpv6(t(0).text);
      if (ok === undefined)
        throw new Failure('bad-rdata', t(0), `'${t(0).text}' is not an IPv${type === 1 ? '4' : '6'} address.`);
      return type === 1 ? { kind: 'A', address: t(0).text } : { kind: 'AAAA', address: t(0).text };
    }
    case 2:
    case 5:
    case 12:
      need(1);
      return { kind: type === 2 ? 'NS' : type === 5 ? 'CNAME' : 'PTR', target: absolute(t(0), origin) };
    case 6:
      need(7);
      return {
        kind: 'SOA',
        mname: absolute(t(0), origin),
        rname: absolute(t(1), origin),
        serial: u(t(2), 0xffffffff, 'SOA serial', at),
        refresh: u(t(3), 0x7fffffff, 'SOA refresh', at),
        retry: u(t(4), 0x7fffffff, 'SOA retry', at),
        expire: u(t(5), 0x7fffffff, 'SOA expire', at),
        minimum: u(t(6), 0x7fffffff, 'SOA minimum', at),
      };
    case 15:
      need(2);
      return { kind: 'MX', preference: u(t(0), 0xffff, 'MX preference', at), exchange: absolute(t(1), origin) };
    case 16:
      if (tokens.length === 0) throw new Failure('missing-rdata', at, 'TXT needs at least one character string.');
      return { kind: 'TXT', strings: tokens.map(unescapeString) };
    case 33:
      need(4);
      return {
        kind: 'SRV',
        priority: u(t(0), 0xffff, 'SRV priority', at),
        weight: u(t(1), 0xffff, 'SRV weight', at),
        port: u(t(2), 0xffff, 'SRV port', at),
        target: absolute(t(3), origin),
      };
    case 257:
      need(3);
      return {
        kind: 'CAA',
        flags: u(t(0), 255, 'CAA flags', at),
        tag: unescapeString(t(1)),
        value: unescapeString(t(2)),
      };
    case 64:
    case 65:
      if (tokens.length < 2)
        throw new Failure('missing-rdata', at, `${typeName(type)} needs a priority and a target name.`);
      return {
        kind: type === 64 ? 'SVCB' : 'HTTPS',
        priority: u(t(0), 0xffff, 'SvcPriority', at),
        target: absolute(t(1), origin),
        params: svcParams(tokens.slice(2)),
      };
    default:
      throw new Failure('unknown-type', at, `record type '${typeName(type)}' is not supported here.`);
  }
}

const TTL_MAX = 0x7fffffff;

/**
 * Parses a zone file whose apex is `origin` (absolute). Records outside the zone are refused; CNAME beside other
 * data at one owner is refused (RFC 1034 §3.6.2). Never throws.
 */
export function parseZoneFile(text: string, origin: string, defaultTtl = 3600): ZoneResult {
  try {
    if (text.length > MAX_ZONE_CHARS)
      throw new Failure(
        'too-large',
        { line: 1, column: 1 },
        `the zone text is ${text.length} characters; the limit is ${MAX_ZONE_CHARS}.`,
      );
    const apex = canonicalName(origin);
    if (apex === undefined)
      throw new Failure('bad-name', { line: 1, column: 1 }, `the zone name '${origin}' is not a valid domain name.`);
    let currentOrigin = apex;
    let ttl = defaultTtl;
    let owner: string | undefined;
    const records: ResourceRecord[] = [];
    /** Per owner: has a CNAME (true) or other data (false), to refuse CNAME-and-other-data in O(1). */
    const kinds = new Map<string, boolean>();
    for (const entry of entries(text)) {
      const tokens = entry.tokens;
      const first = tokens[0] as Token;
      if (!first.quoted && first.text.startsWith('$')) {
        const arg = tokens[1];
        if (first.text.toUpperCase() === '$ORIGIN' && arg !== undefined && tokens.length === 2) {
          currentOrigin = absolute(arg, currentOrigin);
        } else if (first.text.toUpperCase() === '$TTL' && arg !== undefined && tokens.length === 2) {
          if (!/^\d{1,10}$/.test(arg.text) || Number(arg.text) > TTL_MAX)
            throw new Failure('bad-ttl', arg, `$TTL '${arg.text}' is not a number of seconds (0–${TTL_MAX}).`);
          ttl = Number(arg.text);
        } else {
          throw new Failure(
            'bad-directive',
            first,
            `'${tokens.map((x) => x.text).join(' ')}' is not '$ORIGIN <name>' or '$TTL <seconds>'.`,
          );
        }
        continue;
      }
      let i = 0;
      if (!entry.startsBlank) {
        owner = absolute(first, currentOrigin);
        i = 1;
      } else if (owner === undefined) {
        throw new Failure('no-owner', first, 'the first record has no owner name; start the line with a name or @.');
      }
      let recordTtl = ttl;
      let type: number | undefined;
      for (let guard = 0; guard < 2 && i < tokens.length && type === undefined; guard++) {
        const t = tokens[i] as Token;
        if (/^\d+$/.test(t.text)) {
          if (Number(t.text) > TTL_MAX)
            throw new Failure('bad-ttl', t, `TTL '${t.text}' is over ${TTL_MAX} seconds (RFC 2181 §8).`);
          recordTtl = Number(t.text);
          i++;
        } else if (t.text.toUpperCase() === 'IN') i++;
        else break;
      }
      const typeToken = tokens[i];
      if (typeToken === undefined)
        throw new Failure('missing-rdata', first, `no record type after '${tokens.map((x) => x.text).join(' ')}'.`);
      type = typeValue(typeToken.text);
      if (type === undefined || type === 41 || type === 255)
        throw new Failure(
          'unknown-type',
          typeToken,
          `'${typeToken.text}' is not a record type this parser knows (A, AAAA, NS, CNAME, PTR, SOA, MX, TXT, SRV, CAA, SVCB, HTTPS).`,
        );
      const name = owner as string;
      if (!(name === apex || name.endsWith(apex === '.' ? '' : `.${apex}`)))
        throw new Failure('outside-zone', first, `'${name}' is outside the zone '${apex}'.`);
      records.push({
        name,
        type,
        class: 1,
        ttl: recordTtl,
        data: rdata(type, tokens.slice(i + 1), currentOrigin, typeToken),
      });
      if (records.length > MAX_ZONE_RECORDS)
        throw new Failure('too-large', first, `more than ${MAX_ZONE_RECORDS} records.`);
      const seen = kinds.get(name);
      kinds.set(name, type === 5);
      if (seen !== undefined && seen !== (type === 5))
        throw new Failure(
          'cname-conflict',
          first,
          `'${name}' has a CNAME and other data; a CNAME owner can have no other records (RFC 1034 §3.6.2).`,
        );
    }
    return { ok: true, value: records };
  } catch (e) {
    if (e instanceof Failure) return { ok: false, error: e.error };
    throw e;
  }
}
