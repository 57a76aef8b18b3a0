import { describe, expect, it } from 'vitest';
import {
  HAIRPIN_MODES,
  hairpinScenario,
  holePunchMatrix,
  holePunchScenario,
  holePunchWorks,
  PRESET_IDS,
  PRESETS,
  presetById,
  resumeSteps,
  runSteps,
  SCENARIO_IDS,
  type ScenarioStep,
  type StepRun,
  scenarioById,
  type Topology,
  validateTopology,
} from '../../../../src/lib/nat/index.ts';
import { configure } from '../../../../src/lib/nat-playground/view.ts';

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

describe('resumeSteps: carrying on from the previous packet equals a run from the start', () => {
  // Every built-in scenario with every NAT type and hairpin mode, plus a long one (replies, waits past the UDP
  // timeout, so mappings expire between the saved run and the next step), walked in a seeded random order of
  // packets: mostly forward (the resumed path), sometimes back or a jump (a fresh run).
  const long: ScenarioStep[] = [];
  for (let i = 0; i < 60; i++) {
    const sent = long.length;
    long.push({
      kind: 'send',
      from: i % 2 ? 'laptop' : 'phone',
      protocol: i % 3 ? 'udp' : 'tcp',
      srcPort: 50000 + (i % 5),
      to: { address: '198.51.100.10', port: 443 + (i % 4) },
      note: `flow ${i}`,
    });
    if (i % 7 === 3) long.push({ kind: 'wait', seconds: 90, note: 'wait' });
    if (i % 4 === 1) long.push({ kind: 'reply', to: sent, note: 'reply' });
  }
  const cases = [
    ...SCENARIO_IDS.flatMap((id) =>
      PRESET_IDS.flatMap((nat) =>
        HAIRPIN_MODES.map((hairpin) => ({ name: `${id} ${nat} ${hairpin}`, s: configure(id, nat, hairpin) })),
      ),
    ),
    { name: 'long browse', s: { ...scenarioById('browse'), steps: long } },
  ];
  it(`agrees on ${cases.length} scenarios, step by step`, () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    let compared = 0;
    for (const { name, s } of cases) {
      let run: StepRun | undefined;
      let count = 0;
      for (let k = 0; k < 2 * s.steps.length; k++) {
        const r = rnd();
        count = r < 0.8 ? count + 1 : r < 0.9 ? Math.max(0, count - 1) : Math.floor(rnd() * (s.steps.length + 1));
        count = Math.min(count, s.steps.length);
        const resumed = resumeSteps(run, s.topology, s.steps, count);
        const fresh = runSteps(s.topology, s.steps.slice(0, count));
        expect(resumed.results, `${name}, ${count} steps`).toEqual(fresh.results);
        expect(resumed.state, `${name}, ${count} steps`).toEqual(fresh.state);
        run = resumed;
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('does not carry on from another scenario, or from further along the same one', () => {
    const a = configure('browse', 'linux-masquerade', 'lan-source');
    const b = configure('game-server', 'linux-masquerade', 'lan-source');
    const runA = resumeSteps(undefined, a.topology, a.steps, a.steps.length);
    const onB = resumeSteps(runA, b.topology, b.steps, 2);
    expect(onB.results).toEqual(runSteps(b.topology, b.steps.slice(0, 2)).results);
    const back = resumeSteps(runA, a.topology, a.steps, 1);
    expect(back.results).toEqual(runSteps(a.topology, a.steps.slice(0, 1)).results);
    expect(resumeSteps(runA, a.topology, a.steps, 10_000).results).toHaveLength(a.steps.length);
    expect(resumeSteps(undefined, a.topology, a.steps, -3).results).toEqual([]);
  });
});
