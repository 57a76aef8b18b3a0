import { describe, expect, it } from 'vitest';
import {
  type CalculatorState,
  DEFAULT_STATE,
  MAX_LIST_LENGTH,
  MAX_PARAM_LENGTH,
  MODES,
  resolvePreset,
} from '../../../../src/lib/subnet-calculator/state.ts';
import { decodeState, encodeState, linkNotices, sameState } from '../../../../src/lib/subnet-calculator/url-state.ts';

const custom: CalculatorState = {
  mode: 'vlsm',
  details: { network: '192.168.1.7/24' },
  split: {
    network: '2001:db8::/32',
    by: 'count',
    newPrefix: '64',
    count: '1000',
    page: '12345678901234567890',
    highlight: '3000000000',
  },
  vlsm: {
    network: '10.0.0.0/16',
    requirements: [
      { name: 'HQ: floor 1 & 2', hosts: '500' },
      { name: 'a=b?c#d', hosts: '12:%3A%' },
      { name: '', hosts: '' },
      { name: 'ünïcødé 🌐', hosts: ' 7 ' },
    ],
    pointToPoint: true,
  },
  summarise: { networks: '10.0.0.0/24\n10.0.1.0/24\r\n\n  bogus', range: '1.2.3.4 -- 1.2.3.0' },
  compare: { a: 'fe80::1%eth0/64', b: '' },
};

describe('encodeState / decodeState', () => {
  it('encodes the default state as an empty query', () => {
    expect(encodeState(DEFAULT_STATE)).toBe('');
    expect(decodeState('')).toEqual(DEFAULT_STATE);
  });

  it('writes only what differs from the defaults', () => {
    const state = { ...DEFAULT_STATE, mode: 'split' as const, split: { ...DEFAULT_STATE.split, newPrefix: '30' } };
    expect(encodeState(state)).toBe('mode=split&prefix=30');
  });

  it('round-trips every field exactly, invalid input and odd characters included', () => {
    const query = encodeState(custom);
    expect(decodeState(query)).toEqual(custom);
    expect(decodeState(`?${query}`)).toEqual(custom);
  });

  it.each(MODES)('round-trips mode %s', (mode) => {
    expect(decodeState(encodeState({ ...DEFAULT_STATE, mode })).mode).toBe(mode);
  });

  it('round-trips an emptied requirement list', () => {
    const state = { ...DEFAULT_STATE, vlsm: { ...DEFAULT_STATE.vlsm, requirements: [] } };
    expect(encodeState(state)).toBe('req=');
    expect(decodeState(encodeState(state)).vlsm.requirements).toEqual([]);
  });

  it('encodes relative to a custom base and decodes over it', () => {
    const base = resolvePreset({ mode: 'vlsm', vlsm: { network: '172.16.0.0/20' } });
    expect(encodeState(base, base)).toBe('');
    expect(decodeState('', base)).toEqual(base);
    expect(decodeState('mode=details', base)).toEqual({ ...base, mode: 'details' });
  });

  it.each([
    ['unknown parameters', 'foo=bar&x=1'],
    ['an unknown mode', 'mode=hack'],
    ['an unknown split kind', 'by=magic'],
    ['a bad p2p flag', 'p2p=yes'],
    ['a garbage query', '%%%&&==&'],
  ])('ignores %s', (_, query) => {
    expect(decodeState(query)).toEqual(DEFAULT_STATE);
  });

  it.each([
    ['0', '1'],
    ['-3', '1'],
    ['abc', '1'],
    ['007', '7'],
    [' 42 ', '42'],
    ['9'.repeat(50), '1'],
  ])('reads page %j as %j', (page, expected) => {
    expect(decodeState(`page=${encodeURIComponent(page)}`).split.page).toBe(expected);
  });

  it.each([
    ['56', '56'],
    ['056', '56'],
    ['0', ''],
    ['x', ''],
    ['', ''],
  ])('reads highlight %j as %j', (hl, expected) => {
    expect(decodeState(`hl=${hl}`).split.highlight).toBe(expected);
    expect(resolvePreset({ split: { highlight: hl } }).split.highlight).toBe(expected);
  });

  it('cuts over-long parameters instead of failing', () => {
    const long = 'x'.repeat(100_000);
    const state = decodeState(`net=${long}&list=${long}`);
    expect(state.details.network).toHaveLength(MAX_PARAM_LENGTH);
    expect(state.summarise.networks).toHaveLength(MAX_LIST_LENGTH);
  });

  it('reads a requirement without a colon as hosts only', () => {
    expect(decodeState('req=25').vlsm.requirements).toEqual([{ name: '', hosts: '25' }]);
  });

  it('never throws on arbitrary input', () => {
    for (const query of ['?', '&', '=', 'mode', 'req=%E0%A4%A', '\u0000', 'page=1e9', 'req=:&req=::']) {
      expect(() => decodeState(query)).not.toThrow();
    }
  });
});

