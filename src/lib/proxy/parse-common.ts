/**
 * Helpers shared by the config parser's modules: positioned failures, argument checks, the tables of directives
 * that are noted or refused, and regex compilation.
 */
import type { Directive } from './tree.ts';
import type { ConfigError, ConfigErrorCode, ConfigNote, Position } from './types.ts';
import { firstUnknownVariable } from './variables.ts';

/** Thrown internally to unwind on the first error; always caught in `parseConfig`. */
export class ConfigFailure {
  readonly error: ConfigError;
  constructor(error: ConfigError) {
    this.error = error;
  }
}

/** Builds a positioned error whose message starts with `line:column`. */
export function fail(code: ConfigErrorCode, position: Position, text: string): ConfigFailure {
  return new ConfigFailure({ code, position, message: `${position.line}:${position.column}: ${text}` });
}

/** Directives that are valid nginx, cannot change which block or backend is chosen, and are noted, not modelled. */
export const NOTED_DIRECTIVES = new Set([
  'load_module',
  'worker_processes',
  'worker_connections',
  'worker_rlimit_nofile',
  'error_log',
  'access_log',
  'log_format',
  'pid',
  'user',
  'events',
  'sendfile',
  'tcp_nopush',
  'tcp_nodelay',
  'keepalive_timeout',
  'keepalive_requests',
  'types_hash_max_size',
  'server_tokens',
  'default_type',
  'gzip',
  'gzip_types',
  'gzip_vary',
  'gzip_proxied',
  'client_max_body_size',
  'client_body_timeout',
  'client_header_timeout',
  'send_timeout',
  'proxy_connect_timeout',
  'proxy_read_timeout',
  'proxy_send_timeout',
  'proxy_timeout',
  'proxy_buffering',
  'proxy_buffers',
  'proxy_buffer_size',
  'proxy_redirect',
  'proxy_http_version',
  'proxy_request_buffering',
  'ssl_certificate',
  'ssl_certificate_key',
  'ssl_protocols',
  'ssl_ciphers',
  'ssl_prefer_server_ciphers',
  'ssl_session_cache',
  'ssl_session_timeout',
  'add_header',
  'expires',
  'charset',
  'resolver',
  'resolver_timeout',
  'zone',
  'keepalive_time',
  'http2',
  'root',
  'index',
  'autoindex',
  'proxy_hide_header',
  'proxy_intercept_errors',
  'multi_accept',
  'use',
]);

/** Directives accepted with a note of their own: the model's fixed behaviour is what the note says. */
export const SPECIAL_NOTES: Readonly<Record<string, string>> = {
  proxy_next_upstream:
    'is not modelled: the model always tries the next server when a connection is refused (nginx\'s default "error timeout")',
  proxy_next_upstream_tries:
    'is not modelled: the model retries until every server has been tried once (the default, 0)',
};

/** Directives that are valid nginx and can change routing, the URI or the backend: outside the subset, refused. */
export const UNSUPPORTED_DIRECTIVES = new Set([
  'include',
  'rewrite',
  'if',
  'set',
  'try_files',
  'alias',
  'error_page',
  'map',
  'geo',
  'split_clients',
  'limit_except',
  'merge_slashes',
  'absolute_redirect',
  'server_name_in_redirect',
  'port_in_redirect',
  'proxy_pass_request_headers',
  'proxy_method',
  'fastcgi_pass',
  'uwsgi_pass',
  'grpc_pass',
  'scgi_pass',
  'memcached_pass',
  'real_ip_header',
  'set_real_ip_from',
  'real_ip_recursive',
  'ignore_invalid_headers',
  'underscores_in_headers',
  'random',
  'least_time',
  'sticky',
  'internal',
  'proxy_bind',
  'proxy_cache',
  'auth_request',
  'auth_basic',
  'allow',
  'deny',
  'limit_req',
  'limit_conn',
  'return_code',
  'subrequest_output_buffer_size',
  'recursive_error_pages',
  'server_names_hash_bucket_size',
  'mail',
]);

