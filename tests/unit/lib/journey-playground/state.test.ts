import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  JOURNEY_DEFAULTS,
  JOURNEY_PRESETS,
  MAX_URL_LENGTH as MODEL_MAX_URL_LENGTH,
} from '../../../../src/lib/journey/index.ts';
import {
  JOURNEY_CODEC,
  JOURNEY_STATE_DEFAULTS,
  journeyInput,
  MAX_URL_LENGTH,
  NETWORK_CHOICES,
  presetLabel,
  RUN_KEYS,
  runInput,
  SAMPLE_URL,
} from '../../../../src/lib/journey-playground/index.ts';

describe('JOURNEY_CODEC', () => {
  it('defaults to the sample URL and the model’s own defaults', () => {
    expect(JOURNEY_STATE_DEFAULTS).toEqual({
      url: SAMPLE_URL,
      network: JOURNEY_DEFAULTS.preset,
      visit: JOURNEY_DEFAULTS.visit,
      warm: JOURNEY_DEFAULTS.warmConnection,
      http: JOURNEY_DEFAULTS.httpVersion,
      tls: JOURNEY_DEFAULTS.tlsVersion,
      proxy: JOURNEY_DEFAULTS.proxy,
      hsts: JOURNEY_DEFAULTS.hstsPreloaded,
      via: JOURNEY_DEFAULTS.dnsTransport,
      server: String(JOURNEY_DEFAULTS.serverMs),
    });
    expect(JOURNEY_CODEC.encode(JOURNEY_STATE_DEFAULTS)).toBe('');
  });

  it('offers every network preset of the model, with its label, and reads as long a URL as the model', () => {
    expect(NETWORK_CHOICES).toEqual(JOURNEY_PRESETS.map((p) => ({ id: p.id, label: p.label })));
    expect(MAX_URL_LENGTH).toBe(MODEL_MAX_URL_LENGTH);
    expect(presetLabel('mobile')).toBe(NETWORK_CHOICES.find((c) => c.id === 'mobile')?.label);
    expect(presetLabel('nowhere')).toBe('nowhere');
  });

  it('round-trips a state through the address bar', () => {
    const state = {
      ...JOURNEY_STATE_DEFAULTS,
      url: 'https://bücher.example/a?b=1#c',
      network: 'satellite',
      visit: 'warm',
      http: '3',
      proxy: false,
    } as const;
    const query = JOURNEY_CODEC.encode(state);
    expect(query).toContain('visit=warm');
    expect(JOURNEY_CODEC.decode(query)).toEqual({ state, notices: [] });
  });

  it('keeps the default and says so for an unknown preset or visit in a link', () => {
    const { state, notices } = JOURNEY_CODEC.decode('?net=moon&visit=third&http=9&proxy=maybe');
    expect(state.network).toBe(JOURNEY_STATE_DEFAULTS.network);
    expect(state.visit).toBe('cold');
    expect(state.http).toBe('2');
    expect(state.proxy).toBe(true);
    expect(notices.map((n) => n.message)).toEqual([
      "Unknown network preset 'moon' in the link — showing Cross-continent (~80 ms).",
      "Unknown visit 'third' in the link — showing First visit (cold).",
      "Unknown HTTP version '9' in the link — showing HTTP/2.",
      "Unknown value 'maybe' for through a cdn / reverse proxy in the link (use 1 or 0) — showing on.",
    ]);
  });

  it('names the default of every choice in its notice', () => {
    const { notices } = JOURNEY_CODEC.decode('?warm=later&tls=1.4&via=pigeon');
    expect(notices.map((n) => n.message)).toEqual([
      "Unknown second-visit connection 'later' in the link — showing Connection still open (reused).",
      "Unknown TLS version '1.4' in the link — showing TLS 1.3.",
      "Unknown DNS transport 'pigeon' in the link — showing UDP (port 53).",
    ]);
  });

  it('clips a 100,000-character URL in a link to one character over the model’s limit, with a notice', () => {
    const long = `https://example.com/${'a'.repeat(100_000)}`;
    const { state, notices } = JOURNEY_CODEC.decode(`?url=${encodeURIComponent(long)}`);
    expect(state.url).toHaveLength(MAX_URL_LENGTH + 1);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.code).toBe('too-long');
  });

  it('never throws on any query', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (search) => {
        const { state } = JOURNEY_CODEC.decode(search);
        expect(state.url.length).toBeLessThanOrEqual(MAX_URL_LENGTH + 1);
        const input = runInput(state);
        expect(typeof input.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});

describe('runInput', () => {
  it('plans both visits with the same options, the URL as typed', () => {
    const result = runInput({ ...JOURNEY_STATE_DEFAULTS, url: '  javascript:alert(1) ', server: '5' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.cold).toEqual({
      url: '  javascript:alert(1) ',
      preset: 'cross-continent',
      visit: 'cold',
      warmConnection: 'reused',
      dnsTransport: 'udp',
      httpVersion: '2',
      tlsVersion: '1.3',
      proxy: true,
      hstsPreloaded: false,
      serverMs: 5,
    });
    expect(result.value.warm).toEqual({ ...result.value.cold, visit: 'warm' });
  });

  it('ignores the shown visit (switching needs no new run), and RUN_KEYS says so', () => {
    expect(RUN_KEYS).not.toContain('visit');
    expect(RUN_KEYS).toHaveLength(JOURNEY_CODEC.keys.length - 1);
    const cold = runInput(JOURNEY_STATE_DEFAULTS);
    const warm = runInput({ ...JOURNEY_STATE_DEFAULTS, visit: 'warm' });
    expect(warm).toEqual(cold);
  });

  it('refuses a server time that is not a number, quoting it', () => {
    const result = runInput({ ...JOURNEY_STATE_DEFAULTS, server: 'soon' });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-fields',
        fields: [{ field: 'server', message: "Server time must be a number, got 'soon'." }],
      },
    });
    expect(journeyInput({ ...JOURNEY_STATE_DEFAULTS, server: '-1' }, 'warm').ok).toBe(false);
  });
});
