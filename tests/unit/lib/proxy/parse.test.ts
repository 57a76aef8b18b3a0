import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../src/lib/proxy/index.ts';

const ok = (text: string) => {
  const r = parseConfig(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('parseConfig: the subset', () => {
  it('reads upstreams, servers, locations, proxy_pass and headers', () => {
    const c = ok(`
      http {
        upstream api { least_conn; server 10.0.0.1:8080 weight=3 max_fails=2 fail_timeout=30s; server 10.0.0.2 backup; server 10.0.0.3:81 down; keepalive 16; }
        server {
          listen 80 default_server; listen 443 ssl;
          server_name example.com *.example.com www.example.* .example.org ~^api\\d+\\.;
          proxy_set_header X-Real-IP $remote_addr;
          location /api/ { proxy_pass http://api/; location /api/v2/ { proxy_pass http://api; } }
          location ~* \\.(png|jpg)$ { return 404; }
          location = /health { return 200 "ok"; }
          location ^~ /static/ { proxy_pass http://10.0.0.9:8000; }
        }
      }`);
    const http = c.http;
    expect(http?.upstreams[0]).toMatchObject({ name: 'api', method: 'least_conn', keepalive: 16 });
    expect(
      http?.upstreams[0]?.servers.map((s) => [s.name, s.weight, s.maxFails, s.failTimeout, s.backup, s.down]),
    ).toEqual([
      ['10.0.0.1:8080', 3, 2, 30, false, false],
      ['10.0.0.2', 1, 1, 10, true, false],
      ['10.0.0.3:81', 1, 1, 10, false, true],
    ]);
    const server = http?.servers[0];
    expect(server?.listens.map((l) => [l.port, l.defaultServer, l.ssl])).toEqual([
      [80, true, false],
      [443, false, true],
    ]);
    expect(server?.names.map((n) => n.kind)).toEqual(['exact', 'head', 'tail', 'dot', 'regex']);
    expect(server?.locations.map((l) => l.label)).toEqual([
      'location /api/',
      'location ~* \\.(png|jpg)$',
      'location = /health',
      'location ^~ /static/',
    ]);
    expect(server?.locations[0]?.children[0]?.proxyPass?.uri).toBeNull();
    expect(server?.locations[0]?.proxyPass).toMatchObject({ hostPort: 'api', uri: '/' });
  });

  it('reads a stream block with ssl_preread and a map', () => {
    const c = ok(`stream {
      map $ssl_preread_server_name $backend { hostnames; default web; api.example.com api; *.example.org org; ~^x x; }
      upstream web { hash $remote_addr consistent; server 10.0.0.1:443; server 10.0.0.2:443; }
      upstream api { server 10.0.1.1:443; }
      server { listen 443; ssl_preread on; proxy_pass $backend; }
      server { listen 53 udp; proxy_pass 10.0.0.53:53; }
    }`);
    expect(c.stream?.maps[0]).toMatchObject({ variable: 'backend', hostnames: true, defaultValue: 'web' });
    expect(c.stream?.servers.map((s) => [s.listens[0]?.port, s.listens[0]?.udp, s.sslPreread])).toEqual([
      [443, false, true],
      [53, true, false],
    ]);
  });

  it('notes directives that cannot change routing instead of ignoring them silently', () => {
    const c = ok(
      'worker_processes 1; events { worker_connections 10; } http { access_log off; server { listen 80; } }',
    );
    expect(c.notes.map((n) => n.message)).toEqual([
      '1:1: "worker_processes" is accepted but not modelled (it does not change routing)',
      '1:21: "events" is accepted but not modelled (it does not change routing)',
      '1:62: "access_log" is accepted but not modelled (it does not change routing)',
    ]);
  });

  it('handles quoting, escapes, comments and braced variables', () => {
    const c = ok(`http { # comment
      server { listen 80; location / { return 200 'it\\'s "ok" \${host}'; } } }`);
    expect(c.http?.servers[0]?.locations[0]?.ret?.text).toBe(`it's "ok" \${host}`);
  });
});

describe.each([
  [
    'http { server { listen 80; rewrite ^ /x; } }',
    'unsupported',
    '1:28: "rewrite" is valid nginx but outside what this model simulates',
  ],
  ['http { server { listen 80; frobnicate on; } }', 'unknown-directive', '1:28: unknown directive "frobnicate"'],
  ['http { proxy_pass http://a; }', 'bad-context', '1:8: "proxy_pass" directive is not allowed here (in http)'],
  ['http { server { listen 80 }', 'syntax', '1:17: "listen" is not terminated by ";"'],
  [
    'http { server { listen 80; }',
    'syntax',
    '1:1: "http" block is never closed (unexpected end of file, expecting "}")',
  ],
  ['http { } }', 'syntax', '1:10: unexpected "}"'],
  [
    'http { server { listen 80; location ~ /a { proxy_pass http://10.0.0.1:80/x; } } }',
    'bad-context',
    '1:44: "proxy_pass" cannot have URI part in location given by regular expression ("http://10.0.0.1:80/x")',
  ],
  [
    'http { server { location /a { location /b { } } } }',
    'bad-context',
    '1:31: location "/b" is outside location "/a"',
  ],
  ['http { server { location /a { } location /a { } } }', 'duplicate', '1:33: duplicate location "/a"'],
  [
    'http { server { location /a { proxy_pass http://backend; } } }',
    'bad-value',
    '1:31: host not found in upstream "backend" (the model resolves no names)',
  ],
  [
    'http { upstream u { server 10.0.0.1 weight=0; } }',
    'bad-value',
    '1:21: invalid parameter "weight=0" (weight is 1–100 here)',
  ],
  [
    'http { upstream u { ip_hash; server 10.0.0.1 backup; server 10.0.0.2; } }',
    'bad-value',
    '1:30: balancing method "ip_hash" does not support parameter "backup"',
  ],
  ['http { upstream u { } }', 'missing', '1:8: no servers in upstream "u"'],
  ['http { server { server_name *; } }', 'bad-value', '1:17: server name "*" is invalid'],
  ['http { server { location / { return 200 $nope; } } }', 'bad-value', '1:30: unknown "nope" variable in "return"'],
  [
    'http { server { listen 70000; } }',
    'bad-value',
    '1:17: invalid port in "70000" of the "listen" directive (1–65535)',
  ],
  [
    'http { server { listen 80 default_server; } server { listen 80 default_server; } }',
    'duplicate',
    '1:54: a duplicate default server for port 80',
  ],
  ['events {}', 'missing', '1:1: no "http" or "stream" block: there is nothing to route'],
  ['http { server { location ~ ( { } } }', 'bad-value', '1:17: regex "(" does not compile'],
  ['http { "unterminated }', 'syntax', '1:8: unexpected end of file, expecting "'],
])('rejects %j', (text, code, message) => {
  it(`with ${code}`, () => {
    const r = parseConfig(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.message).toBe(message);
    }
  });
});

it('refuses configs over the size limit', () => {
  const r = parseConfig(`http {${' '.repeat(70_000)}}`);
  expect(r.ok ? null : r.error.code).toBe('too-large');
});
