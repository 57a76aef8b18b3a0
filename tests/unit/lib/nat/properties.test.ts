import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  emptyTable,
  type NatBox,
  type NatTable,
  type Packet,
  PRESETS,
  RFC_TIMEOUTS,
  sessionView,
  translate,
  tuplesEqual,
} from '../../../../src/lib/nat/index.ts';

const WAN = '203.0.113.2';
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 200);

/** Random traffic: outbound flows from 4 hosts × 4 ports to 4 remotes × 3 ports, inbound probes, clock steps. */
const event = fc.oneof(
  fc.record({
    kind: fc.constant('out' as const),
    protocol: fc.constantFrom('udp' as const, 'tcp' as const),
    host: fc.integer({ min: 10, max: 13 }),
    port: fc.constantFrom(80, 700, 5000, 40000),
    remote: fc.integer({ min: 1, max: 4 }),
    rport: fc.constantFrom(53, 443, 3478),
  }),
  fc.record({
    kind: fc.constant('in' as const),
    protocol: fc.constantFrom('udp' as const, 'tcp' as const),
    remote: fc.integer({ min: 1, max: 4 }),
    rport: fc.constantFrom(53, 443, 3478),
    port: fc.constantFrom(80, 700, 1024, 1025, 5000, 40000),
  }),
  fc.record({ kind: fc.constant('wait' as const), seconds: fc.integer({ min: 0, max: 400 }) }),
);

type Ev = typeof event extends fc.Arbitrary<infer T> ? T : never;

function simulate(box: NatBox, events: readonly Ev[]) {
  let table: NatTable = emptyTable(3);
  let now = 0;
  const outcomes: { packet: Packet; action: string; extPort?: number; inbound: boolean }[] = [];
  for (const e of events) {
    if (e.kind === 'wait') {
      now += e.seconds;
      continue;
    }
    const packet: Packet =
      e.kind === 'out'
        ? {
            tuple: {
              protocol: e.protocol,
              src: { address: `192.168.1.${e.host}`, port: e.port },
              dst: { address: `198.51.100.${e.remote}`, port: e.rport },
            },
            flag: 'SYN',
          }
        : {
            tuple: {
              protocol: e.protocol,
              src: { address: `198.51.100.${e.remote}`, port: e.rport },
              dst: { address: WAN, port: e.port },
            },
            flag: 'SYN',
          };
    const step = translate(box, table, packet, e.kind === 'out' ? 'lan' : 'wan', now);
    table = step.table;
    const v = step.verdict;
    outcomes.push({
      packet,
      action: v.action,
      inbound: e.kind === 'in',
      ...(v.action === 'translated' && e.kind === 'out' ? { extPort: v.after.src.port } : {}),
    });
  }
  return { table, now, outcomes };
}

