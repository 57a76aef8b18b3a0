import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { BOUNDS } from '../../../../src/lib/bounds/index.ts';
import {
  booleanField,
  boundsHint,
  clamp,
  controlLabel,
  defineCodec,
  enumField,
  FIELD_ERROR_CODES,
  fieldMessage,
  listField,
  numberField,
  quote,
  stringField,
} from '../../../../src/lib/playground/index.ts';

const PROTOCOLS = ['h1', 'h2', 'h3'] as const;
const LABELS = { h1: 'HTTP/1.1', h2: 'HTTP/2', h3: 'HTTP/3' } as const;

const codec = defineCodec({
  protocol: enumField({
    param: 'protocol',
    label: 'Protocol',
    values: PROTOCOLS,
    default: 'h2',
    noun: 'protocol',
    describe: (p) => LABELS[p],
  }),
  rtt: numberField({ param: 'rtt', label: 'Round-trip time', bound: BOUNDS.rttMs, default: 100 }),
  bandwidth: numberField({
    param: 'bw',
    label: 'Bandwidth',
    bound: BOUNDS.bandwidthMbps,
    default: 50,
    blank: 'unlimited',
  }),
  count: numberField({ param: 'count', label: 'Number of resources', bound: BOUNDS.resources, default: 20, unit: '' }),
  host: stringField({ param: 'host', label: 'Host name', default: 'example.com', maxLength: 253 }),
  p2p: booleanField({ param: 'p2p', label: 'Point-to-point links', default: false }),
});

describe('defineCodec: one declaration', () => {
  it('gives defaults, parameter names and field order', () => {
    expect(codec.defaults).toEqual({
      protocol: 'h2',
      rtt: '100',
      bandwidth: '50',
      count: '20',
      host: 'example.com',
      p2p: false,
    });
    expect(codec.params).toEqual(['protocol', 'rtt', 'bw', 'count', 'host', 'p2p']);
    expect(codec.keys).toEqual(['protocol', 'rtt', 'bandwidth', 'count', 'host', 'p2p']);
  });

  it('labels controls with their unit and hints their bounds', () => {
    expect(controlLabel(codec.fields.rtt)).toBe('Round-trip time (ms)');
    expect(controlLabel(codec.fields.count)).toBe('Number of resources');
    expect(boundsHint(codec.fields.rtt)).toBe('0.01–60000 ms');
    expect(boundsHint(codec.fields.bandwidth)).toBe('0.001–100000 Mbit/s, or blank for unlimited');
  });
});

describe('encode / decode', () => {
  it('writes only what differs from the base, and reads it back', () => {
    expect(codec.encode(codec.defaults)).toBe('');
    const state = { ...codec.defaults, protocol: 'h3' as const, rtt: '250', bandwidth: '', p2p: true };
    expect(codec.encode(state)).toBe('protocol=h3&rtt=250&bw=&p2p=1');
    expect(codec.decode('?protocol=h3&rtt=250&bw=&p2p=1')).toEqual({ state, notices: [] });
    const base = { ...codec.defaults, rtt: '80' };
    expect(codec.encode(base, base)).toBe('');
    expect(codec.decode('', base).state).toEqual(base);
  });

  it('keeps foreign parameters and the hash-free query shape', () => {
    expect(codec.query('?utm_source=talk&rtt=9', { ...codec.defaults, rtt: '10' })).toBe('?utm_source=talk&rtt=10');
    expect(codec.query('?rtt=9', codec.defaults)).toBe('');
  });

  it('says so when a fixed-choice value is unknown, and shows the base value', () => {
    expect(codec.decode('?protocol=h9&p2p=maybe')).toEqual({
      state: codec.defaults,
      notices: [
        { code: 'unknown-choice', field: 'protocol', message: "Unknown protocol 'h9' in the link — showing HTTP/2." },
        {
          code: 'unknown-choice',
          field: 'p2p',
          message: "Unknown value 'maybe' for point-to-point links in the link (use 1 or 0) — showing off.",
        },
      ],
    });
    expect(codec.decode('?p2p=true&protocol=h1').state).toMatchObject({ p2p: true, protocol: 'h1' });
    expect(codec.decode('?p2p=false', { ...codec.defaults, p2p: true }).state.p2p).toBe(false);
  });

  it('clips 100,000-character values before parsing, with a notice', () => {
    const long = '9'.repeat(100_000);
    const decoded = codec.decode(`?rtt=${long}&host=${'a'.repeat(100_000)}&protocol=${long}`);
    expect(decoded.state.rtt).toHaveLength(64);
    expect(decoded.state.host).toHaveLength(253);
    expect(decoded.notices.map((n) => [n.field, n.code])).toEqual([
      ['protocol', 'unknown-choice'],
      ['rtt', 'too-long'],
      ['host', 'too-long'],
    ]);
    expect(decoded.notices[0]?.message).toBe(`Unknown protocol '${'9'.repeat(40)}…' in the link — showing HTTP/2.`);
    expect(decoded.notices[1]?.message).toBe(
      "The link's round-trip time is 100000 characters long: only the first 64 are used.",
    );
    const parsed = codec.parse(decoded.state);
    expect(!parsed.ok && fieldMessage(parsed.error, 'rtt')).toBe(
      `Round-trip time is '${'9'.repeat(40)}…' but must be from 0.01 to 60000 ms.`,
    );
  });

  it('round-trips any state (property)', () => {
    const text = fc.string({ maxLength: 12 });
    fc.assert(
      fc.property(
        fc.record({
          protocol: fc.constantFrom(...PROTOCOLS),
          rtt: text,
          bandwidth: text,
          count: text,
          host: text,
          p2p: fc.boolean(),
        }),
        (state) => {
          expect(codec.decode(`?${codec.encode(state)}`)).toEqual({ state, notices: [] });
        },
      ),
    );
  });
});

