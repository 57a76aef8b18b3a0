import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE } from '../../../../src/lib/subnet-calculator/index.ts';
import { parsePrefixText, type SplitView, splitView } from '../../../../src/lib/subnet-calculator/split-view.ts';
import { bestTime } from '../../../support/timing.ts';

type SplitState = typeof DEFAULT_STATE.split;
const state = (patch: Partial<SplitState>): SplitState => ({ ...DEFAULT_STATE.split, ...patch });

function view(patch: Partial<SplitState>): SplitView {
  const result = splitView(state(patch));
  if (!result.ok) throw new Error(result.errors[0]?.message);
  return result.value;
}

describe('parsePrefixText', () => {
  it.each([
    ['24', 24],
    ['/24', 24],
    [' / 8 ', 8],
    ['0', 0],
    ['', undefined],
    ['24.5', undefined],
    ['1234', undefined],
    ['x', undefined],
  ])('%j → %s', (text, prefix) => {
    expect(parsePrefixText(text)).toBe(prefix);
  });
});

describe('splitView', () => {
  it('splits 10.0.0.0/8 into /30s instantly and pages them', () => {
    const time = bestTime(() => view({ network: '10.0.0.0/8', newPrefix: '30', page: '16384' }), 1000);
    expect(time.best).toBeLessThan(1000);
    const v = time.value;
    expect(v.count).toBe(4_194_304n);
    expect(v.summary).toBe('4,194,304 subnets of /30 — 4 addresses and 2 usable hosts each');
    expect(v.window).toMatchObject({ page: 16_384n, pageCount: 16_384n, size: 256 });
    expect(v.rows.at(-1)).toEqual([
      '4,194,304',
      '10.255.255.252/30',
      '10.255.255.253',
      '10.255.255.254',
      '10.255.255.255',
    ]);
    expect(v.exportScope).toBe('page');
    expect(v.exportTable().rows).toHaveLength(256);
    expect(v.exportName).toBe('split 10.0.0.0/8 to 30 page 16384');
  });

  it('splits 2001:db8::/32 into /64s instantly', () => {
    const time = bestTime(() => view({ network: '2001:db8::/32', newPrefix: '/64', page: '2' }), 1000);
    expect(time.best).toBeLessThan(1000);
    const v = time.value;
    expect(v.count).toBe(4_294_967_296n);
    expect(v.headers).toEqual(['#', 'Subnet', 'First usable', 'Last usable', 'Last address']);
    expect(v.rows[0]).toEqual([
      '257',
      '2001:db8:0:100::/64',
      '2001:db8:0:100::1',
      '2001:db8:0:100:ffff:ffff:ffff:ffff',
      '2001:db8:0:100:ffff:ffff:ffff:ffff',
    ]);
  });

  it('clamps a page past the end', () => {
    expect(view({ page: '999' }).window.page).toBe(1n);
  });

  it('exports every subnet of a small split', () => {
    const v = view({ network: '192.168.0.0/24', newPrefix: '28' });
    expect(v.exportScope).toBe('all');
    expect(v.exportTable().rows).toHaveLength(16);
  });

  it('shows "none" for the broadcast of /31 and /32 subnets', () => {
    const v = view({ network: '10.0.0.0/30', newPrefix: '31' });
    expect(v.rows).toEqual([
      ['1', '10.0.0.0/31', '10.0.0.0', '10.0.0.1', 'none'],
      ['2', '10.0.0.2/31', '10.0.0.2', '10.0.0.3', 'none'],
    ]);
    expect(view({ network: '10.0.0.0/32', newPrefix: '32' }).summary).toBe(
      '1 subnet of /32 — 1 address and 1 usable host each',
    );
  });

  it('splits into N parts with the rounding note and parent notes', () => {
    const v = view({ network: '192.168.0.7/24', by: 'count', count: '3' });
    expect(v.newPrefix).toBe(26);
    expect(v.notes).toEqual([
      expect.stringContaining('has host bits set'),
      expect.stringContaining('3 is not a power of two'),
    ]);
  });

  it.each([
    [{ network: '10.0.0/8' }, 'network'],
    [{ newPrefix: 'abc' }, 'newPrefix'],
    [{ newPrefix: '8' }, 'newPrefix'],
    [{ newPrefix: '33' }, 'newPrefix'],
    [{ by: 'count' as const, count: 'many' }, 'count'],
    [{ by: 'count' as const, count: '0' }, 'count'],
    [{ by: 'count' as const, count: '100000' }, 'count'],
  ])('puts the error for %j on %s', (patch, field) => {
    const result = splitView(state(patch));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]?.field).toBe(field);
      expect(result.errors[0]?.message.length).toBeGreaterThan(10);
    }
  });

  it('quotes the bad prefix text and gives the valid range', () => {
    const result = splitView(state({ newPrefix: 'abc' }));
    expect(!result.ok && result.errors[0]?.message).toBe(
      "'abc' is not a prefix length; enter a number from /16 to /32, e.g. /18",
    );
  });
});

describe('splitView and IPv4-mapped addresses (issue 10 #11)', () => {
  it('notes the mixed notation, with the RFC link, when the page shows mapped addresses', () => {
    const v = view({ network: '::ffff:10.0.0.0/120', newPrefix: '126' });
    expect(v.rows[0]?.[1]).toBe('::ffff:10.0.0.0/126');
    expect(v.mappedNote?.linkLabel).toBe('RFC 5952 §5');
    expect(view({ network: '2001:db8::/32', newPrefix: '40' }).mappedNote).toBeUndefined();
  });
});
