import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { presetById, runSteps, type Tuple } from '../../../../../src/lib/nat/index.ts';
import { NAT_CODEC } from '../../../../../src/lib/nat-playground/index.ts';
import { buildView, configure } from '../../../../../src/lib/nat-playground/view.ts';
import {
  NAT_TRANSLATION,
  type NatProblem,
  natProblem,
  solveNat,
} from '../../../../../src/lib/practice/families/nat-translation.ts';
import type { Difficulty, Exercise } from '../../../../../src/lib/practice/types.ts';
import { contractTests, linkResolves, mistakeOf, SEEDS, SWEEP_TIMEOUT_MS, sweep } from './support.ts';

const same = (a: { address: string; port: number }, b: { address: string; port: number }) =>
  a.address === b.address && a.port === b.port;

/**
 * RFC 4787 §5 filtering, written from the RFC's definitions: an inbound packet at router R (tuple as it arrives from
 * the internet) is let in when a forwarding rule covers its port, or when some earlier outbound flow left R from the
 * endpoint it is addressed to and the filter admits its sender — any sender (endpoint-independent), one the inside
 * host has sent to (address-dependent), or that exact address and port (address-and-port-dependent).
 */
function rfcAdmits(problem: NatProblem, outbound: readonly Tuple[], inbound: Tuple, forwards: boolean): boolean {
  if (forwards) return true;
  const filtering = presetById(problem.nat).behaviour.filtering;
  return outbound.some(
    (out) =>
      out.protocol === inbound.protocol &&
      same(out.src, inbound.dst) &&
      (filtering === 'endpoint-independent' ||
        (filtering === 'address-dependent' && out.dst.address === inbound.src.address) ||
        (filtering === 'address-and-port-dependent' && same(out.dst, inbound.src))),
  );
}

/** The outcome of the asked packet by the RFC filtering rule over the flows the earlier packets opened. */
function rfcDelivered(problem: NatProblem): boolean {
  const scenario = configure(problem.scenario, problem.nat, problem.hairpin);
  const { results } = runSteps(scenario.topology, scenario.steps.slice(0, problem.step));
  const outboundBy = new Map<string, Tuple[]>();
  let delivered = false;
  for (const [i, r] of results.entries()) {
    const hops = r.walk?.hops ?? [];
    let admittedAll = true;
    for (const [h, hop] of hops.entries()) {
      const router = scenario.topology.routers.find((x) => x.id === hop.router);
      if (router === undefined) continue;
      if (hop.segment === router.lanSegment) {
        // Outbound: record the flow as it leaves (the next leg's tuple), if it did.
        const next = hops[h + 1];
        if (next !== undefined) outboundBy.set(router.id, [...(outboundBy.get(router.id) ?? []), next.tuple]);
      } else {
        const forwards = router.forwards.some(
          (f) =>
            f.protocol === hop.tuple.protocol &&
            hop.tuple.dst.port >= f.externalPorts.min &&
            hop.tuple.dst.port <= f.externalPorts.max,
        );
        const ok = rfcAdmits(problem, outboundBy.get(router.id) ?? [], hop.tuple, forwards);
        if (i === problem.step - 1) admittedAll &&= ok;
        else if (!ok && hops[h + 1] !== undefined) throw new Error(`earlier packet ${i + 1} admitted against the RFC`);
      }
    }
    if (i === problem.step - 1) delivered = admittedAll && r.walk?.outcome.delivered === true;
  }
  return delivered;
}

const isPrivate = (address: string) => ['private', 'carrierGradeNat'].includes(ipaddr.parse(address).range());