describe('parse', () => {
  it('turns the defaults into values (blank allowed = undefined)', () => {
    expect(codec.parse(codec.defaults)).toEqual({
      ok: true,
      value: { protocol: 'h2', rtt: 100, bandwidth: 50, count: 20, host: 'example.com', p2p: false },
    });
    const blank = codec.parse({ ...codec.defaults, bandwidth: '  ' });
    expect(blank.ok && blank.value.bandwidth).toBeUndefined();
    const negativeZero = codec.parse({ ...codec.defaults, count: '1', rtt: '0.01', bandwidth: '-0' });
    expect(negativeZero.ok).toBe(false);
  });

  it.each([
    ['rtt', 'fast', 'not-a-number', "Round-trip time must be a number, got 'fast'."],
    ['rtt', '0x10', 'not-a-number', "Round-trip time must be a number, got '0x10'."],
    ['rtt', 'Infinity', 'not-a-number', "Round-trip time must be a number, got 'Infinity'."],
    ['rtt', 'NaN', 'not-a-number', "Round-trip time must be a number, got 'NaN'."],
    ['rtt', '', 'empty', 'Round-trip time is empty: type a number from 0.01 to 60000 ms.'],
    ['rtt', '1e308', 'out-of-range', "Round-trip time is '1e308' but must be from 0.01 to 60000 ms."],
    ['rtt', '1e999', 'out-of-range', "Round-trip time is '1e999' but must be from 0.01 to 60000 ms."],
    ['rtt', '1e-16', 'out-of-range', "Round-trip time is '1e-16' but must be from 0.01 to 60000 ms."],
    ['bandwidth', '1e-320', 'out-of-range', "Bandwidth is '1e-320' but must be from 0.001 to 100000 Mbit/s."],
    ['count', '2.5', 'not-integer', "Number of resources is '2.5' but must be a whole number."],
    ['count', '0', 'out-of-range', "Number of resources is '0' but must be from 1 to 500 resources."],
  ] as const)('%s %j → %s', (field, text, code, message) => {
    const parsed = codec.parse({ ...codec.defaults, [field]: text });
    expect(parsed).toEqual({
      ok: false,
      error: { code: 'invalid-fields', message, fields: [{ code, field, message }] },
    });
  });

  it('reports every refused field at once', () => {
    const parsed = codec.parse({ ...codec.defaults, rtt: 'x', count: '0' });
    expect(!parsed.ok && parsed.error.fields.map((e) => e.field)).toEqual(['rtt', 'count']);
    expect(!parsed.ok && fieldMessage(parsed.error, 'bandwidth')).toBeUndefined();
    expect(fieldMessage(undefined, 'rtt')).toBeUndefined();
  });

  it('refuses an enum value no decode could produce', () => {
    const parsed = codec.parseField('protocol', 'h9' as 'h2');
    expect(parsed).toEqual({
      ok: false,
      error: { code: 'unknown-choice', field: 'protocol', message: "Unknown protocol 'h9'." },
    });
  });

  it('never throws and never yields a non-finite number (property)', () => {
    const hostile = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('1e308', '1e-320', '-0', 'NaN', 'Infinity', '-Infinity', '1e999', '', ' ', '9'.repeat(100_000)),
      fc.double().map(String),
    );
    fc.assert(
      fc.property(hostile, hostile, hostile, (rtt, bandwidth, count) => {
        const parsed = codec.parse(codec.decode(new URLSearchParams({ rtt, bw: bandwidth, count }).toString()).state);
        if (parsed.ok) {
          for (const value of [parsed.value.rtt, parsed.value.bandwidth ?? 1, parsed.value.count]) {
            expect(Number.isFinite(value)).toBe(true);
          }
          expect(parsed.value.rtt).toBeGreaterThanOrEqual(BOUNDS.rttMs.min);
          expect(parsed.value.rtt).toBeLessThanOrEqual(BOUNDS.rttMs.max);
        } else {
          for (const e of parsed.error.fields) expect(FIELD_ERROR_CODES).toContain(e.code);
        }
      }),
    );
  });
});

