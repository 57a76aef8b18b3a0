import { describe, expect, it } from 'vitest';
import {
  decodePlaygroundUrl,
  encodePlaygroundUrl,
  PACKET_CODEC,
  PLAYGROUND_SCENARIOS,
  packetIndex,
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

describe('playground URL codec (toolkit)', () => {
  it('keeps foreign parameters and leaves defaults out', () => {
    expect(PACKET_CODEC.query('?utm=x&scenario=arp', PACKET_CODEC.defaults)).toBe('?utm=x');
    expect(PACKET_CODEC.query('', { ...PACKET_CODEC.defaults, scenario: 'dns', packet: '2' })).toBe(
      '?scenario=dns&packet=2',
    );
  });
  it('quotes a refused packet number', () => {
    const r = PACKET_CODEC.parse({ ...PACKET_CODEC.defaults, packet: '1.5' });
    expect(r.ok ? '' : r.error.message).toBe("Packet is '1.5' but must be a whole number.");
  });
  it.each([
    ['2', 5, 1],
    ['9', 5, 4],
    ['0', 5, 0],
    ['abc', 5, 0],
    ['1000', 5, 4],
    ['', 5, 0],
    ['3', 0, 0],
  ])('packet %s of %d is index %d', (text, count, index) => {
    expect(packetIndex(text, count)).toBe(index);
  });
});
