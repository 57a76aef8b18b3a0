import { describe, expect, it } from 'vitest';
import {
  backends,
  PROXY_CHOICE,
  type ProxyProblem,
  proxyProblem,
} from '../../../../../src/lib/practice/families/proxy-choice.ts';
import type { Difficulty, Exercise } from '../../../../../src/lib/practice/types.ts';
import { buildView, decodeConfig, PROXY_CODEC, stateToInput } from '../../../../../src/lib/proxy-playground/index.ts';
import { contractTests, linkResolves, mistakeOf, SEEDS, SWEEP_TIMEOUT_MS, sweep } from './support.ts';

/**
 * nginx's location rule as its documentation states it (ngx_http_core_module, "location"): an exact match (=) ends
 * the search; else the longest matching prefix is remembered, and if it has ^~ the search ends; else the regular
 * expressions are checked in config order (~ case-sensitive, ~* not) and the first match wins; else the remembered
 * prefix. Written here without the model's tree.
 */
function nginxLocation(locations: readonly string[], path: string): string {
  const name = (i: number) => `L${i + 1}`;
  const exact = locations.findIndex((l) => l.startsWith('= ') && l.slice(2) === path);
  if (exact >= 0) return name(exact);
  let best = -1;
  let bestLength = -1;
  locations.forEach((l, i) => {
    if (l.startsWith('~') || l.startsWith('= ')) return;
    const prefix = l.replace(/^\^~ /, '');
    if (path.startsWith(prefix) && prefix.length > bestLength) {
      best = i;
      bestLength = prefix.length;
    }
  });
  if (best >= 0 && locations[best]?.startsWith('^~ ')) return name(best);
  const regex = locations.findIndex((l) => {
    const m = /^(~\*?) (.*)$/.exec(l);
    return m !== null && new RegExp(m[2] ?? '', m[1] === '~*' ? 'i' : '').test(path);
  });
  if (regex >= 0) return name(regex);
  return best >= 0 ? name(best) : 'none';
}

/** Smooth weighted round-robin as nginx implements it (ngx_http_upstream_get_peer), written from its description. */
function smoothRoundRobin(weights: readonly number[], requests: number): number[] {
  const current = weights.map(() => 0);
  const total = weights.reduce((a, b) => a + b, 0);
  const picks: number[] = [];
  for (let r = 0; r < requests; r++) {
    let best = 0;
    weights.forEach((w, i) => {
      current[i] = (current[i] ?? 0) + w;
      if ((current[i] ?? 0) > (current[best] ?? 0)) best = i;
    });
    current[best] = (current[best] ?? 0) - total;
    picks.push(best);
  }
  return picks;
}

describe('proxy-choice', () => {
  contractTests(PROXY_CHOICE, 200);

  it(`agrees with nginx's documented location and round-robin rules over ${SEEDS} seeds, and its playground link round-trips`, {
    timeout: SWEEP_TIMEOUT_MS,
  }, async () => {
    const kinds = { location: 0, balance: 0 };
    for (const { seed, difficulty, ex } of sweep(PROXY_CHOICE)) {
      const p = proxyProblem(seed, difficulty);
      const where = JSON.stringify({ seed, difficulty, p, answer: ex.answer });
      kinds[p.kind]++;
      if (p.kind === 'location') expect(ex.answer['location'], where).toBe(nginxLocation(p.locations, p.path));
      else {
        const picks = smoothRoundRobin(p.weights, p.request);
        expect(ex.answer['server'], where).toBe(backends(p.weights)[picks.at(-1) ?? -1]);
      }
      // The link: the playground's own codec and config decoder, then its view.
      const search = new URLSearchParams((ex.playground?.href ?? '').split('?')[1] ?? '');
      const config = await decodeConfig(search.get('cfg') ?? '');
      if (!config.ok) throw new Error(`${where}: ${config.error.message}`);
      const state = PROXY_CODEC.decode(search.toString()).state;
      const view = buildView(stateToInput(state, config.value));
      expect(view.config.ok, where).toBe(true);
      if (p.kind === 'location') {
        const outcome = view.http?.outcome;
        expect(outcome?.kind === 'return' ? outcome.text : 'none', where).toBe(ex.answer['location']);
      } else {
        expect(view.backends, where).toEqual(backends(p.weights));
      }
    }
    expect(Math.min(kinds.location, kinds.balance)).toBeGreaterThan(SEEDS / 10);
  });

  it('accepts other notations', () => {
    const ex = find((p) => p.kind === 'location' && p.locations[0] === '/');
    const label = ex.inputs[0]?.choices?.find((c) => c.value === ex.answer['location'])?.label ?? '';
    for (const location of [ex.answer['location'] ?? '', (ex.answer['location'] ?? '').toLowerCase(), label]) {
      expect(PROXY_CHOICE.check(ex, { location }).correct, location).toBe(true);
    }
  });

  it('links to guide sections that exist', () => {
    const hrefs = new Set<string>([PROXY_CHOICE.guide.href]);
    for (const { ex } of sweep(PROXY_CHOICE, 200)) hrefs.add(ex.guide.href);
    expect(hrefs.size).toBe(3);
    for (const href of hrefs) expect(linkResolves(href), href).toBe(true);
  });

  function find(pred: (p: ProxyProblem) => boolean): Exercise {
    for (let seed = 0; seed < 50_000; seed++) {
      for (const difficulty of [1, 2, 3] as Difficulty[]) {
        if (pred(proxyProblem(seed, difficulty))) return PROXY_CHOICE.generate(seed, difficulty);
      }
    }
    throw new Error('no such exercise');
  }

  /** Every location of the exercise, submitted in turn: the codes the checker names. */
  function locationCodes(ex: Exercise): Set<string> {
    const codes = new Set<string>();
    for (const c of ex.inputs[0]?.choices ?? [])
      codes.add(mistakeOf(PROXY_CHOICE, ex, { location: c.value }, 'location'));
    return codes;
  }

  it.each(['exact-needs-full-match', 'prefix-over-regex', 'regex-over-caret-tilde', 'regex-order', 'shorter-prefix'])(
    'names the mistake %s (location)',
    (code) => {
      let named = false;
      for (let seed = 0; seed < 20_000 && !named; seed++) {
        for (const difficulty of [1, 2, 3] as Difficulty[]) {
          if (proxyProblem(seed, difficulty).kind !== 'location') continue;
          if (locationCodes(PROXY_CHOICE.generate(seed, difficulty)).has(code)) {
            named = true;
            break;
          }
        }
      }
      expect(named, code).toBe(true);
    },
  );

  it.each(['weights-in-blocks', 'ignored-weights'])('names the mistake %s (server)', (code) => {
    let named = false;
    for (let seed = 0; seed < 20_000 && !named; seed++) {
      const p = proxyProblem(seed, 3);
      if (p.kind !== 'balance') continue;
      const ex = PROXY_CHOICE.generate(seed, 3);
      for (const server of backends(p.weights)) {
        if (mistakeOf(PROXY_CHOICE, ex, { server }, 'server') === code) named = true;
      }
    }
    expect(named, code).toBe(true);
  });
});
