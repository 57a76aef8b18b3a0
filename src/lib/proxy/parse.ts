/**
 * Parses the nginx subset the proxy model understands (README.md lists it) into a `ProxyConfig`. Errors quote the
 * directive and its `line:column`; a directive that is valid nginx but outside the subset is an error when it can
 * change routing (`rewrite`, `if`, `try_files`, …) and a note when it cannot (`access_log`, timeouts, …): nothing is
 * silently ignored. Messages follow nginx's own wording where it has one ("unknown directive", "is not allowed here",
 * "invalid number of arguments").
 */
import { tokenize } from './lexer.ts';
import {
  ConfigFailure,
  checkVariables,
  compileRegex,
  expectArgs,
  expectBlock,
  fail,
  isIpv4,
  type ParseContext,
  splitHostPort,
  unhandled,
} from './parse-common.ts';
import { parseStream } from './parse-stream.ts';
import { parseUpstream } from './parse-upstream.ts';
import { buildTree, type Directive } from './tree.ts';
import type {
  ConfigError,
  HttpBlock,
  Listen,
  Location,
  LocationModifier,
  Position,
  ProxyConfig,
  ProxyPass,
  Result,
  Return,
  Server,
  ServerName,
  SetHeader,
  Upstream,
} from './types.ts';
import { hasVariables } from './variables.ts';

/** Longest config text accepted (characters). */
export const MAX_CONFIG_LENGTH = 65_536;

/** Parses config text. Never throws on any input (fuzzed); the first problem is returned with its position. */
export function parseConfig(text: string): Result<ProxyConfig, ConfigError> {
  if (text.length > MAX_CONFIG_LENGTH) {
    const position = { line: 1, column: 1 };
    return {
      ok: false,
      error: {
        code: 'too-large',
        position,
        message: `1:1: the config is ${text.length} characters long; the model reads at most ${MAX_CONFIG_LENGTH}`,
      },
    };
  }
  const lexed = tokenize(text);
  if (!lexed.ok) return syntaxError(lexed.error.message, lexed.error.position);
  const tree = buildTree(lexed.tokens);
  if (!tree.ok) return syntaxError(tree.error.message, tree.error.position);
  try {
    return { ok: true, value: interpretMain(tree.directives) };
  } catch (e) {
    if (e instanceof ConfigFailure) return { ok: false, error: e.error };
    throw new Error('proxy config parser invariant broken', { cause: e });
  }
}

function syntaxError(message: string, position: Position): Result<ProxyConfig, ConfigError> {
  return { ok: false, error: fail('syntax', position, message).error };
}

function interpretMain(directives: readonly Directive[]): ProxyConfig {
  const ctx: ParseContext = { notes: [] };
  let http: HttpBlock | null = null;
  let stream: ProxyConfig['stream'] = null;
  for (const d of directives) {
    if (d.name === 'http') {
      expectArgs(d, 0, 0);
      if (http !== null) throw fail('duplicate', d.position, '"http" directive is duplicate');
      http = interpretHttp(expectBlock(d, true), ctx);
    } else if (d.name === 'stream') {
      expectArgs(d, 0, 0);
      if (stream !== null) throw fail('duplicate', d.position, '"stream" directive is duplicate');
      stream = parseStream(expectBlock(d, true), ctx);
    } else {
      unhandled(d, 'the main context', ctx);
    }
  }
  if (http === null && stream === null) {
    throw fail('missing', { line: 1, column: 1 }, 'no "http" or "stream" block: there is nothing to route');
  }
  return { http, stream, notes: ctx.notes };
}

