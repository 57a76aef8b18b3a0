/**
 * Differential test: the proxy model against a real nginx (Debian's 1.22.1 in CI). Seeded random configs — server
 * name sets, location mixes with regex order, `^~`, `=`, nested prefixes, proxy_pass with and without URI parts
 * and variables, proxy_set_header at several levels — and random requests (percent-encoded, `..`, `//` paths,
 * odd Host headers) go through nginx and through the model; chosen backend, URI received and forwarded headers
 * (or nginx's own answer: return, 301, 400, static 404) must agree exactly. Balancing: for each algorithm a long
 * sequence of requests must land on the same backends, request for request. Many configs share one nginx start
 * (one port per config). Seed: PROXY_SEED (default fixed); cases: PROXY_CASES.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/lib/http/prng.ts';
import {
  type CompiledHttp,
  compileHttp,
  type ProxyRequest,
  parseConfig,
  type RouteResult,
  release,
  routeRequest,
  routeStream,
} from '../../src/lib/proxy/index.ts';
import {
  type EchoBackend,
  type EchoReport,
  freePort,
  httpRequest,
  nginxVersion,
  type RunningNginx,
  startEchoBackend,
  startNginx,
} from '../support/nginx.ts';

const SEED = Number(process.env['PROXY_SEED'] ?? 20_261_126);
const CASES = Number(process.env['PROXY_CASES'] ?? 2400);
const CONFIGS_PER_NGINX = 40;
const VERSION = nginxVersion();

type Rng = () => number;
const pickOne = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const chance = (rng: Rng, p: number): boolean => rng() < p;

const backends: EchoBackend[] = [];
const running: RunningNginx[] = [];

beforeAll(async () => {
  for (let i = 0; i < 4; i++) backends.push(await startEchoBackend(`b${i}`));
});

afterAll(async () => {
  for (const n of running.splice(0)) await n.stop();
  for (const b of backends.splice(0)) await b.close();
});

const backendByPort = (port: number): string => backends.find((b) => b.port === port)?.name ?? `?${port}`;

// ---------- generators ----------

const NAMES = ['a.test', 'b.test', 'www.a.test', 'api.a.test', 'x.b.test', 'a.test.example'];
const SERVER_NAMES = [
  'a.test',
  'b.test',
  'www.a.test',
  'api.a.test',
  '*.a.test',
  '*.test',
  'www.a.*',
  'a.*',
  '.b.test',
  '.a.test',
  '~^w+\\.a\\.test$',
  '~^(api|x)\\.',
  '~\\.test$',
  '""',
];
const SEGMENTS = ['a', 'b', 'x', 'a.php', 'A.PHP', 'c.x', 'ab', 'b'];

interface SubConfig {
  readonly port: number;
  readonly text: string;
  readonly hosts: readonly string[];
}

function genLocationBody(rng: Rng, sub: number, isRegex: boolean, name: string): string {
  const up = pickOne(rng, [`u${sub}a`, `u${sub}b`]);
  const direct = `127.0.0.1:${pickOne(rng, backends).port}`;
  const lines: string[] = [];
  const r = rng();
  if (r < 0.12) lines.push(`return ${pickOne(rng, ['200', '403', '418'])} "r-${name.replace(/[^a-z0-9]/gi, '')}";`);
  else if (r < 0.17) {
    // no handler: nginx serves (missing) files
  } else {
    const withUri = ['/', '/x/', '/x', '/v1/y/'];
    const options = isRegex
      ? [`http://${up}`, `http://${direct}`, `http://${up}$request_uri`, `http://${up}/v$uri$is_args$args`]
      : [
          `http://${up}`,
          `http://${direct}`,
          `http://${up}${pickOne(rng, withUri)}`,
          `http://${direct}${pickOne(rng, withUri)}`,
          `http://${up}$request_uri`,
        ];
    lines.push(`proxy_pass ${pickOne(rng, options)};`);
  }
  if (chance(rng, 0.3)) lines.push(...genSetHeaders(rng));
  return lines.join(' ');
}

function genSetHeaders(rng: Rng): string[] {
  const all = [
    'proxy_set_header X-Real-IP $remote_addr;',
    'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    'proxy_set_header Host $host;',
    'proxy_set_header X-Test "";',
    'proxy_set_header X-Uri $uri;',
    'proxy_set_header X-Req $request_uri;',
    'proxy_set_header Connection "";',
  ];
  return all.filter(() => chance(rng, 0.35));
}

const LOCATION_TEMPLATES: readonly (readonly [string, string])[] = [
  ['', '/'],
  ['', '/a'],
  ['', '/a/'],
  ['', '/a/b'],
  ['', '/b/'],
  ['', '/ab'],
  ['^~', '/a/'],
  ['^~', '/b'],
  ['=', '/a'],
  ['=', '/'],
  ['=', '/a/b'],
  ['~', '^/a/b'],
  ['~*', '\\.PHP$'],
  ['~', '/b$'],
  ['~', '^/x'],
  ['~*', '^/A/'],
];

function genLocations(rng: Rng, sub: number): string {
  const count = 1 + Math.floor(rng() * 6);
  const chosen: string[] = [];
  const used = new Set<string>();
  if (chance(rng, 0.6)) {
    used.add('p /');
    chosen.push(`location / { ${genLocationBody(rng, sub, false, 'root')} }`);
  }
  for (let i = 0; i < count; i++) {
    const [mod, name] = pickOne(rng, LOCATION_TEMPLATES);
    const cls = mod === '=' ? '=' : mod.startsWith('~') ? `~${mod}${name}` : 'p';
    const key = `${cls} ${name}`;
    if (used.has(key)) continue;
    used.add(key);
    const isRegex = mod.startsWith('~');
    let body = genLocationBody(rng, sub, isRegex, `${mod}${name}`);
    if (!isRegex && mod !== '=' && name.endsWith('/') && chance(rng, 0.35)) {
      const nestedName = `${name}${pickOne(rng, ['b', 'b/', 'x/'])}`;
      const nestedMod = pickOne(rng, ['', '^~', '=']);
      body += ` location ${nestedMod} ${nestedName} { ${genLocationBody(rng, sub, false, `n${nestedName}`)} }`;
      if (chance(rng, 0.5)) body += ` location ~ \\.x$ { ${genLocationBody(rng, sub, true, 'nx')} }`;
    }
    chosen.push(`location ${mod} ${name} { ${body} }`);
  }
  return chosen.join('\n    ');
}

function genSubConfig(rng: Rng, sub: number, port: number): SubConfig {
  const upstreams = ['a', 'b'].map((suffix) => {
    const n = 1 + Math.floor(rng() * 3);
    const servers = Array.from({ length: n }, () => {
      const weight = chance(rng, 0.3) ? ` weight=${1 + Math.floor(rng() * 3)}` : '';
      return `server 127.0.0.1:${pickOne(rng, backends).port}${weight};`;
    });
    return `upstream u${sub}${suffix} { ${[...new Set(servers)].join(' ')} }`;
  });
  const serverCount = 1 + Math.floor(rng() * 3);
  const defaultIndex = chance(rng, 0.4) ? Math.floor(rng() * serverCount) : -1;
  const servers: string[] = [];
  for (let s = 0; s < serverCount; s++) {
    const names = Array.from({ length: 1 + Math.floor(rng() * 3) }, () => pickOne(rng, SERVER_NAMES));
    const headers = chance(rng, 0.3) ? genSetHeaders(rng).join(' ') : '';
    servers.push(
      `server { listen 127.0.0.1:${port}${s === defaultIndex ? ' default_server' : ''}; server_name ${names.join(' ')}; ${headers}\n    ${genLocations(rng, sub)}\n  }`,
    );
  }
  const hosts = [...NAMES, 'zzz.test', 'A.TEST', 'a.test:8080', 'www.a.test.', 'api.b.test', 'w.a.test', 'x.test'];
  return { port, text: `${upstreams.join('\n  ')}\n  ${servers.join('\n  ')}`, hosts };
}

function genPath(rng: Rng): string {
  const parts: string[] = [];
  const n = Math.floor(rng() * 4);
  for (let i = 0; i < n; i++) {
    let seg = pickOne(rng, SEGMENTS);
    if (chance(rng, 0.1)) seg = seg.replace('a', '%61');
    if (chance(rng, 0.05)) seg = seg.replace('b', '%62');
    parts.push(seg);
    if (chance(rng, 0.08)) parts.push(pickOne(rng, ['.', '..', '', '%2E%2E', '%2e']));
  }
  let path = `/${parts.join('/')}`;
  if (chance(rng, 0.2)) path += '/';
  if (chance(rng, 0.05)) path = path.replace('/', '/%2F');
  if (chance(rng, 0.03)) path = pickOne(rng, ['/..', '/../a', '/a/../..', '/%zz', '/a%2']) + path.slice(1);
  if (chance(rng, 0.25)) path += pickOne(rng, ['?q=1', '?a=%41&b=2', '?', '?x=/y/../z']);
  return path;
}

function genRequest(rng: Rng, sub: SubConfig): ProxyRequest {
  const clientIp = `127.${Math.floor(rng() * 4)}.${Math.floor(rng() * 4)}.${1 + Math.floor(rng() * 3)}`;
  const host = chance(rng, 0.02) ? pickOne(rng, ['a..test', 'a/b', '']) : pickOne(rng, sub.hosts);
  const headers: [string, string][] = [['Host', host]];
  if (chance(rng, 0.3)) headers.push(['X-Forwarded-For', '198.51.100.7']);
  if (chance(rng, 0.3)) headers.push(['X-Test', 'v1']);
  headers.push(['Connection', 'close']);
  return { clientIp, clientPort: 0, port: sub.port, scheme: 'http', method: 'GET', target: genPath(rng), headers };
}

// ---------- comparison ----------

interface Observed {
  status: number;
  body: string;
  location: string | undefined;
  report: EchoReport | null;
}

const normHeaders = (pairs: readonly (readonly [string, string])[]): string[] =>
  pairs.map(([n, v]) => `${n.toLowerCase()}: ${v}`).sort();

function rawPairs(raw: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i] as string, raw[i + 1] as string]);
  return out;
}

/** The model's prediction in the same shape as the observation, or a string describing it. */
function expected(result: RouteResult): Record<string, unknown> {
  const o = result.outcome;
  switch (o.kind) {
    case 'proxy':
      return {
        backend: backendByPort(o.pick?.peer?.server.port ?? 0),
        uri: o.request.uri,
        headers: normHeaders(o.request.headers),
      };
    case 'return':
      return { status: o.status, body: o.text };
    case 'redirect':
      return { status: 301, location: o.location };
    case 'static':
      return { status: 404 };
    default:
      return { status: o.status };
  }
}

