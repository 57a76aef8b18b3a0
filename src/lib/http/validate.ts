import { CONNECTIONS_PER_ORIGIN, HTTP_LIMITS } from './constants.ts';
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

function fail(code: HttpErrorCode, field: string, message: string): { ok: false; error: HttpInputError } {
  return { ok: false, error: { code, field, message } };
}

interface Range {
  readonly min: number;
  readonly max: number;
  readonly unit: string;
  readonly integer?: boolean;
  readonly allowInfinity?: boolean;
  /** Exclusive lower bound. */
  readonly minExclusive?: boolean;
}

/** Checks one number; the message quotes the value and gives the allowed range. */
function checkNumber(field: string, value: unknown, range: Range): { ok: false; error: HttpInputError } | undefined {
  const shown = `'${String(value)}'`;
  if (typeof value !== 'number' || Number.isNaN(value)) {
    return fail('not-a-number', field, `${field} must be a number of ${range.unit}, got ${shown}.`);
  }
  if (value === Number.POSITIVE_INFINITY && range.allowInfinity === true) return undefined;
  const low = range.minExclusive === true ? value <= range.min : value < range.min;
  if (!Number.isFinite(value) || low || value > range.max) {
    const lower = range.minExclusive === true ? `more than ${range.min}` : `${range.min}`;
    return fail('out-of-range', field, `${field} is ${shown} but must be from ${lower} to ${range.max} ${range.unit}.`);
  }
  if (range.integer === true && !Number.isInteger(value)) {
    return fail('not-integer', field, `${field} is ${shown} but must be a whole number of ${range.unit}.`);
  }
  return undefined;
}

/** Validates the network settings and fills in defaults; errors name the field and quote the value. */
export function validateNetwork(input: NetworkInput = {}): HttpResult<Network> {
  const L = HTTP_LIMITS;
  const checks: [string, unknown, Range][] = [
    ['rttMs', input.rttMs, { min: 0, max: L.maxRttMs, unit: 'ms', minExclusive: true }],
    [
      'bandwidthMbps',
      input.bandwidthMbps,
      { min: 0, max: L.maxBandwidthMbps, unit: 'Mbit/s', minExclusive: true, allowInfinity: true },
    ],
    ['lossRate', input.lossRate, { min: 0, max: L.maxLossRate, unit: '(a fraction: 0.01 is 1 %)' }],
    ['seed', input.seed, { min: 0, max: 4_294_967_295, unit: '', integer: true }],
    ['dnsMs', input.dnsMs, { min: 0, max: L.maxDnsMs, unit: 'ms' }],
    ['serverProcessingMs', input.serverProcessingMs, { min: 0, max: L.maxServerMs, unit: 'ms' }],
    ['connectionsPerOrigin', input.connectionsPerOrigin, { min: 1, max: 32, unit: 'connections', integer: true }],
  ];
  for (const [field, value, range] of checks) {
    if (value === undefined) continue;
    const error = checkNumber(field, value, range);
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
    },
  };
}

/** Validates a page: sizes, names, dependencies (which must point to an earlier resource). */
export function validatePage(input: PageInput): HttpResult<Page> {
  const L = HTTP_LIMITS;
  if (typeof input !== 'object' || input === null || typeof input.html !== 'object' || input.html === null) {
    return fail('not-a-number', 'html', 'The page needs an html document: { html: { bytes }, resources: [] }.');
  }
  if (!Array.isArray(input.resources)) {
    return fail('too-many-resources', 'resources', `resources must be a list, got '${String(input.resources)}'.`);
  }
  if (input.resources.length > L.maxResources) {
    return fail(
      'too-many-resources',
      'resources',
      `The page has ${input.resources.length} resources; the simulator takes at most ${L.maxResources}.`,
    );
  }
  const sizeRange: Range = { min: 0, max: L.maxResourceBytes, unit: 'bytes', integer: true };
  const serverRange: Range = { min: 0, max: L.maxServerMs, unit: 'ms' };
  const htmlBytes = checkNumber('html.bytes', input.html.bytes, sizeRange);
  if (htmlBytes) return tooLarge(htmlBytes, input.html.bytes);
  if (input.html.serverMs !== undefined) {
    const error = checkNumber('html.serverMs', input.html.serverMs, serverRange);
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
    const at = `resources[${i}]`;
    if (typeof resource !== 'object' || resource === null) {
      return fail('bad-name', at, `${at} must be an object like { name, bytes }, got '${String(resource)}'.`);
    }
    const name = resource.name;
    if (typeof name !== 'string' || name.trim() === '' || name.length > L.maxNameLength) {
      return fail(
        'bad-name',
        `${at}.name`,
        `${at}.name is '${String(name)}': give a name of 1 to ${L.maxNameLength} characters.`,
      );
    }
    const bytes = checkNumber(`${at}.bytes`, resource.bytes, sizeRange);
    if (bytes) return tooLarge(bytes, resource.bytes);
    if (resource.serverMs !== undefined) {
      const error = checkNumber(`${at}.serverMs`, resource.serverMs, serverRange);
      if (error) return error;
    }
    const type = resource.type ?? 'other';
    if (!(RESOURCE_TYPES as readonly string[]).includes(type)) {
      return fail('unknown-type', `${at}.type`, `${at}.type is '${String(type)}': use ${RESOURCE_TYPES.join(', ')}.`);
    }
    let discoveredBy = 0;
    if (resource.dependsOn !== undefined) {
      const d = resource.dependsOn;
      if (typeof d !== 'number' || !Number.isInteger(d) || d < 0 || d >= i) {
        return fail(
          'bad-dependency',
          `${at}.dependsOn`,
          `${at} ('${name}') depends on '${String(d)}', which is not an earlier resource: use an index from 0 to ${i - 1}.`,
        );
      }
      discoveredBy = d + 1;
    }
    total += resource.bytes;
    if (total > L.maxPageBytes) {
      return fail(
        'too-large',
        'resources',
        `The page adds up to ${total} bytes at '${name}': the whole page can be at most 2 GB (${L.maxPageBytes} bytes).`,
      );
    }
    requests.push({
      index: i + 1,
      name,
      type: type as ResourceType,
      bytes: resource.bytes,
      discoveredBy,
      serverMs: resource.serverMs,
    });
  }
  return { ok: true, value: { requests } };
}

/** Rewords an out-of-range size as 'too-large' when it is above the limit. */
function tooLarge(error: { ok: false; error: HttpInputError }, value: unknown): { ok: false; error: HttpInputError } {
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
