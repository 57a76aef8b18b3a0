/**
 * Every ```nginx block in the guides must be a configuration nginx accepts, and the ones whose behaviour the prose
 * describes must behave that way.
 *
 * 1. `nginx -t`: each snippet is wrapped in the minimal context it needs (tests/support/nginx-snippets.ts says
 *    how: main, http or server context; temp paths, pid and certificates inside a fresh temp dir) and checked
 *    with `nginx -t -p <dir> -c <dir>/nginx.conf -e stderr`. A failure names the guide and the guide's line.
 * 2. Behaviour: selected snippets run for real on 127.0.0.1, with their backend addresses and ports swapped
 *    for small Node servers on ports picked at run time (every swap must find its text, so a changed guide fails
 *    loudly rather than silently testing something else). nginx runs in the foreground and is stopped in
 *    afterEach/afterAll even when an assertion fails; its log is printed on failure.
 *
 * Version followed: the Debian nginx CI installs (1.22.1). Directives newer than that (`http2 on`, 1.25.1) are
 * commented out for the syntax check only while the installed nginx predates them. The `stream` snippets need the
 * stream module (Debian: libnginx-mod-stream); without it they are reported as skipped, not passed.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { extractNginxSnippets, type Snippet, wrapSnippet } from '../support/nginx-snippets.ts';

const docsDir = join(import.meta.dirname, '../../src/content/docs');
const snippets = extractNginxSnippets(docsDir);

const nginxBinary = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path));
const nginxVersion =
  nginxBinary === undefined
    ? ''
    : (/nginx\/([\d.]+)/.exec(spawnSync(nginxBinary, ['-v'], { encoding: 'utf8' }).stderr)?.[1] ?? '');
const nginxBuild = nginxBinary === undefined ? '' : spawnSync(nginxBinary, ['-V'], { encoding: 'utf8' }).stderr;
/** Debian builds stream as a dynamic module (libnginx-mod-stream); other builds link it in (--with-stream). */
const streamModule = [
  '/usr/lib/nginx/modules/ngx_stream_module.so',
  '/usr/lib64/nginx/modules/ngx_stream_module.so',
].find((path) => existsSync(path));
const hasStream = streamModule !== undefined || /--with-stream(?!=dynamic)(\s|$)/.test(nginxBuild);

let root = '';
let certFile = '';
let keyFile = '';
/** A throwaway internal CA and a client certificate it issued (CN=checkout), for the mTLS snippets. */
let caFile = '';
let clientCert = '';
let clientKey = '';

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'nginx-snippets-'));
  certFile = join(root, 'cert.pem');
  keyFile = join(root, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=app.example.com',
      '-addext',
      'subjectAltName=DNS:app.example.com,DNS:api.example.com',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  caFile = join(root, 'ca.pem');
  const caKey = join(root, 'ca.key');
  clientCert = join(root, 'client.pem');
  clientKey = join(root, 'client.key');
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  execFileSync(
    'openssl',
    ['req', '-x509', ...ec, '-days', '2', '-subj', '/CN=Internal CA', '-keyout', caKey, '-out', caFile],
    {
      stdio: 'ignore',
    },
  );
  const csr = join(root, 'client.csr');
  execFileSync('openssl', ['req', ...ec, '-subj', '/CN=checkout', '-keyout', clientKey, '-out', csr], {
    stdio: 'ignore',
  });
  const ext = join(root, 'client.ext');
  writeFileSync(ext, 'extendedKeyUsage=clientAuth\n');
  execFileSync(
    'openssl',
    [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      caFile,
      '-CAkey',
      caKey,
      '-CAcreateserial',
      '-days',
      '1',
      '-extfile',
      ext,
      '-out',
      clientCert,
    ],
    { stdio: 'ignore' },
  );
});

