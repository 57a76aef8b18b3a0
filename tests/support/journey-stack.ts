/**
 * The whole journey on a private stack: five network namespaces joined by the delay line (tests/support/delay-line.ts),
 * each hop with its own one-way delay.
 *
 *   client (curl) ─── resolver (unbound) ─── authoritative (one knotd per name server)
 *      └──────────── edge (nginx, TLS-terminating reverse proxy) ─── origin (Node, configurable server time)
 *
 * Addresses are private and exist only inside these namespaces: client 10.77.1.1, resolver 10.77.2.1, name servers
 * 10.77.3.N, edge 10.77.4.1, origin 10.77.5.1. The client's `/etc/netns/<ns>/resolv.conf` names unbound (`ip netns
 * exec` bind-mounts it over /etc/resolv.conf), so plain `curl` resolves through it. Namespaces are named
 * `pjn<pid>-j…` (netns.ts's `precleanStale` removes those of dead runs). `destroy()` stops every process and
 * removes every namespace and file; it never throws. Every command and wait is bounded.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Internet, NameServer } from '../../src/lib/dns/index.ts';
import { type DelayLine, startDelayLine } from './delay-line.ts';
import { zoneFileText } from './dns-servers.ts';
import { sh } from './netns.ts';

export const ROLES = ['client', 'resolver', 'authoritative', 'edge', 'origin'] as const;
export type Role = (typeof ROLES)[number];

export const ADDRESSES = {
  client: '10.77.1.1',
  resolver: '10.77.2.1',
  edge: '10.77.4.1',
  origin: '10.77.5.1',
} as const;
const PREFIXES: Readonly<Record<Role, string>> = {
  client: '10.77.1.0/24',
  resolver: '10.77.2.0/24',
  authoritative: '10.77.3.0/24',
  edge: '10.77.4.0/24',
  origin: '10.77.5.0/24',
};
export const ORIGIN_PORT = 8080;

/** Maps the DNS model's server addresses onto 10.77.3.N, one per distinct address. */
export function authoritativeMapper(): (address: string) => string {
  const seen = new Map<string, string>();
  return (address) => {
    let mapped = seen.get(address);
    if (mapped === undefined) {
      mapped = `10.77.3.${seen.size + 1}`;
      seen.set(address, mapped);
    }
    return mapped;
  };
}

/** One-way delays (ms) per hop; each applies both ways. */
export interface HopDelays {
  readonly clientResolver: number;
  readonly resolverAuthoritative: number;
  readonly clientEdge: number;
  readonly edgeOrigin: number;
}

interface Proc {
  readonly name: string;
  readonly child: ChildProcess;
  log: string;
}

const ORIGIN_JS = String.raw`
import http from 'node:http';
const [host, port] = process.argv.slice(2);
const server = http.createServer((req, res) => {
  const u = new URL(req.url ?? '/', 'http://origin');
  const wait = Math.min(5000, Math.max(0, Number(u.searchParams.get('server') ?? 0) || 0));
  const bytes = Math.min(100000, Math.max(0, Number(u.searchParams.get('bytes') ?? 1000) || 0));
  req.resume();
  req.on('end', () => setTimeout(() => {
    const body = 'x'.repeat(bytes);
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': body.length, 'x-origin-saw': JSON.stringify(req.rawHeaders) });
    res.end(body);
  }, wait));
});
server.listen(Number(port), host, () => process.stdout.write('ready\n'));
`;

let rtChecked: readonly string[] | undefined;
/**
 * `chrt -f 10` when the kernel allows it: the stack's processes (all of them small and mostly asleep) get a
 * real-time priority so that, on a loaded machine, a packet or a reply is not kept waiting for a CPU — the
 * measurement is of the network the test built, not of the run queue. Empty (normal priority) when not permitted.
 */
