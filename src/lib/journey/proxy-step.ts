/**
 * The proxy hop through the proxy model (nginx 1.22.1 semantics): a TLS-terminating reverse proxy in front of one
 * origin, configured like the integration test's nginx. No user text goes into the config: the server block is the
 * default server, so any host reaches it; the request (Host, target) is the user's.
 */
import { compileHttp, parseConfig, routeRequest } from '../proxy/index.ts';
import type { ProxyHop } from './types.ts';

/** The origin the proxy forwards to. */
export const ORIGIN_BACKEND = '10.0.0.2:8080';

/** The proxy's config (nginx syntax); `keepalive` adds an upstream connection pool. */
export function proxyConfig(tls: boolean, keepalive: boolean): string {
  const listen = tls ? 'listen 443 ssl default_server;' : 'listen 80 default_server;';
  const pool = keepalive ? '\n        keepalive 16;' : '';
  const upstreamVersion = keepalive
    ? '\n            proxy_http_version 1.1;\n            proxy_set_header Connection "";'
    : '';
  return `http {
    upstream origin {
        server ${ORIGIN_BACKEND};${pool}
    }
    server {
        ${listen}
        server_name _;
        location / {
            proxy_pass http://origin;${upstreamVersion}
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
        }
    }
}
`;
}

/** What the origin sees for a GET of `target` with `hostHeader`; null if the model does not proxy it (a bug). */
export function proxyHop(hostHeader: string, target: string, tls: boolean, keepalive: boolean): ProxyHop | null {
  const config = proxyConfig(tls, keepalive);
  const parsed = parseConfig(config);
  if (!parsed.ok || parsed.value.http === null) return null;
  const route = routeRequest(compileHttp(parsed.value.http), {
    clientIp: '203.0.113.7',
    clientPort: 51_234,
    port: tls ? 443 : 80,
    scheme: tls ? 'https' : 'http',
    method: 'GET',
    target,
    headers: [
      ['Host', hostHeader],
      ['User-Agent', 'Mozilla/5.0'],
      ['Accept', 'text/html'],
    ],
    httpVersion: '1.1',
  });
  const outcome = route.outcome;
  if (outcome.kind !== 'proxy') return null;
  const backend = outcome.pick?.peer?.server.name ?? outcome.request.upstream;
  return {
    backend,
    requestLine: `${outcome.request.method} ${outcome.request.uri} HTTP/${keepalive ? '1.1' : '1.0'}`,
    headers: outcome.request.headers,
    config,
  };
}
