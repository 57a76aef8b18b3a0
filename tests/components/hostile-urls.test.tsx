// @vitest-environment happy-dom
/**
 * Issue 10: any query string gives each playground either a valid state or a state with field errors, and rendering
 * that state never throws — including 1e308, 1e-320, -0, NaN, Infinity and 100,000-character values. The lib-level
 * property runs many cases (parsing only); the render property runs fewer (each render is a full island).
 */
import { cleanup, render, screen } from '@testing-library/preact';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpTimeline } from '../../src/components/HttpTimeline/HttpTimeline.tsx';
import { TlsCalculator } from '../../src/components/TlsCalculator/TlsCalculator.tsx';
import { TIMELINE_CODEC, timelineInput } from '../../src/lib/http-timeline/index.ts';
import { FIELD_ERROR_CODES } from '../../src/lib/playground/index.ts';
import { parseCalculatorState, TLS_CODEC } from '../../src/lib/tls-calculator/index.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const HOSTILE = ['1e308', '1e-320', '-0', 'NaN', 'Infinity', '-Infinity', '', ' ', '0x10', '1e-16', '2.5', '-1'];
const LONG = '7'.repeat(100_000);

/** A hostile value for any parameter: special numbers, arbitrary doubles and strings, a 100k-character value. */
const value = fc.oneof(
  fc.constantFrom(...HOSTILE, LONG, `<img src=x onerror=alert(1)>`),
  fc.double().map(String),
  fc.string({ maxLength: 20 }),
  fc.integer({ min: -10, max: 1000 }).map(String),
);

/** A query string over some of `params` (and a foreign one), URL-encoded as a link would be. */
const query = (params: readonly string[]) =>
  fc
    .dictionary(fc.constantFrom(...params, 'utm_source'), value, { maxKeys: params.length })
    .map((entries) => `?${new URLSearchParams(entries).toString()}`);

/** The text of an island's results (headline, breakdown, tables, comparison), without the controls' messages. */
function results(): string {
  return [...document.querySelectorAll('.tc-headline, .tc-phases, .tc-table, .ht-results')]
    .map((e) => e.textContent)
    .join(' ');
}

function quietRender(ui: preact.ComponentChild, search: string) {
  window.history.replaceState(null, '', `/play/${search}`);
  render(ui);
}

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

describe('TLS calculator URL state', () => {
  it('parses any query to a valid input or field errors with known codes', () => {
    fc.assert(
      fc.property(query(TLS_CODEC.params), (search) => {
        const { state } = TLS_CODEC.decode(search);
        for (const key of TLS_CODEC.keys) {
          const text = state[key];
          if (typeof text === 'string') expect(text.length).toBeLessThanOrEqual(TLS_CODEC.fields[key].maxLength);
        }
        const parsed = parseCalculatorState(state);
        if (parsed.ok) {
          // Blank bandwidth is unlimited (+∞ by the model's convention); every other number is finite.
          const { bandwidthMbps, ...rest } = parsed.value;
          expect(bandwidthMbps === Number.POSITIVE_INFINITY || Number.isFinite(bandwidthMbps)).toBe(true);
          for (const v of Object.values(rest)) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
        } else {
          expect(parsed.error.fields.length).toBeGreaterThan(0);
          for (const e of parsed.error.fields) expect(FIELD_ERROR_CODES).toContain(e.code);
        }
      }),
      { numRuns: RUNS * 10 },
    );
  });

  it('renders any query without throwing, with no NaN or Infinity on screen', () => {
    fc.assert(
      fc.property(query(TLS_CODEC.params), (search) => {
        quietRender(<TlsCalculator syncUrl />, search);
        // The numbers shown (not the messages, which quote what was typed, 'NaN' included).
        expect(results()).not.toMatch(/NaN|Infinity/);
        cleanup();
      }),
      { numRuns: Math.ceil(RUNS / 6) },
    );
  });

  it.each(['?rtt=1e308', '?server=1e308', '?dns=1e308', '?bw=1e-320'])('%s shows the field error', (search) => {
    quietRender(<TlsCalculator syncUrl />, search);
    const invalid = document.querySelectorAll('[aria-invalid="true"]');
    expect(invalid).toHaveLength(1);
    expect(screen.getByText(/but must be from/)).toBeTruthy();
    expect(results()).not.toMatch(/NaN|Infinity/);
    expect(results()).toContain('301 ms'); // the default's time to first byte: the last good result
  });
});

describe('HTTP timeline URL state', () => {
  it('parses any query to a valid input or field errors with known codes', () => {
    fc.assert(
      fc.property(query(TIMELINE_CODEC.params), (search) => {
        const input = timelineInput(TIMELINE_CODEC.decode(search).state);
        if (!input.ok) {
          expect(input.error.fields.length).toBeGreaterThan(0);
          for (const e of input.error.fields) expect(FIELD_ERROR_CODES).toContain(e.code);
        }
      }),
      { numRuns: RUNS * 10 },
    );
  });

  it('renders any query without throwing', () => {
    // Counts stay small here (a 500-resource page is the browser test's job, in a worker).
    const small = fc.oneof(fc.constantFrom(...HOSTILE, LONG), fc.integer({ min: 1, max: 5 }).map(String));
    const search = fc
      .record({ page: fc.constantFrom('custom', 'blog-post', 'nope'), count: small, kb: value, rtt: value, bw: value })
      .map((entries) => `?${new URLSearchParams(entries).toString()}`);
    fc.assert(
      fc.property(search, (s) => {
        quietRender(<HttpTimeline syncUrl />, s);
        expect(results()).not.toMatch(/NaN|Infinity/);
        cleanup();
      }),
      { numRuns: Math.ceil(RUNS / 15) },
    );
  });

  it.each([
    ['?bw=1e-320', "Bandwidth is '1e-320' but must be from 0.001 to 100000 Mbit/s."],
    ['?page=blog-post&rtt=1e-16', "Round-trip time is '1e-16' but must be from 0.01 to 60000 ms."],
  ])('%s shows the bound instead of hanging', (search, message) => {
    quietRender(<HttpTimeline syncUrl />, search);
    expect(screen.getByText(message)).toBeTruthy();
    expect(document.querySelectorAll('[aria-invalid="true"]')).toHaveLength(1);
  });

  it('says so when a link names an unknown protocol', () => {
    quietRender(<HttpTimeline syncUrl />, '?protocol=h9');
    expect(screen.getByText("Unknown protocol 'h9' in the link — showing HTTP/2.").getAttribute('role')).toBe('status');
  });
});
