/**
 * The indexed translation table (src/lib/nat/table-index.ts) against the linear search it replaced:
 *   1. end to end: every call of the first 100 (NAT_DIFF_SEQUENCES, up to 300) seeded random sequences (tests/unit/lib/nat/random-flows.ts: both sides,
 *      collisions, forwards, hairpinning, expiry, branches from older tables) returns byte for byte what the linear
 *      model returned (SHA-256 per sequence, recorded before the index: tests/fixtures/nat/linear-outputs.json);
 *      (120 s timeouts: a few seconds on a quiet machine, ~25 s on the shared one under a full test loop);
 *   2. query by query: on every table those sequences produce, each index query equals the old loop, kept below as a
 *      tiny reference (the loops nat.ts ran before), probed with every tuple and endpoint in the table and some more.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type Endpoint,
  emptyTable,
  endpointsEqual,
  type NatTable,
  presetById,
  type Session,
  sessionView,
  type Tuple,
  translate,
  tuplesEqual,
} from '../../../../src/lib/nat/index.ts';
import {
  anyExpired,
  externalTakenByOther,
  mappedTo,
  matchTuple,
  newestByInternal,
  tupleUsed,
} from '../../../../src/lib/nat/table-index.ts';
import recorded from '../../../fixtures/nat/linear-outputs.json' with { type: 'json' };
import { random, runSequence } from './random-flows.ts';

/** The linear searches nat.ts ran before the index (2f076a6), one per question. */
const reference = {
  matchTuple(sessions: readonly Session[], t: Tuple, liveAt?: number) {
    for (const s of sessions) {
      if (liveAt !== undefined && !(s.expiresAt > liveAt)) continue;
      const dir = tuplesEqual(t, s.original) ? 'original' : tuplesEqual(t, s.reply) ? 'reply' : undefined;
      if (dir) return { session: s, dir };
    }
    return undefined;
  },
  tupleUsed: (sessions: readonly Session[], t: Tuple) =>
    sessions.some((s) => tuplesEqual(s.original, t) || tuplesEqual(s.reply, t)),
  externalTakenByOther: (sessions: readonly Session[], protocol: string, external: Endpoint, internal: Endpoint) =>
    sessions.some((s) => {
      if (s.original.protocol !== protocol || s.kind === 'refused') return false;
      const v = sessionView(s);
      return endpointsEqual(v.external, external) && !endpointsEqual(v.internal, internal);
    }),
  newestByInternal: (sessions: readonly Session[], protocol: string, internal: Endpoint) =>
    [...sessions]
      .reverse()
      .filter(
        (s) =>
          s.original.protocol === protocol &&
          s.kind !== 'forward' &&
          s.kind !== 'refused' &&
          endpointsEqual(sessionView(s).internal, internal),
      ),
  mappedTo: (sessions: readonly Session[], protocol: string, external: Endpoint) =>
    sessions.filter(
      (s) =>
        s.kind !== 'refused' &&
        s.original.protocol === protocol &&
        endpointsEqual(sessionView(s).external, external) &&
        s.kind !== 'forward',
    ),
  anyExpired: (sessions: readonly Session[], now: number) => sessions.some((s) => s.expiresAt <= now),
};

function visitedByInternal(sessions: readonly Session[], protocol: string, internal: Endpoint): Session[] {
  const out: Session[] = [];
  newestByInternal(sessions, protocol, internal, (s) => {
    out.push(s);
    return false;
  });
  return out;
}

const SEQUENCES = Math.min(Number(process.env['NAT_DIFF_SEQUENCES'] ?? 100), recorded.sequences);

const sameList = (a: readonly Session[], b: readonly Session[]) =>
  a.length === b.length && a.every((s, i) => s === b[i]);
const sameMatch = (a: ReturnType<typeof matchTuple>, b: ReturnType<typeof reference.matchTuple>) =>
  a === b || (a !== undefined && b !== undefined && a.session === b.session && a.dir === b.dir);

/**
 * Compares every index query with the reference on `table`, probing its own tuples and endpoints and `extra`;
 * returns the number of comparisons and the first disagreement (compared by identity: both must find the same
 * session objects).
 */
