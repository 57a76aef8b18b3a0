/**
 * Real DNS servers for the integration test: one Knot DNS (knotd) per name server of the built-in internet, each on
 * its own loopback address at port 53 (Unbound cannot send to authoritatives on another port), and one Unbound as
 * the recursive resolver on a free port. Each process gets its own directory under the test's temp dir; stop()
 * kills it (SIGTERM, then SIGKILL) and the caller removes the directory. Logs are kept in memory for failure reports.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import type { Internet, NameServer } from '../../src/lib/dns/index.ts';
import { decodeMessage, encodeQuery, formatRecord, type Message } from '../../src/lib/dns/index.ts';

export interface RunningServer {
  readonly name: string;
  readonly process: ChildProcess;
  log: string;
  stop(): Promise<void>;
}

function run(name: string, command: string, args: readonly string[]): RunningServer {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const server: RunningServer = {
    name,
    process: child,
    log: '',
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
  child.stdout?.on('data', (d: Buffer) => {
    server.log += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    server.log += d.toString();
  });
  return server;
}

/** Sends one UDP query and waits for the reply (bounded). */
export function udpQuery(
  address: string,
  port: number,
  bytes: Uint8Array,
  timeoutMs = 2000,
): Promise<Uint8Array | undefined> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    const timer = setTimeout(() => {
      socket.close();
      resolve(undefined);
    }, timeoutMs);
    socket.once('message', (msg) => {
      clearTimeout(timer);
      socket.close();
      resolve(new Uint8Array(msg));
    });
    socket.once('error', () => {
      clearTimeout(timer);
      socket.close();
      resolve(undefined);
    });
    socket.send(bytes, port, address);
  });
}

/** Sends one query over TCP (2-octet length prefix, RFC 1035 §4.2.2) and waits for the reply (bounded). */
export function tcpQuery(
  address: string,
  port: number,
  bytes: Uint8Array,
  timeoutMs = 3000,
): Promise<Uint8Array | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect(port, address);
    let buf = Buffer.alloc(0);
    const done = (value: Uint8Array | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    socket.on('connect', () =>
      socket.write(Buffer.concat([Buffer.from([bytes.length >> 8, bytes.length & 0xff]), Buffer.from(bytes)])),
    );
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0))
        done(new Uint8Array(buf.subarray(2, 2 + buf.readUInt16BE(0))));
    });
    socket.on('error', () => done(undefined));
  });
}

/** A free TCP port on 127.0.0.1 (Unbound listens on UDP and TCP at the same number). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function probe(
  address: string,
  port: number,
  name: string,
  type: number,
  deadlineMs: number,
): Promise<Message | undefined> {
  const query = encodeQuery({ id: 1, name, type, rd: true });
  if (!query.ok) throw new Error(query.error.message);
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    const reply = await udpQuery(address, port, query.value, 200);
    if (reply !== undefined) {
      const decoded = decodeMessage(reply);
      if (decoded.ok) return decoded.value;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return undefined;
}

/** Zone file text for Knot: one absolute record per line, in dig's presentation format. */
export function zoneFileText(internet: Internet, origin: string): string {
  const zone = internet.zones.find((z) => z.origin === origin);
  if (zone === undefined) throw new Error(`no zone ${origin}`);
  return `${zone.records.map(formatRecord).join('\n')}\n`;
}

/** Starts knotd for one name server (all its zones) on `server.address`:53. Resolves once it answers. */
export async function startKnot(dir: string, internet: Internet, server: NameServer): Promise<RunningServer> {
  const home = join(dir, `knot-${server.address}`);
  mkdirSync(join(home, 'run'), { recursive: true });
  mkdirSync(join(home, 'storage'), { recursive: true });
  const zones = server.zones.map((origin) => {
    const file = `${origin === '.' ? 'root' : origin.slice(0, -1)}.zone`;
    writeFileSync(join(home, 'storage', file), zoneFileText(internet, origin));
    return `  - domain: "${origin}"\n    file: "${file}"\n`;
  });
  writeFileSync(
    join(home, 'knot.conf'),
    `server:
    rundir: "${join(home, 'run')}"
    listen: ${server.address}@53
    udp-workers: 1
    tcp-workers: 1
    background-workers: 1
database:
    storage: "${join(home, 'storage')}"
log:
  - target: stderr
    any: notice
template:
  - id: default
    storage: "${join(home, 'storage')}"
    zonefile-load: whole
    journal-content: none
zone:
${zones.join('')}`,
  );
  const running = run(`knotd ${server.name} ${server.address}`, 'knotd', ['-c', join(home, 'knot.conf')]);
  const first = server.zones[0] as string;
  const ready = await probe(server.address, 53, first, 6, 5000);
  if (ready === undefined || !ready.flags.aa) {
    await running.stop();
    throw new Error(`knotd for ${server.name} did not come up on ${server.address}:53\n${running.log}`);
  }
  return running;
}

/** Starts Unbound on 127.0.0.1:`port` with root hints pointing at the local root. Resolves once it answers. */
export async function startUnbound(
  dir: string,
  port: number,
  internet: Internet,
  qnameMinimisation: boolean,
): Promise<RunningServer> {
  const home = join(dir, `unbound-${qnameMinimisation ? 'qmin' : 'full'}-${port}`);
  mkdirSync(home, { recursive: true });
  const hints = internet.rootHints
    .map((h) => `.\t3600000\tNS\t${h.name}\n${h.name}\t3600000\tA\t${h.address}\n`)
    .join('');
  writeFileSync(join(home, 'root.hints'), hints);
  const reverseZones = internet.zones
    .filter((z) => z.origin.endsWith('in-addr.arpa.'))
    .map((z) => `    local-zone: "${z.origin}" nodefault\n`);
  writeFileSync(
    join(home, 'unbound.conf'),
    `server:
    interface: 127.0.0.1@${port}
    port: ${port}
    do-ip6: no
    do-not-query-localhost: no
    chroot: ""
    username: ""
    directory: "${home}"
    pidfile: "${join(home, 'unbound.pid')}"
    use-syslog: no
    logfile: ""
    verbosity: 3
    log-replies: yes
    num-threads: 1
    so-reuseport: no
    module-config: "iterator"
    root-hints: "${join(home, 'root.hints')}"
    qname-minimisation: ${qnameMinimisation ? 'yes' : 'no'}
    qname-minimisation-strict: no
    target-fetch-policy: "0 0 0 0 0"
    prefetch: no
    harden-referral-path: no
    minimal-responses: yes
    rrset-roundrobin: no
    access-control: 127.0.0.0/8 allow
${reverseZones.join('')}remote-control:
    control-enable: no
`,
  );
  const running = run(`unbound ${port}`, 'unbound', ['-d', '-c', join(home, 'unbound.conf')]);
  const ready = await probe('127.0.0.1', port, 'localhost.', 1, 5000);
  if (ready === undefined) {
    await running.stop();
    throw new Error(`unbound did not come up on 127.0.0.1:${port}\n${running.log}`);
  }
  return running;
}
