/**
 * Network-namespace labs for integration tests: builds a model `Topology` (segments, hosts, NAT routers) out of
 * Linux network namespaces, veth pairs and bridges, configures each router with nftables, runs one small Node agent
 * per host namespace to send and receive real UDP/TCP, and reads `conntrack -L` inside router namespaces.
 *
 * Every namespace is named `pjn<pid>-…` so parallel runs never collide; `precleanStale` removes the ones whose
 * process is gone, `Lab.destroy` removes this run's (call it in afterAll: it never throws). Traffic goes only to
 * addresses inside namespaces the lab created. Every command and every wait is bounded in time.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NatBehaviour, Router, Topology } from '../../src/lib/nat/index.ts';

const PREFIX = 'pjn';
const COMMAND_TIMEOUT_MS = 10_000;

/** Runs a command, returns stdout; throws with stderr on failure (a broken lab is a bug, not a disagreement). */
export function sh(cmd: string, args: readonly string[], input?: string): string {
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    timeout: COMMAND_TIMEOUT_MS,
    ...(input === undefined ? {} : { input }),
  });
  if (r.error || r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.error?.message}`, {
      cause: r.error,
    });
  }
  return r.stdout;
}

/** Why netfilter NAT cannot be tested here, or undefined when it can. */
export function netfilterUnavailable(): string | undefined {
  if (process.platform !== 'linux') return 'not Linux';
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'needs root for network namespaces';
  for (const tool of ['ip', 'nft', 'conntrack']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `${tool} is not installed`;
  }
  const probe = `${PREFIX}${process.pid}-probe`;
  try {
    sh('ip', ['netns', 'add', probe]);
    sh(
      'ip',
      ['netns', 'exec', probe, 'nft', '-f', '-'],
      'table ip t {\n chain c {\n  type nat hook postrouting priority srcnat;\n  masquerade\n }\n}\n',
    );
    return undefined;
  } catch (e) {
    return `the kernel lacks netfilter NAT in namespaces: ${(e as Error).message.split('\n')[0]}`;
  } finally {
    spawnSync('ip', ['netns', 'del', probe], { timeout: COMMAND_TIMEOUT_MS });
  }
}

/** Deletes `pjn<pid>-*` namespaces left by runs whose process no longer exists. */
export function precleanStale(): string[] {
  const removed: string[] = [];
  const list = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8', timeout: COMMAND_TIMEOUT_MS }).stdout ?? '';
  for (const line of list.split('\n').slice(0, 10_000)) {
    const name = line.split(' ')[0] ?? '';
    const m = /^pjn(\d+)-/.exec(name);
    if (!m) continue;
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
    if (!alive && spawnSync('ip', ['netns', 'del', name], { timeout: COMMAND_TIMEOUT_MS }).status === 0)
      removed.push(name);
  }
  return removed;
}

/** One `conntrack -L` row: original and reply tuples, TCP state, seconds left, flags. */
export interface ConntrackEntry {
  readonly protocol: 'udp' | 'tcp';
  readonly timeout: number;
  readonly state?: string;
  readonly original: { src: string; dst: string; sport: number; dport: number };
  readonly reply: { src: string; dst: string; sport: number; dport: number };
  readonly unreplied: boolean;
  readonly assured: boolean;
}

/** Parses `conntrack -L` text (conntrack-tools 1.4 format); other protocols are skipped. */
export function parseConntrack(text: string): ConntrackEntry[] {
  const out: ConntrackEntry[] = [];
  for (const line of text.split('\n')) {
    const words = line.trim().split(/\s+/);
    const protocol = words[0];
    if (protocol !== 'udp' && protocol !== 'tcp') continue;
    const timeout = Number(words[2]);
    const state = protocol === 'tcp' && words[3] && !words[3].includes('=') ? words[3] : undefined;
    const kv = words.filter((w) => /^(src|dst|sport|dport)=/.test(w)).map((w) => w.split('=') as [string, string]);
    const tuple = (from: number) => {
      const get = (k: string) => kv.slice(from, from + 4).find(([key]) => key === k)?.[1] ?? '';
      return { src: get('src'), dst: get('dst'), sport: Number(get('sport')), dport: Number(get('dport')) };
    };
    out.push({
      protocol,
      timeout,
      ...(state ? { state } : {}),
      original: tuple(0),
      reply: tuple(4),
      unreplied: line.includes('[UNREPLIED]'),
      assured: line.includes('[ASSURED]'),
    });
  }
  return out;
}

/** The agent run inside each host namespace: JSON lines in (requests), JSON lines out (answers and events). */
const AGENT = String.raw`
import dgram from 'node:dgram';
import net from 'node:net';
import readline from 'node:readline';
const out = (o) => process.stdout.write(JSON.stringify(o) + '\n');
const udp = new Map();
const tcp = [];
function udpSocket(port) {
  if (udp.has(port)) return Promise.resolve(udp.get(port));
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket({ type: 'udp4' });
    s.on('message', (msg, r) => {
      const data = msg.toString();
      out({ ev: 'udp', port, from: { address: r.address, port: r.port }, data });
      if (data.startsWith('ping:')) s.send('pong:' + data.slice(5) + ':' + r.address + ':' + r.port, r.port, r.address);
    });
    s.once('error', reject);
    s.bind({ port, address: '0.0.0.0', exclusive: true }, () => { udp.set(port, s); resolve(s); });
  });
}
function listen(port) {
  return new Promise((resolve, reject) => {
    const server = net.createServer((c) => {
      tcp.push(c);
      c.on('error', () => {});
      out({ ev: 'tcp', port, from: { address: c.remoteAddress, port: c.remotePort } });
      c.write('seen:' + c.remoteAddress + ':' + c.remotePort + '\n');
    });
    server.once('error', reject);
    server.listen({ port, host: '0.0.0.0' }, resolve);
  });
}
function connect(m) {
  return new Promise((resolve) => {
    const c = net.connect({ host: m.to.address, port: m.to.port, localPort: m.port, timeout: m.timeout });
    tcp.push(c);
    let buf = '';
    const done = (r) => { c.setTimeout(0); c.removeAllListeners('data'); c.removeAllListeners('timeout'); resolve(r); };
    c.on('data', (d) => { buf += d; const i = buf.indexOf('\n'); if (i >= 0) done({ seen: buf.slice(5, i) }); });
    c.on('timeout', () => { c.destroy(); done({ error: 'timeout' }); });
    c.on('error', (e) => done({ error: e.code || String(e) }));
  });
}
readline.createInterface({ input: process.stdin }).on('line', async (line) => {
  const m = JSON.parse(line);
  try {
    if (m.op === 'udp-bind') { await udpSocket(m.port); out({ id: m.id, ok: true }); }
    else if (m.op === 'udp-send') { const s = await udpSocket(m.port); s.send(m.data, m.to.port, m.to.address, (e) => out({ id: m.id, ok: !e, error: e && e.code })); }
    else if (m.op === 'tcp-listen') { await listen(m.port); out({ id: m.id, ok: true }); }
    else if (m.op === 'tcp-connect') { out({ id: m.id, ok: true, ...(await connect(m)) }); }
    else out({ id: m.id, ok: false, error: 'unknown op' });
  } catch (e) { out({ id: m.id, ok: false, error: e.code || String(e) }); }
});
out({ ev: 'ready' });
`;

export interface AgentEvent {
  readonly ev: 'udp' | 'tcp' | 'ready';
  readonly port?: number;
  readonly from?: { address: string; port: number };
  readonly data?: string;
}

/** A Node process inside one namespace, driven by JSON lines. */
export class Agent {
  readonly events: AgentEvent[] = [];
  private readonly pending = new Map<number, (v: Record<string, unknown>) => void>();
  private nextId = 1;
  private buffer = '';
  readonly log: string[] = [];
  readonly ns: string;
  private readonly child: ChildProcess;
  constructor(ns: string, child: ChildProcess) {
    this.ns = ns;
    this.child = child;
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      this.buffer += chunk;
      for (let i = this.buffer.indexOf('\n'); i >= 0; i = this.buffer.indexOf('\n')) {
        const line = this.buffer.slice(0, i);
        this.buffer = this.buffer.slice(i + 1);
        const msg = JSON.parse(line) as Record<string, unknown>;
        if (typeof msg['id'] === 'number') this.pending.get(msg['id'])?.(msg);
        else this.events.push(msg as unknown as AgentEvent);
      }
    });
    child.stderr?.on('data', (d) => this.log.push(String(d)));
  }

  /** Sends a request and waits (at most `ms`) for its answer. */
  request(op: Record<string, unknown>, ms = 5000): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`agent in ${this.ns} did not answer ${JSON.stringify(op)} within ${ms} ms`));
      }, ms);
      this.pending.set(id, (v) => {
        clearTimeout(timer);
        this.pending.delete(id);
        resolve(v);
      });
      this.child.stdin?.write(`${JSON.stringify({ ...op, id })}\n`);
    });
  }

  /** Waits at most `ms` for an event matching `test` (polling every 5 ms), returns it or undefined. */
  async waitFor(test: (e: AgentEvent) => boolean, ms: number): Promise<AgentEvent | undefined> {
    const end = Date.now() + ms;
    for (;;) {
      const hit = this.events.find(test);
      if (hit || Date.now() >= end) return hit;
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  stop(): void {
    this.child.kill('SIGKILL');
  }
}

/** How a router's behaviour is written in nftables; undefined when nftables cannot express it. */
export function nftFor(router: Router, wanIf: string, lanIf: string, lanNet: string): string | undefined {
  const b = router.behaviour;
  if (b.portSharing !== 'distinct-remotes' || b.filtering !== 'address-and-port-dependent' || !b.inboundRefresh)
    return undefined;
  let masq: string;
  if (b.portAssignment === 'random' && b.mapping === 'address-and-port-dependent') masq = 'masquerade fully-random';
  else if (b.portAssignment === 'preserve' && b.mapping === 'endpoint-independent') masq = 'masquerade';
  else return undefined;
  const post = [
    b.searchRange === 'linux-classes'
      ? `oifname "${wanIf}" ${masq}`
      : `oifname "${wanIf}" meta l4proto { tcp, udp } ${masq.replace('masquerade', `masquerade to :${b.searchRange.min}-${b.searchRange.max}`)}`,
  ];
  if (b.hairpin === 'lan-source') post.push(`oifname "${lanIf}" ct status dnat ip saddr ${lanNet} masquerade`);
  if (b.hairpin === 'external-source')
    post.push(`oifname "${lanIf}" ct status dnat ip saddr ${lanNet} snat to ${router.wanAddress}`);
  const match =
    b.hairpin === 'off' ? `iifname "${wanIf}" ip daddr ${router.wanAddress}` : `ip daddr ${router.wanAddress}`;
  const pre = router.forwards.map((f) => {
    const ports =
      f.externalPorts.min === f.externalPorts.max
        ? `${f.externalPorts.min}`
        : `${f.externalPorts.min}-${f.externalPorts.max}`;
    const to = f.internalPort === undefined ? f.internalAddress : `${f.internalAddress}:${f.internalPort}`;
    return `${match} ${f.protocol} dport ${ports} dnat to ${to}`;
  });
  const input = b.tracksRefused
    ? ''
    : `table ip filter {\n chain input {\n  type filter hook input priority filter; policy drop;\n  ct state established,related accept\n  iifname "lo" accept\n }\n}\n`;
  return `table ip nat {\n chain pre {\n  type nat hook prerouting priority dstnat; policy accept;\n${pre.map((l) => `  ${l}\n`).join('')} }\n chain post {\n  type nat hook postrouting priority srcnat; policy accept;\n${post.map((l) => `  ${l}\n`).join('')} }\n}\n${input}`;
}

/** Can this behaviour be built with nftables (so the model's claim about Linux can be checked)? */
export function expressibleInNft(b: NatBehaviour): boolean {
  const r = {
    id: 'r',
    label: '',
    lanSegment: '',
    lanAddress: '192.0.2.1',
    wanSegment: '',
    wanAddress: '192.0.2.2',
    behaviour: b,
    forwards: [],
  };
  return nftFor(r, 'w', 'l', '192.168.1.0/24') !== undefined;
}

/** A topology built from namespaces. */
export class Lab {
  readonly namespaces: string[] = [];
  readonly agents = new Map<string, Agent>();
  private readonly dir = mkdtempSync(join(tmpdir(), 'pjn-'));
  private veth = 0;

  readonly tag: string;
  constructor(tag: string) {
    this.tag = tag;
  }

  ns(id: string): string {
    return `${PREFIX}${process.pid}-${this.tag}-${id}`;
  }

  private addNs(id: string): string {
    const name = this.ns(id);
    sh('ip', ['netns', 'add', name]);
    this.namespaces.push(name);
    sh('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
    return name;
  }

  /** A veth pair from namespace a to the bridge of segment `seg` (in its switch namespace); returns a's interface. */
  private plug(a: string, seg: string, ifName: string): void {
    const peer = `p${this.veth++}`;
    sh('ip', ['link', 'add', ifName, 'netns', a, 'type', 'veth', 'peer', 'name', peer, 'netns', this.ns(`sw-${seg}`)]);
    sh('ip', ['-n', this.ns(`sw-${seg}`), 'link', 'set', peer, 'master', 'br0']);
    sh('ip', ['-n', this.ns(`sw-${seg}`), 'link', 'set', peer, 'up']);
    sh('ip', ['-n', a, 'link', 'set', ifName, 'up']);
  }

  /**
   * Builds `topology`: a switch namespace with a bridge per segment, a namespace per host (address with the segment's
   * prefix length, capped at /24 on the internet segment, default route via the segment's router or on-link) and per
   * router (nftables from {@link nftFor}, ip_forward=1 in that namespace only, the given conntrack sysctls).
   */
  build(topology: Topology, sysctls: Readonly<Record<string, number>> = {}): void {
    const prefix = (seg: string) => {
      const net = topology.segments.find((s) => s.id === seg)?.network ?? '0.0.0.0/0';
      const len = Number(net.split('/')[1]);
      return len === 0 ? 24 : len;
    };
    for (const s of topology.segments) {
      const sw = this.addNs(`sw-${s.id}`);
      sh('ip', ['-n', sw, 'link', 'add', 'br0', 'type', 'bridge']);
      sh('ip', ['-n', sw, 'link', 'set', 'br0', 'up']);
    }
    for (const h of topology.hosts) {
      const n = this.addNs(h.id);
      this.plug(n, h.segment, 'eth0');
      sh('ip', ['-n', n, 'addr', 'add', `${h.address}/${prefix(h.segment)}`, 'dev', 'eth0']);
      const gw = topology.routers.find((r) => r.lanSegment === h.segment);
      sh('ip', ['-n', n, 'route', 'add', 'default', ...(gw ? ['via', gw.lanAddress] : ['dev', 'eth0'])]);
    }
    for (const r of topology.routers) {
      const n = this.addNs(r.id);
      this.plug(n, r.lanSegment, 'lan');
      this.plug(n, r.wanSegment, 'wan');
      sh('ip', ['-n', n, 'addr', 'add', `${r.lanAddress}/${prefix(r.lanSegment)}`, 'dev', 'lan']);
      sh('ip', ['-n', n, 'addr', 'add', `${r.wanAddress}/${prefix(r.wanSegment)}`, 'dev', 'wan']);
      const up = topology.routers.find((x) => x.lanSegment === r.wanSegment);
      sh('ip', ['-n', n, 'route', 'add', 'default', ...(up ? ['via', up.lanAddress] : ['dev', 'wan'])]);
      sh('ip', ['netns', 'exec', n, 'sysctl', '-qw', 'net.ipv4.ip_forward=1']);
      for (const [k, v] of Object.entries(sysctls)) sh('ip', ['netns', 'exec', n, 'sysctl', '-qw', `${k}=${v}`]);
      const lanNet = topology.segments.find((s) => s.id === r.lanSegment)?.network ?? '';
      const rules = nftFor(r, 'wan', 'lan', lanNet);
      if (!rules) throw new Error(`Router ${r.id}: behaviour not expressible in nftables`);
      sh('ip', ['netns', 'exec', n, 'nft', '-f', '-'], rules);
    }
  }

  /** Starts an agent in each host namespace and waits (bounded) for all to be ready. */
  async startAgents(hostIds: readonly string[]): Promise<void> {
    const file = join(this.dir, 'agent.mjs');
    writeFileSync(file, AGENT);
    for (const id of hostIds) {
      const child = spawn('ip', ['netns', 'exec', this.ns(id), process.execPath, file], {
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      this.agents.set(id, new Agent(this.ns(id), child));
    }
    for (const [id, a] of this.agents) {
      if (!(await a.waitFor((e) => e.ev === 'ready', 10_000)))
        throw new Error(`agent ${id} did not start: ${a.log.join('')}`);
    }
  }

  agent(id: string): Agent {
    const a = this.agents.get(id);
    if (!a) throw new Error(`no agent for ${id}`);
    return a;
  }

  conntrack(routerId: string): ConntrackEntry[] {
    const r = spawnSync('ip', ['netns', 'exec', this.ns(routerId), 'conntrack', '-L'], {
      encoding: 'utf8',
      timeout: COMMAND_TIMEOUT_MS,
    });
    return parseConntrack(r.stdout ?? '');
  }

  conntrackText(routerId: string): string {
    return (
      spawnSync('ip', ['netns', 'exec', this.ns(routerId), 'conntrack', '-L'], {
        encoding: 'utf8',
        timeout: COMMAND_TIMEOUT_MS,
      }).stdout ?? ''
    );
  }

  /** Stops agents and deletes every namespace this lab made. Never throws. */
  destroy(): void {
    for (const a of this.agents.values()) a.stop();
    for (const n of this.namespaces.reverse()) spawnSync('ip', ['netns', 'del', n], { timeout: COMMAND_TIMEOUT_MS });
    rmSync(this.dir, { recursive: true, force: true });
  }
}
