/**
 * The packet model against Wireshark's tshark: generated frames across every layer combination are written to a
 * pcap, decoded by tshark with checksum validation, and every field the model annotates must equal tshark's at
 * the same offset; tshark-written captures are read back by the model; a real loopback HTTP exchange is captured
 * with `tshark -i lo` and decoded by both.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  arpScenario,
  decodeFrame,
  dnsScenario,
  encodeDnsMessage,
  httpScenario,
  pingScenario,
  readPcap,
  tlsScenario,
  toHex,
  writePcap,
} from '../../src/lib/packet/index.ts';
import { transferPackets, transferPlan } from '../../src/lib/packet-playground/index.ts';
import { generate, rng } from '../support/packet-gen.ts';
import { compareChecksums, compareFields, type TsharkPacket, tsharkDecode, tsharkVersion } from '../support/tshark.ts';

const SEED = Number(process.env.PACKET_SEED ?? 20_261_126);
const CASES = Number(process.env.PACKET_CASES ?? 5_000);
const BATCH = 1_250;
const dir = mkdtempSync(join(tmpdir(), `packet-tshark-${process.pid}-`));
const children: ChildProcess[] = [];
let server: Server | undefined;
let dnsServer: Socket | undefined;

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  server?.close();
  dnsServer?.close();
  rmSync(dir, { recursive: true, force: true });
});

let version = '';
beforeAll(async () => {
  version = await tsharkVersion();
  console.log(`${version}; seed ${SEED}`);
});

/** Starts `tshark -i lo` with a capture filter, bounded by packet count and time; resolves once it is capturing. */
async function startCapture(
  filter: string,
  count: number,
  file: string,
): Promise<{ exited: Promise<void>; stderr: () => string }> {
  const tshark = spawn(
    'tshark',
    ['-i', 'lo', '-f', filter, '-c', String(count), '-a', 'duration:4', '-F', 'pcap', '-w', file],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  children.push(tshark);
  let stderr = '';
  const exited = new Promise<void>((resolve) => tshark.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tshark did not start capturing within 10 s: ${stderr}`)), 10_000);
    tshark.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('Capturing on') && stderr.includes('File:')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return { exited, stderr: () => stderr };
}

function check(
  frames: readonly Uint8Array[],
  packets: readonly TsharkPacket[],
  label: string,
  liveChecksums = false,
): { compared: number; tls: number; failures: string[] } {
  const failures: string[] = [];
  let compared = 0;
  let tls = 0;
  expect(packets.length).toBe(frames.length);
  frames.forEach((frame, i) => {
    const t = packets[i] as TsharkPacket;
    const d = decodeFrame(frame);
    const problems = [
      ...d.problems
        .filter((p) => !(liveChecksums && p.code === 'bad-checksum'))
        .map((p) => `model problem: ${p.message}`),
      ...t.errors.filter((e) => !(liveChecksums && /checksum/i.test(e))).map((e) => `tshark error: ${e}`),
      ...compareFields(d.fields, t),
      ...(liveChecksums ? [] : compareChecksums(d, t)),
    ];
    compared += d.fields.filter((f) => f.key !== undefined).length;
    tls += d.fields.filter((f) => f.key?.startsWith('tls.')).length;
    if (problems.length > 0)
      failures.push(`${label} #${i} (seed ${SEED}): ${problems.slice(0, 4).join('; ')}\n  hex ${toHex(frame)}`);
  });
  return { compared, tls, failures };
}

