import { describe, expect, it } from 'vitest';
import {
  decodePlaygroundUrl,
  encodePlaygroundUrl,
  PLAYGROUND_SCENARIOS,
} from '../../../../src/lib/packet-playground/index.ts';

describe('playground URL state', () => {
  it.each(PLAYGROUND_SCENARIOS.map((s) => s.id))('round-trips %s', (scenario) => {
    const state = { scenario, packet: 2 };
    expect(decodePlaygroundUrl(encodePlaygroundUrl(state))).toEqual(state);
  });
  it('omits defaults', () => {
    expect(encodePlaygroundUrl({ scenario: 'http', packet: 0 })).toBe('');
    expect(encodePlaygroundUrl({ scenario: 'arp', packet: 0 })).toBe('?scenario=arp');
  });
  it.each([
    ['?scenario=nope&packet=3', { scenario: 'http', packet: 2 }],
    ['?packet=0', { scenario: 'http', packet: 0 }],
    ['?packet=-1', { scenario: 'http', packet: 0 }],
    ['?packet=99999', { scenario: 'http', packet: 998 }],
    ['?packet=1e3', { scenario: 'http', packet: 0 }],
    ['', { scenario: 'http', packet: 0 }],
  ])('falls back on %s', (search, state) => {
    expect(decodePlaygroundUrl(search)).toEqual(state);
  });
});
