import { describe, expect, it } from 'vitest';
import {
  allocatePort,
  emptyTable,
  linuxPortClass,
  type NatBehaviour,
  type NatBox,
  type NatTable,
  type NatVerdict,
  nextTcpState,
  type Packet,
  type Protocol,
  presetById,
  translate,
} from '../../../../src/lib/nat/index.ts';

const WAN = '203.0.113.2';
const box = (behaviour: NatBehaviour, forwards: NatBox['forwards'] = []): NatBox => ({
  behaviour,
  wanAddress: WAN,
  lanAddress: '192.168.1.1',
  forwards,
});
const linux = box(presetById('linux-masquerade').behaviour);
const pkt = (
  protocol: Protocol,
  src: string,
  sport: number,
  dst: string,
  dport: number,
  flag?: Packet['flag'],
): Packet => ({
  tuple: { protocol, src: { address: src, port: sport }, dst: { address: dst, port: dport } },
  ...(flag ? { flag } : {}),
});

/** Runs packets through one box; returns the verdicts and the final table. */
function run(b: NatBox, packets: readonly [Packet, 'lan' | 'wan', number?][], table: NatTable = emptyTable(7)) {
  const verdicts: NatVerdict[] = [];
  let t = table;
  for (const [p, side, now] of packets) {
    const step = translate(b, t, p, side, now ?? 0);
    t = step.table;
    verdicts.push(step.verdict);
  }
  return { verdicts, table: t };
}
const extPort = (v: NatVerdict | undefined) => (v?.action === 'translated' ? v.after.src.port : undefined);

describe('Linux masquerade port choice (nf_nat_core.c get_unique_tuple)', () => {
  it('keeps the source port when the reply tuple is free', () => {
    const { verdicts } = run(linux, [[pkt('udp', '192.168.1.10', 40000, '198.51.100.1', 53), 'lan']]);
    expect(verdicts[0]).toMatchObject({
      action: 'translated',
      after: { src: { address: WAN, port: 40000 } },
      portChoice: { how: 'preserved' },
    });
  });

  it('lets two LAN hosts share one external port while their remote endpoints differ', () => {
    const { verdicts } = run(linux, [
      [pkt('udp', '192.168.1.10', 40000, '198.51.100.1', 53), 'lan'],
      [pkt('udp', '192.168.1.11', 40000, '198.51.100.2', 53), 'lan'],
    ]);
    expect(verdicts.map(extPort)).toEqual([40000, 40000]);
  });

  it('searches the port class on a full reply-tuple clash', () => {
    const { verdicts } = run(linux, [
      [pkt('tcp', '192.168.1.10', 40000, '198.51.100.1', 443, 'SYN'), 'lan'],
      [pkt('tcp', '192.168.1.11', 40000, '198.51.100.1', 443, 'SYN'), 'lan'],
    ]);
    const p = extPort(verdicts[1]) ?? 0;
    expect(p).not.toBe(40000);
    expect(p).toBeGreaterThanOrEqual(1024);
    expect(verdicts[1]).toMatchObject({ portChoice: { how: 'searched', range: { min: 1024, max: 65535 } } });
  });

  it.each([
    [100, { min: 1, max: 511 }],
    [511, { min: 1, max: 511 }],
    [512, { min: 600, max: 1023 }],
    [700, { min: 600, max: 1023 }],
    [1023, { min: 600, max: 1023 }],
    [1024, { min: 1024, max: 65535 }],
  ])('port %i is searched within %o', (port, range) => {
    expect(linuxPortClass(port)).toEqual(range);
    const { verdicts } = run(linux, [
      [pkt('udp', '192.168.1.10', port, '198.51.100.1', 53), 'lan'],
      [pkt('udp', '192.168.1.11', port, '198.51.100.1', 53), 'lan'],
    ]);
    const p = extPort(verdicts[1]) ?? 0;
    expect(p).toBeGreaterThanOrEqual(range.min);
    expect(p).toBeLessThanOrEqual(range.max);
  });

  it('reuses the internal endpoint’s newest mapping for a new remote (endpoint-independent while free)', () => {
    const { verdicts } = run(linux, [
      [pkt('udp', '192.168.1.10', 40000, '198.51.100.1', 3478), 'lan'],
      [pkt('udp', '192.168.1.11', 40000, '198.51.100.1', 3478), 'lan'],
      [pkt('udp', '192.168.1.11', 40000, '198.51.100.9', 3478), 'lan'],
    ]);
    expect(extPort(verdicts[2])).toBe(extPort(verdicts[1]));
    expect(verdicts[2]).toMatchObject({ portChoice: { how: 'reused' } });
  });

  it('keeps ports separate per protocol', () => {
    const { verdicts } = run(linux, [
      [pkt('udp', '192.168.1.10', 40000, '198.51.100.1', 443), 'lan'],
      [pkt('tcp', '192.168.1.11', 40000, '198.51.100.1', 443, 'SYN'), 'lan'],
    ]);
    expect(verdicts.map(extPort)).toEqual([40000, 40000]);
  });

  it('with a one-port range drops what cannot be unique', () => {
    const b = box({ ...linux.behaviour, searchRange: { min: 2000, max: 2001 } });
    const { verdicts } = run(b, [
      [pkt('udp', '192.168.1.10', 40000, '198.51.100.1', 53), 'lan'],
      [pkt('udp', '192.168.1.11', 40000, '198.51.100.1', 53), 'lan'],
      [pkt('udp', '192.168.1.12', 40000, '198.51.100.1', 53), 'lan'],
    ]);
    expect(verdicts.slice(0, 2).map(extPort).sort()).toEqual([2000, 2001]);
    expect(verdicts[2]).toMatchObject({ action: 'dropped', reason: 'no-free-port' });
  });

  it('accepts a picker that stands in for the kernel’s random choice, but only offers free ports', () => {
    let table = emptyTable();
    table = translate(linux, table, pkt('udp', '192.168.1.10', 40000, '198.51.100.1', 53), 'lan', 0).table;
    const offered: boolean[] = [];
    const r = allocatePort(
      linux,
      table,
      'udp',
      { address: '192.168.1.11', port: 40000 },
      { address: '198.51.100.1', port: 53 },
      WAN,
      ({ isFree, range }) => {
        offered.push(isFree(40000), isFree(50000));
        expect(range).toEqual({ min: 1024, max: 65535 });
        return 50000;
      },
    );
    expect(offered).toEqual([false, true]);
    expect(r.port).toBe(50000);
  });
});

