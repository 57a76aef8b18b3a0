import { describe, expect, it } from 'vitest';
import {
  hairpinScenario,
  holePunchMatrix,
  holePunchScenario,
  holePunchWorks,
  PRESETS,
  presetById,
  runSteps,
  SCENARIO_IDS,
  scenarioById,
  type Topology,
  validateTopology,
} from '../../../../src/lib/nat/index.ts';

const outcomes = (id: (typeof SCENARIO_IDS)[number]) => {
  const s = scenarioById(id);
  return runSteps(s.topology, s.steps).results.map((r) =>
    r.walk ? (r.walk.outcome.delivered ? r.walk.outcome.host : r.walk.outcome.reason) : 'skipped',
  );
};

describe('built-in scenarios', () => {
  it.each(SCENARIO_IDS)('%s has a valid topology', (id) => {
    expect(validateTopology(scenarioById(id).topology)).toEqual({ ok: true, value: true });
  });
  it('browse: everything arrives', () => {
    expect(outcomes('browse')).toEqual(['web', 'laptop', 'web', 'web', 'phone', 'cdn', 'dns']);
  });
  it('game server: the forward works, other ports do not', () => {
    expect(outcomes('game-server')).toEqual(['server', 'friend', 'no-mapping']);
  });
  it('behind CGNAT the forward is unreachable and STUN’s endpoint is filtered', () => {
    expect(outcomes('game-server-cgnat')).toEqual(['no-mapping', 'stun', 'server', 'filtered']);
  });
  it('STUN sees the outermost translation', () => {
    const s = scenarioById('game-server-cgnat');
    const seen = runSteps(s.topology, s.steps).results[1]?.seen;
    expect(seen?.address).toBe('203.0.113.2');
  });
});

describe('hairpinning (RFC 4787 §6)', () => {
  const run = (mode: Parameters<typeof hairpinScenario>[0]) => {
    const s = hairpinScenario(mode);
    return runSteps(s.topology, s.steps).results.map((r) => r.walk?.outcome);
  };
  it('off: the router refuses', () => {
    expect(run('off')[0]).toMatchObject({ delivered: false, reason: 'hairpin-unsupported' });
  });
  it('dnat-only: the server answers from its private address and the client discards it', () => {
    const [a, b] = run('dnat-only');
    expect(a).toMatchObject({ delivered: true, host: 'nas', tuple: { src: { address: '192.168.1.10' } } });
    expect(b).toMatchObject({ delivered: false, reason: 'unexpected-source' });
  });
  it('lan-source: the server sees the router’s LAN address; the reply comes back from the public endpoint', () => {
    const [a, b] = run('lan-source');
    expect(a).toMatchObject({ delivered: true, tuple: { src: { address: '192.168.1.1' } } });
    expect(b).toMatchObject({
      delivered: true,
      host: 'laptop',
      tuple: { src: { address: '203.0.113.2', port: 8080 } },
    });
  });
  it('external-source: the server sees the client’s public address (REQ-9)', () => {
    const [a, b] = run('external-source');
    expect(a).toMatchObject({ delivered: true, tuple: { src: { address: '203.0.113.2' } } });
    expect(b).toMatchObject({ delivered: true, host: 'laptop' });
  });
});

describe('hole punching matrix', () => {
  const id = (x: string) => PRESETS.findIndex((p) => p.id === x);
  const m = holePunchMatrix(PRESETS.map((p) => p.behaviour));
  const works = (a: string, b: string) => m[id(a)]?.[id(b)];
  it.each([
    ['full-cone', 'symmetric', true],
    ['restricted-cone', 'symmetric', true],
    ['port-restricted-cone', 'symmetric', false],
    ['symmetric', 'symmetric', false],
    ['port-restricted-cone', 'port-restricted-cone', true],
    ['linux-masquerade', 'linux-masquerade', true],
    ['linux-masquerade-random', 'linux-masquerade', false],
    ['linux-masquerade', 'linux-masquerade-open-input', false],
    ['carrier-grade', 'linux-masquerade', true],
  ])('%s ↔ %s: %s', (a, b, expected) => {
    expect(works(a, b)).toBe(expected);
  });
  it('every cone pair succeeds', () => {
    for (const a of ['full-cone', 'restricted-cone', 'port-restricted-cone'])
      for (const b of ['full-cone', 'restricted-cone', 'port-restricted-cone']) expect(works(a, b)).toBe(true);
  });
  it('the open-input Linux router moves Bob’s flow to a random port when Alice’s first packet got there first', () => {
    const s = holePunchScenario(
      presetById('linux-masquerade').behaviour,
      presetById('linux-masquerade-open-input').behaviour,
    );
    const r = runSteps(s.topology, s.steps).results;
    expect(holePunchWorks(r)).toBe(false);
    const bobOut = r[5]?.walk?.hops[0]?.verdict;
    expect(bobOut).toMatchObject({ action: 'translated', portChoice: { how: 'searched' } });
  });
});

describe('validateTopology (untrusted input)', () => {
  const base = scenarioById('browse').topology;
  const bad = (t: Topology) => {
    const r = validateTopology(t);
    return r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`;
  };
  it('quotes bad addresses', () => {
    expect(bad({ ...base, hosts: [{ id: 'x', label: 'x', segment: 'lan', address: '192.168.1.300' }] })).toMatch(
      /^bad-address: Host 'x' has address '192.168.1.300'/,
    );
    expect(bad({ ...base, hosts: [{ id: 'x', label: 'x', segment: 'lan', address: '10.0.0.1' }] })).toMatch(
      /outside its segment lan/,
    );
    expect(bad({ ...base, hosts: [{ id: 'x', label: 'x', segment: 'mars', address: '10.0.0.1' }] })).toMatch(
      /^unknown-node/,
    );
  });
  it('rejects duplicates, huge lists and bad port ranges', () => {
    const h = { id: 'x', label: 'x', segment: 'lan', address: '192.168.1.50' };
    expect(bad({ ...base, hosts: [h, { ...h, id: 'y' }] })).toMatch(/^duplicate-address/);
    expect(bad({ ...base, hosts: Array.from({ length: 100 }, (_, i) => ({ ...h, id: `h${i}` })) })).toMatch(
      /^too-many/,
    );
    const r = base.routers[0];
    if (!r) throw new Error('fixture');
    expect(
      bad({
        ...base,
        routers: [
          {
            ...r,
            forwards: [{ protocol: 'tcp', externalPorts: { min: 9, max: 70000 }, internalAddress: '192.168.1.10' }],
          },
        ],
      }),
    ).toMatch(/^bad-range/);
  });
});
