import { describe, expect, it } from 'vitest';
import { compareView } from '../../../../src/lib/subnet-calculator/compare-view.ts';
import { rangeView, summariseView } from '../../../../src/lib/subnet-calculator/summarise-view.ts';
import { errorFor } from '../../../../src/lib/subnet-calculator/view-result.ts';

describe('summariseView', () => {
  it('collapses overlapping and adjacent networks', () => {
    expect(summariseView('192.168.0.0/24\n192.168.1.0/24\n192.168.2.0/23\n10.1.0.0/16')).toEqual({
      ok: true,
      value: { cidrs: ['10.1.0.0/16', '192.168.0.0/22'], summary: '4 networks → 2 CIDR blocks' },
    });
  });

  it('uses singular words for one', () => {
    expect(summariseView('10.0.0.0/8')).toMatchObject({ value: { summary: '1 network → 1 CIDR block' } });
  });

  it('reports errors on the networks field', () => {
    const result = summariseView('');
    expect(errorFor(result, 'networks')).toBe('Enter at least one network, e.g. 10.0.0.0/24, one per line');
    expect(errorFor(result, 'range')).toBeUndefined();
  });
});

describe('rangeView', () => {
  it('covers a range exactly', () => {
    expect(rangeView('10.0.0.5 - 10.0.0.20')).toEqual({
      ok: true,
      value: {
        cidrs: ['10.0.0.5/32', '10.0.0.6/31', '10.0.0.8/29', '10.0.0.16/30', '10.0.0.20/32'],
        summary: 'The range is exactly 5 CIDR blocks',
      },
    });
  });

  it.each(['10.0.0.9 - 10.0.0.1', 'nonsense', '10.0.0.1 - ::1'])('reports %j on the range field', (text) => {
    const result = rangeView(text);
    expect(result.ok).toBe(false);
    expect(errorFor(result, 'range')).toBeTruthy();
  });
});

describe('compareView', () => {
  it.each([
    ['10.0.0.0/16', '10.0.128.0/17', 'b-in-a', '10.0.128.0/17 is inside 10.0.0.0/16', '10.0.128.0/17'],
    ['10.0.128.0/17', '10.0.0.0/16', 'a-in-b', '10.0.128.0/17 is inside 10.0.0.0/16', '10.0.128.0/17'],
    ['10.0.0.0/16', '10.0.0.0/16', 'equal', '10.0.0.0/16 and 10.0.0.0/16 are the same network', '10.0.0.0/16'],
    ['10.0.0.0/16', '10.1.0.0/16', 'disjoint', '10.0.0.0/16 and 10.1.0.0/16 do not overlap', undefined],
    [
      '10.0.0.0/8',
      '2001:db8::/32',
      'different-versions',
      '10.0.0.0/8 is IPv4 and 2001:db8::/32 is IPv6: they never overlap',
      undefined,
    ],
    ['10.0.0.0/8', '10.9.9.9', 'b-in-a', '10.9.9.9/32 is inside 10.0.0.0/8', '10.9.9.9/32'],
  ])('%s vs %s → %s', (a, b, relation, verdict, shared) => {
    const result = compareView(a, b);
    if (!result.ok) throw new Error('expected ok');
    expect(result.value.relation).toBe(relation);
    expect(result.value.verdict).toBe(verdict);
    expect(result.value.shared).toBe(shared);
    expect(result.value.overlap).toBe(shared !== undefined);
  });

  it('describes both sides', () => {
    const result = compareView('192.168.1.7/24', '192.168.1.0/25');
    expect(result.ok && result.value.a).toEqual({
      cidr: '192.168.1.0/24',
      first: '192.168.1.0',
      last: '192.168.1.255',
      size: '256',
    });
    expect(result.ok && result.value.notes).toEqual([expect.stringContaining('host bits set')]);
  });

  it('reports both fields when both are wrong', () => {
    const result = compareView('x', '');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.field)).toEqual(['a', 'b']);
  });
});