describe('filtering (RFC 4787 §5)', () => {
  const opened = (b: NatBox, from: [string, number]) => {
    const first = run(b, [[pkt('udp', '192.168.1.10', 5000, '198.51.100.1', 3478), 'lan']]);
    const port = extPort(first.verdicts[0]) ?? 0;
    return run(b, [[pkt('udp', from[0], from[1], WAN, port), 'wan']], first.table).verdicts[0];
  };
  it.each([
    ['full-cone', true, true, true],
    ['restricted-cone', true, true, false],
    ['port-restricted-cone', true, false, false],
    ['symmetric', true, false, false],
    ['linux-masquerade', true, false, false],
  ] as const)(
    '%s lets in: same endpoint %s, same address other port %s, other address %s',
    (id, same, samePort, other) => {
      const b = box(presetById(id).behaviour);
      expect(opened(b, ['198.51.100.1', 3478])?.action === 'translated').toBe(same);
      expect(opened(b, ['198.51.100.1', 9999])?.action === 'translated').toBe(samePort);
      expect(opened(b, ['198.51.100.77', 3478])?.action === 'translated').toBe(other);
    },
  );

  it('tells "no mapping" from "filtered" from "expired"', () => {
    const b = box(presetById('port-restricted-cone').behaviour);
    const r = run(b, [
      [pkt('udp', '198.51.100.1', 3478, WAN, 5000), 'wan', 0],
      [pkt('udp', '192.168.1.10', 5000, '198.51.100.1', 3478), 'lan', 0],
      [pkt('udp', '198.51.100.2', 3478, WAN, 1024), 'wan', 1],
      [pkt('udp', '198.51.100.1', 3478, WAN, 1024), 'wan', 10_000],
    ]);
    expect(r.verdicts.map((v) => (v.action === 'dropped' ? v.reason : v.action))).toEqual([
      'no-mapping',
      'translated',
      'filtered',
      'expired',
    ]);
  });
});