afterAll(() => {
  if (root !== '') rmSync(root, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

let configCount = 0;
function writeConfig(snippet: Snippet, text: string, port: number) {
  configCount += 1;
  const dir = join(root, `conf-${configCount}`);
  mkdirSync(dir);
  const wrapped = wrapSnippet(text, { dir, nginxVersion, certFile, keyFile, caFile, port, streamModule });
  const confPath = join(dir, 'nginx.conf');
  writeFileSync(confPath, wrapped.config);
  /** Maps "nginx.conf:N" in nginx's messages to the guide's file and line. */
  const where = (message: string) =>
    message.replace(/\S*nginx\.conf:(\d+)/g, (_all, n: string) => {
      const offset = Number(n) - wrapped.firstLine;
      const snippetLines = text.split('\n').length;
      return offset >= 0 && offset < snippetLines
        ? `${snippet.file}:${snippet.line + offset}`
        : `(wrapper line ${n} around ${snippet.file}:${snippet.line})`;
    });
  return { dir, confPath, wrapped, where };
}

/** Replaces `from` with `to`, failing if the guide no longer contains `from` (the test would test nothing). */
function swap(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`The snippet no longer contains ${JSON.stringify(from)}; update the test.`);
  return text.split(from).join(to);
}

function findSnippet(file: string, title: string): Snippet {
  const found = snippets.find((s) => s.file === file && s.title === title);
  if (found === undefined) throw new Error(`No nginx snippet titled "${title}" in ${file}`);
  return found;
}

describe('nginx snippets in the guides', () => {
  it('finds them, and nginx is installed', () => {
    expect(nginxBinary, 'nginx is not installed (Debian: apt-get install nginx)').toBeDefined();
    expect(snippets.length).toBeGreaterThanOrEqual(7);
  });

  describe.each(snippets.map((s) => [`${s.file}:${s.line} ${s.title || '(untitled)'}`, s] as const))(
    '%s',
    (_name, snippet) => {
      const needsStream = /\bstream\s*\{/.test(snippet.text);
      it.skipIf(needsStream && !hasStream)('passes nginx -t', async () => {
        const { dir, confPath, wrapped, where } = writeConfig(snippet, snippet.text, await freePort());
        const result = spawnSync(nginxBinary ?? 'nginx', ['-t', '-p', dir, '-c', confPath, '-e', 'stderr'], {
          encoding: 'utf8',
          timeout: 10_000,
        });
        const output = where(`${result.stdout}${result.stderr}`.trim());
        expect(result.status, `nginx -t failed for ${snippet.file}:${snippet.line}:\n${output}`).toBe(0);
        // Warnings about the snippet's own lines count as failures too (the wrapper's are ours to fix).
        const ownWarnings = output.split('\n').filter((line) => line.includes('[warn]') && line.includes(snippet.file));
        expect(ownWarnings, `nginx -t warned about ${snippet.file}:${snippet.line}`).toEqual([]);
        if (wrapped.skipped.length > 0) {
          console.info(
            `${snippet.file}:${snippet.line}: not checked on nginx ${nginxVersion}: ${wrapped.skipped.join(', ')}`,
          );
        }
      });
    },
  );
});

// ---------------------------------------------------------------------------------------------------------------
// Behaviour: run the snippet, with small Node backends.

interface Backend {
  readonly name: string;
  readonly port: number;
  /** TCP connections the backend has accepted. */
  connections: number;
  readonly requests: { path: string; method: string; headers: http.IncomingHttpHeaders }[];
  close(): Promise<void>;
}

/** An HTTP backend that answers JSON naming itself, or `status` if set. */
function startBackend(name: string, status = 200): Promise<Backend> {
  const server = http.createServer((req, res) => {
    backend.requests.push({ path: req.url ?? '', method: req.method ?? '', headers: req.headers });
    req.resume();
    req.on('end', () => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ backend: name }));
    });
  });
  server.keepAliveTimeout = 30_000;
  const backend: Backend = {
    name,
    port: 0,
    connections: 0,
    requests: [],
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on('connection', () => {
    backend.connections += 1;
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      Object.assign(backend, { port: typeof address === 'object' && address !== null ? address.port : 0 });
      resolve(backend);
    });
  });
}

