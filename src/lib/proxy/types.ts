/**
 * The shapes shared by the proxy model: a parsed nginx-style config (the subset in README.md), a request, and the
 * routing result with the reason for every decision. Follows nginx 1.22.1 (Debian bookworm's version).
 */

/** A position in the config text (1-based line and column). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Error codes of the config parser (closed union). */
export const CONFIG_ERROR_CODES = [
  'syntax',
  'unknown-directive',
  'unsupported',
  'bad-context',
  'bad-arguments',
  'bad-value',
  'duplicate',
  'missing',
  'too-large',
] as const;
export type ConfigErrorCode = (typeof CONFIG_ERROR_CODES)[number];

/** A positioned problem in a config; `message` quotes the directive and starts with `line:column`. */
export interface ConfigError {
  readonly code: ConfigErrorCode;
  readonly message: string;
  readonly position: Position;
}

/** A typed result: parsers and routers never throw on user input. */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/** One `server` line inside an `upstream` block. */
export interface UpstreamServer {
  /** The address as written, e.g. `127.0.0.1:8081` (ketama hashes this text). */
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly weight: number;
  readonly maxFails: number;
  /** Seconds. */
  readonly failTimeout: number;
  readonly backup: boolean;
  readonly down: boolean;
  readonly position: Position;
}

export type BalanceMethod = 'round-robin' | 'least_conn' | 'ip_hash' | 'hash' | 'hash-consistent';

/** An `upstream` block. */
export interface Upstream {
  readonly name: string;
  readonly method: BalanceMethod;
  /** The `hash` key as written (a complex value such as `$request_uri`). */
  readonly hashKey: string | null;
  readonly servers: readonly UpstreamServer[];
  readonly keepalive: number | null;
  readonly position: Position;
}

/** `proxy_pass` as written and as nginx splits it. */
export interface ProxyPass {
  readonly url: string;
  readonly scheme: 'http' | 'https';
  /** `host[:port]` part (may contain variables). */
  readonly hostPort: string;
  /** The URI part (`/`, `/v1/`, …) or null when there is none. */
  readonly uri: string | null;
  /** True when the URL contains variables: nginx then does no prefix replacement. */
  readonly hasVariables: boolean;
  readonly position: Position;
}

/** A `proxy_set_header` directive. */
export interface SetHeader {
  readonly name: string;
  readonly value: string;
  readonly position: Position;
}

/** A `return` directive. */
export interface Return {
  readonly status: number;
  readonly text: string;
  readonly position: Position;
}

export type LocationModifier = '=' | '^~' | '' | '~' | '~*';

/** A `location` block. */
export interface Location {
  readonly modifier: LocationModifier;
  readonly name: string;
  /** Compiled regex for `~` / `~*` (JavaScript's engine; see README for where it differs from PCRE). */
  readonly regex: RegExp | null;
  readonly children: readonly Location[];
  readonly proxyPass: ProxyPass | null;
  readonly ret: Return | null;
  /** `proxy_set_header` directives at this level (null: none here, inherit). */
  readonly setHeaders: readonly SetHeader[] | null;
  readonly position: Position;
  /** Human label, e.g. `location ^~ /static/`. */
  readonly label: string;
}

export interface Listen {
  readonly port: number;
  readonly defaultServer: boolean;
  readonly ssl: boolean;
  readonly position: Position;
}

export interface ServerName {
  readonly kind: 'exact' | 'dot' | 'head' | 'tail' | 'regex';
  /** Lower-cased name as written (regex without the leading `~`). */
  readonly name: string;
  readonly regex: RegExp | null;
  readonly position: Position;
}

/** An http `server` block. */
export interface Server {
  readonly index: number;
  readonly listens: readonly Listen[];
  readonly names: readonly ServerName[];
  readonly locations: readonly Location[];
  readonly setHeaders: readonly SetHeader[] | null;
  readonly ret: Return | null;
  readonly position: Position;
}

export interface HttpBlock {
  readonly upstreams: readonly Upstream[];
  readonly servers: readonly Server[];
  readonly setHeaders: readonly SetHeader[] | null;
}

/** A `map` in the stream block (used with `ssl_preread`). */
export interface StreamMap {
  readonly source: string;
  readonly variable: string;
  readonly hostnames: boolean;
  readonly entries: readonly { readonly key: string; readonly value: string; readonly regex: RegExp | null }[];
  readonly defaultValue: string;
  readonly position: Position;
}

export interface StreamServer {
  readonly index: number;
  readonly listens: readonly { readonly port: number; readonly udp: boolean; readonly ssl: boolean }[];
  readonly proxyPass: string | null;
  readonly sslPreread: boolean;
  readonly position: Position;
}

export interface StreamBlock {
  readonly upstreams: readonly Upstream[];
  readonly servers: readonly StreamServer[];
  readonly maps: readonly StreamMap[];
}

/** A note about something accepted but not modelled (e.g. `access_log`): never silently ignored. */
export interface ConfigNote {
  readonly message: string;
  readonly position: Position;
}

/** A parsed config. */
export interface ProxyConfig {
  readonly http: HttpBlock | null;
  readonly stream: StreamBlock | null;
  readonly notes: readonly ConfigNote[];
}
