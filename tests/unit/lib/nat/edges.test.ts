/**
 * Edges of the packet walk, the topology check and the index that the scenario and property tests do not reach:
 * a packet for the router's own LAN address, a one-line account of each kind of hop, topologies over each bound, and
 * the index rebuilt once a table's lineage has piled up entries.
 */
import { describe, expect, it } from 'vitest';
import {
  describeHop,
  emptyTable,
  initialState,
  type NatBox,
  presetById,
  scenarioById,
  sendPacket,
  TOPOLOGY_LIMITS,
  type Topology,
  translate,
  validateTopology,
} from '../../../../src/lib/nat/index.ts';

const browse = scenarioById('browse').topology;

describe('the packet walk', () => {
  it('refuses a packet for the router itself (no-listener) and says so hop by hop', () => {
    const r = sendPacket(browse, initialState(browse), 'laptop', {
      tuple: {
        protocol: 'udp',
        src: { address: '192.168.1.10', port: 5000 },
        dst: { address: '192.168.1.1', port: 53 },
      },
    });
    expect(r.walk.outcome).toEqual({ delivered: false, at: 'router', reason: 'no-listener' });
    expect(describeHop(r.walk.hops[0] as never)).toBe('on lan: udp 192.168.1.10:5000 → 192.168.1.1:53');
  });

  it('describes a translation and a drop', () => {
    const out = sendPacket(browse, initialState(browse), 'laptop', {
      tuple: {
        protocol: 'tcp',
        src: { address: '192.168.1.10', port: 5000 },
        dst: { address: '198.51.100.10', port: 443 },
      },
      flag: 'SYN',
    });
    expect(out.walk.hops.map(describeHop)).toEqual([
      'router rewrote tcp 192.168.1.10:5000 → 198.51.100.10:443 to tcp 203.0.113.2:5000 → 198.51.100.10:443 (session 1 created)',
      'on internet: tcp 203.0.113.2:5000 → 198.51.100.10:443',
    ]);
    const dropped = sendPacket(browse, out.state, 'web', {
      tuple: { protocol: 'udp', src: { address: '198.51.100.10', port: 1 }, dst: { address: '203.0.113.2', port: 9 } },
    });
    expect(describeHop(dropped.walk.hops[0] as never)).toBe(
      'router dropped udp 198.51.100.10:1 → 203.0.113.2:9 (no-mapping)',
    );
  });

  it('an unknown sender is a no-route drop', () => {
    expect(sendPacket(browse, initialState(browse), 'nobody', scenarioPacket()).walk.outcome).toEqual({
      delivered: false,
      at: 'nobody',
      reason: 'no-route',
    });
  });
});

function scenarioPacket() {
  return {
    tuple: {
      protocol: 'udp' as const,
      src: { address: '192.168.1.10', port: 1 },
      dst: { address: '198.51.100.10', port: 2 },
    },
  };
}

describe('validateTopology bounds', () => {
  const many = <T>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));
  it.each([
    [
      'segments',
      {
        ...browse,
        segments: many(TOPOLOGY_LIMITS.segments + 1, (i) => ({ id: `s${i}`, label: '', network: '10.0.0.0/8' })),
      },
      '9 segments; at most 8',
    ],
    [
      'hosts',
      {
        ...browse,
        hosts: many(TOPOLOGY_LIMITS.hosts + 1, (i) => ({
          id: `h${i}`,
          label: '',
          segment: 'lan',
          address: `192.168.1.${i + 2}`,
        })),
      },
      '25 hosts; at most 24',
    ],
    [
      'routers',
      { ...browse, routers: many(TOPOLOGY_LIMITS.routers + 1, () => browse.routers[0] as Topology['routers'][number]) },
      '7 routers; at most 6',
    ],
    [
      'a network with host bits',
      { ...browse, segments: [{ id: 'lan', label: '', network: '192.168.1.1/24' }] },
      "Segment 'lan' has network '192.168.1.1/24': write it as a.b.c.d/n with host bits zero",
    ],
  ] as const)('refuses too many %s', (_what, topology, message) => {
    const r = validateTopology(topology as Topology);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe(message);
  });

  it('refuses too many forwards on one router', () => {
    const router = browse.routers[0] as Topology['routers'][number];
    const forwards = many(TOPOLOGY_LIMITS.forwards + 1, (i) => ({
      protocol: 'udp' as const,
      externalPorts: { min: 1000 + i, max: 1000 + i },
      internalAddress: '192.168.1.10',
    }));
    const r = validateTopology({ ...browse, routers: [{ ...router, forwards }] });
    expect(r).toMatchObject({ ok: false, error: { code: 'too-many' } });
  });
});

describe('the index of a long-lived table', () => {
  it('is rebuilt when branches have piled up entries, and still finds every session', () => {
    const box: NatBox = {
      behaviour: presetById('linux-masquerade').behaviour,
      wanAddress: '203.0.113.2',
      lanAddress: '192.168.1.1',
      forwards: [],
    };
    const root = translate(box, emptyTable(), outbound(1), 'lan', 0).table;
    // 400 one-session branches of one table: the shared index holds far more entries than any one table has sessions.
    for (let i = 0; i < 400; i++) translate(box, root, outbound(1000 + i), 'lan', 0);
    const next = translate(box, root, outbound(2), 'lan', 0).table;
    expect(next.sessions).toHaveLength(2);
    const again = translate(box, next, outbound(2), 'lan', 0);
    expect(again.verdict).toMatchObject({ action: 'translated', table: 'refreshed' });
  });
});

function outbound(port: number) {
  return {
    tuple: {
      protocol: 'udp' as const,
      src: { address: '192.168.1.10', port },
      dst: { address: '198.51.100.10', port: 53 },
    },
  };
}