describe.each(PRESETS.map((p) => [p.id, p] as const))('%s: invariants over random traffic', (_id, preset) => {
  const box: NatBox = { behaviour: preset.behaviour, wanAddress: WAN, lanAddress: '192.168.1.1', forwards: [] };

  it('never gives two live sessions the same original or reply tuple (conntrack uniqueness)', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        const { table, now } = simulate(box, events);
        const live = table.sessions.filter((s) => s.expiresAt > now);
        const all = live.flatMap((s) => [s.original, s.reply]);
        for (let i = 0; i < all.length; i++)
          for (let j = i + 1; j < all.length; j++) expect(tuplesEqual(all[i] as never, all[j] as never)).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it('translates outbound packets to the WAN address and never throws', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        const { outcomes } = simulate(box, events);
        for (const o of outcomes) if (!o.inbound && o.action === 'translated') expect(o.extPort).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });

  if (preset.behaviour.portSharing === 'never') {
    it('gives each external endpoint to one internal endpoint only (no port overloading, RFC 4787 §4.2.1)', () => {
      fc.assert(
        fc.property(fc.array(event, { maxLength: 60 }), (events) => {
          const { table, now } = simulate(box, events);
          const owner = new Map<string, string>();
          for (const s of table.sessions.filter((x) => x.expiresAt > now)) {
            const v = sessionView(s);
            const key = `${s.original.protocol} ${v.external.address}:${v.external.port}`;
            const who = `${v.internal.address}:${v.internal.port}`;
            expect(owner.get(key) ?? who).toBe(who);
            owner.set(key, who);
          }
        }),
        { numRuns: RUNS },
      );
    });
  }

  if (preset.behaviour.mapping === 'endpoint-independent' && preset.behaviour.portSharing === 'never') {
    it('maps an internal endpoint to one external endpoint whatever the remote (EIM, RFC 4787 REQ-1)', () => {
      fc.assert(
        fc.property(fc.array(event, { maxLength: 60 }), (events) => {
          const { table, now } = simulate(box, events);
          const ext = new Map<string, string>();
          for (const s of table.sessions.filter((x) => x.expiresAt > now)) {
            const v = sessionView(s);
            const key = `${s.original.protocol} ${v.internal.address}:${v.internal.port}`;
            const e = `${v.external.port}`;
            expect(ext.get(key) ?? e).toBe(e);
            ext.set(key, e);
          }
        }),
        { numRuns: RUNS },
      );
    });
  }

  if (preset.id !== 'linux-masquerade' && !preset.id.startsWith('linux')) {
    it('meets the RFC timer floors (UDP ≥ 2 min, TCP established ≥ 2 h 4 min, transitory ≥ 4 min)', () => {
      const t = preset.behaviour.timeouts;
      expect(t.udpUnreplied).toBeGreaterThanOrEqual(120);
      expect(t.udpStream).toBeGreaterThanOrEqual(120);
      expect(t.tcpEstablished).toBeGreaterThanOrEqual(7440);
      for (const k of [
        'tcpSynSent',
        'tcpSynRecv',
        'tcpFinWait',
        'tcpCloseWait',
        'tcpLastAck',
        'tcpTimeWait',
      ] as const) {
        expect(t[k]).toBeGreaterThanOrEqual(240);
      }
    });
  }

  it('filters inbound packets exactly as its filtering behaviour defines (RFC 4787 §5)', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        let table: NatTable = emptyTable(5);
        let now = 0;
        for (const e of events) {
          if (e.kind === 'wait') {
            now += e.seconds;
            continue;
          }
          const before = table;
          const packet: Packet =
            e.kind === 'out'
              ? {
                  tuple: {
                    protocol: e.protocol,
                    src: { address: `192.168.1.${e.host}`, port: e.port },
                    dst: { address: `198.51.100.${e.remote}`, port: e.rport },
                  },
                  flag: 'SYN',
                }
              : {
                  tuple: {
                    protocol: e.protocol,
                    src: { address: `198.51.100.${e.remote}`, port: e.rport },
                    dst: { address: WAN, port: e.port },
                  },
                  flag: 'SYN',
                };
          const step = translate(box, table, packet, e.kind === 'out' ? 'lan' : 'wan', now);
          table = step.table;
          if (e.kind !== 'in') continue;
          // The definition: which live mappings (external endpoint = destination) have talked to this source?
          const live = before.sessions.filter(
            (s) =>
              s.expiresAt > now && s.kind !== 'refused' && s.kind !== 'forward' && s.original.protocol === e.protocol,
          );
          const views = live.map(sessionView).filter((v) => v.external.port === e.port);
          const src = packet.tuple.src;
          const allowed =
            views.length > 0 &&
            views.some((v) =>
              preset.behaviour.filtering === 'endpoint-independent'
                ? true
                : preset.behaviour.filtering === 'address-dependent'
                  ? v.remote.address === src.address
                  : v.remote.address === src.address && v.remote.port === src.port,
            );
          expect(step.verdict.action === 'translated').toBe(allowed);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('RFC floors are the RFC’s numbers', () => {
  it('RFC_TIMEOUTS', () => {
    expect(RFC_TIMEOUTS.tcpEstablished).toBe(2 * 3600 + 4 * 60);
    expect(RFC_TIMEOUTS.udpUnreplied).toBe(5 * 60);
  });
});
