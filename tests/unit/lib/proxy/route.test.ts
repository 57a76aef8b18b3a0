import { describe, expect, it } from 'vitest';
import { compileHttp, type ProxyRequest, parseConfig, routeRequest } from '../../../../src/lib/proxy/index.ts';

function router(servers: string) {
  const r = parseConfig(`http { upstream app { server 10.0.0.1:8080; server 10.0.0.2:8080; } ${servers} }`);
  if (!r.ok) throw new Error(r.error.message);
  return compileHttp(r.value.http as NonNullable<typeof r.value.http>);
}

const get = (
  target: string,
  headers: [string, string][] = [['Host', 'example.com']],
  extra: Partial<ProxyRequest> = {},
): ProxyRequest => ({
  clientIp: '203.0.113.7',
  clientPort: 50_000,
  port: 80,
  scheme: 'http',
  method: 'GET',
  target,
  headers,
  ...extra,
});

describe.each([
  ['location /api/ { proxy_pass http://app; }', '/api/users?id=1', '/api/users?id=1'],
  ['location /api/ { proxy_pass http://app/; }', '/api/users?id=1', '/users?id=1'],
  ['location /api { proxy_pass http://app/; }', '/api/users', '//users'],
  ['location /api/ { proxy_pass http://app/v1; }', '/api/users', '/v1users'],
  ['location /api/ { proxy_pass http://app/v1/; }', '/api/a%20b', '/v1/a%20b'],
  ['location /api/ { proxy_pass http://app/; }', '/api/x/../y', '/y'],
  ['location /api/ { proxy_pass http://app; }', '/api/x/../y', '/api/x/../y'],
  ['location / { proxy_pass http://app$request_uri; }', '/a/../b?c', '/a/../b?c'],
  ['location / { proxy_pass http://app/x$uri$is_args$args; }', '/a/../b?c', '/x/b?c'],
])('%s', (locations, target, uri) => {
  it(`GET ${target} → upstream URI ${uri}`, () => {
    const r = routeRequest(router(`server { listen 80; ${locations} }`), get(target));
    expect(r.outcome.kind === 'proxy' && r.outcome.request.uri).toBe(uri);
  });
});

describe('forwarded headers', () => {
  it('sets Host to the upstream name and Connection: close by default, passing the client headers', () => {
    const r = routeRequest(
      router('server { listen 80; location / { proxy_pass http://app; } }'),
      get('/', [
        ['Host', 'example.com'],
        ['Accept', 'text/html'],
        ['Connection', 'keep-alive'],
      ]),
    );
    expect(r.outcome.kind === 'proxy' && r.outcome.request.headers).toEqual([
      ['Host', 'app'],
      ['Connection', 'close'],
      ['Accept', 'text/html'],
    ]);
  });
  it('appends the client to X-Forwarded-For and sets X-Real-IP; "" removes a header; server level is inherited', () => {
    const c = router(
      'server { listen 80; proxy_set_header X-Real-IP $remote_addr; proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; proxy_set_header Accept ""; location / { proxy_pass http://10.0.0.9:81; } }',
    );
    const r = routeRequest(
      c,
      get('/', [
        ['Host', 'example.com'],
        ['X-Forwarded-For', '198.51.100.1'],
        ['Accept', 'x'],
      ]),
    );
    expect(r.outcome.kind === 'proxy' && r.outcome.request.headers).toEqual([
      ['X-Real-IP', '203.0.113.7'],
      ['X-Forwarded-For', '198.51.100.1, 203.0.113.7'],
      ['Host', '10.0.0.9:81'],
      ['Connection', 'close'],
    ]);
  });
  it('a location-level proxy_set_header replaces (does not add to) the server-level list', () => {
    const c = router(
      'server { listen 80; proxy_set_header X-A a; location / { proxy_set_header X-B b; proxy_pass http://app; } }',
    );
    const r = routeRequest(c, get('/'));
    expect(r.outcome.kind === 'proxy' && r.outcome.request.headers.map(([n]) => n)).toEqual([
      'X-B',
      'Host',
      'Connection',
    ]);
  });
  it('evaluates $host, $http_*, $arg_*, $scheme and friends', () => {
    const c = router(
      'server { listen 80; server_name example.com; location / { proxy_set_header X-V "$host|$http_user_agent|$arg_id|$scheme|$request_method|$server_port|$remote_port|$server_name|$uri|$args|$server_protocol"; proxy_pass http://app; } }',
    );
    const r = routeRequest(
      c,
      get('/p?id=7&x', [
        ['Host', 'Example.com:80'],
        ['User-Agent', 'ua'],
      ]),
    );
    expect(r.outcome.kind === 'proxy' && r.outcome.request.headers[0]).toEqual([
      'X-V',
      'example.com|ua|7|http|GET|80|50000|example.com|/p|id=7&x|HTTP/1.1',
    ]);
  });
});

describe('outcomes', () => {
  const c = router(
    'server { listen 80; server_name example.com; location = /health { return 200 "ok $host"; } location /files/ { } location /api/ { proxy_pass http://app/; } } server { listen 8080; return 301 https://example.com$request_uri; }',
  );
  it.each([
    [get('/health'), { kind: 'return', status: 200, text: 'ok example.com' }],
    [get('/files/a'), { kind: 'static' }],
    [get('/nothing'), { kind: 'static' }],
    [get('/api?x=1'), { kind: 'redirect', status: 301, location: '/api/?x=1' }],
    [
      get('/x', [['Host', 'example.com']], { port: 8080 }),
      { kind: 'return', status: 301, text: 'https://example.com/x' },
    ],
    [get('/x', []), { kind: 'error', status: 400 }],
    [
      get('/x', [
        ['Host', 'a'],
        ['Host', 'b'],
      ]),
      { kind: 'error', status: 400 },
    ],
    [get('/x', [['Host', 'a..b']]), { kind: 'error', status: 400 }],
    [get('/..'), { kind: 'error', status: 400 }],
    [get('/x', [['Host', 'example.com']], { port: 9 }), { kind: 'error', status: 0 }],
    [get('/x', [], { httpVersion: '1.0' }), { kind: 'static' }],
  ])('%j', (req, expected) => {
    expect(routeRequest(c, req).outcome).toMatchObject(expected);
  });
  it('explains each decision', () => {
    const r = routeRequest(c, get('/api/users'));
    expect(r.trace.map((t) => t.stage)).toEqual(['server', 'location', 'location', 'proxy', 'balance']);
    expect(r.trace[3]?.text).toContain('"/api/" is replaced');
  });
  it('a failed backend moves traffic to the other one', () => {
    const failed = new Set(['10.0.0.1:8080']);
    const names = Array.from({ length: 4 }, () => {
      const r = routeRequest(c, get('/api/x'), { failed });
      return r.outcome.kind === 'proxy' ? r.outcome.pick?.peer?.server.name : r.outcome.kind;
    });
    expect(names).toEqual(['10.0.0.2:8080', '10.0.0.2:8080', '10.0.0.2:8080', '10.0.0.2:8080']);
  });
  it('an unresolvable variable host is a 502', () => {
    const v = router('server { listen 80; location / { proxy_pass http://$host; } }');
    expect(routeRequest(v, get('/')).outcome).toMatchObject({ kind: 'error', status: 502 });
  });
});