interface RunningNginx {
  readonly process: ChildProcess;
  /** Port of the server block the test wraps around a `location` fragment. */
  readonly wrapperPort: number;
  log: string;
}

const running: RunningNginx[] = [];
const backends: Backend[] = [];
const closers: (() => void)[] = [];

async function stopAll(): Promise<void> {
  for (const nginx of running.splice(0)) {
    if (nginx.process.exitCode === null) {
      const exited = new Promise((resolve) => nginx.process.once('exit', resolve));
      nginx.process.kill('SIGTERM');
      const timer = setTimeout(() => nginx.process.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
  }
  await Promise.all(backends.splice(0).map((b) => b.close()));
  for (const close of closers.splice(0)) close();
}

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') {
    for (const nginx of running) console.error(`nginx log:\n${nginx.log}`);
  }
  await stopAll();
});
afterAll(stopAll);

/** Probes a TCP port until it accepts (bounded: 50 tries × 100 ms). */
async function waitForPort(port: number): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port} after 5 s`);
}

/** Starts nginx in the foreground on a snippet (already localised); resolves once `probePort` accepts. */
async function runNginx(
  snippet: Snippet,
  text: string,
  probePort: number | 'wrapper' | undefined,
): Promise<RunningNginx> {
  const wrapperPort = await freePort();
  const { dir, confPath, where } = writeConfig(snippet, text, wrapperPort);
  const child = spawn(nginxBinary ?? 'nginx', ['-p', dir, '-c', confPath, '-e', 'stderr', '-g', 'daemon off;'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const nginx: RunningNginx = { process: child, wrapperPort, log: '' };
  running.push(nginx);
  child.stdout?.on('data', (chunk: Buffer) => {
    nginx.log += where(chunk.toString());
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    nginx.log += where(chunk.toString());
  });
  if (probePort !== undefined) await waitForPort(probePort === 'wrapper' ? wrapperPort : probePort);
  return nginx;
}

interface Reply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

function request(
  url: string,
  options: {
    host?: string;
    method?: string;
    headers?: Record<string, string>;
    agent?: http.Agent;
    cert?: Buffer;
    key?: Buffer;
  } = {},
): Promise<Reply> {
  const secure = url.startsWith('https:');
  const client = secure ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: options.method ?? 'GET',
        headers: { host: options.host ?? 'app.example.com', ...options.headers },
        servername: options.host ?? 'app.example.com',
        rejectUnauthorized: false,
        agent: options.agent,
        ...(options.cert !== undefined && options.key !== undefined ? { cert: options.cert, key: options.key } : {}),
        timeout: 5000,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', reject);
    req.end();
  });
}

describe.skipIf(nginxBinary === undefined)('nginx snippets do what the guides say', () => {
  const appConf = () => findSnippet('infrastructure/proxies.mdx', '/etc/nginx/conf.d/app.conf');

  async function startAppConf(options: { withoutKeepalive?: boolean } = {}) {
    const [a, b] = await Promise.all([startBackend('app1'), startBackend('app2')]);
    backends.push(a, b);
    const [httpPort, httpsPort] = [await freePort(), await freePort()];
    let text = appConf().text;
    text = swap(text, 'server 10.0.1.10:8080;', `server 127.0.0.1:${a.port};`);
    text = swap(text, 'server 10.0.1.11:8080;', `server 127.0.0.1:${b.port};`);
    text = swap(text, 'listen 80;', `listen 127.0.0.1:${httpPort};`);
    text = swap(text, 'listen [::]:80;', '# (IPv6 listener left out)');
    text = swap(text, 'listen 443 ssl;', `listen 127.0.0.1:${httpsPort} ssl;`);
    text = swap(text, 'listen [::]:443 ssl;', '# (IPv6 listener left out)');
    if (options.withoutKeepalive === true)
      text = swap(text, 'keepalive 16;', '# keepalive removed for the control run');
    await runNginx(appConf(), text, httpsPort);
    return { a, b, httpPort, httpsPort };
  }

  it('proxies.mdx: the reverse proxy keeps upstream connections open and forwards who the client was', async () => {
    const { a, b, httpsPort } = await startAppConf();
    const replies: Reply[] = [];
    for (let i = 0; i < 10; i += 1) replies.push(await request(`https://127.0.0.1:${httpsPort}/page/${i}`));
    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(200));
    // Round robin over both backends, but over at most one connection to each (one worker process).
    expect(a.requests.length + b.requests.length).toBe(10);
    expect(a.requests.length).toBeGreaterThan(0);
    expect(b.requests.length).toBeGreaterThan(0);
    expect(a.connections + b.connections).toBeLessThanOrEqual(2);
    const headers = a.requests[0]?.headers ?? {};
    expect(headers.host).toBe('app.example.com');
    expect(headers['x-real-ip']).toBe('127.0.0.1');
    expect(headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(headers['x-forwarded-proto']).toBe('https');
    expect(headers['x-forwarded-host']).toBe('app.example.com');
    expect(headers.forwarded).toBe('for=127.0.0.1;proto=https;host="app.example.com"');
    expect(headers.connection).toBeUndefined();
  });

  it('proxies.mdx: without `keepalive` in the upstream, every request opens a new backend connection', async () => {
    const { a, b, httpsPort } = await startAppConf({ withoutKeepalive: true });
    for (let i = 0; i < 10; i += 1) await request(`https://127.0.0.1:${httpsPort}/`);
    expect(a.connections + b.connections).toBe(10);
  });

  it('proxies.mdx: plain HTTP only redirects to HTTPS, keeping host and path', async () => {
    const { a, b, httpPort } = await startAppConf();
    const reply = await request(`http://127.0.0.1:${httpPort}/blog/5?x=1`);
    expect(reply.status).toBe(301);
    expect(reply.headers.location).toBe('https://app.example.com/blog/5?x=1');
    expect(a.requests.length + b.requests.length).toBe(0);
  });

  it('l4-vs-l7.mdx: /api/ goes to the API pool unchanged, 502/503 are retried on the other server, POST is not', async () => {
    const snippet = findSnippet('infrastructure/l4-vs-l7.mdx', '/etc/nginx/nginx.conf (http section)');
    const [api1, api2, web1, web2] = await Promise.all([
      startBackend('api1', 503),
      startBackend('api2'),
      startBackend('web1'),
      startBackend('web2'),
    ]);
    backends.push(api1, api2, web1, web2);
    const port = await freePort();
    let text = snippet.text;
    text = swap(text, '10.0.1.20:8080', `127.0.0.1:${api1.port}`);
    text = swap(text, '10.0.1.21:8080', `127.0.0.1:${api2.port}`);
    text = swap(text, '10.0.1.10:8080', `127.0.0.1:${web1.port}`);
    text = swap(text, '10.0.1.11:8080', `127.0.0.1:${web2.port}`);
    text = swap(text, 'listen 443 ssl;', `listen 127.0.0.1:${port} ssl;`);
    await runNginx(snippet, text, port);

    // api1 always answers 503. max_fails=3 takes it out of rotation after three failures, so the test sends two
    // GETs (one lands on api1 and must be retried on api2) and then POSTs (one lands on api1 and must not be).
    const gets: Reply[] = [];
    for (let i = 0; i < 2; i += 1) gets.push(await request(`https://127.0.0.1:${port}/api/users`));
    expect(gets.map((r) => [r.status, JSON.parse(r.body).backend])).toEqual(Array(2).fill([200, 'api2']));
    expect(api1.requests.filter((r) => r.method === 'GET').length).toBe(1);
    expect(api2.requests.map((r) => r.path)).toEqual(['/api/users', '/api/users']);

    const posts: Reply[] = [];
    for (let i = 0; i < 2; i += 1)
      posts.push(await request(`https://127.0.0.1:${port}/api/orders`, { method: 'POST' }));
    // The POST that reached the failing server is not sent again: the client sees its 503.
    expect(posts.map((r) => r.status).sort()).toEqual([200, 503]);

    const page = await request(`https://127.0.0.1:${port}/about`);
    expect(JSON.parse(page.body).backend).toMatch(/^web[12]$/);
  });

  it.skipIf(!hasStream)('l4-vs-l7.mdx: the stream proxy copies bytes to a backend without parsing them', async () => {
    const snippet = findSnippet('infrastructure/l4-vs-l7.mdx', '/etc/nginx/nginx.conf (stream section)');
    const echoPorts: number[] = [];
    for (let i = 0; i < 2; i += 1) {
      const server = net.createServer((socket) => socket.pipe(socket));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      const address = server.address();
      echoPorts.push(typeof address === 'object' && address !== null ? address.port : 0);
      closers.push(() => server.close());
    }
    const port = await freePort();
    let text = snippet.text;
    text = swap(text, '10.0.0.1:3306', `127.0.0.1:${echoPorts[0]}`);
    text = swap(text, '10.0.0.2:3306', `127.0.0.1:${echoPorts[1]}`);
    text = swap(text, 'listen 3306;', `listen 127.0.0.1:${port};`);
    await runNginx(snippet, text, port);
    const message = '\x00\x01 not HTTP at all';
    const echoed = await new Promise<string>((resolve, reject) => {
      // No half-close: nginx's stream proxy ends the session when the client finishes sending.
      const socket = net.connect(port, '127.0.0.1', () => socket.write(message, 'latin1'));
      let data = '';
      socket.setTimeout(5000, () => socket.destroy(new Error('no echo through nginx after 5 s')));
      socket.on('data', (chunk) => {
        data += chunk.toString('latin1');
        if (data.length >= message.length) {
          socket.destroy();
          resolve(data);
        }
      });
      socket.on('error', reject);
    });
    expect(echoed).toBe('\x00\x01 not HTTP at all');
  });

  it.skipIf(!hasStream)('l4-vs-l7.mdx: the UDP stream example relays DNS datagrams and their answers', async () => {
    const snippet = findSnippet('infrastructure/l4-vs-l7.mdx', '/etc/nginx/nginx.conf (stream section, UDP)');
    const answered: string[] = [];
    const resolvers: number[] = [];
    for (const name of ['dns1', 'dns2']) {
      const socket = dgram.createSocket('udp4');
      socket.on('message', (message, peer) => {
        answered.push(name);
        socket.send(Buffer.concat([message, Buffer.from(` answered by ${name}`)]), peer.port, peer.address);
      });
      await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
      resolvers.push(socket.address().port);
      closers.push(() => socket.close());
    }
    const port = await freePort();
    let text = snippet.text;
    text = swap(text, '10.0.2.53:53', `127.0.0.1:${resolvers[0]}`);
    text = swap(text, '10.0.2.54:53', `127.0.0.1:${resolvers[1]}`);
    text = swap(text, 'listen 53 udp;', `listen 127.0.0.1:${port} udp;`);
    await runNginx(snippet, text, undefined);
    const client = dgram.createSocket('udp4');
    closers.push(() => client.close());
    const reply = await new Promise<string>((resolve, reject) => {
      let attempts = 0;
      const timer = setInterval(() => {
        attempts += 1;
        if (attempts > 40) {
          clearInterval(timer);
          reject(new Error('no UDP answer through nginx after 4 s'));
          return;
        }
        client.send('query', port, '127.0.0.1');
      }, 100);
      client.once('message', (message) => {
        clearInterval(timer);
        resolve(message.toString());
      });
    });
    expect(reply).toMatch(/^query answered by dns[12]$/);
  });

  it('sticky-sessions.mdx: the same session cookie always reaches the same backend', async () => {
    const snippet = findSnippet('infrastructure/sticky-sessions.mdx', 'Affinity by session cookie');
    const [a, b, c] = await Promise.all([startBackend('app1'), startBackend('app2'), startBackend('app3')]);
    backends.push(a, b, c);
    const port = await freePort();
    let text = snippet.text;
    text = swap(text, '10.0.1.10:8080', `127.0.0.1:${a.port}`);
    text = swap(text, '10.0.1.11:8080', `127.0.0.1:${b.port}`);
    text = swap(text, '10.0.1.12:8080', `127.0.0.1:${c.port}`);
    text = swap(text, 'listen 80;', `listen 127.0.0.1:${port};`);
    await runNginx(snippet, text, port);
    const seen = new Map<string, Set<string>>();
    for (let user = 0; user < 12; user += 1) {
      for (let visit = 0; visit < 3; visit += 1) {
        const reply = await request(`http://127.0.0.1:${port}/cart`, { headers: { cookie: `sid=user-${user}` } });
        const set = seen.get(`user-${user}`) ?? new Set<string>();
        set.add(JSON.parse(reply.body).backend);
        seen.set(`user-${user}`, set);
      }
    }
    // Each user sticks to one backend, and the users are spread over more than one.
    expect([...seen.values()].every((set) => set.size === 1)).toBe(true);
    expect(new Set([...seen.values()].map((set) => [...set][0])).size).toBeGreaterThan(1);
    // Visitors without a cookie yet are spread too, instead of all hashing the empty key to one server.
    const anonymous = new Set<string>();
    for (let i = 0; i < 12; i += 1)
      anonymous.add(JSON.parse((await request(`http://127.0.0.1:${port}/`)).body).backend);
    expect(anonymous.size).toBeGreaterThan(1);
  });

  it('api-gateways.mdx: the per-client rate limit answers 429 once the burst is used up', async (ctx) => {
    const snippet = findSnippet('infrastructure/api-gateways.mdx', 'An API edge in nginx');
    const [orders, catalog, catalog2] = await Promise.all([
      startBackend('orders'),
      startBackend('catalog'),
      startBackend('catalog'),
    ]);
    backends.push(orders, catalog, catalog2);
    const port = await freePort();
    let text = snippet.text;
    text = swap(text, '10.0.3.10:8080', `127.0.0.1:${orders.port}`);
    text = swap(text, '10.0.3.20:8080', `127.0.0.1:${catalog.port}`);
    text = swap(text, '10.0.3.21:8080', `127.0.0.1:${catalog2.port}`);
    text = swap(text, 'listen 443 ssl;', `listen 127.0.0.1:${port} ssl;`);
    await runNginx(snippet, text, port);
    // limit_req is a leaky bucket: 10 r/s, burst 20, nodelay. A client sending faster than the bucket drains gets
    // 21 answers (one plus the burst), more by 10 for each second it took, then 429. The requests share one kept-alive
    // TLS connection, so a busy machine does not slow each by a handshake; they stop at the first 429, at most 100
    // requests or 15 s. If none came, nginx was right not to refuse only when the client sent too slowly to fill the
    // bucket: then the machine was too busy to test this, and the test says so and is skipped, not failed.
    const agent = new https.Agent({ keepAlive: true, maxSockets: 1 });
    const statuses: number[] = [];
    const started = performance.now();
    try {
      while (statuses.length < 100 && performance.now() - started < 15_000) {
        const reply = await request(`https://127.0.0.1:${port}/orders/42`, { host: 'api.example.com', agent });
        statuses.push(reply.status);
        if (reply.status !== 200) break;
      }
    } finally {
      agent.destroy();
    }
    const seconds = (performance.now() - started) / 1000;
    const accepted = statuses.filter((s) => s === 200).length;
    const drained = 21 + 10 * seconds;
    if (!statuses.includes(429) && accepted <= drained + 1) {
      console.warn(
        `api-gateways rate limit: could not test — ${accepted} requests in ${seconds.toFixed(2)} s is no faster than the bucket drains (up to ${drained.toFixed(0)} allowed); the machine was too busy; skipped, not failed`,
      );
      ctx.skip();
    }
    expect(statuses.at(-1), `the answers: ${statuses.join(' ')} in ${seconds.toFixed(2)} s`).toBe(429);
    expect(accepted, 'one request plus the burst of 20 pass before the first refusal').toBeGreaterThanOrEqual(21);
    expect(accepted, `no more than the bucket allows in ${seconds.toFixed(2)} s`).toBeLessThanOrEqual(drained + 1);
    const trace = orders.requests[0]?.headers['x-request-id'];
    expect(trace, 'the gateway passes a request ID to the backend').toMatch(/^[0-9a-f]{32}$/);
    // A new client (another API key) has its own budget, and /catalog/ reaches the catalog service.
    const other = await request(`https://127.0.0.1:${port}/catalog/items`, {
      host: 'api.example.com',
      headers: { 'x-api-key': 'another-client' },
    });
    expect(other.status).toBe(200);
    expect(JSON.parse(other.body).backend).toBe('catalog');
    expect(other.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('mutual-tls.mdx: without a client certificate nginx answers 400; with one, the backend learns who called', async () => {
    const snippet = findSnippet('security/mutual-tls.mdx', 'Requiring client certificates');
    const app = await startBackend('payments');
    backends.push(app);
    const port = await freePort();
    let text = snippet.text;
    text = swap(text, 'listen 443 ssl;', `listen 127.0.0.1:${port} ssl;`);
    text = swap(text, 'proxy_pass http://payments_app;', `proxy_pass http://127.0.0.1:${app.port};`);
    await runNginx(snippet, text, port);
    const host = 'payments.internal.example';
    const anonymous = await request(`https://127.0.0.1:${port}/charge`, { host });
    expect(anonymous.status).toBe(400);
    expect(anonymous.body).toContain('No required SSL certificate was sent');
    expect(app.requests).toHaveLength(0);
    const cert = readFileSync(clientCert);
    const key = readFileSync(clientKey);
    const authenticated = await request(`https://127.0.0.1:${port}/charge`, { host, cert, key });
    expect(authenticated.status).toBe(200);
    expect(app.requests[0]?.headers['x-client-verify']).toBe('SUCCESS');
    expect(app.requests[0]?.headers['x-client-subject']).toBe('CN=checkout');
  });

  it('proxies.mdx: the WebSocket location passes the upgrade through to the backend', async () => {
    const snippet = findSnippet('infrastructure/proxies.mdx', 'WebSocket location');
    const server = http.createServer((_req, res) => res.writeHead(426).end());
    const upgrades: http.IncomingHttpHeaders[] = [];
    server.on('upgrade', (req, socket) => {
      upgrades.push(req.headers);
      socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
      socket.on('data', (chunk: Buffer) => socket.write(chunk)); // echo: the tunnel stays open both ways
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    closers.push(() => {
      server.closeAllConnections();
      server.close();
    });
    const address = server.address();
    const backendPort = typeof address === 'object' && address !== null ? address.port : 0;
    const text = swap(snippet.text, 'proxy_pass http://app_servers;', `proxy_pass http://127.0.0.1:${backendPort};`);
    const nginx = await runNginx(snippet, text, 'wrapper');
    const echoed = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(nginx.wrapperPort, '127.0.0.1', () => {
        socket.write(
          'GET /ws/chat HTTP/1.1\r\nHost: app.example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
            'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
        );
      });
      let data = '';
      socket.setTimeout(5000, () => socket.destroy(new Error('no upgrade through nginx after 5 s')));
      socket.on('data', (chunk: Buffer) => {
        data += chunk.toString();
        if (data.includes('\r\n\r\n') && !data.includes('ping')) socket.write('ping');
        if (data.endsWith('ping')) {
          socket.destroy();
          resolve(data);
        }
      });
      socket.on('error', reject);
    });
    expect(echoed.startsWith('HTTP/1.1 101')).toBe(true);
    expect(upgrades[0]?.upgrade).toBe('websocket');
    expect(upgrades[0]?.connection?.toLowerCase()).toBe('upgrade');
    expect(upgrades[0]?.host).toBe('app.example.com');
  });
});