export function realtime(): readonly string[] {
  if (rtChecked === undefined)
    rtChecked = spawnSync('chrt', ['-f', '10', 'true']).status === 0 ? ['chrt', '-f', '10'] : [];
  return rtChecked;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Why the stack cannot be built here (not root, a missing server or tool), or undefined when it can. */
export function journeyStackUnavailable(): string | undefined {
  if (process.platform !== 'linux') return 'not Linux';
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'needs root for network namespaces';
  for (const tool of ['ip', 'unbound', 'knotd', 'nginx', 'curl', 'openssl', 'dig']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `${tool} is not installed`;
  }
  return undefined;
}

/** Removes `/etc/netns/pjn<pid>-j…` directories left by runs whose process is gone (a killed run's resolv.conf). */
export function precleanResolvConfs(): string[] {
  const removed: string[] = [];
  let names: string[] = [];
  try {
    names = readdirSync('/etc/netns');
  } catch {
    return removed;
  }
  for (const name of names.slice(0, 10_000)) {
    const m = /^pjn(\d+)-j/.exec(name);
    if (m === null) continue;
    const pid = Number(m[1]);
    let alive = pid === process.pid;
    if (!alive) {
      try {
        process.kill(pid, 0);
        alive = true;
      } catch {
        alive = false;
      }
    }
    if (!alive) {
      rmSync(join('/etc/netns', name), { recursive: true, force: true });
      removed.push(name);
    }
  }
  return removed;
}

export class JourneyStack {
  readonly dir: string;
  readonly tag = `pjn${process.pid}-j`;
  private readonly namespaces: string[] = [];
  private readonly procs: Proc[] = [];
  private unbound: Proc | undefined;
  private line: DelayLine | undefined;
  private resolvConf = '';

  constructor(dir: string) {
    this.dir = dir;
  }

  ns(role: Role): string {
    return `${this.tag}${role.slice(0, 4)}`;
  }

  /** Namespaces, tun devices, addresses and routes; the delay line with zero delays. */
  async build(nameServers: readonly NameServer[]): Promise<void> {
    for (const role of ROLES) {
      sh('ip', ['netns', 'add', this.ns(role)]);
      this.namespaces.push(this.ns(role));
      sh('ip', ['-n', this.ns(role), 'link', 'set', 'lo', 'up']);
    }
    const tun = (role: Role) => `pjt${process.pid}${ROLES.indexOf(role)}`;
    this.line = await startDelayLine(
      this.dir,
      ROLES.map((role) => ({ name: tun(role), ns: this.ns(role), prefixes: [PREFIXES[role]] })),
    );
    for (const role of ROLES) {
      const ns = this.ns(role);
      sh('ip', ['link', 'set', tun(role), 'netns', ns]);
      const own =
        role === 'authoritative'
          ? nameServers.map((s) => s.address)
          : [ADDRESSES[role as Exclude<Role, 'authoritative'>]];
      for (const address of own) sh('ip', ['-n', ns, 'addr', 'add', `${address}/32`, 'dev', tun(role)]);
      sh('ip', ['-n', ns, 'link', 'set', tun(role), 'up']);
      sh('ip', ['-n', ns, 'route', 'add', '10.77.0.0/16', 'dev', tun(role)]);
    }
    mkdirSync(`/etc/netns/${this.ns('client')}`, { recursive: true });
    this.resolvConf = `/etc/netns/${this.ns('client')}`;
    writeFileSync(
      join(this.resolvConf, 'resolv.conf'),
      `nameserver ${ADDRESSES.resolver}\noptions attempts:1 timeout:3\n`,
    );
  }

  /** Sets the one-way delay of every hop (both directions). */
  async setDelays(d: HopDelays): Promise<void> {
    const i = (r: Role) => ROLES.indexOf(r);
    const pairs: [Role, Role, number][] = [
      ['client', 'resolver', d.clientResolver],
      ['resolver', 'authoritative', d.resolverAuthoritative],
      ['client', 'edge', d.clientEdge],
      ['edge', 'origin', d.edgeOrigin],
    ];
    const delays: Record<string, number> = {};
    for (const [a, b, ms] of pairs) {
      delays[`${i(a)}>${i(b)}`] = ms;
      delays[`${i(b)}>${i(a)}`] = ms;
    }
    await this.line?.setDelays(delays);
  }

  /** Worst packet lateness of the delay line since the last reset (ms). */
  async lateness(reset: boolean): Promise<number> {
    return (await this.line?.stats(reset))?.maxLatenessMs ?? 0;
  }

  private spawnIn(role: Role, name: string, command: string, args: readonly string[]): Proc {
    const child = spawn('ip', ['netns', 'exec', this.ns(role), ...realtime(), command, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const proc: Proc = { name, child, log: '' };
    const keep = (d: Buffer) => {
      if (proc.log.length < 200_000) proc.log += d.toString();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.procs.push(proc);
    return proc;
  }

  /** Runs a command in a namespace (bounded, asynchronous: a synchronous wait would stall the event loop). */
  run(
    role: Role,
    command: string,
    args: readonly string[],
    timeoutMs = 10_000,
  ): Promise<{ status: number; out: string; err: string }> {
    return new Promise((resolve) => {
      const child = spawn('ip', ['netns', 'exec', this.ns(role), ...realtime(), command, ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout?.on('data', (d: Buffer) => {
        if (out.length < 1_000_000) out += d.toString();
      });
      child.stderr?.on('data', (d: Buffer) => {
        if (err.length < 1_000_000) err += d.toString();
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', (e) => {
        err += String(e);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ status: code ?? -1, out, err });
      });
    });
  }

  private async waitUntil(what: string, proc: Proc, ok: () => boolean | Promise<boolean>, ms = 8000): Promise<void> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (proc.child.exitCode !== null) break;
      if (await ok()) return;
      await sleep(20);
    }
    throw new Error(`${what} did not come up:\n${proc.log.slice(-4000)}`);
  }

  /** One knotd per name server (all its zones) on its address:53 in the authoritative namespace. */
  async startKnots(internet: Internet, servers: readonly NameServer[]): Promise<void> {
    for (const server of servers) {
      const home = join(this.dir, `knot-${server.address}`);
      mkdirSync(join(home, 'run'), { recursive: true });
      mkdirSync(join(home, 'storage'), { recursive: true });
      const zones = server.zones.map((origin) => {
        const file = `${origin === '.' ? 'root' : origin.slice(0, -1)}.zone`;
        writeFileSync(join(home, 'storage', file), zoneFileText(internet, origin));
        return `  - domain: "${origin}"\n    file: "${file}"\n`;
      });
      writeFileSync(
        join(home, 'knot.conf'),
        `server:\n    rundir: "${join(home, 'run')}"\n    listen: ${server.address}@53\n    udp-workers: 1\n    tcp-workers: 1\n    background-workers: 1\ndatabase:\n    storage: "${join(home, 'storage')}"\nlog:\n  - target: stderr\n    any: notice\ntemplate:\n  - id: default\n    storage: "${join(home, 'storage')}"\n    zonefile-load: whole\n    journal-content: none\nzone:\n${zones.join('')}`,
      );
      const proc = this.spawnIn('authoritative', `knotd ${server.name}`, 'knotd', ['-c', join(home, 'knot.conf')]);
      const zone = server.zones[0] ?? '.';
      await this.waitUntil(`knotd ${server.name}`, proc, async () =>
        (
          await this.run(
            'authoritative',
            'dig',
            ['+norec', '+time=1', '+tries=1', `@${server.address}`, zone, 'SOA'],
            3000,
          )
        ).out.includes('status: NOERROR'),
      );
    }
  }

  /** (Re)starts unbound with an empty cache: the resolver of a cold visit. */
  async restartUnbound(rootHints: Internet['rootHints']): Promise<void> {
    if (this.unbound !== undefined) await this.stopProc(this.unbound);
    const home = join(this.dir, 'unbound');
    mkdirSync(home, { recursive: true });
    const hints = rootHints.map((h) => `.\t3600000\tNS\t${h.name}\n${h.name}\t3600000\tA\t${h.address}\n`).join('');
    writeFileSync(join(home, 'root.hints'), hints);
    writeFileSync(
      join(home, 'unbound.conf'),
      `server:
    interface: ${ADDRESSES.resolver}
    outgoing-interface: ${ADDRESSES.resolver}
    port: 53
    do-ip6: no
    chroot: ""
    username: ""
    directory: "${home}"
    pidfile: "${join(home, 'unbound.pid')}"
    use-syslog: no
    logfile: ""
    verbosity: ${process.env['JOURNEY_UNBOUND_VERBOSITY'] ?? 1}
    num-threads: 1
    so-reuseport: no
    module-config: "iterator"
    root-hints: "${join(home, 'root.hints')}"
    qname-minimisation: yes
    qname-minimisation-strict: no
    target-fetch-policy: "0 0 0 0 0"
    prefetch: no
    harden-referral-path: no
    minimal-responses: yes
    rrset-roundrobin: no
    access-control: 10.77.0.0/16 allow
    # test. is one of unbound's default local zones (RFC 6761 special-use names); here it is a delegated TLD.
    local-zone: "test." nodefault
remote-control:
    control-enable: no
`,
    );
    const proc = this.spawnIn('resolver', 'unbound', 'unbound', ['-d', '-c', join(home, 'unbound.conf')]);
    this.unbound = proc;
    // `localhost.` is answered from unbound's built-in local zone: the probe leaves the cache cold.
    await this.waitUntil('unbound', proc, async () =>
      (
        await this.run('resolver', 'dig', ['+time=1', '+tries=1', `@${ADDRESSES.resolver}`, 'localhost.', 'A'], 3000)
      ).out.includes('status: NOERROR'),
    );
  }

  /** nginx as the TLS-terminating reverse proxy on 10.77.4.1:443 (HTTP/1.1 and HTTP/2 by ALPN, TLS 1.2 and 1.3). */
  async startNginx(certFile: string, keyFile: string, config: string): Promise<void> {
    const prefix = join(this.dir, 'nginx');
    mkdirSync(prefix, { recursive: true });
    writeFileSync(join(prefix, 'nginx.conf'), config.replaceAll('CERT', certFile).replaceAll('KEY', keyFile));
    const proc = this.spawnIn('edge', 'nginx', 'nginx', [
      '-p',
      prefix,
      '-c',
      join(prefix, 'nginx.conf'),
      '-g',
      `daemon off; pid ${join(prefix, 'nginx.pid')}; error_log stderr;`,
    ]);
    await this.waitUntil(
      'nginx',
      proc,
      async () => (await this.run('edge', 'bash', ['-c', `exec 3<>/dev/tcp/${ADDRESSES.edge}/443`], 3000)).status === 0,
    );
  }

  /** The Node origin on 10.77.5.1:8080: `?server=N` waits N ms before answering, `?bytes=N` sets the body size. */
  async startOrigin(): Promise<void> {
    const file = join(this.dir, 'origin.mjs');
    writeFileSync(file, ORIGIN_JS);
    const proc = this.spawnIn('origin', 'origin', process.execPath, [file, ADDRESSES.origin, String(ORIGIN_PORT)]);
    await this.waitUntil('origin', proc, () => proc.log.includes('ready'));
  }

  /** Runs curl in the client namespace (bounded); returns its exit status, stdout and stderr. */
  async curl(args: readonly string[], timeoutMs = 20_000): Promise<{ status: number; stdout: string; stderr: string }> {
    const r = await this.run('client', 'curl', args, timeoutMs);
    return { status: r.status, stdout: r.out, stderr: r.err };
  }

  /** Every process's log tail, for failure reports. */
  logs(): string {
    return this.procs.map((p) => `--- ${p.name} ---\n${p.log.slice(-3000)}`).join('\n') + (this.line?.log() ?? '');
  }

  private async stopProc(p: Proc): Promise<void> {
    if (p.child.exitCode !== null || p.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => p.child.once('exit', () => resolve()));
    p.child.kill('SIGTERM');
    const timer = setTimeout(() => p.child.kill('SIGKILL'), 2000);
    await Promise.race([exited, sleep(3000)]);
    clearTimeout(timer);
  }

  /** Stops everything, deletes the namespaces, the resolv.conf directory and the temp dir. Never throws. */
  async destroy(): Promise<void> {
    for (const p of this.procs) {
      try {
        await this.stopProc(p);
      } catch {
        // keep going: everything else must still be removed
      }
    }
    this.line?.stop();
    for (const n of this.namespaces) spawnSync('ip', ['netns', 'del', n], { timeout: 10_000 });
    if (this.resolvConf !== '') rmSync(this.resolvConf, { recursive: true, force: true });
    rmSync(this.dir, { recursive: true, force: true });
  }
}
