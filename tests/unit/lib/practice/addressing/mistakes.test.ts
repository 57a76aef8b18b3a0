/**
 * Every mistake an addressing family names is produced here by submitting that mistaken answer (built from the
 * exercise with `netmask` / plain arithmetic, not from the family's own code), and the last test checks that no code
 * in the families' source is left without such a submission.
 */
import { readFileSync } from 'node:fs';
import { ip2long, long2ip, Netmask } from 'netmask';
import { describe, expect, test } from 'vitest';
import { ADDRESSING_FAMILIES } from '../../../../../src/lib/practice/families/addressing.ts';
import type { Difficulty, Exercise, Family } from '../../../../../src/lib/practice/types.ts';

const produced = new Set<string>();
const family = (id: string) => ADDRESSING_FAMILIES.find((f) => f.id === id) as Family;

/** A mistaken submission for an exercise, or undefined when this exercise cannot show the mistake. */
type Make = (exercise: Exercise) => { answers: Record<string, string>; field: string } | undefined;

/** Finds the first seed (levels in `levels`) where `make` applies, submits it and expects the named mistake. */
function expectMistake(familyId: string, code: string, make: Make, levels: readonly Difficulty[] = [1, 2, 3]): void {
  const f = family(familyId);
  for (let seed = 0; seed < 20_000; seed++) {
    const exercise = f.generate(seed, levels[seed % levels.length] as Difficulty);
    const made = make(exercise);
    if (made === undefined) continue;
    const verdict = f.check(exercise, made.answers);
    const field = verdict.fields[made.field];
    expect(field, `${familyId} seed ${seed} ${JSON.stringify(made.answers)}`).toMatchObject({
      ok: false,
      mistake: code,
    });
    expect(verdict.correct).toBe(false);
    if (field && !field.ok) expect(field.message.length).toBeGreaterThan(10);
    produced.add(`${familyId}:${code}`);
    return;
  }
  throw new Error(`${familyId}: no seed shows ${code}`);
}

const has = (e: Exercise, id: string) => e.inputs.some((i) => i.id === id);
const with_ = (e: Exercise, field: string, text: string) => ({ answers: { ...e.answer, [field]: text }, field });
const only = (field: string, text: string) => ({ answers: { [field]: text }, field });

describe('ipv4-subnet', () => {
  const block = (e: Exercise) => {
    const given = e.givens?.[0]?.value ?? '';
    const [a, m] = given.includes('/') ? given.split('/') : given.split(' ');
    return { address: a as string, net: given.includes('/') ? new Netmask(`${a}/${m}`) : new Netmask(a as string, m) };
  };
  const p = (e: Exercise) => block(e).net.bitmask;
  test.each<[string, Make]>([
    ['empty', (e) => with_(e, 'network', '  ')],
    ['unparsable', (e) => with_(e, 'network', 'banana')],
    ['broadcast-for-network', (e) => (p(e) <= 30 ? with_(e, 'network', block(e).net.broadcast as string) : undefined)],
    [
      'address-not-network',
      (e) => (block(e).address !== block(e).net.base ? with_(e, 'network', block(e).address) : undefined),
    ],
    ['network-for-broadcast', (e) => (has(e, 'broadcast') ? with_(e, 'broadcast', block(e).net.base) : undefined)],
    ['off-by-one-host', (e) => (p(e) <= 30 ? with_(e, 'hosts', String(block(e).net.size - 1)) : undefined)],
    ['forgot-network-broadcast', (e) => (p(e) <= 30 ? with_(e, 'hosts', String(block(e).net.size)) : undefined)],
    ['gave-host-bits', (e) => (p(e) <= 27 ? with_(e, 'hosts', String(32 - p(e))) : undefined)],
    ['rfc3021-point-to-point', (e) => (p(e) === 31 ? with_(e, 'hosts', '0') : undefined)],
    ['host-route-32', (e) => (p(e) === 32 ? with_(e, 'hosts', '0') : undefined)],
    ['wrong-prefix-by-one', (e) => (p(e) <= 28 ? with_(e, 'hosts', String(2 ** (31 - p(e)) - 2)) : undefined)],
    [
      'wildcard-mask',
      (e) =>
        has(e, 'mask') && p(e) <= 31 && e.inputs.at(-1)?.label === 'Netmask'
          ? with_(e, 'mask', block(e).net.hostmask)
          : undefined,
    ],
    ['wrong', (e) => with_(e, 'network', long2ip((ip2long(block(e).net.base) ^ 0x80000000) >>> 0))],
  ])('%s', (code, make) => expectMistake('ipv4-subnet', code, make));

  test('the /31 first host and the off-by-one first host are told apart', () => {
    expectMistake('ipv4-subnet', 'rfc3021-point-to-point', (e) =>
      p(e) === 31 ? with_(e, 'first', long2ip(ip2long(block(e).net.base) + 1)) : undefined,
    );
    expectMistake('ipv4-subnet', 'off-by-one-host', (e) =>
      p(e) <= 30 && has(e, 'first') ? with_(e, 'first', block(e).net.base) : undefined,
    );
    expectMistake('ipv4-subnet', 'off-by-one-host', (e) =>
      p(e) <= 30 && has(e, 'last') ? with_(e, 'last', block(e).net.broadcast as string) : undefined,
    );
  });
});

