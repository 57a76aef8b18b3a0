/**
 * Input validation for the page-load model, once, at its edge. Every number is checked against the site-wide bounds
 * table (src/lib/bounds): the same limits the playground fields show, so whatever the model accepts it can simulate
 * without float absorption or an unbounded loop (issue 10: an RTT of 1e-16 ms used to hang the engine).
 */
import { BOUNDS, type Bound, checkBound } from '../bounds/index.ts';
import { CONNECTIONS_PER_ORIGIN, HTTP_LIMITS, INITIAL_WINDOW_SEGMENTS } from './constants.ts';
import {
  type HttpErrorCode,
  type HttpInputError,
  type HttpResult,
  type Network,
  type NetworkInput,
  type Page,
  type PageInput,
  type PageRequest,
  PROTOCOL_IDS,
  type ProtocolId,
  RESOURCE_TYPES,
  type ResourceType,
  TLS_MODES,
  type TlsMode,
} from './types.ts';

type Failure = { ok: false; error: HttpInputError };

function fail(code: HttpErrorCode, field: string, message: string): Failure {
  return { ok: false, error: { code, field, message } };
}

/** Checks one number against its bound; `Infinity` passes where it means "unlimited" (bandwidth). */
function checkNumber(field: string, value: unknown, bound: Bound, unlimited = false): Failure | undefined {
  if (unlimited && value === Number.POSITIVE_INFINITY) return undefined;
  const error = checkBound(field, value, bound);
  return error === undefined ? undefined : { ok: false, error };
}

/** Validates the network settings and fills in defaults; errors name the field, quote the value and give the bound. */
export function validateNetwork(input: NetworkInput = {}): HttpResult<Network> {
  const checks: [string, unknown, Bound, boolean?][] = [
    ['rttMs', input.rttMs, BOUNDS.rttMs],
    ['bandwidthMbps', input.bandwidthMbps, BOUNDS.bandwidthMbps, true],
    ['lossRate', input.lossRate, BOUNDS.lossRate],
    ['seed', input.seed, BOUNDS.seed],
    ['dnsMs', input.dnsMs, BOUNDS.dnsMs],
    ['serverProcessingMs', input.serverProcessingMs, BOUNDS.serverMs],
    ['connectionsPerOrigin', input.connectionsPerOrigin, BOUNDS.connectionsPerOrigin],
    ['initialWindowSegments', input.initialWindowSegments, BOUNDS.initialWindowSegments],
  ];
  for (const [field, value, bound, unlimited] of checks) {
    if (value === undefined) continue;
    const error = checkNumber(field, value, bound, unlimited);
    if (error) return error;
  }
  const tls = input.tls ?? 'tls13';
  if (!isTlsMode(tls)) {
    return fail('unknown-tls', 'tls', `tls is '${String(tls)}': use one of ${TLS_MODES.join(', ')}.`);
  }
  return {
    ok: true,
    value: {
      rttMs: input.rttMs ?? 100,
      bandwidthMbps: input.bandwidthMbps ?? 50,
      lossRate: input.lossRate ?? 0,
      seed: input.seed ?? 1,
      tls,
      dnsMs: input.dnsMs ?? 0,
      serverProcessingMs: input.serverProcessingMs ?? 0,
      connectionsPerOrigin: input.connectionsPerOrigin ?? CONNECTIONS_PER_ORIGIN,
      initialWindowSegments: input.initialWindowSegments ?? INITIAL_WINDOW_SEGMENTS,
    },
  };
}

/** Checks the shape of the page and its resource count. */
function checkShape(input: PageInput): Failure | undefined {
  if (typeof input !== 'object' || input === null || typeof input.html !== 'object' || input.html === null) {
    return fail('not-a-number', 'html', 'The page needs an html document: { html: { bytes }, resources: [] }.');
  }
  if (!Array.isArray(input.resources)) {
    return fail('too-many-resources', 'resources', `resources must be a list, got '${String(input.resources)}'.`);
  }
  if (input.resources.length > HTTP_LIMITS.maxResources) {
    return fail(
      'too-many-resources',
      'resources',
      `The page has ${input.resources.length} resources; the simulator takes at most ${HTTP_LIMITS.maxResources}.`,
    );
  }
  return undefined;
}