function interpretHttp(directives: readonly Directive[], ctx: ParseContext): HttpBlock {
  const upstreams: Upstream[] = [];
  const servers: Server[] = [];
  let setHeaders: SetHeader[] | null = null;
  for (const d of directives) {
    if (d.name === 'upstream') {
      const upstream = parseUpstream(d, ctx, 'http');
      if (upstreams.some((u) => u.name === upstream.name)) {
        throw fail('duplicate', d.position, `duplicate upstream "${upstream.name}"`);
      }
      upstreams.push(upstream);
    } else if (d.name === 'server') {
      expectArgs(d, 0, 0);
      servers.push(interpretServer(d, servers.length, ctx));
    } else if (d.name === 'proxy_set_header') {
      setHeaders = [...(setHeaders ?? []), parseSetHeader(d)];
    } else {
      unhandled(d, 'http', ctx);
    }
  }
  checkProxyTargets(servers, upstreams);
  checkListens(servers);
  return { upstreams, servers, setHeaders };
}

function interpretServer(d: Directive, index: number, ctx: ParseContext): Server {
  const listens: Listen[] = [];
  const names: ServerName[] = [];
  const locations: Location[] = [];
  let setHeaders: SetHeader[] | null = null;
  let ret: Return | null = null;
  for (const c of expectBlock(d, true)) {
    if (c.name === 'listen') listens.push(parseListen(c, ctx));
    else if (c.name === 'server_name') names.push(...parseServerNames(c));
    else if (c.name === 'location') locations.push(parseLocation(c, null, ctx));
    else if (c.name === 'proxy_set_header') setHeaders = [...(setHeaders ?? []), parseSetHeader(c)];
    else if (c.name === 'return') ret = ret ?? parseReturn(c);
    else unhandled(c, 'server', ctx);
  }
  checkDuplicateLocations(locations);
  return {
    index,
    listens: listens.length > 0 ? listens : [{ port: 80, defaultServer: false, ssl: false, position: d.position }],
    names: names.length > 0 ? names : [{ kind: 'exact', name: '', regex: null, position: d.position }],
    locations,
    setHeaders,
    ret,
    position: d.position,
  };
}

function parsePort(d: Directive, text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65_535) {
    throw fail('bad-value', d.position, `invalid port in "${text}" of the "${d.name}" directive (1–65535)`);
  }
  return Number(text);
}

function parseListen(d: Directive, ctx: ParseContext): Listen {
  expectArgs(d, 1, 8);
  const [address, ...params] = d.args.map((a) => a.text);
  const match = /^(?:(?:\d{1,3}(?:\.\d{1,3}){3}|\*|\[[0-9a-fA-F:.]+\]|localhost):)?(\d+)$/.exec(address ?? '');
  if (match === null) {
    throw fail('bad-value', d.position, `"${address}" in "listen" is not a port or address:port the model understands`);
  }
  let defaultServer = false;
  let ssl = false;
  for (const p of params) {
    if (p === 'default_server' || p === 'default') defaultServer = true;
    else if (p === 'ssl') ssl = true;
    else if (p === 'http2' || p === 'reuseport' || p === 'deferred' || p.startsWith('backlog=')) {
      ctx.notes.push({
        position: d.position,
        message: `${d.position.line}:${d.position.column}: "listen … ${p}" is accepted but not modelled`,
      });
    } else throw fail('bad-value', d.position, `invalid parameter "${p}" in "listen"`);
  }
  return { port: parsePort(d, match[1] as string), defaultServer, ssl, position: d.position };
}

/** `server_name` values, classified as nginx's ngx_http_core_server_name does. */
function parseServerNames(d: Directive): ServerName[] {
  expectArgs(d, 1, 64);
  return d.args.map((a) => {
    const raw = a.text;
    if ((raw.startsWith('*') && (raw.length < 3 || raw[1] !== '.')) || (raw.startsWith('.') && raw.length < 2)) {
      throw fail('bad-value', d.position, `server name "${raw}" is invalid`);
    }
    if (raw.startsWith('~')) {
      if (raw.length === 1) throw fail('bad-value', d.position, `empty regex in server name "${raw}"`);
      const source = raw.slice(1);
      return {
        kind: 'regex',
        name: source,
        regex: compileRegex(d, source, /[A-Z]/.test(source)),
        position: d.position,
      };
    }
    const name = raw.toLowerCase();
    const inner = name.replace(/^\*\./, '').replace(/\.\*$/, '');
    if (inner.includes('*')) throw fail('bad-value', d.position, `invalid server name or wildcard "${raw}"`);
    if (name.startsWith('*.')) return { kind: 'head', name, regex: null, position: d.position };
    if (name.endsWith('.*')) return { kind: 'tail', name, regex: null, position: d.position };
    if (name.startsWith('.')) return { kind: 'dot', name, regex: null, position: d.position };
    return { kind: 'exact', name, regex: null, position: d.position };
  });
}