describe('which-subnet', () => {
  const address = (e: Exercise) => e.givens?.find((g) => g.label === 'Address')?.value as string;
  const right = (e: Exercise) => new Netmask(e.answer.subnet as string);
  const typed = (e: Exercise) => e.inputs[0]?.kind === 'cidr';
  test.each<[string, Make]>([
    [
      'host-bits-set',
      (e) =>
        typed(e) && address(e) !== right(e).base ? only('subnet', `${address(e)}/${right(e).bitmask}`) : undefined,
    ],
    ['adjacent-subnet', (e) => (typed(e) ? only('subnet', right(e).next(1).toString()) : undefined)],
    [
      'wrong-prefix-by-one',
      (e) => (typed(e) ? only('subnet', new Netmask(`${address(e)}/${right(e).bitmask - 1}`).toString()) : undefined),
    ],
    ['wrong', (e) => (typed(e) ? only('subnet', '1.0.0.0/8') : undefined)],
  ])('%s', (code, make) => expectMistake('which-subnet', code, make));

  test('adjacent-subnet among listed subnets of different sizes', () => {
    expectMistake(
      'which-subnet',
      'adjacent-subnet',
      (e) => {
        const before = e.inputs[0]?.choices?.find((c) => new Netmask(c.value).next(1).base === right(e).base);
        return before ? only('subnet', before.value) : undefined;
      },
      [3],
    );
  });
});

