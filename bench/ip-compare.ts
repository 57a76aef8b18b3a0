/**
 * Side-by-side throughput of `src/lib/ip` against `ipaddr.js` and `ip-address` (and CPython's `ipaddress` when
 * `python3` is on the PATH), on the same seeded inputs, in one process: `node bench/ip-compare.ts`.
 *
 * Options: `--rounds=N` (default 7), `--no-python`, `--only=TEXT` (only workloads whose name contains TEXT, e.g.
 * `--only=contains`), `--check` (exit 1 if ours is slower than a JS library on any workload). Every workload runs over its whole input set per call; a round repeats that call for ≥ 60 ms; the libraries
 * take turns within each round (so drift hits them alike) after a warm-up; the table shows the median round in items/s.
 *
 * Node runs this TypeScript file directly (type stripping), but its ESM resolver does not append `.ts` to the lib's
 * extensionless imports (which Astro and Vitest resolve), so a synchronous resolve hook below adds it before the lib
 * is imported. No tsx/vite-node needed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Address4, Address6 } from 'ip-address';
import ipaddr from 'ipaddr.js';

const ip = await import('../src/lib/ip/index.ts');
type IpAddress = import('../src/lib/ip/index.ts').IpAddress;
type IpNetwork = import('../src/lib/ip/index.ts').IpNetwork;

const args = process.argv.slice(2);
const ROUNDS = Number(args.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 7);
const ROUND_MS = 60;

// ---------------------------------------------------------------------------------------------------------------
// Inputs: seeded (mulberry32), so every run and every library sees the same strings.

let seed = 0x1f2e3d4c;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
}
const int = (n: number): number => Math.floor(rand() * n);
const u32 = (): number => int(2 ** 32);
const v4Text = (v: number): string => `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;

/** 8 random groups; 60 % of them with a run of zero groups so `::` shows up as it does in practice. */
function v6Groups(): number[] {
  const g = Array.from({ length: 8 }, () => (rand() < 0.2 ? int(256) : int(65536)));
  if (rand() < 0.6) {
    const start = int(7);
    const length = 1 + int(8 - start);
    g.fill(0, start, start + length);
  }
  return g;
}
function compressed(g: readonly number[]): string {
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = g.map((x) => x.toString(16));
  return best === -1 ? hex.join(':') : `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}
const groupsToBig = (g: readonly number[]): bigint => g.reduce((acc, x) => (acc << 16n) | BigInt(x), 0n);
function bigToGroups(v: bigint): number[] {
  return Array.from({ length: 8 }, (_, i) => Number((v >> BigInt((7 - i) * 16)) & 0xffffn));
}

/** IPv6 text in the forms people paste: 70 % RFC 5952, 10 % exploded, 10 % upper case, 10 % embedded IPv4. */
function v6Text(g: number[]): string {
  const form = int(10);
  if (form < 7) return compressed(g);
  if (form === 7) return g.map((x) => x.toString(16).padStart(4, '0')).join(':');
  if (form === 8) return compressed(g).toUpperCase();
  const v4 = u32();
  return `${rand() < 0.5 ? '::ffff' : '64:ff9b:'}:${v4Text(v4)}`;
}

const N_ADDR = 10_000;
const N_NET = 1_000;
const addrs4 = Array.from({ length: N_ADDR }, () => v4Text(u32()));
const addrs6 = Array.from({ length: N_ADDR }, () => v6Text(v6Groups()));
const nets4 = Array.from({ length: N_NET }, () => {
  const len = 8 + int(23);
  // Half with host bits set ("192.168.1.7/24", as typed into a calculator), half clean.
  const v = u32();
  return `${v4Text(rand() < 0.5 ? v : (v & (len === 0 ? 0 : ~(2 ** (32 - len) - 1))) >>> 0)}/${len}`;
});
const nets6 = Array.from({ length: N_NET }, () => {
  const len = 16 + int(109);
  const v = groupsToBig(v6Groups());
  const masked = rand() < 0.5 ? v : v & ~((1n << BigInt(128 - len)) - 1n);
  return `${compressed(bigToGroups(masked))}/${len}`;
});
/** Pairs (address, network index): half the addresses inside their network, half anywhere. */
const pairs4 = Array.from({ length: N_ADDR }, (_, i) => {
  const [a, len] = (nets4[i % N_NET] as string).split('/') as [string, string];
  const base = a.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  const host = 2 ** (32 - Number(len));
  const inside = (base - (base % host) + int(host)) >>> 0;
  return v4Text(rand() < 0.5 ? inside : u32());
});
const pairs6 = Array.from({ length: N_ADDR }, (_, i) => {
  const [a, len] = (nets6[i % N_NET] as string).split('/') as [string, string];
  const base = (ip.parseAddress(a) as { ok: true; value: { value: bigint } }).value.value;
  const hostBits = 128 - Number(len);
  const noise = groupsToBig(v6Groups()) & ((1n << BigInt(hostBits)) - 1n);
  const inside = (base & ~((1n << BigInt(hostBits)) - 1n)) | noise;
  return compressed(bigToGroups(rand() < 0.5 ? inside : groupsToBig(v6Groups())));
});
const ranges4 = Array.from({ length: N_NET }, () => {
  const first = u32();
  const last = Math.min(2 ** 32 - 1, first + int(2 ** (1 + int(24))));
  return [v4Text(first), v4Text(last)] as const;
});
const ranges6 = Array.from({ length: N_NET }, () => {
  const first = groupsToBig(v6Groups());
  const span = BigInt(int(2 ** 30)) << BigInt(int(80));
  const max = (1n << 128n) - 1n;
  const last = first + span > max ? max : first + span;
  return [compressed(bigToGroups(first)), compressed(bigToGroups(last))] as const;
});
/** 1,000 IPv4 networks /16–/28 clustered in 10.0.0.0/12, with overlaps and adjacent blocks to merge. */
const collapse4 = Array.from({ length: N_NET }, () => {
  const len = 16 + int(13);
  const v = (0x0a000000 + int(2 ** 20)) & ~(2 ** (32 - len) - 1);
  return `${v4Text(v >>> 0)}/${len}`;
});

// ---------------------------------------------------------------------------------------------------------------
// Per-library implementations. Parsing of inputs that a workload does not measure happens here, once.

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
let sink = 0;
const keep = (x: unknown): void => {
  if (x === undefined) sink++;
};

type Lib = 'ours' | 'ipaddr.js' | 'ip-address';
interface Workload {
  name: string;
  items: number;
  /** One call processes all `items`; undefined = the library has no such operation (printed as n/a). */
  run: Partial<Record<Lib, () => void>>;
  python: string;
}

const oursNet = (s: string): IpNetwork => must(ip.parseNetwork(s)).network;
const oursAddr = (s: string): IpAddress => must(ip.parseAddress(s));

/** ipaddr.js has no first/last-host helpers: step the byte array, as a user of the library would. */
function step(bytes: number[], delta: 1 | -1): number[] {
  const out = bytes.slice();
  for (let i = out.length - 1; i >= 0; i--) {
    const v = (out[i] as number) + delta;
    out[i] = v & 255;
    if (v >= 0 && v <= 255) break;
  }
  return out;
}
function ipaddrDetails(s: string) {
  const [addr, len] = ipaddr.parseCIDR(s);
  const v4 = addr.kind() === 'ipv4';
  const bytes = addr.toByteArray();
  const mask = (v4 ? ipaddr.IPv4 : ipaddr.IPv6).subnetMaskFromPrefixLength(len).toByteArray();
  const net = bytes.map((b, i) => b & (mask[i] as number));
  const last = bytes.map((b, i) => b | (~(mask[i] as number) & 255));
  return {
    network: ipaddr.fromByteArray(net),
    last: ipaddr.fromByteArray(last),
    netmask: ipaddr.fromByteArray(mask),
    firstHost: ipaddr.fromByteArray(step(net, 1)),
    lastHost: ipaddr.fromByteArray(step(last, -1)),
    count: 1n << BigInt((v4 ? 32 : 128) - len),
  };
}
function ipAddressDetails(a: Address4 | Address6) {
  return {
    network: a.startAddress(),
    last: a.endAddress(),
    netmask: a.subnetMaskAddress(),
    firstHost: a.startAddressExclusive(),
    lastHost: a.endAddressExclusive(),
    count: 1n << BigInt((a instanceof Address4 ? 32 : 128) - a.subnetMask),
  };
}
function oursDetails(s: string) {
  const net = must(ip.parseNetwork(s)).network;
  const h = ip.hostRange(net);
  return {
    network: net.networkAddress,
    last: h.lastAddress,
    netmask: ip.netmaskOf(net.version, net.prefixLength),
    firstHost: h.firstUsable,
    lastHost: h.lastUsable,
    count: ip.networkSize(net),
  };
}

const pre = {
  ours: {
    nets4: nets4.map(oursNet),
    nets6: nets6.map(oursNet),
    pairs4: pairs4.map(oursAddr),
    pairs6: pairs6.map(oursAddr),
    ranges4: ranges4.map(([a, b]) => [oursAddr(a), oursAddr(b)] as const),
    ranges6: ranges6.map(([a, b]) => [oursAddr(a), oursAddr(b)] as const),
    collapse4: collapse4.map(oursNet),
  },
  ipaddr: {
    nets4: nets4.map((s) => ipaddr.IPv4.parseCIDR(s)),
    nets6: nets6.map((s) => ipaddr.IPv6.parseCIDR(s)),
    pairs4: pairs4.map((s) => ipaddr.IPv4.parse(s)),
    pairs6: pairs6.map((s) => ipaddr.IPv6.parse(s)),
  },
  ipAddress: {
    nets4: nets4.map((s) => new Address4(s)),
    nets6: nets6.map((s) => new Address6(s)),
    pairs4: pairs4.map((s) => new Address4(s)),
    pairs6: pairs6.map((s) => new Address6(s)),
  },
};

const workloads: Workload[] = [
  {
    name: 'parse IPv4',
    items: N_ADDR,
    run: {
      ours: () => {
        for (const s of addrs4) keep(ip.parseAddress(s));
      },
      'ipaddr.js': () => {
        for (const s of addrs4) keep(ipaddr.IPv4.parse(s));
      },
      'ip-address': () => {
        for (const s of addrs4) keep(new Address4(s));
      },
    },
    python: 'parse4',
  },
  {
    name: 'parse IPv6',
    items: N_ADDR,
    run: {
      ours: () => {
        for (const s of addrs6) keep(ip.parseAddress(s));
      },
      'ipaddr.js': () => {
        for (const s of addrs6) keep(ipaddr.IPv6.parse(s));
      },
      'ip-address': () => {
        for (const s of addrs6) keep(new Address6(s));
      },
    },
    python: 'parse6',
  },
  {
    name: 'details IPv4 (from CIDR text)',
    items: N_NET,
    run: {
      ours: () => {
        for (const s of nets4) keep(oursDetails(s));
      },
      'ipaddr.js': () => {
        for (const s of nets4) keep(ipaddrDetails(s));
      },
      'ip-address': () => {
        for (const s of nets4) keep(ipAddressDetails(new Address4(s)));
      },
    },
    python: 'details4',
  },
  {
    name: 'details IPv6 (from CIDR text)',
    items: N_NET,
    run: {
      ours: () => {
        for (const s of nets6) keep(oursDetails(s));
      },
      'ipaddr.js': () => {
        for (const s of nets6) keep(ipaddrDetails(s));
      },
      'ip-address': () => {
        for (const s of nets6) keep(ipAddressDetails(new Address6(s)));
      },
    },
    python: 'details6',
  },
  {
    name: 'contains IPv4 (parsed)',
    items: N_ADDR,
    run: {
      ours: () => {
        const { nets4: n, pairs4: p } = pre.ours;
        for (let i = 0; i < N_ADDR; i++) if (ip.containsAddress(n[i % N_NET] as IpNetwork, p[i] as IpAddress)) sink++;
      },
      'ipaddr.js': () => {
        const { nets4: n, pairs4: p } = pre.ipaddr;
        for (let i = 0; i < N_ADDR; i++) if ((p[i] as ipaddr.IPv4).match(n[i % N_NET] as [ipaddr.IPv4, number])) sink++;
      },
      'ip-address': () => {
        const { nets4: n, pairs4: p } = pre.ipAddress;
        for (let i = 0; i < N_ADDR; i++) if ((p[i] as Address4).isInSubnet(n[i % N_NET] as Address4)) sink++;
      },
    },
    python: 'contains4',
  },
  {
    name: 'contains IPv6 (parsed)',
    items: N_ADDR,
    run: {
      ours: () => {
        const { nets6: n, pairs6: p } = pre.ours;
        for (let i = 0; i < N_ADDR; i++) if (ip.containsAddress(n[i % N_NET] as IpNetwork, p[i] as IpAddress)) sink++;
      },
      'ipaddr.js': () => {
        const { nets6: n, pairs6: p } = pre.ipaddr;
        for (let i = 0; i < N_ADDR; i++) if ((p[i] as ipaddr.IPv6).match(n[i % N_NET] as [ipaddr.IPv6, number])) sink++;
      },
      'ip-address': () => {
        const { nets6: n, pairs6: p } = pre.ipAddress;
        for (let i = 0; i < N_ADDR; i++) if ((p[i] as Address6).isInSubnet(n[i % N_NET] as Address6)) sink++;
      },
    },
    python: 'contains6',
  },
  {
    name: 'summarise IPv4 range → CIDRs',
    items: N_NET,
    run: {
      ours: () => {
        for (const [a, b] of pre.ours.ranges4) keep(ip.summarizeRange(a, b));
      },
    },
    python: 'summarise4',
  },
  {
    name: 'summarise IPv6 range → CIDRs',
    items: N_NET,
    run: {
      ours: () => {
        for (const [a, b] of pre.ours.ranges6) keep(ip.summarizeRange(a, b));
      },
    },
    python: 'summarise6',
  },
  {
    name: 'collapse 1,000 IPv4 networks',
    items: 1,
    run: {
      ours: () => keep(ip.collapseNetworks(pre.ours.collapse4)),
    },
    python: 'collapse4',
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Sanity check: the libraries agree on what they computed, so the timings compare the same work.

function crossCheck(): string[] {
  const problems: string[] = [];
  const bigOfIpaddr = (a: ipaddr.IPv4 | ipaddr.IPv6): bigint =>
    a.toByteArray().reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
  const bigOfOurs = (a: IpAddress): bigint => ip.addressToBigInt(a);
  for (const [list, v] of [
    [addrs4, 4],
    [addrs6, 6],
  ] as const) {
    for (const s of list) {
      const ours = bigOfOurs(oursAddr(s));
      const a = bigOfIpaddr(v === 4 ? ipaddr.IPv4.parse(s) : ipaddr.IPv6.parse(s));
      const b = (v === 4 ? new Address4(s) : new Address6(s)).bigInt();
      if (ours !== a || ours !== b) problems.push(`parse ${s}: ours ${ours}, ipaddr.js ${a}, ip-address ${b}`);
    }
  }
  for (const s of [...nets4, ...nets6]) {
    const o = oursDetails(s);
    const a = ipaddrDetails(s);
    const b = ipAddressDetails(s.includes(':') ? new Address6(s) : new Address4(s));
    const ours = [o.network, o.last, o.netmask].map(bigOfOurs).concat(o.count).join();
    const other1 = [a.network, a.last, a.netmask].map(bigOfIpaddr).concat(a.count).join();
    const other2 = [b.network, b.last, b.netmask]
      .map((x) => x.bigInt())
      .concat(b.count)
      .join();
    if (ours !== other1 || ours !== other2) problems.push(`details ${s}: ${ours} | ${other1} | ${other2}`);
  }
  for (let i = 0; i < N_ADDR; i++) {
    for (const v of [4, 6] as const) {
      const o = ip.containsAddress(
        (v === 4 ? pre.ours.nets4 : pre.ours.nets6)[i % N_NET] as IpNetwork,
        (v === 4 ? pre.ours.pairs4 : pre.ours.pairs6)[i] as IpAddress,
      );
      const a =
        v === 4
          ? (pre.ipaddr.pairs4[i] as ipaddr.IPv4).match(pre.ipaddr.nets4[i % N_NET] as [ipaddr.IPv4, number])
          : (pre.ipaddr.pairs6[i] as ipaddr.IPv6).match(pre.ipaddr.nets6[i % N_NET] as [ipaddr.IPv6, number]);
      const b =
        v === 4
          ? (pre.ipAddress.pairs4[i] as Address4).isInSubnet(pre.ipAddress.nets4[i % N_NET] as Address4)
          : (pre.ipAddress.pairs6[i] as Address6).isInSubnet(pre.ipAddress.nets6[i % N_NET] as Address6);
      if (o !== a || o !== b) problems.push(`contains #${i} IPv${v}: ${o} ${a} ${b}`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// Timing.

const now = (): number => performance.now();
function round(fn: () => void, items: number): number {
  let reps = 0;
  const start = now();
  let elapsed = 0;
  do {
    fn();
    reps++;
    elapsed = now() - start;
  } while (elapsed < ROUND_MS);
  return (items * reps * 1000) / elapsed;
}
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? (s[(s.length - 1) / 2] as number)
    : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

const LIBS: readonly Lib[] = ['ours', 'ipaddr.js', 'ip-address'];
function measure(w: Workload): Partial<Record<Lib, number>> {
  const libs = LIBS.filter((l) => w.run[l]);
  const samples: Record<string, number[]> = {};
  for (const l of libs) {
    round(w.run[l] as () => void, w.items); // warm-up: let the JIT settle before anything counts
    round(w.run[l] as () => void, w.items);
    samples[l] = [];
  }
  for (let r = 0; r < ROUNDS; r++) {
    // Rotate who goes first, so GC and frequency drift do not always fall on the same library.
    for (let k = 0; k < libs.length; k++) {
      const l = libs[(r + k) % libs.length] as Lib;
      samples[l]?.push(round(w.run[l] as () => void, w.items));
    }
  }
  return Object.fromEntries(libs.map((l) => [l, median(samples[l] as number[])]));
}

// ---------------------------------------------------------------------------------------------------------------
// Python ipaddress on the same inputs (timeit, median of the same number of rounds).

const PYTHON = `
import ipaddress as ipa, json, sys, timeit, statistics
d = json.load(open(sys.argv[1]))
rounds = int(sys.argv[2])
A4, A6, N = ipa.IPv4Address, ipa.IPv6Address, ipa.ip_network
def details(nets):
    for s in nets:
        n = N(s, strict=False)
        (n.network_address, n.broadcast_address, n.netmask, n.network_address + 1, n.broadcast_address - 1, n.num_addresses)
nets4 = [N(s, strict=False) for s in d['nets4']]
nets6 = [N(s, strict=False) for s in d['nets6']]
p4 = [A4(s) for s in d['pairs4']]
p6 = [A6(s) for s in d['pairs6']]
r4 = [(A4(a), A4(b)) for a, b in d['ranges4']]
r6 = [(A6(a), A6(b)) for a, b in d['ranges6']]
c4 = [N(s) for s in d['collapse4']]
M = len(nets4)
work = {
  'parse4': (len(d['addrs4']), lambda: [A4(s) for s in d['addrs4']]),
  'parse6': (len(d['addrs6']), lambda: [A6(s) for s in d['addrs6']]),
  'details4': (M, lambda: details(d['nets4'])),
  'details6': (M, lambda: details(d['nets6'])),
  'contains4': (len(p4), lambda: [p4[i] in nets4[i % M] for i in range(len(p4))]),
  'contains6': (len(p6), lambda: [p6[i] in nets6[i % M] for i in range(len(p6))]),
  'summarise4': (len(r4), lambda: [list(ipa.summarize_address_range(a, b)) for a, b in r4]),
  'summarise6': (len(r6), lambda: [list(ipa.summarize_address_range(a, b)) for a, b in r6]),
  'collapse4': (1, lambda: list(ipa.collapse_addresses(c4))),
}
out = {}
for name, (items, fn) in work.items():
    fn()
    t = timeit.Timer(fn)
    number, _ = t.autorange()
    number = max(1, number // 3)
    times = t.repeat(repeat=rounds, number=number)
    out[name] = items * number / statistics.median(times)
print(json.dumps(out))
`;

function runPython(): { rates: Record<string, number>; version: string } | string {
  if (args.includes('--no-python')) return 'skipped (--no-python)';
  const probe = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return 'python3 not found';
  const dir = mkdtempSync(join(tmpdir(), 'ip-compare-'));
  try {
    const file = join(dir, 'inputs.json');
    writeFileSync(file, JSON.stringify({ addrs4, addrs6, nets4, nets6, pairs4, pairs6, ranges4, ranges6, collapse4 }));
    const r = spawnSync('python3', ['-c', PYTHON, file, String(ROUNDS)], { encoding: 'utf8' });
    if (r.status !== 0) return `python3 failed: ${r.stderr.trim().split('\n').at(-1)}`;
    return { rates: JSON.parse(r.stdout), version: probe.stdout.trim() || probe.stderr.trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------

const fmt = (n: number | undefined): string =>
  n === undefined
    ? 'n/a'
    : n >= 1e6
      ? `${(n / 1e6).toFixed(2)} M/s`
      : n >= 1e3
        ? `${(n / 1e3).toFixed(1)} k/s`
        : `${n.toFixed(1)} /s`;
const ratio = (ours: number | undefined, theirs: number | undefined): string =>
  ours === undefined || theirs === undefined ? 'n/a' : `${(ours / theirs).toFixed(2)}×`;

const problems = crossCheck();
if (problems.length > 0) {
  console.error(`Libraries disagree on ${problems.length} inputs, so the timings would not compare like with like:`);
  for (const p of problems.slice(0, 10)) console.error(`  ${p}`);
  process.exit(1);
}
console.log(
  `Node ${process.version}, ${ROUNDS} rounds × ≥${ROUND_MS} ms, median; inputs agree across libraries. Ratio = ours ÷ theirs.`,
);

const only = args.find((a) => a.startsWith('--only='))?.slice(7);
const chosen = only === undefined ? workloads : workloads.filter((w) => w.name.includes(only));
if (chosen.length === 0) {
  console.error(`No workload name contains ${JSON.stringify(only)}; names: ${workloads.map((w) => w.name).join(', ')}`);
  process.exit(2);
}
const results = chosen.map((w) => ({ w, r: measure(w) }));
const py = runPython();
const pyOk = typeof py === 'object';

const header = ['workload', 'items', 'ours', 'ipaddr.js', 'ratio', 'ip-address', 'ratio'];
if (pyOk) header.push('python', 'ratio');
const rows = results.map(({ w, r }) => {
  const row = [
    w.name,
    w.items.toLocaleString('en'),
    fmt(r.ours),
    fmt(r['ipaddr.js']),
    ratio(r.ours, r['ipaddr.js']),
    fmt(r['ip-address']),
    ratio(r.ours, r['ip-address']),
  ];
  if (pyOk) row.push(fmt(py.rates[w.python]), ratio(r.ours, py.rates[w.python]));
  return row;
});
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
const line = (cells: string[]) =>
  `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ')} |`;
console.log(line(header));
console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
for (const row of rows) console.log(line(row));
console.log(
  `items/s: one item = one address, network or range; collapse = one call on 1,000 networks. n/a = the library has no such operation.`,
);
console.log(pyOk ? `Python: ${py.version} ipaddress (timeit).` : `Python: ${py}.`);

const slower = results.flatMap(({ w, r }) =>
  (['ipaddr.js', 'ip-address'] as const)
    .filter((l) => r[l] !== undefined && (r.ours as number) < (r[l] as number))
    .map((l) => `${w.name} vs ${l}`),
);
if (slower.length > 0) console.log(`Slower than a JS library: ${slower.join('; ')}`);
if (args.includes('--check') && slower.length > 0) process.exit(1);
if (sink === -1) console.log(sink); // keeps `sink` observable