const MODIFIERS: readonly LocationModifier[] = ['=', '^~', '~', '~*'];

/** Splits `location` arguments into modifier and name, as ngx_http_core_location does (also `=/x`, `~*x`). */
function locationName(d: Directive): { modifier: LocationModifier; name: string } {
  expectArgs(d, 1, 2);
  const [first, second] = d.args.map((a) => a.text) as [string, string | undefined];
  if (second !== undefined) {
    if (!(MODIFIERS as readonly string[]).includes(first)) {
      throw fail('bad-value', d.position, `invalid location modifier "${first}"`);
    }
    return { modifier: first as LocationModifier, name: second };
  }
  if (first.startsWith('@')) throw fail('unsupported', d.position, `named location "${first}" is outside the model`);
  for (const m of ['=', '^~', '~*', '~'] as const) {
    if (first.startsWith(m) && first.length > m.length) return { modifier: m, name: first.slice(m.length) };
  }
  if (MODIFIERS.includes(first as LocationModifier)) {
    throw fail('bad-arguments', d.position, `invalid number of arguments in "location" directive`);
  }
  return { modifier: '', name: first };
}

function parseLocation(d: Directive, parent: Location | null, ctx: ParseContext): Location {
  const { modifier, name } = locationName(d);
  const isRegex = modifier === '~' || modifier === '~*';
  const label = `location ${modifier === '' ? '' : `${modifier} `}${name}`;
  if (parent !== null) {
    if (parent.modifier === '=') {
      throw fail('bad-context', d.position, `location "${name}" cannot be inside the exact location "${parent.name}"`);
    }
    if (parent.regex !== null) {
      throw fail(
        'unsupported',
        d.position,
        `"${label}" inside the regex location "${parent.name}" is outside the model`,
      );
    }
    if (!isRegex && !name.startsWith(parent.name)) {
      throw fail('bad-context', d.position, `location "${name}" is outside location "${parent.name}"`);
    }
  }
  const regex = isRegex ? compileRegex(d, name, modifier === '~*') : null;
  const children: Location[] = [];
  let proxyPass: ProxyPass | null = null;
  let ret: Return | null = null;
  let setHeaders: SetHeader[] | null = null;
  const self = { modifier, name, regex, position: d.position, label } as Location;
  for (const c of expectBlock(d, true)) {
    if (c.name === 'location') children.push(parseLocation(c, self, ctx));
    else if (c.name === 'proxy_pass') {
      if (proxyPass !== null) throw fail('duplicate', c.position, '"proxy_pass" directive is duplicate');
      proxyPass = parseProxyPass(c, isRegex);
    } else if (c.name === 'proxy_set_header') setHeaders = [...(setHeaders ?? []), parseSetHeader(c)];
    else if (c.name === 'return') ret = ret ?? parseReturn(c);
    else unhandled(c, label, ctx);
  }
  checkDuplicateLocations(children);
  return Object.assign(self, { children, proxyPass, ret, setHeaders });
}

/** nginx refuses two locations with the same modifier class and name ("duplicate location"). */
function checkDuplicateLocations(locations: readonly Location[]): void {
  const seen = new Set<string>();
  for (const l of locations) {
    const key = `${l.modifier === '=' ? '=' : l.regex === null ? 'p' : `r${l.modifier}`} ${l.name}`;
    if (l.regex === null && seen.has(key)) {
      throw fail('duplicate', l.position, `duplicate location "${l.name}"`);
    }
    seen.add(key);
  }
}