describe('ipv6-notation', () => {
  const compress = (e: Exercise) => e.givens?.[0]?.label === 'Full address';
  /** The eight groups of the full form (as numbers). */
  const groups = (e: Exercise): number[] => {
    const full = compress(e) ? (e.givens?.[0]?.value ?? '').toLowerCase() : (e.answer.address as string);
    return full.split(':').map((g) => Number.parseInt(g, 16));
  };
  const hex = (gs: readonly number[]) => gs.map((g) => g.toString(16));
  /** Zero runs [start, length]. */
  const runs = (gs: readonly number[]) => {
    const out: [number, number][] = [];
    for (let i = 0; i < 8; i++) {
      if (gs[i] !== 0) continue;
      let j = i;
      while (j + 1 < 8 && gs[j + 1] === 0) j++;
      out.push([i, j - i + 1]);
      i = j;
    }
    return out;
  };
  /** The groups with the run [s, l] written as ::. */
  const squeeze = (gs: readonly number[], s: number, l: number) =>
    `${hex(gs.slice(0, s)).join(':')}::${hex(gs.slice(s + l)).join(':')}`;
  const addr = (text: string) => only('address', text);
  test.each<[string, Make]>([
    [
      'trailing-zeros-dropped',
      (e) =>
        compress(e) && groups(e).some((g) => g !== 0 && g % 16 === 0)
          ? addr(
              (e.answer.address as string)
                .split(':')
                .map((t) => (t === '' || t === '0' ? t : t.replace(/0+$/, '')))
                .join(':'),
            )
          : undefined,
    ],
    ['wrong', (e) => addr(compress(e) ? '::1' : '0000:0000:0000:0000:0000:0000:0000:0001')],
    [
      'upper-case',
      (e) =>
        compress(e) && /[a-f]/.test(e.answer.address as string)
          ? addr((e.answer.address as string).toUpperCase())
          : undefined,
    ],
    ['not-canonical', (e) => (compress(e) ? addr(`${e.answer.address}%eth0`) : undefined)],
    [
      'leading-zeros-kept',
      (e) => {
        if (!compress(e)) return undefined;
        const tokens = (e.answer.address as string).split(':');
        const i = tokens.findIndex((t) => t !== '' && t.length < 4);
        if (i < 0) return undefined;
        tokens[i] = (tokens[i] as string).padStart(4, '0');
        return addr(tokens.join(':'));
      },
    ],
    [
      'not-compressed',
      (e) => (compress(e) && (e.answer.address as string).includes('::') ? addr(hex(groups(e)).join(':')) : undefined),
    ],
    [
      'single-group-compressed',
      (e) => {
        const lone = runs(groups(e)).find(([, l]) => l === 1);
        return compress(e) && lone ? addr(squeeze(groups(e), lone[0], 1)) : undefined;
      },
    ],
    [
      'shorter-run-compressed',
      (e) => {
        const r = runs(groups(e)).filter(([, l]) => l >= 2);
        const longest = Math.max(...r.map(([, l]) => l));
        const shorter = r.find(([, l]) => l < longest);
        return compress(e) && shorter ? addr(squeeze(groups(e), shorter[0], shorter[1])) : undefined;
      },
    ],
    [
      'not-first-run',
      (e) => {
        const r = runs(groups(e)).filter(([, l]) => l >= 2);
        const longest = Math.max(...r.map(([, l]) => l));
        const tied = r.filter(([, l]) => l === longest);
        const second = tied[1];
        return compress(e) && second ? addr(squeeze(groups(e), second[0], second[1])) : undefined;
      },
    ],
    [
      'not-fully-compressed',
      (e) => {
        const r = runs(groups(e));
        const longest = r.reduce<[number, number] | undefined>(
          (best, run) => (!best || run[1] > best[1] ? run : best),
          undefined,
        );
        if (!compress(e) || !longest || longest[1] < 3) return undefined;
        const gs = groups(e);
        return addr(
          `${hex(gs.slice(0, longest[0])).join(':')}::${['0', ...hex(gs.slice(longest[0] + longest[1]))].join(':')}`,
        );
      },
    ],
    [
      'padded-wrong-side',
      (e) =>
        !compress(e) && groups(e).some((g) => g !== 0 && g < 0x1000)
          ? addr(
              hex(groups(e))
                .map((g) => g.padEnd(4, '0'))
                .join(':'),
            )
          : undefined,
    ],
    [
      'double-colon-kept',
      (e) =>
        !compress(e) && (e.givens?.[0]?.value ?? '').includes('::') ? addr(e.givens?.[0]?.value as string) : undefined,
    ],
    [
      'leading-zeros-missing',
      (e) => (!compress(e) && groups(e).some((g) => g < 0x1000) ? addr(hex(groups(e)).join(':')) : undefined),
    ],
    ['double-colon-twice', () => addr('2001::db8::1')],
    ['wrong-group-count', () => addr('2001:db8:1:2:3:4:5')],
  ])('%s', (code, make) => expectMistake('ipv6-notation', code, make));
});

