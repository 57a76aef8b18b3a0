/**
 * A userspace "wire" between network namespaces that delays every IPv4 packet by a per-hop one-way delay — what
 * `tc netem` would do, for a kernel without sch_netem (this machine's has neither netem nor prio). Unlike the TCP
 * latency proxy (tests/support/latency-proxy.ts), it delays SYNs and UDP too, so curl's `time_connect` and a DNS
 * lookup see the real round trips.
 *
 *   ns A ── tun ──┐                    ┌── tun ── ns C
 *                 ├─ delay line (one ──┤
 *   ns B ── tun ──┘   Python process)  └── tun ── ns D
 *
 * Each namespace gets one tun device (its addresses live on it; its route to the others goes through it). The
 * delay-line process (Python 3: it needs the TUNSETIFF ioctl, which Node cannot issue) opens the tun devices in the
 * test's namespace; the test then moves each into its namespace (an open tun fd follows its device). A packet read
 * from namespace X's tun for an address of namespace Y is written to Y's tun `delay(X → Y)` ms later; packets of
 * one hop keep their order (one FIFO per hop: equal delays, a sequence number breaks ties). No bandwidth limit,
 * no loss. Delays change at run time (`setDelays`); `stats()` reports how late the worst packet left since the
 * last reset (timer lateness on a busy machine), for faithful sampling.
 *
 * State: one child process; its stdin takes JSON lines ({"delays": …} or {"stats": true, "reset": bool}), its
 * stdout answers JSON lines. Everything is bounded: each request waits at most 5 s.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PYTHON = String.raw`
import fcntl, heapq, json, os, select, struct, sys, time
TUNSETIFF = 0x400454ca
IFF_TUN, IFF_NO_PI = 0x0001, 0x1000
config = json.loads(sys.argv[1])
fds, names, nets = [], [], []
for t in config['tuns']:
    fd = os.open('/dev/net/tun', os.O_RDWR)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack('16sH', t['name'].encode(), IFF_TUN | IFF_NO_PI))
    os.set_blocking(fd, False)
    fds.append(fd); names.append(t['name'])
    nets.append([(int(p.split('/')[0].split('.')[0]) << 24 | int(p.split('/')[0].split('.')[1]) << 16 | int(p.split('/')[0].split('.')[2]) << 8 | int(p.split('/')[0].split('.')[3]), int(p.split('/')[1])) for p in t['prefixes']])
delays = {}
def owner(addr):
    for i, prefixes in enumerate(nets):
        for net, length in prefixes:
            mask = (0xffffffff << (32 - length)) & 0xffffffff
            if addr & mask == net & mask:
                return i
    return -1
queue, seq, late, sent, dropped = [], 0, 0.0, 0, 0
out = sys.stdout
out.write(json.dumps({'ready': True}) + '\n'); out.flush()
stdin_buf = b''
while True:
    timeout = None
    if queue:
        timeout = max(0.0, queue[0][0] - time.monotonic())
    r, _, _ = select.select(fds + [0], [], [], timeout)
    for fd in r:
        if fd == 0:
            chunk = os.read(0, 65536)
            if not chunk:
                sys.exit(0)
            stdin_buf += chunk
            while b'\n' in stdin_buf:
                line, stdin_buf = stdin_buf.split(b'\n', 1)
                msg = json.loads(line)
                if 'delays' in msg:
                    delays = {tuple(map(int, k.split('>'))): v / 1000.0 for k, v in msg['delays'].items()}
                    out.write(json.dumps({'ok': True}) + '\n')
                elif msg.get('stats'):
                    out.write(json.dumps({'maxLatenessMs': late * 1000.0, 'sent': sent, 'dropped': dropped}) + '\n')
                    if msg.get('reset'):
                        late, sent, dropped = 0.0, 0, 0
                out.flush()
            continue
        src = fds.index(fd)
        for _ in range(256):
            try:
                pkt = os.read(fd, 65536)
            except BlockingIOError:
                break
            if len(pkt) < 20 or pkt[0] >> 4 != 4:
                continue
            dst = owner(struct.unpack('!I', pkt[16:20])[0])
            if dst < 0:
                dropped += 1
                continue
            seq += 1
            heapq.heappush(queue, (time.monotonic() + delays.get((src, dst), 0.0), seq, dst, pkt))
    now = time.monotonic()
    while queue and queue[0][0] <= now + 0.0002:
        due, _, dst, pkt = heapq.heappop(queue)
        late = max(late, now - due)
        sent += 1
        try:
            os.write(fds[dst], pkt)
        except OSError:
            dropped += 1
`;

export interface DelayLineTun {
  /** Interface name (≤ 15 characters). */
  readonly name: string;
  /** The namespace it moves into. */
  readonly ns: string;
  /** Addresses (CIDR) that live in that namespace; the first is the tun's own address. */
  readonly prefixes: readonly string[];
}

