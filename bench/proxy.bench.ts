/**
 * Proxy model throughput: routing one request (target < 0.05 ms), and re-parsing a 200-line config then routing
 * 100 requests (target < 16 ms in the browser at 1× CPU). Run: npx vitest bench --run bench/proxy.bench.ts
 */
import { test } from 'vitest';
import { compileHttp, type ProxyRequest, parseConfig, routeRequest } from '../src/lib/proxy/index.ts';

/** A ~200-line config: 3 upstreams, 10 servers with 15 locations each. */
function bigConfig(): string {
  const lines = ['http {'];
  lines.push('  upstream app { server 10.0.0.1:8080 weight=3; server 10.0.0.2:8080; server 10.0.0.3:8080 backup; }');
  lines.push('  upstream api { least_conn; server 10.0.1.1:8080; server 10.0.1.2:8080; }');
  lines.push('  upstream cache { hash $request_uri consistent; server 10.0.2.1; server 10.0.2.2; server 10.0.2.3; }');
  for (let s = 0; s < 10; s++) {
    lines.push(
      '  server {',
      `    listen 80${s === 0 ? ' default_server' : ''};`,
      `    server_name s${s}.example.com *.s${s}.example.com;`,
    );
    lines.push('    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;');
    for (let l = 0; l < 12; l++) lines.push(`    location /p${l}/ { proxy_pass http://app/v${l}/; }`);
    lines.push(
      '    location ^~ /static/ { proxy_pass http://cache; }',
      '    location ~* \\.(png|jpg)$ { proxy_pass http://cache; }',
    );
    lines.push('    location /api/ { proxy_pass http://api; }', '  }');
  }
  lines.push('}');
  return lines.join('\n');
}

const text = bigConfig();
const parsed = parseConfig(text);
if (!parsed.ok) throw new Error(parsed.error.message);
const compiled = compileHttp(parsed.value.http as NonNullable<typeof parsed.value.http>);
const requests: ProxyRequest[] = Array.from({ length: 100 }, (_, i) => ({
  clientIp: `198.51.100.${i}`,
  clientPort: 40_000 + i,
  port: 80,
  scheme: 'http',
  method: 'GET',
  target: [`/p${i % 12}/users/${i}?x=1`, `/static/a/../b${i}.css`, `/img/${i}.png`, `/api/v1/${i}`][i % 4] as string,
  headers: [
    ['Host', `www.s${i % 10}.example.com`],
    ['X-Forwarded-For', '203.0.113.9'],
  ],
}));

test('route one request', async ({ bench }) => {
  let i = 0;
  await bench('routeRequest', () => {
    routeRequest(compiled, requests[i++ % 100] as ProxyRequest);
  }).run();
});

test(`re-parse a ${text.split('\n').length}-line config and route 100 requests`, async ({ bench }) => {
  await bench('parse + compile + 100 routes', () => {
    const p = parseConfig(text);
    if (!p.ok) throw new Error(p.error.message);
    const c = compileHttp(p.value.http as NonNullable<typeof p.value.http>);
    for (const r of requests) routeRequest(c, r);
  }).run();
});