/** Context shared while interpreting one config. */
export interface ParseContext {
  readonly notes: ConfigNote[];
}

/** Handles a directive that is not part of the subset in this context: note, unsupported or unknown. */
export function unhandled(d: Directive, context: string, ctx: ParseContext): void {
  const special = SPECIAL_NOTES[d.name];
  if (special !== undefined) {
    ctx.notes.push({
      position: d.position,
      message: `${d.position.line}:${d.position.column}: "${d.name}" ${special}`,
    });
    return;
  }
  if (NOTED_DIRECTIVES.has(d.name)) {
    ctx.notes.push({
      position: d.position,
      message: `${d.position.line}:${d.position.column}: "${d.name}" is accepted but not modelled (it does not change routing)`,
    });
    return;
  }
  if (UNSUPPORTED_DIRECTIVES.has(d.name)) {
    throw fail('unsupported', d.position, `"${d.name}" is valid nginx but outside what this model simulates`);
  }
  if (KNOWN_ELSEWHERE.has(d.name)) {
    throw fail('bad-context', d.position, `"${d.name}" directive is not allowed here (in ${context})`);
  }
  throw fail('unknown-directive', d.position, `unknown directive "${d.name}"`);
}

/** Directives the model knows, used to tell "not allowed here" from "unknown". */
const KNOWN_ELSEWHERE = new Set([
  'http',
  'stream',
  'server',
  'upstream',
  'location',
  'listen',
  'server_name',
  'proxy_pass',
  'proxy_set_header',
  'return',
  'least_conn',
  'ip_hash',
  'hash',
  'keepalive',
  'ssl_preread',
]);

/** Checks the argument count, with nginx's message. */
export function expectArgs(d: Directive, min: number, max: number): void {
  if (d.args.length < min || d.args.length > max) {
    throw fail('bad-arguments', d.position, `invalid number of arguments in "${d.name}" directive`);
  }
}

/** Refuses a block where a simple directive is expected and vice versa. */
export function expectBlock(d: Directive, block: boolean): readonly Directive[] {
  if (block && d.block === null) throw fail('syntax', d.position, `directive "${d.name}" has no opening "{"`);
  if (!block && d.block !== null) throw fail('syntax', d.position, `directive "${d.name}" has an unexpected "{"`);
  return d.block ?? [];
}

/** Refuses unknown variables in a complex value, as nginx does at startup. */
export function checkVariables(d: Directive, value: string): void {
  const unknown = firstUnknownVariable(value);
  if (unknown !== null) throw fail('bad-value', d.position, `unknown "${unknown}" variable in "${d.name}"`);
}

/** Compiles a PCRE pattern with JavaScript's engine over byte strings (README: where the dialects differ). */
export function compileRegex(d: Directive, source: string, caseless: boolean): RegExp {
  if (source.length > 1024) throw fail('too-large', d.position, `regex in "${d.name}" is longer than 1024 characters`);
  if (/\(\?[<P]?<?[A-Za-z]|\\[AZzGQEKRXhHvV]|\(\*|\(\?[|>#]|[*+?}]\+/.test(source)) {
    throw fail('unsupported', d.position, `regex "${source}" uses PCRE syntax this model does not run`);
  }
  try {
    return new RegExp(source, caseless ? 'i' : '');
  } catch {
    throw fail('bad-value', d.position, `regex "${source}" does not compile`);
  }
}

/** `host[:port]` → [host, port or null]. */
export function splitHostPort(hostPort: string): [string, string | null] {
  const m = /^(.*?)(?::(\d+))?$/.exec(hostPort);
  return [m?.[1] ?? hostPort, m?.[2] ?? null];
}

/** Dotted-quad IPv4 with each octet 0–255. */
export function isIpv4(host: string): boolean {
  const parts = host.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}
