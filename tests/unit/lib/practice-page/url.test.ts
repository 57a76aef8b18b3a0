import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SEED,
  POSITION_MAX,
  PRACTICE_CODEC,
  resolveProblemSet,
  SEED_MAX,
  urlStateOf,
} from '../../../../src/lib/practice-page/index.ts';

const decode = (search: string) => resolveProblemSet(PRACTICE_CODEC.decode(search).state);

describe('resolveProblemSet', () => {
  it('reads seed, level and position', () => {
    expect(decode('?seed=4242&level=3&n=7')).toEqual({ value: { seed: 4242, level: 3, n: 7 }, notices: [] });
  });

  it('defaults to the server-rendered set', () => {
    expect(decode('')).toEqual({ value: { seed: DEFAULT_SEED, level: 1, n: 1 }, notices: [] });
  });

  it.each([
    ['seed=-1e308', "Problem set '-1e308' in the link is not a whole number from 0 to 4294967295 — showing set 2026."],
    [
      'seed=4294967296',
      "Problem set '4294967296' in the link is not a whole number from 0 to 4294967295 — showing set 2026.",
    ],
    ['seed=0x10', "Problem set '0x10' in the link is not a whole number from 0 to 4294967295 — showing set 2026."],
    ['seed=', "Problem set '' in the link is not a whole number from 0 to 4294967295 — showing set 2026."],
    ['n=0', "Problem number '0' in the link is not a whole number from 1 to 10000 — showing problem 1."],
    ['n=1.5', "Problem number '1.5' in the link is not a whole number from 1 to 10000 — showing problem 1."],
  ])('?%s → the default with a notice', (query, notice) => {
    const { value, notices } = decode(`?${query}`);
    expect(notices).toEqual([notice]);
    expect(value.seed >= 0 && value.seed <= SEED_MAX && value.n >= 1 && value.n <= POSITION_MAX).toBe(true);
  });

  it('clips a 100,000-character parameter before reading it, and says so', () => {
    const long = '9'.repeat(100_000);
    const decoded = PRACTICE_CODEC.decode(`?seed=${long}&n=${long}&level=${long}`);
    expect(decoded.state.seed).toHaveLength(24);
    expect(decoded.notices.map((n) => n.code)).toEqual(['too-long', 'unknown-choice', 'too-long']);
    expect(resolveProblemSet(decoded.state).value).toEqual({ seed: DEFAULT_SEED, level: 1, n: 1 });
  });

  it('refuses an unknown level with the codec notice', () => {
    const decoded = PRACTICE_CODEC.decode('?level=<script>');
    expect(decoded.notices[0]?.message).toBe("Unknown difficulty '<script>' in the link — showing level 1 (warm-up).");
  });

  it('round-trips through the URL', () => {
    for (const ref of [
      { seed: 0, level: 2, n: 1 },
      { seed: SEED_MAX, level: 3, n: POSITION_MAX },
    ] as const) {
      const query = PRACTICE_CODEC.encode(urlStateOf(ref));
      expect(decode(query).value).toEqual(ref);
    }
  });
});