function observedShape(obs: Observed, exp: Record<string, unknown>): Record<string, unknown> {
  if (obs.report !== null) {
    return { backend: obs.report.name, uri: obs.report.url, headers: normHeaders(rawPairs(obs.report.rawHeaders)) };
  }
  if ('location' in exp) {
    const loc = obs.location === undefined ? undefined : obs.location.replace(/^https?:\/\/[^/]+/, '');
    return { status: obs.status, location: loc };
  }
  if ('body' in exp) return { status: obs.status, body: obs.body };
  return { status: obs.status };
}

async function observe(req: ProxyRequest): Promise<Observed> {
  const res = await httpRequest({ port: req.port, path: req.target, headers: req.headers, localAddress: req.clientIp });
  const isEcho = typeof res.headers['x-echo-backend'] === 'string';
  return {
    status: res.status,
    body: res.body,
    location: typeof res.headers['location'] === 'string' ? res.headers['location'] : undefined,
    report: isEcho ? (JSON.parse(res.body) as EchoReport) : null,
  };
}

function nginxConf(body: string): string {
  return `worker_processes 1;\nevents { worker_connections 256; }\nhttp {\n  access_log off;\n  root /nonexistent-${process.pid};\n  ${body}\n}\n`;
}

// ---------- tests ----------

