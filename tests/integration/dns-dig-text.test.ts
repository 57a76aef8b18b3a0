/**
 * The dig-text parser (src/lib/dns/dig-text.ts) against real dig 9.18 output: Knot DNS 3.2 serves the built-in
 * internet's zones (one knotd per name server on 127.55.N.x:53, as in dns-resolver.test.ts), dig asks every
 * name/type of every zone plus seeded random names (nonexistent ones included), and for each lookup
 *   - parseDigText(dig's text) must equal decodeMessage(the bytes Knot sends us for the same query): header flags,
 *     RCODE, question, every record of every section (in order), EDNS version/flags/UDP size, and dig's
 *     "MSG SIZE rcvd" must equal the length of the bytes we received;
 *   - with +qr, the query dig printed parses too: its question, RD/AD flags and EDNS COOKIE option.
 * dig runs in batch mode (-f), with +nocookie for the compared replies so both sides ask the same question (every
 * fifth with +dnssec, so the EDNS DO bit is read too).
 * Every knotd is stopped in afterAll, whatever happened; logs are printed on failure.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  buildInternet,
  type DigMessage,
  decodeMessage,
  encodeQuery,
  formatRecord,
  type Internet,
  type Message,
  parseDigText,
  typeName,
} from '../../src/lib/dns/index.ts';
import { type RunningServer, startKnot, udpQuery } from '../support/dns-servers.ts';

const SEED = Number(process.env['DNS_SEED'] ?? 20261126);
const RANDOM_LOOKUPS = Number(process.env['DIG_RANDOM'] ?? 200);
const BASE = `127.55.${(process.pid % 250) + 1}`;

let dir = '';
let internet: Internet;
const knots: RunningServer[] = [];
let failed = false;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dns-dig-text-'));
  const mapping = new Map<string, string>();
  const built = buildInternet({}, (address) => {
    const known = mapping.get(address);
    if (known !== undefined) return known;
    const mapped = `${BASE}.${mapping.size + 1}`;
    mapping.set(address, mapped);
    return mapped;
  });
  if (!built.ok) throw new Error(built.error.message);
  internet = built.value;
  for (const server of internet.servers) if (server.down !== true) knots.push(await startKnot(dir, internet, server));
}, 180_000);

afterAll(async () => {
  for (const k of knots) await k.stop();
  if (failed) for (const k of knots) console.log(`--- ${k.name} ---\n${k.log.slice(-4000)}`);
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

interface Lookup {
  readonly server: string;
  readonly name: string;
  readonly type: number;
}

/** Every (owner, type) of every zone, asked of a server for that zone; then seeded random names under the zones. */
function lookups(): Lookup[] {
  const out: Lookup[] = [];
  const seen = new Set<string>();
  for (const zone of internet.zones) {
    const server = internet.servers.find((s) => s.zones.includes(zone.origin) && s.down !== true);
    if (server === undefined) continue;
    for (const r of zone.records) {
      const key = `${r.name}|${r.type}`;
      if (seen.has(key) || r.name.startsWith('big.')) continue;
      seen.add(key);
      out.push({ server: server.address, name: r.name, type: r.type });
    }
  }
  let state = SEED >>> 0;
  const next = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % n;
  };
  const types = [1, 28, 2, 5, 6, 15, 16, 33, 257, 65, 12];
  const labels = ['www', 'mail', 'nope', 'x', 'sip', '_tcp', 'ns1', 'edge', 'a.b'];
  const zones = internet.zones.filter((z) => internet.servers.some((s) => s.zones.includes(z.origin)));
  for (let i = 0; i < RANDOM_LOOKUPS; i++) {
    const zone = zones[next(zones.length)] as Internet['zones'][number];
    const server = internet.servers.find((s) => s.zones.includes(zone.origin) && s.down !== true);
    if (server === undefined) continue;
    const label = labels[next(labels.length)] as string;
    const name = zone.origin === '.' ? `${label}.` : `${label}.${zone.origin}`;
    out.push({ server: server.address, name, type: types[next(types.length)] as number });
  }
  return out;
}

/** dig in batch mode: one line per lookup, each output starting with dig's banner. */
function digBatch(batch: readonly string[], file: string): string[] {
  writeFileSync(join(dir, file), batch.join('\n'));
  const out = execFileSync('dig', ['+tries=1', '+time=3', '-f', join(dir, file)], { timeout: 60_000 }).toString();
  return out.split(/^(?=; <<>> DiG )/m).filter((block) => block.startsWith('; <<>> DiG '));
}

