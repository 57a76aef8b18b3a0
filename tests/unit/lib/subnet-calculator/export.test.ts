import { describe, expect, it } from 'vitest';
import {
  csvField,
  exportFileName,
  markdownCell,
  toCsv,
  toMarkdown,
} from '../../../../src/lib/subnet-calculator/export.ts';

describe('csvField (RFC 4180)', () => {
  it.each([
    ['10.0.0.0/24', '10.0.0.0/24'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
    ['', ''],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['=a,b', `"'=a,b"`],
    ['2001:db8::/64', '2001:db8::/64'],
  ])('%j → %j', (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });
});

describe('toCsv', () => {
  it('writes CRLF-terminated lines with a header', () => {
    expect(
      toCsv({
        headers: ['Name', 'Network'],
        rows: [
          ['Sales, floor 1', '10.0.0.0/25'],
          ['Lab', '10.0.0.128/26'],
        ],
      }),
    ).toBe('Name,Network\r\n"Sales, floor 1",10.0.0.0/25\r\nLab,10.0.0.128/26\r\n');
  });

  it('writes only the header for no rows', () => {
    expect(toCsv({ headers: ['#'], rows: [] })).toBe('#\r\n');
  });
});

describe('toMarkdown', () => {
  it('writes a GFM table', () => {
    expect(toMarkdown({ headers: ['#', 'Subnet'], rows: [['1', '10.0.0.0/30']] })).toMatchInlineSnapshot(`
      "| # | Subnet |
      | --- | --- |
      | 1 | 10.0.0.0/30 |
      "
    `);
  });

  it.each([
    ['a|b', 'a\\|b'],
    ['back\\slash', 'back\\\\slash'],
    ['multi\r\nline\ntext', 'multi line text'],
    ['', ' '],
    ['  padded  ', 'padded'],
  ])('cell %j → %j', (input, expected) => {
    expect(markdownCell(input)).toBe(expected);
  });
});

describe('exportFileName', () => {
  it.each([
    ['Split 10.0.0.0/8 → /30', 'csv', 'split-10.0.0.0-8-30.csv'],
    ['VLSM 2001:db8::/48', 'md', 'vlsm-2001-db8-48.md'],
    ['///', 'csv', 'subnets.csv'],
  ] as const)('%j', (stem, ext, expected) => {
    expect(exportFileName(stem, ext)).toBe(expected);
  });
});
