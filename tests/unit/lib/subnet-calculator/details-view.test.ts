import { describe, expect, it } from 'vitest';
import { SPECIAL_RANGES } from '../../../../src/lib/ip/index.ts';
import { detailsBasicView } from '../../../../src/lib/subnet-calculator/details-basics.ts';
import { detailsClassification } from '../../../../src/lib/subnet-calculator/details-special.ts';
import {
  binarySplit,
  type DetailsView,
  detailsView,
  specialRow,
  withReverseRow,
} from '../../../../src/lib/subnet-calculator/details-view.ts';

function view(input: string): DetailsView {
  const result = detailsView(input);
  if (!result.ok) throw new Error(result.errors[0]?.message);
  return result.value;
}

const value = (v: DetailsView, key: string) => v.rows.find((row) => row.key === key)?.value;

describe('detailsView', () => {
  it('returns the parse error for the network field', () => {
    const result = detailsView('10.0.0.256/8');
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'network', code: 'ipv4-octet-out-of-range', message: expect.stringContaining("'10.0.0.256/8'") },
      ],
    });
  });

  it.each([
    [
      '192.168.1.0/24',
      {
        cidr: '192.168.1.0/24',
        broadcast: '192.168.1.255',
        'first-usable': '192.168.1.1',
        'last-usable': '192.168.1.254',
        total: '256',
        usable: '254',
        netmask: '255.255.255.0',
        wildcard: '0.0.0.255',
        hex: '0xc0a80100',
        integer: '3,232,235,776',
        class: 'C (first octet 192–223; classful addressing is historical)',
      },
    ],
    ['10.0.0.0/31', { broadcast: 'None', 'first-usable': '10.0.0.0', 'last-usable': '10.0.0.1', usable: '2' }],
    ['10.0.0.5/32', { broadcast: 'None', 'first-usable': '10.0.0.5', usable: '1', prefix: '/32' }],
    ['0.0.0.0/0', { total: '4,294,967,296 (2³²)', netmask: '0.0.0.0', reverse: 'in-addr.arpa' }],
    ['10.0.0.0/5', { reverse: '8.in-addr.arpa, 9.in-addr.arpa … and 6 more' }],
    [
      '224.0.0.1',
      { class: 'D (first octet 224–239, multicast; classful addressing is historical)', cidr: '224.0.0.1/32' },
    ],
    [
      '2001:db8::/127',
      { 'first-usable': '2001:db8::', 'last-usable': '2001:db8::1', usable: '2', last: '2001:db8::1' },
    ],
    [
      '2001:db8::/32',
      {
        expanded: '2001:0db8:0000:0000:0000:0000:0000:0000',
        total: '79,228,162,514,264,337,593,543,950,336 (2⁹⁶)',
        reverse: '8.b.d.0.1.0.0.2.ip6.arpa',
      },
    ],
  ])('%s', (input, expected) => {
    const v = view(input);
    for (const [key, text] of Object.entries(expected)) expect([key, value(v, key)]).toEqual([key, text]);
  });

  it('copies raw numbers but shows grouped ones', () => {
    const integer = view('10.0.0.0/8').rows.find((r) => r.key === 'integer');
    expect(integer).toMatchObject({ value: '167,772,160', copy: '167772160' });
  });

  it('has no class row and no broadcast row for IPv6', () => {
    const keys = view('fe80::/10').rows.map((r) => r.key);
    expect(keys).not.toContain('class');
    expect(keys).not.toContain('broadcast');
    expect(keys).toContain('last');
  });

  it('reports host bits with both interface and network', () => {
    const v = view('192.168.1.7/24');
    expect(v.hostBitsWarning).toBe("'192.168.1.7/24' has host bits set — the network is 192.168.1.0/24");
    expect(value(v, 'interface')).toBe('192.168.1.7/24');
    expect(value(v, 'cidr')).toBe('192.168.1.0/24');
    expect(view('192.168.1.0/24').hostBitsWarning).toBeUndefined();
  });

  it('passes other parse notes through', () => {
    expect(view('10.0.0.0 0.0.0.255').notes).toEqual([expect.stringContaining('wildcard')]);
  });

  it('classifies and links special ranges', () => {
    const v = view('100.64.1.0/24');
    expect(v.classification).toBe('Shared Address Space');
    expect(v.reachable).toBe('No');
    expect(v.special).toEqual([
      {
        cidr: '100.64.0.0/10',
        name: 'Shared Address Space',
        relation: 'inside',
        globallyReachable: 'No',
        rfc: 'RFC 6598',
        links: [{ label: 'RFC 6598', href: 'https://www.rfc-editor.org/rfc/rfc6598' }],
      },
    ]);
  });

  it.each([
    ['8.8.8.0/24', 'Yes'],
    ['0.0.0.0/0', 'Partly (it contains both globally reachable and non-reachable space)'],
  ])('reachability of %s is %s', (input, reachable) => {
    expect(view(input).reachable).toBe(reachable);
  });
});