describe.skipIf(VERSION === null)(`proxy model vs ${VERSION ?? 'nginx (not installed)'}`, () => {
  it(`routes ${CASES} random (config, request) cases exactly as nginx (seed ${SEED})`, async () => {
    const rng = mulberry32(SEED);
    const disagreements: string[] = [];
    let compared = 0;
    let configs = 0;
    const outcomeCounts: Record<string, number> = {};
    for (let batch = 0; compared < CASES && batch < 200; batch++) {
      const subs: SubConfig[] = [];
      const ports = new Set<number>();
      for (let i = 0; i < CONFIGS_PER_NGINX; i++) {
        let port = await freePort();
        // freePort may hand out a port twice; one port per sub-config.
        for (let retry = 0; ports.has(port) && retry < 50; retry++) port = await freePort();
        ports.add(port);
        // Regenerate a sub-config the model refuses (e.g. a duplicate location): nginx would refuse it too.
        for (let attempt = 0; attempt < 20; attempt++) {
          const sub = genSubConfig(rng, batch * 100 + i, port);
          if (parseConfig(nginxConf(sub.text)).ok) {
            subs.push(sub);
            break;
          }
        }
      }
      const conf = nginxConf(subs.map((s) => s.text).join('\n  '));
      const parsed = parseConfig(conf);
      if (!parsed.ok) throw new Error(`model refused the combined config: ${parsed.error.message}`);
      const compiled: CompiledHttp = compileHttp(parsed.value.http as NonNullable<typeof parsed.value.http>);
      const nginx = await startNginx({ config: conf, probePorts: subs.map((s) => s.port) });
      running.push(nginx);
      configs += subs.length;
      const perBatch = Math.ceil(CASES / 50);
      for (let k = 0; k < perBatch && compared < CASES; k++) {
        const sub = pickOne(rng, subs);
        const req = genRequest(rng, sub);
        const result = routeRequest(compiled, req);
        outcomeCounts[result.outcome.kind] = (outcomeCounts[result.outcome.kind] ?? 0) + 1;
        const exp = expected(result);
        const obs = await observe(req);
        const got = observedShape(obs, exp);
        compared++;
        if (JSON.stringify(got) !== JSON.stringify(exp)) {
          disagreements.push(
            [
              `seed ${SEED} batch ${batch} case ${k}`,
              `request: GET ${req.target} from ${req.clientIp} headers ${JSON.stringify(req.headers)}`,
              `config (port ${sub.port}):\n  ${sub.text}`,
              `model: ${JSON.stringify(exp)}`,
              `nginx: ${JSON.stringify(got)}`,
              `trace: ${result.trace.map((t) => t.text).join(' | ')}`,
            ].join('\n'),
          );
          if (disagreements.length >= 5) break;
        }
      }
      await nginx.stop();
      running.splice(running.indexOf(nginx), 1);
      if (disagreements.length >= 5) break;
    }
    console.log(
      `nginx differential: ${compared} cases over ${configs} configs, seed ${SEED}, outcomes ${JSON.stringify(outcomeCounts)}, ${disagreements.length} disagreements`,
    );
    expect(disagreements.join('\n\n')).toBe('');
    expect(compared).toBeGreaterThanOrEqual(Math.min(CASES, 2000));
  }, 180_000);
});

