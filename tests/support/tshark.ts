/**
 * Runs Debian's tshark on a pcap and flattens its `-T json -x` output into (field, value, offset, length) entries,
 * then compares them with the packet model's annotated byte map.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Decoded, Field } from '../../src/lib/packet/index.ts';

const run = promisify(execFile);

export const TSHARK_PREFS = [
  '-o',
  'ip.check_checksum:TRUE',
  '-o',
  'tcp.check_checksum:TRUE',
  '-o',
  'udp.check_checksum:TRUE',
  '-o',
  'ip.defragment:FALSE',
  '-o',
  'ipv6.defragment:FALSE',
  '-o',
  'tcp.relative_sequence_numbers:FALSE',
  '-o',
  'tcp.analyze_sequence_numbers:FALSE',
  '-o',
  'tcp.desegment_tcp_streams:FALSE',
  // Random UDP payloads are data; RTCP's heuristic claims some of them and then calls them malformed.
  '--disable-protocol',
  'rtcp',
] as const;

export async function tsharkVersion(): Promise<string> {
  const { stdout } = await run('tshark', ['--version']);
  return stdout.split('\n')[0] ?? '';
}

/** One tshark field: its value as text and where its bytes are. */
export interface TsharkEntry {
  readonly key: string;
  readonly value: string;
  readonly pos: number;
  readonly len: number;
}
export interface TsharkPacket {
  readonly entries: TsharkEntry[];
  /** Expert entries of severity error (checksum errors, malformed), and the malformed marker. */
  readonly errors: string[];
  /** `<proto>.checksum.status` values: 0 bad, 1 good, 2 unverified. */
  readonly checksumStatus: { readonly key: string; readonly value: string }[];
}

const SEVERITY_ERROR = 8_388_608;

export async function tsharkDecode(pcap: string): Promise<TsharkPacket[]> {
  const { stdout } = await run('tshark', ['-r', pcap, '-T', 'json', '-x', '--no-duplicate-keys', ...TSHARK_PREFS], {
    maxBuffer: 1024 * 1024 * 1024,
    timeout: 90_000,
  });
  const json = JSON.parse(stdout) as { _source: { layers: Record<string, unknown> } }[];
  return json.map((p) => flatten(p._source.layers));
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) && !(v.length === 5 && typeof v[1] === 'number') ? v : [v]);

function flatten(layers: Record<string, unknown>): TsharkPacket {
  const entries: TsharkEntry[] = [];
  const errors: string[] = [];
  const checksumStatus: { key: string; value: string }[] = [];
  const walk = (o: unknown): void => {
    if (Array.isArray(o)) {
      for (const x of o) walk(x);
      return;
    }
    if (o === null || typeof o !== 'object') return;
    const rec = o as Record<string, unknown>;
    for (const [k, v] of Object.entries(rec)) {
      if (k === '_ws.malformed') errors.push('Malformed packet');
      if (k === '_ws.expert') {
        for (const e of asList(v)) {
          const ee = e as Record<string, string>;
          if (Number(ee['_ws.expert.severity']) >= SEVERITY_ERROR)
            errors.push(ee['_ws.expert.message'] ?? 'expert error');
        }
      }
      if (k.endsWith('.checksum.status')) for (const x of asList(v)) checksumStatus.push({ key: k, value: String(x) });
      if (k.endsWith('_raw')) {
        const key = k.slice(0, -4);
        const raws = asList(v) as [string, number, number, number, number][];
        const vals = asList(rec[key]);
        raws.forEach((raw, i) => {
          const val = vals[i];
          if (Array.isArray(raw) && typeof raw[1] === 'number' && typeof val === 'string') {
            entries.push({ key, value: val, pos: raw[1], len: raw[2] });
          }
        });
      } else walk(v);
    }
  };
  walk(layers);
  return { entries, errors, checksumStatus };
}

function normal(v: string | number): string {
  if (typeof v === 'number') return String(v);
  if (/^0x[0-9a-f]+$/i.test(v)) return String(Number.parseInt(v, 16));
  return v.toLowerCase();
}

/** Every keyed model field must appear in tshark under the same name, covering the same bytes, with the same value. */
export function compareFields(fields: readonly Field[], t: TsharkPacket): string[] {
  const out: string[] = [];
  for (const f of fields) {
    if (f.key === undefined) continue;
    const end = f.offset + Math.ceil((f.bitOffset + f.bitLength) / 8);
    const same = t.entries.filter((e) => e.key === f.key && e.pos <= f.offset && end <= e.pos + e.len);
    if (same.length === 0) {
      out.push(`${f.key} at ${f.offset}: tshark has no such field there`);
      continue;
    }
    if (!same.some((e) => normal(e.value) === normal(f.value))) {
      out.push(`${f.key} at ${f.offset}: model ${f.value}, tshark ${same.map((e) => e.value).join('|')}`);
    }
  }
  return out;
}

/** Checksums: the model's verdict per layer must be tshark's (1 good, 2 unverified), and tshark finds none bad. */
export function compareChecksums(d: Decoded, t: TsharkPacket): string[] {
  const out: string[] = [];
  if (t.checksumStatus.some((s) => s.value === '0'))
    out.push(`tshark reports a bad checksum: ${JSON.stringify(t.checksumStatus)}`);
  for (const l of d.layers) {
    if (l.checksum === undefined || l.checksum === 'absent') continue;
    if (l.checksum === 'bad') out.push(`model finds the ${l.name} checksum bad`);
  }
  return out;
}