describe('binarySplit', () => {
  it.each([
    ['192.168.1.0/24', '11000000.10101000.00000001', '.', '00000000'],
    ['10.0.0.0/12', '00001010.0000', '', '0000.00000000.00000000'],
    ['0.0.0.0/0', '', '', '00000000.00000000.00000000.00000000'],
    ['255.255.255.255/32', '11111111.11111111.11111111.11111111', '', ''],
  ])('%s', (input, network, joiner, host) => {
    const b = view(input).binary;
    expect(b).toMatchObject({ network, joiner, host });
    expect(b.copy).toBe(`${network}${joiner}${host}`);
  });

  it('copes with a marked string without a bar', () => {
    expect(
      binarySplit({
        version: 4,
        prefixLength: 32,
        binary: { grouped: '1', marked: '1', networkBits: '1', hostBits: '' },
      }),
    ).toMatchObject({ network: '1', host: '', hostBitCount: 0 });
  });
});

describe('specialRow', () => {
  it.each(SPECIAL_RANGES.map((r) => [r.cidr, r] as const))('links every RFC of %s', (_, range) => {
    const row = specialRow({ range, relation: 'equal' });
    expect(row.relation).toBe('equal to');
    expect(row.links.length).toBeGreaterThan(0);
    for (const link of row.links)
      expect(link.href).toMatch(/^https:\/\/www\.rfc-editor\.org\/rfc\/rfc\d+(#section-[\d.]+)?$/);
  });

  it('links to a section and shows N/A flags', () => {
    const range = SPECIAL_RANGES.find((r) => r.cidr === '192.88.99.0/24');
    if (!range) throw new Error('registry row missing');
    expect(specialRow({ range, relation: 'overlaps' })).toMatchObject({
      globallyReachable: 'N/A',
      relation: 'overlaps',
    });
    const loopback = SPECIAL_RANGES.find((r) => r.cidr === '127.0.0.0/8');
    if (!loopback) throw new Error('registry row missing');
    expect(specialRow({ range: loopback, relation: 'contains' }).links).toEqual([
      { label: 'RFC 1122 §3.2.1.3', href: 'https://www.rfc-editor.org/rfc/rfc1122#section-3.2.1.3' },
    ]);
  });
});

describe('issue 10: masks and IPv4-mapped addresses', () => {
  it('writes an IPv6 wildcard mask in hex, never as a mapped IPv4 address (#6)', () => {
    const v = view('2001:db8::/80');
    expect(value(v, 'wildcard')).toBe('::ffff:ffff:ffff');
    expect(value(v, 'netmask')).toBe('ffff:ffff:ffff:ffff:ffff::');
    expect(v.mappedNote).toBeUndefined();
  });

  it('says which rule prints an IPv4-mapped address, with the RFC link (#11)', () => {
    const v = view('::ffff:192.0.2.0/120');
    expect(value(v, 'network')).toBe('::ffff:192.0.2.0');
    expect(v.mappedNote?.href).toBe('https://www.rfc-editor.org/rfc/rfc5952#section-5');
    expect(`${v.mappedNote?.before}${v.mappedNote?.linkLabel}${v.mappedNote?.after}`).toContain('::ffff:c000:201');
  });
});

describe('the first-download part (details-basics.ts) and the lazily loaded classification', () => {
  it('the basic view carries a reverse-DNS placeholder and no classification', () => {
    const basic = detailsBasicView('192.168.1.0/24');
    if (!basic.ok) throw new Error('expected a valid view');
    const reverse = basic.value.view.rows.find((row) => row.key === 'reverse');
    expect(reverse).toEqual({ key: 'reverse', label: 'Reverse-DNS zone', value: '…' });
    expect('classification' in basic.value.view).toBe(false);
  });

  it('basic view + classification is the whole view', () => {
    for (const input of ['192.168.1.0/24', '10.1.2.3/8', '2001:db8::/48', '0.0.0.0/0', '::ffff:10.0.0.1/128']) {
      const basic = detailsBasicView(input);
      const whole = detailsView(input);
      if (!basic.ok || !whole.ok) throw new Error(`expected a valid view of ${input}`);
      const { reverseRow, ...classified } = detailsClassification(basic.value.network);
      expect({ ...basic.value.view, rows: withReverseRow(basic.value.view.rows, reverseRow), ...classified }).toEqual(
        whole.value,
      );
      expect(whole.value.rows.find((row) => row.key === 'reverse')?.value).not.toBe('…');
    }
  });
});
