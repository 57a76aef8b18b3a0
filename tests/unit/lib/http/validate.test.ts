import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../../src/lib/http/event-queue.ts';
import {
  comparePageLoads,
  HTTP_CONSTANTS,
  isPresetId,
  type PageInput,
  PRESET_IDS,
  PRESETS,
  PROTOCOL_IDS,
  PROTOCOLS,
  parseProtocol,
  presetPage,
  simulatePageLoad,
  uniformPage,
  validateNetwork,
  validatePage,
} from '../../../../src/lib/http/index.ts';

const tiny: PageInput = { html: { bytes: 1000 }, resources: [] };

describe('validateNetwork', () => {
  it('fills defaults', () => {
    expect(validateNetwork()).toEqual({
      ok: true,
      value: {
        rttMs: 100,
        bandwidthMbps: 50,
        lossRate: 0,
        seed: 1,
        tls: 'tls13',
        dnsMs: 0,
        serverProcessingMs: 0,
        connectionsPerOrigin: 6,
        initialWindowSegments: 10,
      },
    });
    expect(validateNetwork({ bandwidthMbps: Number.POSITIVE_INFINITY }).ok).toBe(true);
  });

  it.each([
    // The bounds of src/lib/bounds, one rule with the handshake model (issue 10.1: 1e-16 ms used to hang).
    [{ rttMs: 0 }, 'out-of-range', "rttMs is '0' but must be from 0.01 to 60000 ms."],
    [{ rttMs: 1e-16 }, 'out-of-range', "rttMs is '1e-16' but must be from 0.01 to 60000 ms."],
    [{ rttMs: 60_001 }, 'out-of-range', "rttMs is '60001' but must be from 0.01 to 60000 ms."],
    [{ rttMs: Number.NaN }, 'not-a-number', "rttMs must be a number, got 'NaN'."],
    [{ rttMs: '50' as unknown as number }, 'not-a-number', "rttMs must be a number, got '50'."],
    [{ bandwidthMbps: -1 }, 'out-of-range', "bandwidthMbps is '-1' but must be from 0.001 to 100000 Mbit/s."],
    [{ bandwidthMbps: 1e-320 }, 'out-of-range', "bandwidthMbps is '1e-320' but must be from 0.001 to 100000 Mbit/s."],
    [{ lossRate: 0.5 }, 'out-of-range', "lossRate is '0.5' but must be from 0 to 0.3 (a fraction: 0.01 is 1 %)."],
    [{ seed: 1.5 }, 'not-integer', "seed is '1.5' but must be a whole number."],
    [{ connectionsPerOrigin: 2.5 }, 'not-integer', "connectionsPerOrigin is '2.5' but must be a whole number."],
    [
      { initialWindowSegments: 101 },
      'out-of-range',
      "initialWindowSegments is '101' but must be from 1 to 100 segments.",
    ],
    [{ rttMs: Number.POSITIVE_INFINITY }, 'out-of-range', "rttMs is 'Infinity' but must be from 0.01 to 60000 ms."],
    [{ tls: 'ssl3' as 'none' }, 'unknown-tls', "tls is 'ssl3': use one of tls13, tls12, none."],
  ])('%j → %s', (input, code, message) => {
    const result = validateNetwork(input);
    expect(result).toEqual({ ok: false, error: { code, field: Object.keys(input)[0], message } });
  });
});