describe('resolvePreset', () => {
  it('returns the base for no preset', () => {
    expect(resolvePreset(undefined)).toBe(DEFAULT_STATE);
  });

  it('fills gaps from the defaults', () => {
    const state = resolvePreset({
      mode: 'vlsm',
      vlsm: { network: '10.10.0.0/22', requirements: [{ name: 'Office', hosts: '120' }] },
    });
    expect(state.mode).toBe('vlsm');
    expect(state.vlsm).toEqual({
      network: '10.10.0.0/22',
      requirements: [{ name: 'Office', hosts: '120' }],
      pointToPoint: false,
    });
    expect(state.details).toEqual(DEFAULT_STATE.details);
  });

  it('accepts numbers where text is expected and ignores mistyped fields', () => {
    const preset = JSON.parse(
      '{"mode":"nope","split":{"newPrefix":26,"by":"x","page":0},"vlsm":{"requirements":[{"name":"A","hosts":10},{}],"pointToPoint":"yes"}}',
    );
    const state = resolvePreset(preset);
    expect(state.mode).toBe('details');
    expect(state.split).toEqual({ ...DEFAULT_STATE.split, newPrefix: '26', page: '1' });
    expect(state.vlsm.requirements).toEqual([
      { name: 'A', hosts: '10' },
      { name: '', hosts: '' },
    ]);
    expect(state.vlsm.pointToPoint).toBe(false);
  });

  it('opens on the page of a highlighted subnet unless a page is given', () => {
    expect(resolvePreset({ split: { highlight: '300' } }).split.page).toBe('2');
    expect(resolvePreset({ split: { highlight: '300', page: '1' } }).split.page).toBe('1');
  });
});

describe('sameState', () => {
  it('compares by encoded value', () => {
    expect(sameState(DEFAULT_STATE, resolvePreset({}))).toBe(true);
    expect(sameState(DEFAULT_STATE, custom)).toBe(false);
  });
});

describe('linkNotices (issue 10 #8: unknown fixed-choice values are not dropped silently)', () => {
  it('names the unknown value and what is shown instead', () => {
    expect(linkNotices('?mode=graphs&by=bits&p2p=yes')).toEqual([
      "Unknown mode 'graphs' in the link — showing Details.",
      "Unknown split method 'bits' in the link — showing a split by prefix length.",
      "Unknown value 'yes' for point-to-point links in the link (use 1 or 0) — showing off.",
    ]);
  });

  it('says when a value was cut to its limit', () => {
    expect(linkNotices(`net=${'1'.repeat(300)}`)).toEqual([
      "The link's details network is 300 characters long: only the first 200 are used.",
    ]);
  });

  it('is empty for known values, absent parameters and free text', () => {
    expect(linkNotices('')).toEqual([]);
    expect(linkNotices('?mode=split&by=count&p2p=1&net=garbage')).toEqual([]);
  });

  it('uses the base state for what is shown, and quotes hostile values safely', () => {
    const base = { ...DEFAULT_STATE, mode: 'vlsm' as const };
    expect(linkNotices('mode=%3Cscript%3E', base)).toEqual([
      "Unknown mode '<script>' in the link — showing VLSM plan.",
    ]);
    expect(linkNotices(`mode=${'x'.repeat(100_000)}`)[0]?.length).toBeLessThan(100);
  });
});