describe('resolve (untrusted preset props)', () => {
  it('takes well-typed fields and ignores the rest', () => {
    expect(codec.resolve({ protocol: 'h3', rtt: 80, bandwidth: '', p2p: 'yes', host: 7 })).toEqual({
      ...codec.defaults,
      protocol: 'h3',
      rtt: '80',
      bandwidth: '',
    });
    expect(codec.resolve({ protocol: 'h9', p2p: true }).p2p).toBe(true);
    expect(codec.resolve(undefined)).toBe(codec.defaults);
    expect(codec.resolve('rtt=3')).toBe(codec.defaults);
    expect(codec.resolve({ host: 'x'.repeat(1000) }).host).toHaveLength(253);
  });
});

describe('helpers', () => {
  it('clamps into a bound', () => {
    expect([clamp(1e308, BOUNDS.rttMs), clamp(-1, BOUNDS.rttMs), clamp(Number.NaN, BOUNDS.rttMs)]).toEqual([
      60_000, 0.01, 0.01,
    ]);
    expect(clamp(2.6, BOUNDS.resources)).toBe(3);
  });

  it('quotes short text whole and long text clipped', () => {
    expect(quote('80ms')).toBe("'80ms'");
    expect(quote('x'.repeat(41))).toBe(`'${'x'.repeat(40)}…'`);
  });

  it('names enum values by id when no describe is given', () => {
    const plain = defineCodec({
      mode: enumField({ param: 'm', label: 'Mode', values: ['a', 'b'], default: 'a', noun: 'mode' }),
    });
    expect(plain.decode('?m=c').notices[0]?.message).toBe("Unknown mode 'c' in the link — showing a.");
  });
});

describe('listField (repeated parameters)', () => {
  const lists = defineCodec({
    req: listField({
      param: 'req',
      label: 'Requirements',
      default: ['200:Sales', '50:Guest'],
      maxItems: 3,
      maxLength: 10,
    }),
  });

  it('writes one parameter per item, an explicitly empty list as one empty parameter, and reads both back', () => {
    expect(lists.encode(lists.defaults)).toBe('');
    expect(lists.encode({ req: ['200:Sales', '50:Guest'] })).toBe(''); // equal item by item to the default
    expect(lists.encode({ req: ['1:a', '2:b'] })).toBe('req=1%3Aa&req=2%3Ab');
    expect(lists.decode('?req=1%3Aa&req=2%3Ab')).toEqual({ state: { req: ['1:a', '2:b'] }, notices: [] });
    expect(lists.encode({ req: [] })).toBe('req=');
    expect(lists.decode('?req=').state).toEqual({ req: [] });
    expect(lists.decode('').state).toEqual(lists.defaults);
  });

  it('keeps at most maxItems items of maxLength characters, with a notice', () => {
    const decoded = lists.decode('?req=a&req=b&req=c&req=d&req=0123456789xyz');
    expect(decoded.state.req).toEqual(['a', 'b', 'c']);
    expect(decoded.notices.map((n) => n.code)).toEqual(['too-long']);
    expect(lists.decode('?req=0123456789xyz').state.req).toEqual(['0123456789']);
    expect(lists.resolve({ req: ['x', 'y', 'z', 'w'] }).req).toEqual(['x', 'y', 'z']);
    expect(lists.resolve({ req: ['x', 3] }).req).toEqual(lists.defaults.req);
    expect(lists.parse({ req: ['x'] })).toEqual({ ok: true, value: { req: ['x'] } });
  });

  it('gives the model the items as a string list (the value type was `never` before)', () => {
    const parsed = lists.parse({ req: ['x'] });
    if (!parsed.ok) throw new Error(parsed.error.message);
    expectTypeOf(parsed.value.req).toEqualTypeOf<readonly string[]>();
    expect(parsed.value.req.join('|')).toBe('x');
  });
});