export interface DelayLine {
  /** One-way delays (ms) between namespaces, by index in the tun list: `{ '0>1': 20, '1>0': 20 }`. */
  setDelays(delays: Readonly<Record<string, number>>): Promise<void>;
  /** Worst lateness of a forwarded packet since the last reset (ms), packets sent and dropped. */
  stats(reset: boolean): Promise<{ maxLatenessMs: number; sent: number; dropped: number }>;
  log(): string;
  stop(): void;
}

/** Which python runs the delay line, or undefined with the reason it cannot. */
export function delayLineUnavailable(): string | undefined {
  if (spawnSync('python3', ['-c', 'import fcntl, select'], { timeout: 5000 }).status !== 0) return 'python3 is missing';
  if (spawnSync('test', ['-c', '/dev/net/tun']).status !== 0) return '/dev/net/tun is missing';
  return undefined;
}

/** Starts the delay line (tun devices created in the current namespace, then moved into theirs). */
export async function startDelayLine(dir: string, tuns: readonly DelayLineTun[]): Promise<DelayLine> {
  const file = join(dir, 'delay-line.py');
  writeFileSync(file, PYTHON);
  const arg = JSON.stringify({ tuns: tuns.map((t) => ({ name: t.name, prefixes: t.prefixes })) });
  // Real-time priority when permitted (see journey-stack.ts `realtime`): a late wakeup here is added to every packet.
  const rt = spawnSync('chrt', ['-f', '20', 'true']).status === 0;
  const child: ChildProcess = rt
    ? spawn('chrt', ['-f', '20', 'python3', '-u', file, arg], { stdio: ['pipe', 'pipe', 'pipe'] })
    : spawn('python3', ['-u', file, arg], { stdio: ['pipe', 'pipe', 'pipe'] });
  let buffer = '';
  let stderr = '';
  const waiting: ((line: string) => void)[] = [];
  const lines: string[] = [];
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    buffer += chunk;
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      const next = waiting.shift();
      if (next) next(line);
      else lines.push(line);
    }
  });
  child.stderr?.on('data', (d) => {
    if (stderr.length < 100_000) stderr += String(d);
  });
  const nextLine = (ms: number): Promise<string> =>
    new Promise((resolve, reject) => {
      const queued = lines.shift();
      if (queued !== undefined) return resolve(queued);
      const timer = setTimeout(() => reject(new Error(`delay line did not answer within ${ms} ms: ${stderr}`)), ms);
      waiting.push((line) => {
        clearTimeout(timer);
        resolve(line);
      });
    });
  const ready = await nextLine(5000);
  if (!ready.includes('ready')) throw new Error(`delay line failed to start: ${ready} ${stderr}`);
  const request = async (msg: unknown): Promise<string> => {
    child.stdin?.write(`${JSON.stringify(msg)}\n`);
    return nextLine(5000);
  };
  return {
    async setDelays(delays) {
      await request({ delays });
    },
    async stats(reset) {
      return JSON.parse(await request({ stats: true, reset })) as {
        maxLatenessMs: number;
        sent: number;
        dropped: number;
      };
    },
    log: () => stderr,
    stop: () => {
      child.kill('SIGKILL');
    },
  };
}