const sections = (m: Message) => ({
  rcode: m.rcode,
  flags: { ...m.flags, z: false },
  questions: m.questions,
  answers: m.answers.map(formatRecord),
  authorities: m.authorities.map(formatRecord),
  additionals: m.additionals.filter((r) => r.type !== 41).map(formatRecord),
  edns:
    m.edns === undefined
      ? undefined
      : { version: m.edns.version, dnssecOk: m.edns.dnssecOk, udp: m.edns.udpPayloadSize, flags: m.edns.flags },
  optLast: m.additionals.findIndex((r) => r.type === 41) === (m.edns === undefined ? -1 : m.additionals.length - 1),
});

describe('parseDigText against dig 9.18 and Knot DNS 3.2', () => {
  test('every reply dig prints parses to what we decode from the same reply’s bytes', async () => {
    const all = lookups();
    const outputs = digBatch(
      all.map((l, i) => `@${l.server} ${l.name} ${typeName(l.type)} +nocookie${i % 5 === 0 ? ' +dnssec' : ''}`),
      'replies.txt',
    );
    expect(outputs.length).toBe(all.length);
    const problems: string[] = [];
    for (const [i, l] of all.entries()) {
      const label = `${l.name} ${typeName(l.type)} @${l.server}`;
      const text = outputs[i] as string;
      const parsed = parseDigText(text);
      if (!parsed.ok) {
        problems.push(`${label}: ${parsed.error.message}\n${text}`);
        continue;
      }
      const digged = parsed.value[0] as DigMessage;
      const query = encodeQuery({ id: digged.message.id, name: l.name, type: l.type, rd: true, dnssecOk: i % 5 === 0 });
      if (!query.ok) throw new Error(query.error.message);
      const bytes = await udpQuery(l.server, 53, query.value);
      const decoded = bytes === undefined ? undefined : decodeMessage(bytes);
      if (bytes === undefined || decoded === undefined || !decoded.ok) {
        problems.push(`${label}: no decodable reply to our own query`);
        continue;
      }
      // dig sets AD in its queries and Knot echoes nothing of it on unsigned zones; the rest must match exactly.
      const ours = sections(decoded.value);
      const theirs = sections(digged.message);
      if (JSON.stringify(ours) !== JSON.stringify(theirs))
        problems.push(`${label}:\n  dig  ${JSON.stringify(theirs)}\n  ours ${JSON.stringify(ours)}\n${text}`);
      if (digged.size !== bytes.length) problems.push(`${label}: MSG SIZE ${digged.size} vs ${bytes.length} octets`);
      if (digged.direction !== 'received' || parsed.value.length !== 1) problems.push(`${label}: not one reply`);
    }
    if (problems.length > 0) failed = true;
    console.log(`dig text vs decoded bytes: ${all.length} replies compared, ${problems.length} disagreements`);
    expect(problems.slice(0, 5)).toEqual([]);
  }, 180_000);

  test('with +qr the query dig sent parses too (question, RD, AD, COOKIE), then the reply', () => {
    const some = lookups().slice(0, 40);
    const outputs = digBatch(
      some.map((l) => `@${l.server} ${l.name} ${typeName(l.type)} +qr`),
      'qr.txt',
    );
    expect(outputs.length).toBe(some.length);
    const problems: string[] = [];
    for (const [i, l] of some.entries()) {
      const parsed = parseDigText(outputs[i] as string);
      if (!parsed.ok) {
        problems.push(`${l.name}: ${parsed.error.message}`);
        continue;
      }
      const [sent, reply] = parsed.value;
      const q = sent?.message;
      if (
        parsed.value.length !== 2 ||
        sent?.direction !== 'sent' ||
        reply?.direction !== 'received' ||
        q === undefined ||
        q.flags.qr ||
        !q.flags.rd ||
        !q.flags.ad ||
        q.questions[0]?.name !== l.name ||
        q.questions[0]?.type !== l.type ||
        q.edns?.options[0]?.code !== 10 ||
        q.edns.options[0].data.length !== 8 ||
        sent.size === undefined ||
        reply.message.id !== q.id
      )
        problems.push(`${l.name} ${typeName(l.type)}: ${JSON.stringify(parsed.value.map((m) => m.message.flags))}`);
    }
    console.log(`dig +qr: ${some.length} query/reply pairs parsed`);
    expect(problems).toEqual([]);
  }, 180_000);
});