// ---------- hand-picked edges ----------

/** Configs (with P = a backend) and the requests to try on each: the documented traps and tie-breaks. */
const EDGES: readonly (readonly [string, readonly string[]])[] = [
  [
    'location /foo/ { proxy_pass http://P; } location /fo { proxy_pass http://P/x; }',
    ['/foo', '/foo?a=1', '/fo', '/foo/'],
  ],
  [
    'location /a { proxy_pass http://P; } location /foo-bar { proxy_pass http://P; } location /foo/ { proxy_pass http://P; }',
    ['/foo', '/foo-bar', '/foo-'],
  ],
  ['location /api/ { proxy_pass http://P; }', ['/api/users', '/api//users/../x']],
  ['location /api/ { proxy_pass http://P/; }', ['/api/users', '/api/%7Euser', '/api/a%20b', '/api/a%2Fb']],
  ['location /api { proxy_pass http://P/; }', ['/api/users', '/apix', '/api']],
  ['location /api/ { proxy_pass http://P/v1; }', ['/api/users', '/api/']],
  ['location = / { proxy_pass http://P/exact; } location / { proxy_pass http://P/prefix/; }', ['/', '/?q', '//', '/a']],
  [
    'location /images/ { proxy_pass http://P; } location ~* \\.(gif|jpg)$ { return 200 "regex"; }',
    ['/images/a.JPG', '/images/a.png'],
  ],
  [
    'location ^~ /images/ { proxy_pass http://P; } location ~* \\.(gif|jpg)$ { return 200 "regex"; }',
    ['/images/a.jpg', '/x.jpg'],
  ],
  ['location / { proxy_pass http://P/$request_uri; }', ['/a/../b?x=1']],
  [
    'location / { proxy_set_header Host $host; proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; proxy_pass http://P; }',
    ['/h'],
  ],
];