describe('validatePage', () => {
  it('numbers requests (0 = HTML) and resolves dependencies', () => {
    const r = validatePage({
      html: { bytes: 10, serverMs: 5 },
      resources: [
        { name: 'a.css', bytes: 1, type: 'css' },
        { name: 'b.woff2', bytes: 2, type: 'font', dependsOn: 0, serverMs: 1 },
      ],
    });
    expect(r.ok && r.value.requests.map((q) => [q.index, q.name, q.discoveredBy])).toEqual([
      [0, 'index.html', null],
      [1, 'a.css', 0],
      [2, 'b.woff2', 1],
    ]);
  });

  it.each([
    [
      { html: { bytes: -1 }, resources: [] },
      'out-of-range',
      "html.bytes is '-1' but must be from 0 to 1000000000 bytes.",
    ],
    [
      { html: { bytes: 2e9 }, resources: [] },
      'too-large',
      "html.bytes is '2000000000' (2.0 GB): one resource can be at most 1 GB (1000000000 bytes).",
    ],
    [
      { html: { bytes: 1 }, resources: [{ name: 'x', bytes: 1.5 }] },
      'not-integer',
      "resources[0].bytes is '1.5' but must be a whole number.",
    ],
    [
      { html: { bytes: 1 }, resources: [{ name: '  ', bytes: 1 }] },
      'bad-name',
      "resources[0].name is '  ': give a name of 1 to 80 characters.",
    ],
    [
      { html: { bytes: 1 }, resources: [{ name: 'a', bytes: 1, dependsOn: 0 }] },
      'bad-dependency',
      "resources[0] ('a') depends on '0', which is not an earlier resource: use an index from 0 to -1.",
    ],
    [
      { html: { bytes: 1 }, resources: [{ name: 'a', bytes: 1, type: 'video' as 'css' }] },
      'unknown-type',
      "resources[0].type is 'video': use document, css, js, image, font, other.",
    ],
    [
      { html: { bytes: 1, serverMs: -3 }, resources: [] },
      'out-of-range',
      "html.serverMs is '-3' but must be from 0 to 60000 ms.",
    ],
    [
      { html: { bytes: 1 }, resources: [{ name: 'a', bytes: 1, serverMs: 1e9 }] },
      'out-of-range',
      "resources[0].serverMs is '1000000000' but must be from 0 to 60000 ms.",
    ],
  ])('%j → %s', (input, code, message) => {
    const result = validatePage(input as PageInput);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message).toBe(message);
    }
  });

  it('limits the count and the total size with friendly messages', () => {
    const many = validatePage(uniformPage(501, 1));
    expect(!many.ok && many.error.message).toBe('The page has 501 resources; the simulator takes at most 500.');
    const huge = validatePage(uniformPage(3, 900_000_000));
    expect(!huge.ok && huge.error.code).toBe('too-large');
    expect(!huge.ok && huge.error.message).toBe(
      "The page adds up to 2700010000 bytes at 'resource-3': the whole page can be at most 2 GB (2000000000 bytes).",
    );
    const broken = validatePage({ html: { bytes: 1 }, resources: 'x' as unknown as [] });
    expect(!broken.ok && broken.error.message).toBe("resources must be a list, got 'x'.");
    expect(validatePage(null as unknown as PageInput).ok).toBe(false);
    expect(
      validatePage({ html: { bytes: 1 }, resources: [null as unknown as { name: string; bytes: number }] }).ok,
    ).toBe(false);
  });
});

describe('entry points never throw on user input', () => {
  it('simulatePageLoad and comparePageLoads return typed errors', () => {
    expect(simulatePageLoad({ protocol: 'spdy' as 'h2', page: tiny })).toEqual({
      ok: false,
      error: {
        code: 'unknown-protocol',
        field: 'protocol',
        message: "Unknown protocol 'spdy': use one of http1.0, http1.1, http1.1-pipelined, h2, h3.",
      },
    });
    expect(simulatePageLoad({ protocol: 'h2', page: tiny, network: { rttMs: -5 } }).ok).toBe(false);
    expect(simulatePageLoad({ protocol: 'h2', page: { html: { bytes: -1 }, resources: [] } }).ok).toBe(false);
    expect(comparePageLoads(tiny, { lossRate: 2 }).ok).toBe(false);
    expect(comparePageLoads({ html: { bytes: Number.NaN }, resources: [] }).ok).toBe(false);
    expect(parseProtocol('h3')).toEqual({ ok: true, value: 'h3' });
    expect(parseProtocol('h4').ok).toBe(false);
  });
});

describe('presets and tables', () => {
  it.each(PRESET_IDS)('%s is a valid page', (id) => {
    const page = presetPage(id);
    expect(page.ok && validatePage(page.value).ok).toBe(true);
    expect(isPresetId(id)).toBe(true);
  });

  it('the gallery has 100 tiles; unknown presets are typed errors', () => {
    expect(PRESETS['image-gallery'].page.resources.filter((r) => r.type === 'image')).toHaveLength(100);
    expect(presetPage('nope')).toEqual({
      ok: false,
      error: {
        code: 'unknown-preset',
        field: 'preset',
        message: "Unknown preset 'nope': use blog-post, image-gallery, js-app.",
      },
    });
    expect(uniformPage(-1, 5).resources).toHaveLength(0);
  });

  it('every constant names its source; every protocol has a label', () => {
    for (const c of Object.values(HTTP_CONSTANTS)) expect(c.source.length).toBeGreaterThan(5);
    expect(HTTP_CONSTANTS.initialWindowSegments.value * HTTP_CONSTANTS.mssBytes.value).toBe(14_600);
    for (const id of PROTOCOL_IDS) expect(PROTOCOLS[id].label).toMatch(/HTTP/);
  });

  it('the event queue pops in time order, ties in insertion order', () => {
    const q = new EventQueue<string>();
    for (const [t, v] of [
      [5, 'a'],
      [1, 'b'],
      [5, 'c'],
      [0, 'd'],
      [3, 'e'],
    ] as const)
      q.push(t, v);
    expect(q.size).toBe(5);
    const out: string[] = [];
    for (let e = q.pop(); e !== undefined; e = q.pop()) out.push(e.value);
    expect(out).toEqual(['d', 'b', 'e', 'a', 'c']);
  });
});
