/**
 * Runs a real nginx (Debian's, 1.22.1 in CI) as a plain foreground process for a test: its own prefix directory in
 * a fresh temp dir, the caller's generated config, `daemon off`, the pid file and error log inside the prefix /
 * on stderr. Readiness is probed by connecting to a port the config listens on (bounded), and `stop()` always
 * kills the process and removes the directory. Loopback only: the caller's config must listen on 127.0.0.1.
 *
 *   const nginx = await startNginx({ config: 'events {} http { server { listen 127.0.0.1:PORT; … } }', probePorts: [PORT] });
 *   …
 *   await nginx.stop();          // in afterAll, even on failure; nginx.log() holds stderr for the failure message
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface NginxOptions {
  /** The whole nginx.conf (must contain `events {}`; must not set daemon, pid or error_log). */
  readonly config: string;
  /** Ports the config listens on at 127.0.0.1, all probed for readiness. */
  readonly probePorts: readonly number[];
  /** Give up waiting after this many ms (default 30 s: only a failing start waits that long, and a busy machine can take more than 10). */
  readonly readyTimeoutMs?: number;
}

export interface RunningNginx {
  readonly prefix: string;
  /** Everything nginx wrote to stderr so far. */
  log(): string;
  /** Kills nginx (SIGTERM, then SIGKILL) and removes the prefix directory. Safe to call twice. */
  stop(): Promise<void>;
}

/** nginx's version line, e.g. "nginx/1.22.1", or null when nginx is not installed. */
export function nginxVersion(): string | null {
  const run = spawnSync('nginx', ['-v'], { encoding: 'utf8' });
  const text = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  const m = /nginx\/[\d.]+/.exec(text);
  return run.error === undefined && m !== null ? m[0] : null;
}

/** A TCP port free on 127.0.0.1 right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts nginx with `config`; rejects (with nginx's stderr) if it exits or does not listen in time. */
export async function startNginx(options: NginxOptions): Promise<RunningNginx> {
  const prefix = mkdtempSync(join(tmpdir(), `nginx-${process.pid}-`));
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(conf, options.config);
  let stderr = '';
  let exited = false;
  const child: ChildProcess = spawn(
    'nginx',
    ['-p', prefix, '-c', conf, '-g', `daemon off; pid ${join(prefix, 'nginx.pid')}; error_log stderr;`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 1_000_000) stderr += chunk.toString();
  });
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
    child.once('error', (e) => {
      stderr += String(e);
      exited = true;
      resolve();
    });
  });
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (!exited) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exitPromise;
      clearTimeout(killer);
    }
    rmSync(prefix, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  // Bounded by the deadline; each probe is one connect attempt on loopback.
  const waiting = new Set(options.probePorts);
  while (Date.now() < deadline && !exited && !stderr.includes('bind()')) {
    for (const port of [...waiting]) if (await canConnect(port)) waiting.delete(port);
    if (waiting.size === 0) return { prefix, log: () => stderr, stop };
    await new Promise((r) => setTimeout(r, 20));
  }
  await stop();
  throw new Error(`nginx did not start listening on ${[...waiting].join(', ')}:\n${stderr}`);
}

/** What an echo backend saw. */
export interface EchoReport {
  readonly name: string;
  readonly method: string;
  readonly url: string;
  readonly rawHeaders: readonly string[];
  readonly peer: string;
}

export interface EchoBackend {
  readonly name: string;
  readonly port: number;
  /** When set, requests wait until `releaseNext()`/`releaseAll()` (controlled concurrency for least_conn). */
  hold: boolean;
  /** Requests received so far while holding, oldest first. */
  readonly held: (() => void)[];
  /** Called whenever a request arrives (when holding, its answer is already the last of `held`). */
  onRequest: ((report: EchoReport) => void) | null;
  close(): Promise<void>;
}

/** A Node HTTP server on 127.0.0.1 that answers with JSON of what it received and its own name. */
export async function startEchoBackend(name: string): Promise<EchoBackend> {
  const { createServer } = await import('node:http');
  const backend: EchoBackend = {
    name,
    port: 0,
    hold: false,
    held: [],
    onRequest: null,
    close: async () => undefined,
  };
  const server = createServer((req, res) => {
    const report: EchoReport = {
      name,
      method: req.method ?? '',
      url: req.url ?? '',
      rawHeaders: req.rawHeaders,
      peer: req.socket.remoteAddress ?? '',
    };
    const answer = (): void => {
      const body = JSON.stringify(report);
      res.writeHead(200, {
        'content-type': 'application/json',
        'x-echo-backend': name,
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    };
    req.resume();
    req.on('end', () => {
      if (backend.hold) backend.held.push(answer);
      backend.onRequest?.(report);
      if (!backend.hold) answer();
    });
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  Object.assign(backend, {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const answer of backend.held.splice(0)) answer();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return backend;
}

/** One HTTP/1.1 request over a fresh connection; resolves with status, headers and body (bounded by a timeout). */
export function httpRequest(options: {
  port: number;
  path: string;
  headers: readonly (readonly [string, string])[];
  localAddress?: string;
  method?: string;
  timeoutMs?: number;
}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return import('node:http').then(
    ({ request }) =>
      new Promise((resolve, reject) => {
        const headers: string[] = [];
        for (const [n, v] of options.headers) headers.push(n, v);
        const req = request(
          {
            host: '127.0.0.1',
            port: options.port,
            path: options.path,
            method: options.method ?? 'GET',
            headers,
            agent: false,
            setHost: false,
            ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }),
            insecureHTTPParser: true,
          },
          (res) => {
            let body = '';
            res.setEncoding('latin1');
            res.on('data', (c: string) => {
              body += c;
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
          },
        );
        req.setTimeout(options.timeoutMs ?? 10_000, () => req.destroy(new Error(`timeout on ${options.path}`)));
        req.on('error', reject);
        req.end();
      }),
  );
}
