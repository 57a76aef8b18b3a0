/**
 * The proxy and load-balancer model (nginx 1.22.1 semantics): parse an nginx-style config, route requests
 * (server block, location, URI and headers sent upstream), balance over sequences, and show what L4 and L7 see.
 */
export {
  type Attempt,
  type BalancerState,
  createBalancer,
  type Peer,
  type PickResult,
  pick,
  release,
} from './balance.ts';
export { crc32 } from './crc32.ts';
export { layerView, mapValue, routeStream, type StreamOutcome, type TrafficMode, type VisibleField } from './layers.ts';
export { findLocation, type LocationResult } from './location.ts';
export { MAX_CONFIG_LENGTH, parseConfig } from './parse.ts';
export {
  type CompiledHttp,
  compileHttp,
  type ProxyRequest,
  type RouteOptions,
  type RouteOutcome,
  type RouteResult,
  routeRequest,
  type TraceStep,
  type UpstreamRequest,
} from './route.ts';
export { findServer, validateHost } from './server-name.ts';
export type * from './types.ts';
export { escapeUri, type ParsedTarget, parseTarget, toByteString } from './uri.ts';
