/**
 * The recipe of security/debugging-tls.mdx, run for real on loopback: capture a TLS 1.3 connection with tshark,
 * make the request with curl and SSLKEYLOGFILE set, and check that the capture is opaque without the key log and
 * readable with it, and that the key log holds the labels the page names. Needs curl, tshark and permission to
 * capture on the loopback interface (root or CAP_NET_RAW); without them the test is skipped with the reason.
 */
import { type ChildProcess, execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const tools = has('curl') && has('tshark') && has('openssl');
/** Capturing needs privileges: ask tshark to list interfaces it may capture on. */
const canCapture = tools && /\blo\b|Loopback/.test(spawnSync('tshark', ['-D'], { encoding: 'utf8' }).stdout ?? '');

const page = readFileSync(join(import.meta.dirname, '../../src/content/docs/security/debugging-tls.mdx'), 'utf8');

let dir = '';
let server: https.Server | undefined;
let tshark: ChildProcess | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tls-keylog-'));
});

afterAll(async () => {
  if (tshark !== undefined && tshark.exitCode === null) tshark.kill('SIGKILL');
  await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!canCapture)(
  `debugging-tls.mdx: SSLKEYLOGFILE + tshark${canCapture ? '' : ' (skipped: needs curl, tshark and capture rights on lo)'}`,
  () => {
    it('decrypts a captured TLS 1.3 connection only with the key log, which holds the secrets the page lists', async () => {
      const key = join(dir, 'key.pem');
      const cert = join(dir, 'cert.pem');
      execFileSync(
        'openssl',
        ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2']
          .concat(['-subj', '/CN=app.example.com', '-addext', 'subjectAltName=DNS:app.example.com'])
          .concat(['-keyout', key, '-out', cert]),
        { stdio: 'ignore' },
      );
      server = https.createServer(
        { key: readFileSync(key), cert: readFileSync(cert), minVersion: 'TLSv1.3', ALPNProtocols: ['http/1.1'] },
        (_req, res) => res.end('hello over TLS\n'),
      );
      const port = await new Promise<number>((resolve) => {
        server?.listen(0, '127.0.0.1', () => {
          const address = server?.address();
          resolve(typeof address === 'object' && address !== null ? address.port : 0);
        });
      });

      const capture = join(dir, 'capture.pcapng');
      const keylog = join(dir, 'tls-keys.log');
      // -P -l: also print each packet as it is captured, so the test can see when capturing really started.
      const child = spawn('tshark', ['-i', 'lo', '-f', `tcp port ${port}`, '-w', capture, '-P', '-l'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      tshark = child;
      let tsharkLog = '';
      let printed = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        tsharkLog += chunk.toString();
      });
      child.stdout?.on('data', (chunk: Buffer) => {
        printed += chunk.toString();
      });
      // "Capturing on" comes before packets are really seen: probe with plain TCP connections until one shows up
      // (bounded: 75 probes, 200 ms apart).
      let live = false;
      for (let probe = 0; probe < 75 && !live && child.exitCode === null; probe += 1) {
        await new Promise<void>((resolve) => {
          const socket = net.connect(port, '127.0.0.1', () => socket.destroy());
          socket.on('close', () => resolve());
          socket.on('error', () => resolve());
        });
        await new Promise((resolve) => setTimeout(resolve, 200));
        live = printed.includes('SYN');
      }
      expect(live, `tshark never saw a probe packet:\n${tsharkLog}`).toBe(true);

      // curl runs asynchronously: the HTTPS server lives in this process and must keep answering.
      const curl = await new Promise<{ stdout: string; stderr: string }>((resolve) => {
        execFile(
          'curl',
          [
            '-sS',
            '--resolve',
            `app.example.com:${port}:127.0.0.1`,
            '--cacert',
            cert,
            `https://app.example.com:${port}/`,
          ],
          { encoding: 'utf8', env: { ...process.env, SSLKEYLOGFILE: keylog }, timeout: 10_000 },
          (_error, stdout, stderr) => resolve({ stdout, stderr }),
        );
      });
      expect(curl.stdout, curl.stderr).toBe('hello over TLS\n');

      // Stop the capture and let tshark flush the file (bounded: 10 s).
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        setTimeout(() => child.kill('SIGINT'), 500);
      });

      const read = (extra: string[]) =>
        spawnSync('tshark', ['-r', capture, ...extra, '-Y', 'http'], { encoding: 'utf8', timeout: 20_000 }).stdout;
      const opaque = read([]);
      const decrypted = read(['-o', `tls.keylog_file:${keylog}`]);
      expect(opaque, 'without the key log the capture shows no HTTP').not.toContain('GET /');
      const listing = spawnSync('tshark', ['-r', capture, '-o', `tls.keylog_file:${keylog}`], {
        encoding: 'utf8',
      }).stdout;
      expect(decrypted, `with the key log tshark reads the request; the capture:\n${listing}`).toContain(
        'GET / HTTP/1.1',
      );
      expect(decrypted).toContain('HTTP/1.1 200 OK');

      // The TLS 1.3 labels the page lists are exactly what the client wrote.
      const labels = new Set(
        readFileSync(keylog, 'utf8')
          .split('\n')
          .map((line) => line.split(' ')[0])
          .filter(Boolean),
      );
      for (const label of [
        'CLIENT_HANDSHAKE_TRAFFIC_SECRET',
        'SERVER_HANDSHAKE_TRAFFIC_SECRET',
        'CLIENT_TRAFFIC_SECRET_0',
        'SERVER_TRAFFIC_SECRET_0',
        'EXPORTER_SECRET',
      ]) {
        expect(labels.has(label), `key log has ${label}`).toBe(true);
        expect(page, `the page names ${label}`).toContain(`\`${label}\``);
      }
    });
  },
);
