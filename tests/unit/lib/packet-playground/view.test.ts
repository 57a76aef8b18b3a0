import { describe, expect, it } from 'vitest';
import {
  decodeFrame,
  dnsScenario,
  httpScenario,
  pingScenario,
  toHex,
  writePcap,
} from '../../../../src/lib/packet/index.ts';
import {
  byteOwners,
  fieldBytes,
  hexRows,
  loadFrames,
  MAX_PAYLOAD,
  PLAYGROUND_SCENARIOS,
  repairChecksums,
  scenarioPackets,
  setField,
  setPayload,
} from '../../../../src/lib/packet-playground/index.ts';

const syn = httpScenario().packets[0]?.frame ?? new Uint8Array(0);
const field = (frame: Uint8Array, key: string) => {
  const f = decodeFrame(frame).fields.find((x) => x.key === key);
  if (!f) throw new Error(`no ${key}`);
  return f;
};

describe('packet playground view model', () => {
  it('gives each byte its narrowest field and layer, in rows of 16 with ASCII', () => {
    const d = decodeFrame(syn);
    const owners = byteOwners(d, syn.length);
    expect(d.fields[owners[23] ?? -1]?.key).toBe('ip.proto');
    expect(d.fields[owners[47] ?? -1]?.key).toBe('tcp.flags.cwr'); // eight 1-bit flags share the byte: the first names it
    const rows = hexRows(syn, d);
    expect(rows[0]?.offset).toBe('0000');
    expect(rows[0]?.cells).toHaveLength(16);
    expect(
      rows
        .flatMap((r) => r.cells)
        .map((c) => c.hex)
        .join(''),
    ).toBe(toHex(syn));
    expect(rows[0]?.cells[12]).toMatchObject({ hex: '08', ascii: '.', layer: 0 });
    expect(rows[2]?.cells[2]?.layer).toBe(2);
    const get = httpScenario().packets[3]?.frame ?? new Uint8Array(0);
    expect(
      hexRows(get, decodeFrame(get))
        .at(-2)
        ?.cells.map((c) => c.ascii)
        .join(''),
    ).toMatch(/[ -~]/);
    expect(fieldBytes(field(syn, 'ip.src'))).toEqual([26, 30]);
  });
  it('edits numbers and addresses and repairs the checksums', () => {
    const ttl = setField(syn, field(syn, 'ip.ttl'), '7');
    if (!ttl.ok) throw new Error(ttl.error.message);
    expect(decodeFrame(ttl.value).problems).toEqual([]);
    expect(field(ttl.value, 'ip.ttl').value).toBe(7);
    const flag = setField(syn, field(syn, 'tcp.flags.fin'), '1');
    expect(flag.ok && decodeFrame(flag.value).layers[2]?.summary).toContain('SYN, FIN');
    const src = setField(syn, field(syn, 'ip.src'), '10.9.8.7');
    expect(src.ok && decodeFrame(src.value).problems).toEqual([]);
    const mac = setField(syn, field(syn, 'eth.src'), '02:aa:bb:cc:dd:ee');
    expect(mac.ok && field(mac.value, 'eth.src').value).toBe('02:aa:bb:cc:dd:ee');
    const v6 = httpScenario({ version: 6 }).packets[0]?.frame ?? new Uint8Array(0);
    const dst6 = setField(v6, field(v6, 'ipv6.dst'), '2001:db8::99');
    expect(dst6.ok && decodeFrame(dst6.value).problems).toEqual([]);
    const sum = setField(syn, field(syn, 'tcp.checksum'), '0x1234');
    expect(sum.ok && decodeFrame(sum.value).problems.map((p) => p.code)).toEqual(['bad-checksum']);
  });
  it('rejects values that do not fit, quoting them', () => {
    expect(setField(syn, field(syn, 'ip.ttl'), '256')).toMatchObject({
      ok: false,
      error: { code: 'bad-hex', offset: 22 },
    });
    const r = setField(syn, field(syn, 'ip.ttl'), 'abc');
    expect(!r.ok && r.error.message).toMatchInlineSnapshot(
      `"'abc' is not a number from 0 to 255 for Time to live (8 bits)"`,
    );
    expect(setField(syn, field(syn, 'ip.src'), '1.2.3')).toMatchObject({
      ok: false,
      error: { code: 'bad-address', offset: 26 },
    });
    const opts = decodeFrame(syn).fields.find((f) => f.name === 'Padding / trailer') ?? {
      ...field(syn, 'ip.src'),
      bitLength: 24,
    };
    expect(setField(syn, opts, 'x').ok).toBe(false);
    expect(setField(syn.subarray(0, 20), field(syn, 'ip.src'), '1.2.3.4')).toMatchObject({
      ok: false,
      error: { code: 'truncated' },
    });
  });
  it('repairs ICMP, ICMPv6 and UDP checksums', () => {
    for (const f of [...pingScenario(4).packets, ...pingScenario(6).packets, ...dnsScenario().packets].map(
      (p) => p.frame,
    )) {
      const broken = f.slice();
      broken[broken.length - 1] = (broken[broken.length - 1] ?? 0) ^ 0xff;
      expect(decodeFrame(broken).problems.length).toBeGreaterThan(0);
      expect(decodeFrame(repairChecksums(broken)).problems).toEqual([]);
    }
  });
  it('loads pasted hex or a pcap, with typed errors', () => {
    expect(loadFrames(toHex(syn, 0, syn.length, ' '))).toMatchObject({ ok: true });
    expect(loadFrames('zz')).toMatchObject({ ok: false, error: { code: 'bad-hex' } });
    const pcap = writePcap([{ timeMicros: 0, data: syn }]);
    const r = loadFrames(pcap);
    expect(r.ok && r.value.map((f) => toHex(f))).toEqual([toHex(syn)]);
    expect(loadFrames(writePcap([]))).toMatchObject({ ok: false, error: { code: 'empty' } });
    expect(loadFrames(new Uint8Array(3))).toMatchObject({ ok: false, error: { code: 'truncated' } });
  });
});