describe('subnet-plan', () => {
  const split = (e: Exercise) => e.answer.subnets !== undefined;
  const block = (e: Exercise) => new Netmask(e.givens?.[0]?.value as string);
  const subnets = (e: Exercise) => (e.answer.subnets ?? '').split('\n');
  const prefix = (e: Exercise) => Number((e.answer.prefix ?? '/0').slice(1));
  const power = (e: Exercise) => !(e.givens?.[1]?.value ?? '').startsWith('at least');
  const vlsm = (e: Exercise) =>
    e.inputs.filter((i) => i.kind === 'cidr').map((i) => ({ id: i.id, net: new Netmask(e.answer[i.id] as string) }));
  test.each<[string, Make]>([
    ['rounded-down', (e) => (split(e) && !power(e) ? with_(e, 'prefix', `/${prefix(e) - 1}`) : undefined)],
    ['wrong-prefix-by-one', (e) => (split(e) && power(e) ? with_(e, 'prefix', `/${prefix(e) + 1}`) : undefined)],
    [
      'host-bits-set',
      (e) =>
        split(e)
          ? with_(
              e,
              'subnets',
              [`${long2ip(ip2long(block(e).base) + 1)}/${prefix(e)}`, ...subnets(e).slice(1)].join('\n'),
            )
          : undefined,
    ],
    [
      'outside-block',
      (e) => (split(e) ? with_(e, 'subnets', [...subnets(e), block(e).next(1).toString()].join('\n')) : undefined),
    ],
    [
      'overlapping-subnets',
      (e) => (split(e) ? with_(e, 'subnets', [...subnets(e), subnets(e)[0]].join('\n')) : undefined),
    ],
    ['missing-subnets', (e) => (split(e) ? with_(e, 'subnets', subnets(e).slice(0, -1).join('\n')) : undefined)],
    [
      'wrong',
      (e) => {
        if (!split(e) || prefix(e) > 28) return undefined;
        const quarters = subnets(e).flatMap((s) => {
          const n = new Netmask(s);
          return [0, 1, 2, 3].map((k) => `${long2ip(ip2long(n.base) + (k * n.size) / 4)}/${n.bitmask + 2}`);
        });
        return with_(e, 'subnets', quarters.join(', '));
      },
    ],
  ])('split: %s', (code, make) => expectMistake('subnet-plan', code, make));

  test.each<[string, Make]>([
    [
      'too-small-for-hosts',
      (e) => {
        const small = vlsm(e).find((v) => v.net.bitmask <= 29);
        return small ? only(small.id, `${small.net.base}/${small.net.bitmask + 1}`) : undefined;
      },
    ],
    [
      'host-bits-set',
      (e) => {
        const first = vlsm(e)[0];
        return first ? only(first.id, `${long2ip(ip2long(first.net.base) + 1)}/${first.net.bitmask}`) : undefined;
      },
    ],
    [
      'outside-block',
      (e) => {
        const first = vlsm(e)[0];
        return first
          ? only(first.id, `${long2ip(ip2long(block(e).base) + block(e).size)}/${first.net.bitmask}`)
          : undefined;
      },
    ],
    [
      'overlapping-subnets',
      (e) => {
        const plan = vlsm(e);
        for (const a of plan) {
          const b = plan.find((x) => x !== a && x.net.bitmask <= a.net.bitmask);
          if (b) return with_(e, a.id, b.net.toString());
        }
        return undefined;
      },
    ],
    [
      'not-largest-first',
      (e) => {
        // The plan made in the order listed: each block at the next free address aligned to its own size.
        const plan = vlsm(e);
        let cursor = ip2long(block(e).base);
        const naive = plan.map((v) => {
          const start = Math.ceil(cursor / v.net.size) * v.net.size;
          cursor = start + v.net.size;
          return {
            id: v.id,
            cidr: `${long2ip(start)}/${v.net.bitmask}`,
            start,
            size: v.net.size,
            right: v.net.toString(),
          };
        });
        const end = ip2long(block(e).base) + block(e).size;
        const moved = naive.find((n) => n.cidr !== n.right && n.start + n.size <= end);
        if (!moved || naive.some((n) => n.start + n.size > end)) return undefined;
        return { answers: Object.fromEntries(naive.map((n) => [n.id, n.cidr])), field: moved.id };
      },
    ],
    [
      'oversized-subnet',
      (e) => {
        const big = vlsm(e).find(
          (v) => ip2long(v.net.base) % (v.net.size * 2) === 0 && v.net.bitmask > block(e).bitmask + 1,
        );
        return big ? only(big.id, `${big.net.base}/${big.net.bitmask - 1}`) : undefined;
      },
    ],
    ['wrong', (e) => (vlsm(e)[0] ? only(vlsm(e)[0]?.id as string, '2001:db8::/64') : undefined)],
  ])('VLSM: %s', (code, make) => expectMistake('subnet-plan', code, make, [2, 3]));
});