describe.skipIf(VERSION === null)(`hand-picked edges vs ${VERSION ?? 'nginx (not installed)'}`, () => {
  it('agrees on each documented trap', async () => {
    const ports: number[] = [];
    const blocks: string[] = [];
    for (const [body] of EDGES) {
      const port = await freePort();
      ports.push(port);
      blocks.push(
        `server { listen 127.0.0.1:${port}; ${body.replace(/\bP\b/g, `127.0.0.1:${(backends[0] as EchoBackend).port}`)} }`,
      );
    }
    const conf = nginxConf(blocks.join('\n  '));
    const parsed = parseConfig(conf);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const compiled = compileHttp(parsed.value.http as NonNullable<typeof parsed.value.http>);
    const nginx = await startNginx({ config: conf, probePorts: ports });
    running.push(nginx);
    const problems: string[] = [];
    let compared = 0;
    for (const [i, [body, targets]] of EDGES.entries()) {
      for (const target of targets) {
        const req: ProxyRequest = {
          clientIp: '127.0.0.5',
          clientPort: 0,
          port: ports[i] as number,
          scheme: 'http',
          method: 'GET',
          target,
          headers: [
            ['Host', 'edge.test'],
            ['X-Forwarded-For', '192.0.2.1'],
            ['Connection', 'close'],
          ],
        };
        const exp = expected(routeRequest(compiled, req));
        const got = observedShape(await observe(req), exp);
        compared++;
        if (JSON.stringify(got) !== JSON.stringify(exp)) {
          problems.push(`${body}\n  GET ${target}\n  model: ${JSON.stringify(exp)}\n  nginx: ${JSON.stringify(got)}`);
        }
      }
    }
    await nginx.stop();
    running.splice(running.indexOf(nginx), 1);
    console.log(`hand-picked edges: ${compared} requests, ${problems.length} disagreements`);
    expect(problems.join('\n')).toBe('');
  }, 180_000);
});

// ---------- layer 4: stream + ssl_preread ----------

const STREAM_MODULE = '/usr/lib/nginx/modules/ngx_stream_module.so';

describe.skipIf(VERSION === null)(`stream (L4) routing by SNI vs ${VERSION ?? 'nginx (not installed)'}`, () => {
  it('sends each TLS connection where the model says, by SNI through a map', async () => {
    const { createServer } = await import('node:net');
    const { connect } = await import('node:tls');
    const { existsSync } = await import('node:fs');
    const got: string[] = [];
    const tcp = await Promise.all(
      ['t0', 't1', 't2', 't3'].map(
        (name) =>
          new Promise<{ name: string; port: number; close: () => void }>((resolve) => {
            // Count only connections that carry a TLS record (0x16): the harness's readiness probes carry none.
            const server = createServer((socket) => {
              socket.once('data', (chunk: Buffer) => {
                if (chunk[0] === 0x16) got.push(name);
                socket.destroy();
              });
              socket.on('error', () => socket.destroy());
            });
            server.listen(0, '127.0.0.1', () =>
              resolve({ name, port: (server.address() as { port: number }).port, close: () => server.close() }),
            );
          }),
      ),
    );
    const [preread, plain] = [await freePort(), await freePort()];
    const b = (i: number) => `127.0.0.1:${(tcp[i] as { port: number }).port}`;
    const stream = `stream {
  map $ssl_preread_server_name $tls_backend {
    hostnames;
    a.test ${b(0)};
    *.c.test ${b(1)};
    ~^r[0-9]+\\. ${b(2)};
    default ${b(3)};
  }
  server { listen 127.0.0.1:${preread}; ssl_preread on; proxy_pass $tls_backend; }
  server { listen 127.0.0.1:${plain}; proxy_pass $tls_backend; }
}`;
    const conf = `${existsSync(STREAM_MODULE) ? `load_module ${STREAM_MODULE};\n` : ''}worker_processes 1;\nevents { worker_connections 64; }\n${stream}\n`;
    const parsed = parseConfig(conf);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const model = parsed.value.stream as NonNullable<typeof parsed.value.stream>;
    const nginx = await startNginx({ config: conf, probePorts: [preread, plain] });
    running.push(nginx);
    const problems: string[] = [];
    const names = [
      'a.test',
      'x.c.test',
      'deep.x.c.test',
      'c.test',
      'r12.example',
      'r.example',
      'other.test',
      'A.TEST',
      '',
    ];
    try {
      for (const port of [preread, plain]) {
        for (const sni of names) {
          const before = got.length;
          await new Promise<void>((resolve) => {
            const socket = connect({
              host: '127.0.0.1',
              port,
              rejectUnauthorized: false,
              ...(sni === '' ? {} : { servername: sni }),
            });
            socket.on('error', () => resolve());
            socket.on('close', () => resolve());
            socket.setTimeout(5000, () => socket.destroy());
          });
          // The backend records the connection before nginx sees it closed; wait (bounded) for that record.
          for (let i = 0; i < 100 && got.length === before; i++) await new Promise((r) => setTimeout(r, 10));
          const actual = got[before] ?? 'none';
          const out = routeStream(model, { port, udp: false, clientIp: '127.0.0.1', sni: sni === '' ? null : sni });
          const expectedPort = out.kind === 'proxy' ? out.backend : null;
          const expectedName = tcp.find((t) => `127.0.0.1:${t.port}` === expectedPort)?.name ?? 'none';
          if (actual !== expectedName)
            problems.push(
              `port ${port === preread ? 'preread' : 'plain'} SNI "${sni}": nginx → ${actual}, model → ${expectedName} (${out.trace.join(' | ')})`,
            );
        }
      }
    } finally {
      await nginx.stop();
      running.splice(running.indexOf(nginx), 1);
      for (const t of tcp) t.close();
    }
    console.log(`stream SNI routing: ${names.length * 2} connections, ${problems.length} disagreements`);
    expect(problems.join('\n')).toBe('');
  }, 180_000);
});