/** Splits `proxy_pass` like ngx_http_proxy_pass + ngx_parse_url(uri_part). */
function parseProxyPass(d: Directive, inRegexLocation: boolean): ProxyPass {
  expectArgs(d, 1, 1);
  const url = (d.args[0] as { text: string }).text;
  checkVariables(d, url);
  const lower = url.toLowerCase();
  const scheme = lower.startsWith('http://') ? 'http' : lower.startsWith('https://') ? 'https' : null;
  if (scheme === null) throw fail('bad-value', d.position, `invalid URL prefix in "${url}"`);
  const rest = url.slice(scheme.length + 3);
  const cut = rest.search(/[/?]/);
  const hostPort = cut === -1 ? rest : rest.slice(0, cut);
  const uriRaw = cut === -1 ? null : rest.slice(cut);
  const uri = uriRaw?.startsWith('?') ? `/${uriRaw}` : uriRaw;
  if (hostPort === '') throw fail('bad-value', d.position, `no host in "${url}" of the "proxy_pass" directive`);
  const variables = hasVariables(url);
  if (!variables && inRegexLocation && uri !== null) {
    throw fail(
      'bad-context',
      d.position,
      `"proxy_pass" cannot have URI part in location given by regular expression ("${url}")`,
    );
  }
  return { url, scheme, hostPort, uri, hasVariables: variables, position: d.position };
}

function parseSetHeader(d: Directive): SetHeader {
  expectArgs(d, 2, 2);
  const [name, value] = d.args.map((a) => a.text) as [string, string];
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
    throw fail('bad-value', d.position, `invalid header name "${name}" in "proxy_set_header"`);
  }
  checkVariables(d, value);
  return { name, value, position: d.position };
}

function parseReturn(d: Directive): Return {
  expectArgs(d, 1, 2);
  const [first, second] = d.args.map((a) => a.text) as [string, string | undefined];
  if (!/^\d{3}$/.test(first)) {
    if (second === undefined && /^(https?:\/\/|\$scheme)/.test(first)) {
      return { status: 302, text: first, position: d.position };
    }
    throw fail('bad-value', d.position, `invalid return code "${first}"`);
  }
  const status = Number(first);
  if (status > 999) throw fail('bad-value', d.position, `invalid return code "${first}"`);
  if (second !== undefined) checkVariables(d, second);
  return { status, text: second ?? '', position: d.position };
}

/** A `proxy_pass` without variables must name an upstream block or an IPv4 address:port (nothing is resolved). */
function checkProxyTargets(servers: readonly Server[], upstreams: readonly Upstream[]): void {
  const visit = (l: Location): void => {
    const p = l.proxyPass;
    if (p !== null && !p.hasVariables) {
      const [host, port] = splitHostPort(p.hostPort);
      const upstream = upstreams.find((u) => u.name === host);
      if (upstream !== undefined && port !== null) {
        throw fail('bad-value', p.position, `upstream "${host}" may not have port ${port} ("${p.url}")`);
      }
      if (upstream === undefined && !isIpv4(host)) {
        throw fail('bad-value', p.position, `host not found in upstream "${p.hostPort}" (the model resolves no names)`);
      }
    }
    for (const c of l.children) visit(c);
  };
  for (const s of servers) for (const l of s.locations) visit(l);
}

/** nginx refuses two default servers on one port and the same port twice in one server. */
function checkListens(servers: readonly Server[]): void {
  const defaults = new Set<number>();
  for (const s of servers) {
    const ports = new Set<number>();
    for (const l of s.listens) {
      if (ports.has(l.port)) throw fail('duplicate', l.position, `a duplicate listen on port ${l.port}`);
      ports.add(l.port);
      if (l.defaultServer) {
        if (defaults.has(l.port)) throw fail('duplicate', l.position, `a duplicate default server for port ${l.port}`);
        defaults.add(l.port);
      }
    }
  }
}