/** Validates one resource (index `i` in `resources`) into the request it becomes (index i + 1). */
function checkResource(resource: unknown, i: number): HttpResult<PageRequest> {
  const at = `resources[${i}]`;
  if (typeof resource !== 'object' || resource === null) {
    return fail('bad-name', at, `${at} must be an object like { name, bytes }, got '${String(resource)}'.`);
  }
  const r = resource as Partial<Record<'name' | 'bytes' | 'serverMs' | 'type' | 'dependsOn', unknown>>;
  const name = r.name;
  if (typeof name !== 'string' || name.trim() === '' || name.length > HTTP_LIMITS.maxNameLength) {
    return fail(
      'bad-name',
      `${at}.name`,
      `${at}.name is '${String(name)}': give a name of 1 to ${HTTP_LIMITS.maxNameLength} characters.`,
    );
  }
  const bytes = checkNumber(`${at}.bytes`, r.bytes, BOUNDS.responseBytes);
  if (bytes) return tooLarge(bytes, r.bytes);
  if (r.serverMs !== undefined) {
    const error = checkNumber(`${at}.serverMs`, r.serverMs, BOUNDS.serverMs);
    if (error) return error;
  }
  const type = r.type ?? 'other';
  if (!(RESOURCE_TYPES as readonly unknown[]).includes(type)) {
    return fail('unknown-type', `${at}.type`, `${at}.type is '${String(type)}': use ${RESOURCE_TYPES.join(', ')}.`);
  }
  let discoveredBy = 0;
  if (r.dependsOn !== undefined) {
    const d = r.dependsOn;
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0 || d >= i) {
      return fail(
        'bad-dependency',
        `${at}.dependsOn`,
        `${at} ('${name}') depends on '${String(d)}', which is not an earlier resource: use an index from 0 to ${i - 1}.`,
      );
    }
    discoveredBy = d + 1;
  }
  return {
    ok: true,
    value: {
      index: i + 1,
      name,
      type: type as ResourceType,
      bytes: r.bytes as number,
      discoveredBy,
      serverMs: r.serverMs as number | undefined,
    },
  };
}

/** Validates a page: sizes, names, dependencies (which must point to an earlier resource). */
export function validatePage(input: PageInput): HttpResult<Page> {
  const shape = checkShape(input);
  if (shape) return shape;
  const htmlBytes = checkNumber('html.bytes', input.html.bytes, BOUNDS.responseBytes);
  if (htmlBytes) return tooLarge(htmlBytes, input.html.bytes);
  if (input.html.serverMs !== undefined) {
    const error = checkNumber('html.serverMs', input.html.serverMs, BOUNDS.serverMs);
    if (error) return error;
  }
  const requests: PageRequest[] = [
    {
      index: 0,
      name: input.html.name ?? 'index.html',
      type: 'document',
      bytes: input.html.bytes,
      discoveredBy: null,
      serverMs: input.html.serverMs,
    },
  ];
  let total = input.html.bytes;
  for (const [i, resource] of input.resources.entries()) {
    const request = checkResource(resource, i);
    if (!request.ok) return request;
    total += request.value.bytes;
    if (total > HTTP_LIMITS.maxPageBytes) {
      return fail(
        'too-large',
        'resources',
        `The page adds up to ${total} bytes at '${request.value.name}': the whole page can be at most 2 GB (${HTTP_LIMITS.maxPageBytes} bytes).`,
      );
    }
    requests.push(request.value);
  }
  return { ok: true, value: { requests } };
}

/** Rewords an out-of-range size as 'too-large' when it is above the limit. */
function tooLarge(error: Failure, value: unknown): Failure {
  if (error.error.code === 'out-of-range' && typeof value === 'number' && value > HTTP_LIMITS.maxResourceBytes) {
    return fail(
      'too-large',
      error.error.field,
      `${error.error.field} is '${value}' (${(value / 1e9).toFixed(1)} GB): one resource can be at most 1 GB (${HTTP_LIMITS.maxResourceBytes} bytes).`,
    );
  }
  return error;
}

/** True for one of the five protocol ids. */
export function isProtocolId(value: unknown): value is ProtocolId {
  return typeof value === 'string' && (PROTOCOL_IDS as readonly string[]).includes(value);
}

/** True for 'tls13' | 'tls12' | 'none'. */
export function isTlsMode(value: unknown): value is TlsMode {
  return typeof value === 'string' && (TLS_MODES as readonly string[]).includes(value);
}

/** Parses a protocol id from user input (e.g. a URL parameter). */
export function parseProtocol(value: string): HttpResult<ProtocolId> {
  if (isProtocolId(value)) return { ok: true, value };
  return fail('unknown-protocol', 'protocol', `Unknown protocol '${value}': use one of ${PROTOCOL_IDS.join(', ')}.`);
}