describe('summarise', () => {
  const truth = (e: Exercise) => (e.answer.blocks ?? '').split('\n').map((b) => new Netmask(b));
  const blocks = (list: readonly string[]) => only('blocks', list.join(', '));
  test.each<[string, Make]>([
    [
      'host-bits-set',
      (e) => blocks(truth(e).map((n, i) => (i === 0 ? `${long2ip(ip2long(n.base) + 1)}/${n.bitmask}` : n.toString()))),
    ],
    [
      'covers-too-much',
      (e) => {
        const wide = new Netmask(`${truth(e)[0]?.base}/16`);
        return truth(e).length === 1 && truth(e)[0]?.bitmask === 16 ? undefined : blocks([wide.toString()]);
      },
    ],
    [
      'leaves-gap',
      (e) => {
        const t = truth(e);
        if (t.length > 1) return blocks(t.slice(0, -1).map(String));
        const n = t[0] as Netmask;
        return blocks([`${n.base}/${n.bitmask + 1}`]);
      },
    ],
    [
      'not-minimal',
      (e) => {
        const [n, ...rest] = truth(e);
        if (!n || n.bitmask === 32) return undefined;
        const half = n.size / 2;
        return blocks([
          `${n.base}/${n.bitmask + 1}`,
          `${long2ip(ip2long(n.base) + half)}/${n.bitmask + 1}`,
          ...rest.map(String),
        ]);
      },
    ],
    ['wrong', () => blocks(['1.0.0.0/24'])],
  ])('%s', (code, make) => expectMistake('summarise', code, make));
});

describe('special-ranges', () => {
  const answer = (e: Exercise) => e.answer.kind;
  const offered = (e: Exercise, choice: string) => e.inputs[0]?.choices?.some((c) => c.value === choice) ?? false;
  const pick = (e: Exercise, right: string, chosen: string) =>
    answer(e) === right && offered(e, chosen) ? only('kind', chosen) : undefined;
  /** IPv4 blocks by category, written out from the RFCs for this test. */
  const BLOCKS: readonly [string, string][] = [
    ['private', '10.0.0.0/8'],
    ['private', '172.16.0.0/12'],
    ['private', '192.168.0.0/16'],
    ['shared', '100.64.0.0/10'],
    ['loopback', '127.0.0.0/8'],
    ['link-local', '169.254.0.0/16'],
  ];
  test.each<[string, Make]>([
    ['shared-is-not-private', (e) => pick(e, 'shared', 'private')],
    ['documentation-is-not-private', (e) => pick(e, 'documentation', 'private')],
    ['ula-vs-link-local', (e) => pick(e, 'unique-local', 'link-local')],
    ['special-as-global', (e) => pick(e, 'loopback', 'global')],
    [
      'outside-range',
      (e) => {
        const address = e.givens?.[0]?.value as string;
        if (answer(e) !== 'global' || address.includes(':')) return undefined;
        const a = ip2long(address);
        const near = BLOCKS.find(([, cidr]) => {
          const n = new Netmask(cidr);
          const first = ip2long(n.base);
          return (a < first && first - a <= n.size) || (a >= first + n.size && a - first - n.size < n.size);
        });
        return near && offered(e, near[0]) ? only('kind', near[0]) : undefined;
      },
    ],
    ['wrong', (e) => pick(e, 'private', 'multicast')],
  ])('%s', (code, make) => expectMistake('special-ranges', code, make));
});

const SOURCES: Record<string, string> = {
  'ipv4-subnet': 'ipv4-subnet.ts',
  'which-subnet': 'which-subnet.ts',
  'ipv6-notation': 'ipv6-notation.ts',
  'subnet-plan': 'subnet-plan.ts',
  summarise: 'summarise.ts',
  'special-ranges': 'special-ranges.ts',
};

test("every mistake code in the families' source was produced by a submission above", () => {
  // Tests in a file run in order, so every submission above has run (run the whole file, not a -t subset).
  const missing: string[] = [];
  for (const [id, file] of Object.entries(SOURCES)) {
    const text = readFileSync(`src/lib/practice/families/${file}`, 'utf8');
    const codes = new Set(
      [...text.matchAll(/(?:mistake\(\s*|mistake: |code: )'([a-z0-9-]+)'/g)].map((m) => m[1] as string).concat('wrong'),
    );
    expect(codes.size, file).toBeGreaterThan(3);
    for (const code of codes) if (!produced.has(`${id}:${code}`)) missing.push(`${id}:${code}`);
  }
  expect(missing, 'named mistakes no test submits').toEqual([]);
});