describe(`packet model vs tshark`, () => {
  it(`agrees on ${CASES} generated frames, field by field, at the same offsets`, async () => {
    const r = rng(SEED);
    const frames: Uint8Array[] = [];
    const kinds = new Map<string, number>();
    while (frames.length < CASES) {
      const g = generate(r);
      kinds.set(g.description.replace(/ mtu \d+/, ''), (kinds.get(g.description.replace(/ mtu \d+/, '')) ?? 0) + 1);
      frames.push(...g.frames);
    }
    let compared = 0;
    let tls = 0;
    const failures: string[] = [];
    for (let at = 0; at < frames.length; at += BATCH) {
      const batch = frames.slice(at, at + BATCH);
      const file = join(dir, `generated-${at}.pcap`);
      writeFileSync(
        file,
        writePcap(batch.map((data, i) => ({ timeMicros: 1_764_115_200_000_000 + (at + i) * 1000, data }))),
      );
      const res = check(batch, await tsharkDecode(file), `frame ${at}+`);
      compared += res.compared;
      tls += res.tls;
      failures.push(...res.failures);
    }
    console.log(
      `${frames.length} frames, ${compared} fields compared (${tls} of them TLS) with ${version}; kinds ${JSON.stringify(Object.fromEntries(kinds))}`,
    );
    if (failures.length > 0) console.error(failures.slice(0, 10).join('\n'));
    expect(failures.length).toBe(0);
    expect(compared).toBeGreaterThan(CASES * 10);
    expect(tls).toBeGreaterThan(CASES);
  }, 180_000);

  it('agrees on every scenario frame, and reads the pcap tshark writes back byte for byte', async () => {
    const frames = [
      ...httpScenario().packets,
      ...httpScenario({ version: 6 }).packets,
      ...dnsScenario().packets,
      ...arpScenario().packets,
      ...pingScenario(4, 2).packets,
      ...pingScenario(6, 2).packets,
      ...tlsScenario().packets,
      ...tlsScenario({ version: 6, serverName: 'www.example.org', alpn: ['http/1.1'] }).packets,
      // The playground's "your choice" transfers: TCP segments by the MSS, IPv4 and IPv6 (sender) fragments.
      ...(
        [
          [4, 'tcp', 576],
          [6, 'tcp', 1280],
          [4, 'udp', 1500],
          [6, 'udp', 1280],
          [4, 'udp', 9000],
        ] as const
      ).flatMap(([version, transport, mtu]) => transferPackets(transferPlan({ version, transport, mtu }))),
    ].map((p) => p.frame);
    const file = join(dir, 'scenarios.pcap');
    writeFileSync(file, writePcap(frames.map((data, i) => ({ timeMicros: 1_764_115_200_000_000 + i * 1_500, data }))));
    const packets = await tsharkDecode(file);
    const res = check(frames, packets, 'scenario');
    if (res.failures.length > 0) console.error(res.failures.join('\n'));
    expect(res.failures).toEqual([]);
    // Both ClientHellos decoded field by field: 50+ TLS fields each, every one at tshark's offset.
    expect(res.tls).toBeGreaterThan(100);
    // tshark writes its own pcap; the model's reader must return the same frames and timestamps.
    const rewritten = join(dir, 'rewritten.pcap');
    await promisify(execFile)('tshark', ['-r', file, '-F', 'pcap', '-w', rewritten]);
    const back = readPcap(new Uint8Array(readFileSync(rewritten)));
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.value.linkType).toBe(1);
    expect(back.value.packets.map((p) => toHex(p.data))).toEqual(frames.map((f) => toHex(f)));
    expect(back.value.packets.map((p) => p.timeMicros)).toEqual(
      frames.map((_, i) => 1_764_115_200_000_000 + i * 1_500),
    );
  }, 180_000);

  it('decodes a real loopback HTTP exchange captured by tshark -i lo as tshark does', async () => {
    server = createServer((_req, res) => {
      res.setHeader('Content-Type', 'text/plain');
      res.end('hello from the loopback\n');
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const file = join(dir, 'loopback.pcap');
    const capture = await startCapture(`tcp port ${port}`, 40, file);
    const body = await new Promise<string>((resolve, reject) => {
      const req = get({ host: '127.0.0.1', port, path: '/journey', headers: { Connection: 'close' } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString();
        });
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
    });
    expect(body).toBe('hello from the loopback\n');
    // The capture ends by itself: after 40 packets or 4 s, whichever comes first (the exchange is ~10 packets).
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await capture.exited;
    const cap = readPcap(new Uint8Array(readFileSync(file)));
    expect(cap.ok).toBe(true);
    if (!cap.ok) return;
    expect(cap.value.linkType).toBe(1);
    const frames = cap.value.packets.map((p) => p.data);
    expect(frames.length).toBeGreaterThanOrEqual(6);
    const res = check(frames, await tsharkDecode(file), 'loopback', true);
    if (res.failures.length > 0) console.error(`${res.failures.join('\n')}\n${capture.stderr()}`);
    expect(res.failures).toEqual([]);
    const get0 = frames
      .map((f) => decodeFrame(f))
      .find((d) => d.layers.some((l) => l.summary.startsWith('HTTP/1.1: GET /journey')));
    expect(get0).toBeDefined();
    console.log(`loopback: ${frames.length} frames, ${res.compared} fields compared`);
  }, 180_000);

  it('decodes a real DNS query by dig and its answer, captured on loopback, as tshark does', async () => {
    dnsServer = createSocket('udp4');
    dnsServer.on('message', (msg, rinfo) => {
      const id = ((msg[0] ?? 0) << 8) | (msg[1] ?? 0);
      const answer = encodeDnsMessage({
        id,
        response: true,
        name: 'example.com',
        type: 1,
        answers: [Uint8Array.from([192, 0, 2, 80])],
      });
      dnsServer?.send(answer, rinfo.port, rinfo.address);
    });
    await new Promise<void>((resolve) => dnsServer?.bind(0, '127.0.0.1', resolve));
    const port = dnsServer.address().port;
    const file = join(dir, 'dns.pcap');
    const capture = await startCapture(`udp port ${port}`, 2, file);
    const { stdout } = await promisify(execFile)(
      'dig',
      ['@127.0.0.1', '-p', String(port), 'example.com', 'A', '+tries=1', '+time=2', '+noedns'],
      { timeout: 10_000 },
    );
    expect(stdout).toContain('192.0.2.80');
    await capture.exited;
    const cap = readPcap(new Uint8Array(readFileSync(file)));
    if (!cap.ok) throw new Error(cap.error.message);
    const frames = cap.value.packets.map((p) => p.data);
    expect(frames.length).toBe(2);
    const res = check(frames, await tsharkDecode(file), 'dns loopback', true);
    if (res.failures.length > 0) console.error(`${res.failures.join('\n')}\n${capture.stderr()}`);
    expect(res.failures).toEqual([]);
    // On a port other than 53 the DNS message is plain UDP data to both the model and tshark.
    expect(decodeFrame(frames[0] ?? new Uint8Array(0)).layers.find((l) => l.name === 'UDP')?.summary).toContain(
      `→ ${port}`,
    );
    console.log(`dns loopback: ${frames.length} frames, ${res.compared} fields compared`);
  }, 180_000);
});