describe('nat-translation', () => {
  contractTests(NAT_TRANSLATION, 150);

  it(`agrees with the playground's view of its link and with RFC 4787 filtering over ${SEEDS} seeds`, {
    timeout: SWEEP_TIMEOUT_MS,
  }, () => {
    let filteringChecked = 0;
    for (const { seed, difficulty, ex } of sweep(NAT_TRANSLATION)) {
      const p = natProblem(seed, difficulty);
      const where = JSON.stringify({ seed, difficulty, p, answer: ex.answer });
      // The link: decode with the playground's codec and build its view, as the island does.
      const decoded = NAT_CODEC.decode((ex.playground?.href ?? '').split('?')[1] ?? '');
      expect(decoded.notices, where).toEqual([]);
      const parsed = NAT_CODEC.parse(decoded.state);
      if (!parsed.ok) throw new Error(where);
      const view = buildView(parsed.value);
      expect(view.delivered, where).toBe(ex.answer['outcome'] === 'delivered');
      expect(view.index + 1, where).toBe(p.step);
      const scenario = configure(p.scenario, p.nat, p.hairpin);
      const walk = runSteps(scenario.topology, scenario.steps.slice(0, p.step)).results[p.step - 1]?.walk;
      if (walk === undefined) throw new Error(where);
      const sender = scenario.topology.hosts.find((h) => h.id === walk.from);
      if (view.delivered) {
        const last = view.legs.at(-1);
        const [address, port] = (last?.src ?? '').split(':');
        expect(address, where).toBe(ex.answer['seenAddress']);
        const kept = Number(port) === walk.packet.tuple.src.port;
        expect(ex.answer['seenPort'], where).toBe(kept ? port : 'changed');
        // Independent properties: a private source never reaches the internet; inbound, the source is never rewritten
        // (except when hairpinning, where LAN meets LAN).
        const receiver = scenario.topology.hosts.find((h) => h.address === walk.packet.tuple.dst.address);
        const onInternet = (segment: string | undefined) => segment === 'internet';
        if (
          p.scenario !== 'hairpin' &&
          !onInternet(sender?.segment) &&
          (onInternet(receiver?.segment) || receiver === undefined)
        ) {
          expect(isPrivate(ex.answer['seenAddress'] ?? ''), where).toBe(false);
          expect(scenario.topology.routers.some((r) => r.wanAddress === ex.answer['seenAddress'])).toBe(true);
        }
        if (onInternet(sender?.segment) && p.scenario !== 'hairpin') {
          expect(ex.answer['seenAddress'], where).toBe(walk.packet.tuple.src.address);
          expect(ex.answer['seenPort'], where).toBe(String(walk.packet.tuple.src.port));
        }
      } else {
        expect(ex.answer['seenAddress'], where).toBe('');
        expect(ex.answer['seenPort'], where).toBe('');
      }
      if (
        p.scenario !== 'hairpin' &&
        p.scenario !== 'game-server-cgnat' &&
        !presetById(p.nat).behaviour.tracksRefused
      ) {
        expect(rfcDelivered(p), where).toBe(ex.answer['outcome'] === 'delivered');
        filteringChecked++;
      }
    }
    expect(filteringChecked).toBeGreaterThan(SEEDS / 2);
  });

  it('behind carrier-grade NAT, the friend cannot get in and STUN sees the ISP address', () => {
    const problem = (step: number): NatProblem => ({
      scenario: 'game-server-cgnat',
      nat: 'linux-masquerade',
      hairpin: 'lan-source',
      step,
    });
    expect(rfcDelivered({ ...problem(1), scenario: 'game-server' })).toBe(true); // the forward works without CGNAT
    const find = (step: number) => {
      for (let seed = 0; seed < 20_000; seed++) {
        const p = natProblem(seed, 3);
        if (p.scenario === 'game-server-cgnat' && p.nat === 'linux-masquerade' && p.step === step) {
          return NAT_TRANSLATION.generate(seed, 3);
        }
      }
      throw new Error(`no exercise for step ${step}`);
    };
    expect(find(1).answer['outcome']).toBe('dropped');
    expect(find(2).answer).toMatchObject({ outcome: 'delivered', seenAddress: '203.0.113.2' });
    expect(find(4).answer['outcome']).toBe('dropped');
    expect(problem(1).step).toBe(1);
  });

  it('accepts other notations', () => {
    const ex = find((p) => p.scenario === 'browse' && p.nat === 'linux-masquerade' && p.step === 1);
    expect(ex.answer).toEqual({ outcome: 'delivered', seenAddress: '203.0.113.2', seenPort: '50000' });
    for (const answers of [
      { outcome: 'Delivered', seenAddress: ' 203.0.113.2 ', seenPort: '50000 ' },
      { outcome: 'DELIVERED', seenAddress: '203.0.113.2', seenPort: '50000' },
    ]) {
      expect(NAT_TRANSLATION.check(ex, answers).correct, JSON.stringify(answers)).toBe(true);
    }
    const changed = find((p) => p.scenario === 'browse' && p.nat === 'symmetric' && p.step === 1);
    expect(changed.answer['seenPort']).toBe('changed');
    for (const seenPort of ['changed', 'Changed', 'random', 'new', '1024']) {
      expect(NAT_TRANSLATION.check(changed, { ...changed.answer, seenPort }).correct, seenPort).toBe(true);
    }
    const dropped = find((p) => p.scenario === 'game-server' && p.step === 3);
    expect(NAT_TRANSLATION.check(dropped, { outcome: 'dropped' }).correct).toBe(true);
    expect(
      NAT_TRANSLATION.check(dropped, { outcome: 'dropped', seenAddress: '1.2.3.4' }).fields['seenAddress'],
    ).toMatchObject({
      mistake: 'dropped-packet',
    });
  });

  it('links to guide sections that exist', () => {
    const hrefs = new Set<string>([NAT_TRANSLATION.guide.href]);
    for (const { ex } of sweep(NAT_TRANSLATION, 300)) hrefs.add(ex.guide.href);
    expect(hrefs.size).toBe(6);
    for (const href of hrefs) expect(linkResolves(href), href).toBe(true);
  });

  function find(pred: (p: NatProblem) => boolean): Exercise {
    for (let seed = 0; seed < 50_000; seed++) {
      for (const difficulty of [1, 2, 3] as Difficulty[]) {
        if (pred(natProblem(seed, difficulty))) return NAT_TRANSLATION.generate(seed, difficulty);
      }
    }
    throw new Error('no such exercise');
  }

  const MISTAKES: readonly [string, string, (p: NatProblem) => boolean, string][] = [
    ['unsolicited-admitted', 'outcome', (p) => p.scenario === 'game-server' && p.step === 3, 'delivered'],
    ['filtering-ignored', 'outcome', (p) => p.scenario === 'game-server-cgnat' && p.step === 4, 'delivered'],
    ['hairpin-assumed', 'outcome', (p) => p.scenario === 'hairpin' && p.hairpin === 'off' && p.step === 1, 'delivered'],
    [
      'answer-from-unexpected-source',
      'outcome',
      (p) => p.scenario === 'hairpin' && p.hairpin === 'dnat-only' && p.step === 2,
      'delivered',
    ],
    ['forgot-port-forward', 'outcome', (p) => p.scenario === 'game-server' && p.step === 1, 'dropped'],
    ['reply-dropped', 'outcome', (p) => p.scenario === 'browse' && p.step === 2, 'dropped'],
    [
      'hole-already-open',
      'outcome',
      (p) => p.scenario === 'hole-punch' && p.nat === 'full-cone' && p.step === 6,
      'dropped',
    ],
    ['saw-private-address', 'seenAddress', (p) => p.scenario === 'browse' && p.step === 1, '192.168.1.10'],
    [
      'home-router-address-behind-cgnat',
      'seenAddress',
      (p) => p.scenario === 'game-server-cgnat' && p.step === 2,
      '100.64.0.2',
    ],
    ['answered-destination', 'seenAddress', (p) => p.scenario === 'browse' && p.step === 1, '198.51.100.10'],
    ['inbound-source-rewritten', 'seenAddress', (p) => p.scenario === 'game-server' && p.step === 1, '203.0.113.2'],
    [
      'hairpin-source',
      'seenAddress',
      (p) => p.scenario === 'hairpin' && p.hairpin === 'lan-source' && p.step === 1,
      '203.0.113.2',
    ],
    ['dropped-packet', 'seenAddress', (p) => p.scenario === 'game-server' && p.step === 3, '203.0.113.2'],
    [
      'assumed-port-changed',
      'seenPort',
      (p) => p.scenario === 'browse' && p.nat === 'linux-masquerade' && p.step === 1,
      'changed',
    ],
    [
      'assumed-port-kept',
      'seenPort',
      (p) => p.scenario === 'browse' && p.nat === 'linux-masquerade' && p.step === 4,
      '50000',
    ],
    ['dropped-packet', 'seenPort', (p) => p.scenario === 'game-server' && p.step === 3, '27015'],
  ];

  it('names the mistake router-has-no-service (outcome)', () => {
    const refused = (p: NatProblem): boolean => {
      const outcome = solveNat(p).result.walk?.outcome;
      return outcome !== undefined && !outcome.delivered && outcome.reason === 'no-listener';
    };
    const ex = find(refused);
    expect(mistakeOf(NAT_TRANSLATION, ex, { outcome: 'delivered' }, 'outcome')).toBe('router-has-no-service');
  });

  it.each(MISTAKES)('names the mistake %s (%s)', (code, field, applies, answer) => {
    const ex = find(applies);
    expect(mistakeOf(NAT_TRANSLATION, ex, { [field]: answer }, field), JSON.stringify(ex.answer)).toBe(code);
  });
});