describe('mapping (RFC 4787 §4.1)', () => {
  const ports = (id: Parameters<typeof presetById>[0]) =>
    run(box(presetById(id).behaviour), [
      [pkt('udp', '192.168.1.10', 5000, '198.51.100.1', 3478), 'lan'],
      [pkt('udp', '192.168.1.10', 5000, '198.51.100.1', 3479), 'lan'],
      [pkt('udp', '192.168.1.10', 5000, '198.51.100.2', 3478), 'lan'],
    ]).verdicts.map(extPort);
  it('endpoint-independent: one external port for every remote', () => {
    const [a, b, c] = ports('full-cone');
    expect(new Set([a, b, c]).size).toBe(1);
  });
  it('address-and-port-dependent: a new port per remote endpoint', () => {
    const [a, b, c] = ports('symmetric');
    expect(new Set([a, b, c]).size).toBe(3);
  });
  it('address-dependent: same port for the same remote address', () => {
    const [a, b, c] = run(box({ ...presetById('full-cone').behaviour, mapping: 'address-dependent' }), [
      [pkt('udp', '192.168.1.10', 5000, '198.51.100.1', 3478), 'lan'],
      [pkt('udp', '192.168.1.10', 5000, '198.51.100.1', 3479), 'lan'],
      [pkt('udp', '192.168.1.10', 5000, '198.51.100.2', 3478), 'lan'],
    ]).verdicts.map(extPort);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });
  it('fully-random never preserves or reuses', () => {
    const [a, b, c] = ports('linux-masquerade-random');
    expect(new Set([a, b, c, 5000]).size).toBe(4);
  });
});

describe('timers', () => {
  const b = linux;
  const out = pkt('udp', '192.168.1.10', 5000, '198.51.100.1', 3478);
  const back = pkt('udp', '198.51.100.1', 3478, WAN, 5000);
  it('Linux UDP: 30 s unreplied, 120 s once a stream (reply seen, older than 2 s)', () => {
    const r = run(b, [
      [out, 'lan', 0],
      [back, 'wan', 1],
      [out, 'lan', 3],
    ]);
    const s = r.table.sessions[0];
    expect(s?.state).toBe('ASSURED');
    expect(s?.expiresAt).toBe(123);
    const once = run(b, [[out, 'lan', 0]]);
    expect(once.table.sessions[0]?.expiresAt).toBe(30);
    expect(run(b, [[back, 'wan', 29.9]], once.table).verdicts[0]?.action).toBe('translated');
    expect(run(b, [[back, 'wan', 30]], once.table).verdicts[0]).toMatchObject({ action: 'dropped', reason: 'expired' });
  });
  it('inbound refresh can be off (RFC 4787 REQ-6 only requires outbound refresh)', () => {
    const rfc = box(presetById('port-restricted-cone').behaviour);
    const r = run(rfc, [
      [out, 'lan', 0],
      [{ tuple: { ...back.tuple, dst: { address: WAN, port: 1024 } } }, 'wan', 100],
    ]);
    expect(r.verdicts[1]).toMatchObject({ action: 'translated', table: 'matched' });
    expect(r.table.sessions[0]?.expiresAt).toBe(300);
  });
  it('TCP walks SYN_SENT → SYN_RECV → ESTABLISHED → FIN_WAIT → LAST_ACK → TIME_WAIT', () => {
    const seq: [Parameters<typeof nextTcpState>[1], 'original' | 'reply'][] = [
      ['SYN-ACK', 'reply'],
      ['ACK', 'original'],
      ['FIN', 'original'],
      ['FIN', 'reply'],
      ['ACK', 'original'],
    ];
    let s: { state: Parameters<typeof nextTcpState>[0]; finFrom?: 'original' | 'reply' } = { state: 'SYN_SENT' };
    const states = seq.map(([flag, dir]) => {
      s = nextTcpState(s.state, flag, dir, s.finFrom);
      return s.state;
    });
    expect(states).toEqual(['SYN_RECV', 'ESTABLISHED', 'FIN_WAIT', 'LAST_ACK', 'TIME_WAIT']);
    expect(nextTcpState('ESTABLISHED', 'RST', 'reply', undefined).state).toBe('CLOSE');
  });
});

describe('port forwarding (DNAT)', () => {
  const b = box(linux.behaviour, [
    { protocol: 'tcp', externalPorts: { min: 8000, max: 8010 }, internalAddress: '192.168.1.20', internalPort: 80 },
  ]);
  it('keeps the offset inside a range and answers from the public endpoint', () => {
    const r = run(b, [
      [pkt('tcp', '198.51.100.7', 40000, WAN, 8003, 'SYN'), 'wan'],
      [pkt('tcp', '192.168.1.20', 83, '198.51.100.7', 40000, 'SYN-ACK'), 'lan'],
    ]);
    expect(r.verdicts[0]).toMatchObject({
      action: 'translated',
      after: { dst: { address: '192.168.1.20', port: 83 } },
    });
    expect(r.verdicts[1]).toMatchObject({ action: 'translated', after: { src: { address: WAN, port: 8003 } } });
  });
  it('does not forward the other protocol', () => {
    const r = run(b, [[pkt('udp', '198.51.100.7', 40000, WAN, 8003), 'wan']]);
    expect(r.verdicts[0]).toMatchObject({ action: 'dropped', reason: 'no-mapping' });
  });
});