// ---------- balancing sequences ----------

interface Algorithm {
  readonly name: string;
  /** The upstream block body (servers use B0..B3 and DEAD placeholders). */
  readonly upstream: string;
  /** Request generator: path and client address. */
  readonly request: (rng: Rng, i: number) => { path: string; clientIp: string };
}

const sameClient = (): string => '127.0.0.1';
const randomUri = (rng: Rng): string => `/k/${Math.floor(rng() * 5000)}`;
const randomClient = (rng: Rng): string =>
  `127.${Math.floor(rng() * 256)}.${Math.floor(rng() * 256)}.${1 + Math.floor(rng() * 254)}`;

const ALGORITHMS: readonly Algorithm[] = [
  {
    name: 'weighted round-robin + down',
    upstream: 'server B0 weight=5; server B1; server B2 weight=2; server B3 down;',
    request: (rng) => ({ path: randomUri(rng), clientIp: sameClient() }),
  },
  {
    name: 'round-robin with a refusing server (max_fails=2), a down one and a backup',
    upstream:
      'server B0 weight=2; server DEAD max_fails=2 fail_timeout=60s; server B1; server B3 down; server B2 backup;',
    request: (rng) => ({ path: randomUri(rng), clientIp: sameClient() }),
  },
  {
    name: 'all primaries refuse → backup',
    upstream:
      'server DEAD max_fails=1 fail_timeout=60s; server DEAD2 weight=3 max_fails=3 fail_timeout=60s; server B2 backup; server B3 backup weight=2;',
    request: (rng) => ({ path: randomUri(rng), clientIp: sameClient() }),
  },
  {
    name: 'ip_hash',
    upstream: 'ip_hash; server B0; server B1 weight=2; server B2; server B3 down;',
    request: (rng) => ({ path: '/', clientIp: randomClient(rng) }),
  },
  {
    name: 'hash $request_uri',
    upstream: 'hash $request_uri; server B0; server B1 weight=3; server B2; server DEAD max_fails=1 fail_timeout=60s;',
    request: (rng) => ({ path: randomUri(rng), clientIp: sameClient() }),
  },
  {
    name: 'hash $request_uri consistent',
    upstream: 'hash $request_uri consistent; server B0; server B1 weight=2; server B2; server B3 down;',
    request: (rng) => ({ path: randomUri(rng), clientIp: sameClient() }),
  },
  {
    name: 'hash $remote_addr consistent with a refusing server',
    upstream:
      'hash $remote_addr consistent; server B0; server B1; server DEAD max_fails=1 fail_timeout=60s; server B2 weight=2;',
    request: (rng) => ({ path: '/', clientIp: randomClient(rng) }),
  },
];