function compareQueries(table: NatTable, now: number, extra: readonly Tuple[]): { checks: number; wrong?: string } {
  const ss = table.sessions;
  const tuples = [...ss.flatMap((s) => [s.original, s.reply]), ...extra];
  let checks = 0;
  const check = (ok: boolean, what: string, input: unknown) => {
    checks++;
    return ok ? undefined : `${what} ${JSON.stringify(input)} on ${JSON.stringify(ss)}`;
  };
  let wrong: string | undefined;
  for (const t of tuples) {
    wrong ??= check(sameMatch(matchTuple(ss, t), reference.matchTuple(ss, t)), 'matchTuple', t);
    wrong ??= check(sameMatch(matchTuple(ss, t, now), reference.matchTuple(ss, t, now)), 'matchTuple live', [t, now]);
    wrong ??= check(tupleUsed(ss, t) === reference.tupleUsed(ss, t), 'tupleUsed', t);
    for (const protocol of ['udp', 'tcp']) {
      for (const e of [t.src, t.dst]) {
        const byInternal = visitedByInternal(ss, protocol, e);
        wrong ??= check(sameList(byInternal, reference.newestByInternal(ss, protocol, e)), 'newestByInternal', e);
        wrong ??= check(sameList(mappedTo(ss, protocol, e), reference.mappedTo(ss, protocol, e)), 'mappedTo', e);
        const other = e === t.src ? t.dst : t.src;
        for (const internal of [e, other]) {
          const taken = externalTakenByOther(ss, protocol, e, internal);
          wrong ??= check(taken === reference.externalTakenByOther(ss, protocol, e, internal), 'externalTaken', [
            e,
            internal,
          ]);
        }
      }
    }
  }
  for (const at of [now, now + 1, now + 31, now + 121, now + 432_001]) {
    wrong ??= check(anyExpired(ss, at) === reference.anyExpired(ss, at), 'anyExpired', at);
  }
  return wrong === undefined ? { checks } : { checks, wrong };
}

describe('indexed NAT table', () => {
  it(`returns byte for byte what the linear search returned (${SEQUENCES} sequences × ${recorded.callsPerSequence} calls)`, () => {
    let calls = 0;
    for (let seed = 1; seed <= SEQUENCES; seed++) {
      const hash = createHash('sha256');
      runSequence(seed, recorded.callsPerSequence, (call, output) => {
        hash.update(JSON.stringify(call));
        hash.update(output);
        calls++;
      });
      const digest = hash.digest('hex').slice(0, 16);
      if (digest !== recorded.digests[seed - 1]) {
        throw new Error(`seed ${seed}: outputs differ from the linear search's (re-run the query test below for it)`);
      }
    }
    if (SEQUENCES === recorded.sequences) expect(calls).toBe(recorded.calls);
    else expect(calls).toBeGreaterThan(SEQUENCES * recorded.callsPerSequence * 0.9);
  }, 120_000);

  it('answers every query as the linear search does, on every table of 30 random sequences', () => {
    let checks = 0;
    for (let seed = 1001; seed <= 1030; seed++) {
      const rnd = random(seed);
      const extra: Tuple[] = Array.from({ length: 6 }, () => ({
        protocol: rnd() < 0.5 ? 'udp' : 'tcp',
        src: { address: `198.51.100.${1 + Math.floor(rnd() * 3)}`, port: [53, 443, 5000][Math.floor(rnd() * 3)] ?? 0 },
        dst: { address: '203.0.113.2', port: [5000, 5001, 40000][Math.floor(rnd() * 3)] ?? 0 },
      }));
      let wrong: string | undefined;
      runSequence(
        seed,
        200,
        () => {},
        (table, now) => {
          const r = compareQueries(table, now, extra);
          checks += r.checks;
          wrong ??= r.wrong;
        },
      );
      expect(wrong, `seed ${seed}`).toBeUndefined();
    }
    expect(checks).toBeGreaterThan(50_000);
  }, 120_000);

  it('answers for tables far behind the newest (rebuilt, not shared) and for hostile addresses and ports', () => {
    const box = {
      behaviour: { ...presetById('linux-masquerade').behaviour, portSharing: 'never' as const },
      wanAddress: '203.0.113.2',
      lanAddress: '192.168.1.1',
      forwards: [],
    };
    const odd = ['a b', 'a', 'b', '1.2.3.4 ', '', 'constructor', '__proto__', '192.168.1.10'];
    const ports = [0, -0, 1, 1.5, Number.NaN, 65_535, 65_536, -1, Number.POSITIVE_INFINITY];
    const rnd = random(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
    const chain: NatTable[] = [emptyTable(7)];
    const probes: Tuple[] = [];
    for (let i = 0; i < 120; i++) {
      const tuple: Tuple = {
        protocol: pick(['udp', 'tcp', 'constructor'] as never[]),
        src: { address: pick(odd), port: pick(ports) },
        dst: { address: pick(odd), port: pick(ports) },
      };
      probes.push(tuple);
      const step = translate(box, chain[chain.length - 1] as NatTable, { tuple }, rnd() < 0.5 ? 'lan' : 'wan', i);
      chain.push(step.table);
    }
    // Oldest first, so each was evicted from the index cache long ago.
    for (const table of chain) expect(compareQueries(table, 60, probes).wrong).toBeUndefined();
    expect(chain[chain.length - 1]?.sessions.length).toBeGreaterThan(10);
  }, 120_000);
});