describe('playground scenarios', () => {
  it.each(PLAYGROUND_SCENARIOS.map((s) => s.id))('%s builds frames that decode without problems', (id) => {
    const packets = scenarioPackets(id);
    expect(packets.length).toBeGreaterThanOrEqual(2);
    for (const p of packets) expect(decodeFrame(p.frame).problems).toEqual([]);
  });
  it('falls back to the HTTP journey', () => {
    expect(scenarioPackets('nope').length).toBe(httpScenario().packets.length);
  });
});

describe('setPayload', () => {
  const text = (s: string) => new TextEncoder().encode(s);
  it.each([
    ['HTTP GET over IPv4', httpScenario().packets[3]?.frame],
    ['HTTP GET over IPv6', httpScenario({ version: 6 }).packets[3]?.frame],
    ['DNS over UDP', dnsScenario().packets[0]?.frame],
    ['ping', pingScenario(4).packets[0]?.frame],
    ['ping over IPv6', pingScenario(6).packets[0]?.frame],
  ])('%s: lengths and checksums follow the new payload', (_name, frame) => {
    const r = setPayload(frame ?? new Uint8Array(0), text('GET /other HTTP/1.1\r\nHost: example.org\r\n\r\n'));
    if (!r.ok) throw new Error(r.error.message);
    const d = decodeFrame(r.value);
    expect(d.problems).toEqual([]);
    expect(d.layers.at(-1)?.length).toBe(42);
  });
  it('refuses ARP, fragments and oversized payloads', () => {
    expect(setPayload(scenarioPackets('arp')[0]?.frame ?? new Uint8Array(0), text('x')).ok).toBe(false);
    expect(setPayload(scenarioPackets('fragments')[0]?.frame ?? new Uint8Array(0), text('x')).ok).toBe(false);
    expect(setPayload(syn, new Uint8Array(MAX_PAYLOAD + 1))).toMatchObject({ ok: false, error: { code: 'too-large' } });
  });
});
