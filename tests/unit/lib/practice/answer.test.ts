/** The answer readers: every accepted notation, the refusals and their messages, and hostile strings never throw. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatAddress, formatNetwork } from '../../../../src/lib/ip/index.ts';
import {
  type AnswerValue,
  answerText,
  checkAnswers,
  MAX_ANSWER_LENGTH,
  mistake,
  readAnswer,
  readBytes,
  readChoice,
  readCidr,
  readCidrList,
  readCount,
  readDuration,
  readIp,
  readIpv4,
  readIpv6,
  readPrefix,
  readText,
  sameAnswer,
} from '../../../../src/lib/practice/answer.ts';
import type { AnswerInput, AnswerKind, Exercise } from '../../../../src/lib/practice/types.ts';
import { bestTime } from '../../../support/timing.ts';

const value = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(`expected ok, got: ${r.error.message}`);
  return r.value;
};
const error = (r: { ok: boolean; error?: { code: string; message: string } }) => {
  if (r.ok) throw new Error('expected a failure');
  return r.error as { code: string; message: string };
};

describe('addresses', () => {
  test.each(['192.0.2.1', ' 192.0.2.1 ', '\t192.0.2.1\n'])('IPv4 %j', (text) => {
    expect(formatAddress(value(readIpv4(text)))).toBe('192.0.2.1');
  });
  test.each([
    '2001:db8::1',
    '2001:DB8::1',
    '2001:0db8:0000:0000:0000:0000:0000:0001',
    '2001:db8:0:0:0:0:0:1',
    '2001:0DB8::0001',
  ])('IPv6 %j', (text) => {
    expect(formatAddress(value(readIpv6(text)))).toBe('2001:db8::1');
  });
  test('either family', () => {
    expect(value(readIp('10.0.0.1')).version).toBe(4);
    expect(value(readIp('::ffff:10.0.0.1')).version).toBe(6);
  });
  test('the wrong family is refused with a message that says which', () => {
    expect(error(readIpv4('2001:db8::1')).message).toBe(
      "'2001:db8::1' is an IPv6 address; this answer is an IPv4 address, e.g. 192.0.2.1",
    );
    expect(error(readIpv6('192.0.2.1')).message).toContain('is an IPv4 address');
  });
  test('blank is empty, junk is unparsable and quoted', () => {
    expect(error(readIpv4('   ')).code).toBe('empty');
    const e = error(readIpv4('192.0.2.256'));
    expect(e.code).toBe('unparsable');
    expect(e.message).toContain("'192.0.2.256'");
  });
});

describe('prefix', () => {
  test.each([
    ['/26', 26, 'prefix'],
    ['26', 26, 'prefix'],
    ['/ 26', 26, 'prefix'],
    ['255.255.255.192', 26, 'netmask'],
    ['/255.255.255.192', 26, 'netmask'],
    ['0.0.0.63', 26, 'hostmask'],
    ['/0', 0, 'prefix'],
    ['/128', 128, 'prefix'],
    ['ffff:ffff::', 32, 'netmask'],
  ])('%j → /%d (%s)', (text, prefixLength, form) => {
    expect(value(readPrefix(text))).toEqual({ prefixLength, form });
  });
  test.each(['/129', '255.255.0.255', 'twenty', '/', '0026'])('%j refused', (text) => {
    const e = error(readPrefix(text));
    expect(e.code).toBe('unparsable');
    expect(e.message).toContain(`'${text}'`);
  });
  test('message says what is accepted', () => {
    expect(error(readPrefix('twenty')).message).toBe(
      "'twenty' is not a prefix or mask; write a prefix length (/26 or 26) or a netmask (255.255.255.192)",
    );
  });
});

describe('cidr and cidr-list', () => {
  test.each(['192.0.2.0/26', '192.0.2.0 255.255.255.192', ' 192.0.2.0/26 ', '192.0.2.0/255.255.255.192'])(
    '%j',
    (text) => {
      const read = value(readCidr(text));
      expect(formatNetwork(read.network)).toBe('192.0.2.0/26');
      expect(read.hostBitsSet).toBe(false);
    },
  );
  test('host bits are read and flagged', () => {
    const read = value(readCidr('192.0.2.7/26'));
    expect(formatNetwork(read.network)).toBe('192.0.2.0/26');
    expect(read.hostBitsSet).toBe(true);
  });
  test('a bare address is refused: a network needs its prefix', () => {
    expect(error(readCidr('192.0.2.0')).message).toBe(
      "'192.0.2.0' has no prefix length; write the network with one, e.g. 192.0.2.0/24",
    );
  });
  test.each([
    '10.0.0.0/24, 10.0.1.0/24',
    '10.0.0.0/24 10.0.1.0/24',
    '10.0.0.0/24\n10.0.1.0/24',
    '10.0.0.0/24;10.0.1.0/24',
    ' 10.0.0.0/24 ,\n\n 10.0.1.0/24 ,',
    '10.0.0.0 255.255.255.0, 10.0.1.0/24',
  ])('list %j', (text) => {
    expect(value(readCidrList(text)).map((n) => formatNetwork(n.network))).toEqual(['10.0.0.0/24', '10.0.1.0/24']);
  });
  test('a bad entry is named by its position', () => {
    expect(error(readCidrList('10.0.0.0/24, 10.0.1.0/33')).message).toMatch(/^Entry 2: /);
  });
});

describe('numbers', () => {
  test.each([
    ['62', 62],
    ['1,024', 1024],
    ['1 024', 1024],
    ['1\u00a0024', 1024],
    ['1\u202f024', 1024],
    ['1_024', 1024],
    ["1'024", 1024],
    ['16,777,214', 16777214],
    ['62 hosts', 62],
    ['0', 0],
    ['007', 7],
  ])('count %j → %d', (text, n) => {
    expect(value(readCount(text))).toBe(n);
  });
  test.each(['1,02', '62.5', '-1', 'sixty', '62 apples', '1e3', '9999999999999999', '0x10'])(
    'count %j refused',
    (text) => {
      expect(error(readCount(text)).code).toBe('unparsable');
    },
  );
  test.each([
    ['168', 168],
    ['168 ms', 168],
    ['168ms', 168],
    ['168 MS', 168],
    ['0.168 s', 168],
    ['0.168s', 168],
    ['1.50 s', 1500],
    ['2 seconds', 2000],
    ['250 µs', 0.25],
    ['250 us', 0.25],
    ['12.5 ms', 12.5],
    ['.5 s', 500],
    ['1,200 ms', 1200],
  ])('duration %j → %d ms', (text, ms) => {
    expect(value(readDuration(text))).toBeCloseTo(ms, 9);
  });
  test.each(['168 min', 'fast', 'ms', '168 constructor', '1..5 s'])('duration %j refused', (text) => {
    const e = error(readDuration(text));
    expect(e.code).toBe('unparsable');
    expect(e.message).toContain('168 ms');
  });
  test.each([
    ['1460', 1460],
    ['1460 B', 1460],
    ['1460B', 1460],
    ['1460 bytes', 1460],
    ['1460 octets', 1460],
    ['1.46 kB', 1460],
    ['1.46 KB', 1460],
    ['1.46kB', 1460],
    ['1.5 KiB', 1536],
    ['2 MB', 2_000_000],
    ['1 MiB', 1_048_576],
    ['1 GB', 1e9],
  ])('bytes %j → %d', (text, bytes) => {
    expect(value(readBytes(text))).toBe(bytes);
  });
  test('bits are not bytes', () => {
    expect(error(readBytes('1460 b')).message).toContain('that reads as bits');
    expect(error(readBytes('1.46 kb')).message).toContain('that reads as bits');
  });
});

describe('choice and text', () => {
  const choices = [
    { value: 'private', label: 'Private (RFC 1918)' },
    { value: 'shared', label: 'Shared / CGNAT (RFC 6598)' },
  ];
  test('by value or label, any case', () => {
    expect(value(readChoice('private', choices))).toBe('private');
    expect(value(readChoice(' SHARED ', choices))).toBe('shared');
    expect(value(readChoice('private (rfc 1918)', choices))).toBe('private');
  });
  test('unknown choice lists the choices', () => {
    expect(error(readChoice('public', choices)).message).toBe(
      "'public' is not one of the choices (Private (RFC 1918), Shared / CGNAT (RFC 6598))",
    );
  });
  test('text is folded', () => {
    expect(value(readText('  Example.COM \n'))).toBe('example.com');
  });
});

describe('bounds', () => {
  test('over-long input is refused unread, and the message is short', () => {
    const huge = '1'.repeat(MAX_ANSWER_LENGTH + 1);
    for (const read of [
      readIpv4,
      readIpv6,
      readIp,
      readPrefix,
      readCidr,
      readCount,
      readDuration,
      readBytes,
      readText,
    ]) {
      const e = error(read(huge));
      expect(e.code).toBe('unparsable');
      expect(e.message.length).toBeLessThan(200);
    }
  });
});

const KINDS: readonly AnswerKind[] = [
  'ipv4',
  'ipv6',
  'ip',
  'prefix',
  'cidr',
  'cidr-list',
  'count',
  'duration',
  'bytes',
  'choice',
  'text',
];
const hostile = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc
    .array(fc.constantFrom(..."0123456789.,:/ _'kKmMgGiIbBsSµu%-\n\u00a0".split('')), { maxLength: 80 })
    .map((a) => a.join('')),
  fc.constantFrom('__proto__', 'constructor', 'toString', '1'.repeat(5000), '1 '.repeat(20000), '9'.repeat(400)),
);

describe('hostile strings', () => {
  test('no reader throws or hangs, and every failure quotes something', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), hostile, (kind, text) => {
        const time = bestTime(
          () => readAnswer({ id: 'x', label: 'X', kind, choices: [{ value: 'a', label: 'A' }] }, text),
          200,
        );
        expect(time.best).toBeLessThan(200);
        const read = time.value;
        if (!read.ok) expect(read.error.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });
  test('checkAnswers never throws for any answers record', () => {
    const exercise = exerciseOf([
      ['a', 'ipv4', '192.0.2.1'],
      ['b', 'count', '62'],
    ]);
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('a', 'b', '__proto__', 'c'), hostile), (answers) => {
        const verdict = checkAnswers(exercise, answers);
        expect(Object.keys(verdict.fields).sort()).toEqual(['a', 'b']);
      }),
      { numRuns: 1000 },
    );
  });
});

function exerciseOf(fields: readonly (readonly [string, AnswerKind, string])[]): Exercise {
  return {
    family: 'test',
    seed: 1,
    difficulty: 1,
    question: 'q',
    inputs: fields.map(([id, kind]): AnswerInput => ({ id, label: id, kind })),
    answer: Object.fromEntries(fields.map(([id, , answer]) => [id, answer])),
    solution: [],
    guide: { href: '/', label: 'guide' },
  };
}

describe('checkAnswers', () => {
  const exercise = exerciseOf([
    ['network', 'ipv4', '192.0.2.0'],
    ['hosts', 'count', '62'],
    ['rtt', 'duration', '168'],
  ]);
  test('right answers in other notations', () => {
    const verdict = checkAnswers(exercise, { network: ' 192.0.2.0', hosts: '62 hosts', rtt: '0.168 s' });
    expect(verdict.correct).toBe(true);
  });
  test('missing is empty, junk is unparsable, readable but wrong is wrong', () => {
    const verdict = checkAnswers(exercise, { hosts: 'lots', rtt: '170 ms' });
    expect(verdict.correct).toBe(false);
    expect(verdict.fields.network).toMatchObject({ ok: false, mistake: 'empty' });
    expect(verdict.fields.hosts).toMatchObject({ ok: false, mistake: 'unparsable' });
    expect(verdict.fields.rtt).toEqual({
      ok: false,
      mistake: 'wrong',
      message: "'170 ms' is not right; work through the solution to see where it differs.",
    });
  });
  test('a judge names a mistake, or falls back to equality', () => {
    const verdict = checkAnswers(exercise, { network: '192.0.2.0', hosts: '64', rtt: '168' }, (field) =>
      field.value.kind === 'count' && field.value.value === 64 ? mistake('forgot-network-broadcast', 'm') : undefined,
    );
    expect(verdict.fields.hosts).toMatchObject({ mistake: 'forgot-network-broadcast' });
    expect(verdict.fields.network).toEqual({ ok: true });
  });
  test('answerText ignores inherited and non-string keys', () => {
    expect(answerText({}, 'toString')).toBe('');
    expect(answerText({ a: 5 } as unknown as Record<string, string>, 'a')).toBe('');
  });
  test('tolerance', () => {
    const a: AnswerValue = { kind: 'duration', ms: 168 };
    expect(sameAnswer(a, { kind: 'duration', ms: 168.4 })).toBe(true);
    expect(sameAnswer(a, { kind: 'duration', ms: 169 })).toBe(false);
    expect(sameAnswer(a, { kind: 'duration', ms: 171 }, 5)).toBe(true);
  });
});