const SEQUENCE = Number(process.env['PROXY_SEQUENCE'] ?? 1000);
/**
 * Each sequence sends its requests one at a time and stops early at a time budget, well inside its test's timeout: on
 * a machine busy enough to slow each request to tens of milliseconds, it then compares the requests it did send (all
 * of them must agree) instead of timing out with requests still in flight, which would reach the next test's
 * backends. Fewer than MIN_SEQUENCE compared says the machine was too busy, and the test is skipped, not failed.
 * PROXY_SEQUENCE_BUDGET_MS=150 shows both outcomes on a quiet machine.
 */
const SEQUENCE_BUDGET_MS = Number(process.env['PROXY_SEQUENCE_BUDGET_MS'] ?? 40_000);
const MIN_SEQUENCE = 100;
function sequenceCut(name: string, done: number, ms: number): string | undefined {
  if (done === SEQUENCE) return undefined;
  return `${name}: stopped at the ${SEQUENCE_BUDGET_MS / 1000} s budget after ${done} of ${SEQUENCE} requests (${(ms / done).toFixed(1)} ms each); ${done < MIN_SEQUENCE ? 'the machine was too busy to compare enough of them; skipped, not failed' : 'compared those'}`;
}

describe.skipIf(VERSION === null)(`balancing sequences vs ${VERSION ?? 'nginx (not installed)'}`, () => {
  let nginx: RunningNginx | null = null;
  let compiled: CompiledHttp;
  const ports: number[] = [];
  let failed = new Set<string>();

  beforeAll(async () => {
    const dead = [await freePort(), await freePort()];
    failed = new Set(dead.map((p) => `127.0.0.1:${p}`));
    const fill = (body: string): string =>
      body
        .replace(/\bDEAD2\b/g, `127.0.0.1:${dead[1]}`)
        .replace(/\bDEAD\b/g, `127.0.0.1:${dead[0]}`)
        .replace(/\bB(\d)\b/g, (_, i: string) => `127.0.0.1:${(backends[Number(i)] as EchoBackend).port}`);
    const blocks: string[] = [];
    for (const [i, a] of [
      ...ALGORITHMS,
      {
        name: 'least_conn',
        upstream: 'least_conn; server B0; server B1 weight=2; server B2; server B3 down;',
        request: () => ({ path: '/', clientIp: '127.0.0.1' }),
      },
    ].entries()) {
      const port = await freePort();
      ports.push(port);
      blocks.push(`upstream alg${i} { ${fill(a.upstream)} }`);
      blocks.push(`server { listen 127.0.0.1:${port}; location / { proxy_pass http://alg${i}; } }`);
    }
    const conf = nginxConf(blocks.join('\n  '));
    const parsed = parseConfig(conf);
    if (!parsed.ok) throw new Error(parsed.error.message);
    compiled = compileHttp(parsed.value.http as NonNullable<typeof parsed.value.http>);
    nginx = await startNginx({ config: conf, probePorts: ports });
    running.push(nginx);
  });

  afterAll(async () => {
    if (nginx !== null) {
      await nginx.stop();
      running.splice(running.indexOf(nginx), 1);
    }
  });

  it.for(ALGORITHMS.map((a, i) => [a.name, i] as const))(
    `%s: ${SEQUENCE} requests land where the model says`,
    { timeout: 60_000 },
    async ([name, i], ctx) => {
      const algorithm = ALGORITHMS[i] as Algorithm;
      const rng = mulberry32(SEED + i);
      const port = ports[i] as number;
      const model: string[] = [];
      const real: string[] = [];
      const began = performance.now();
      for (let k = 0; k < SEQUENCE && performance.now() - began < SEQUENCE_BUDGET_MS; k++) {
        const { path, clientIp } = algorithm.request(rng, k);
        const req: ProxyRequest = {
          clientIp,
          clientPort: 0,
          port,
          scheme: 'http',
          method: 'GET',
          target: path,
          headers: [
            ['Host', 'lb.test'],
            ['Connection', 'close'],
          ],
        };
        const result = routeRequest(compiled, req, { now: 1_000_000, failed });
        model.push(
          result.outcome.kind === 'proxy'
            ? backendByPort(result.outcome.pick?.peer?.server.port ?? 0)
            : `status ${result.outcome.kind === 'error' ? result.outcome.status : '?'}`,
        );
        const obs = await observe(req);
        real.push(obs.report?.name ?? `status ${obs.status}`);
        if (model[k] !== real[k]) {
          const from = Math.max(0, k - 5);
          throw new Error(
            `${name}: request ${k} (seed ${SEED + i}, GET ${path} from ${clientIp}) went to ${real[k]}, the model says ${model[k]}\n` +
              `upstream: ${algorithm.upstream}\nlast requests model: ${model.slice(from).join(' ')}\nlast requests nginx: ${real.slice(from).join(' ')}\n` +
              `trace: ${result.trace.map((t) => t.text).join(' | ')}`,
          );
        }
      }
      const counts: Record<string, number> = {};
      for (const b of real) counts[b] = (counts[b] ?? 0) + 1;
      const cut = sequenceCut(name, real.length, performance.now() - began);
      if (cut !== undefined) console.warn(cut);
      if (real.length < MIN_SEQUENCE) ctx.skip();
      console.log(`${name}: ${real.length} requests agree; distribution ${JSON.stringify(counts)}`);
      expect(model).toEqual(real);
    },
  );

  it(`least_conn with controlled concurrency: ${SEQUENCE} requests land where the model says`, async (ctx) => {
    const i = ALGORITHMS.length;
    const port = ports[i] as number;
    const rng = mulberry32(SEED + i);
    const state = compiled.balancers.get(`alg${i}`);
    if (state === undefined) throw new Error('no least_conn upstream');
    let arrived: ((r: EchoReport) => void) | null = null;
    for (const b of backends) {
      b.hold = true;
      b.onRequest = (r) => arrived?.(r);
    }
    const inflight: {
      peer: NonNullable<RouteResult['outcome'] & { kind: 'proxy' }>['pick'];
      answer: () => void;
      done: Promise<unknown>;
    }[] = [];
    const counts: Record<string, number> = {};
    const began = performance.now();
    let started = 0;
    try {
      // Each step either starts one request or finishes one; at most 2 × SEQUENCE steps.
      for (
        let step = 0;
        (started < SEQUENCE && performance.now() - began < SEQUENCE_BUDGET_MS) || inflight.length > 0;
        step++
      ) {
        if (step > 4 * SEQUENCE) throw new Error('least_conn script did not finish');
        // Past the time budget, no new request starts; those in flight are answered, so every backend ends idle.
        const open = started < SEQUENCE && performance.now() - began < SEQUENCE_BUDGET_MS;
        const start = open && (inflight.length === 0 || (inflight.length < 5 && rng() < 0.55));
        if (start) {
          const req: ProxyRequest = {
            clientIp: '127.0.0.1',
            clientPort: 0,
            port,
            scheme: 'http',
            method: 'GET',
            target: `/r${started}`,
            headers: [
              ['Host', 'lb.test'],
              ['Connection', 'close'],
            ],
          };
          const result = routeRequest(compiled, req, { now: 1_000_000, releaseAfter: false });
          if (result.outcome.kind !== 'proxy' || result.outcome.pick?.peer == null)
            throw new Error('model did not proxy');
          const expectedName = backendByPort(result.outcome.pick.peer.server.port);
          const got = new Promise<EchoReport>((resolve) => {
            arrived = resolve;
          });
          const done = observe(req);
          const report = await got;
          arrived = null;
          const backend = backends.find((b) => b.name === report.name) as EchoBackend;
          const answer = backend.held.at(-1) as () => void;
          if (report.name !== expectedName) {
            throw new Error(
              `least_conn request ${started} (seed ${SEED + i}) went to ${report.name}, the model says ${expectedName}; in flight: ${inflight.length}`,
            );
          }
          counts[report.name] = (counts[report.name] ?? 0) + 1;
          inflight.push({ peer: result.outcome.pick, answer, done });
          started++;
        } else {
          const index = Math.floor(rng() * inflight.length);
          const [item] = inflight.splice(index, 1);
          if (item === undefined) continue;
          for (const b of backends) {
            const at = b.held.indexOf(item.answer);
            if (at !== -1) b.held.splice(at, 1);
          }
          item.answer();
          await item.done;
          if (item.peer?.peer != null) release(state, item.peer.peer);
        }
      }
    } finally {
      for (const b of backends) {
        b.hold = false;
        b.onRequest = null;
        for (const answer of b.held.splice(0)) answer();
      }
    }
    const cut = sequenceCut('least_conn', started, performance.now() - began);
    if (cut !== undefined) console.warn(cut);
    if (started < MIN_SEQUENCE) ctx.skip();
    console.log(`least_conn: ${started} requests agree; distribution ${JSON.stringify(counts)}`);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(started);
  }, 180_000);
});
