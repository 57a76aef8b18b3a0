import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE } from '../../../../src/lib/subnet-calculator/index.ts';
import { parseHosts, type VlsmView, vlsmView } from '../../../../src/lib/subnet-calculator/vlsm-view.ts';

type VlsmState = typeof DEFAULT_STATE.vlsm;
const state = (patch: Partial<VlsmState>): VlsmState => ({ ...DEFAULT_STATE.vlsm, ...patch });

function view(patch: Partial<VlsmState>): VlsmView {
  const result = vlsmView(state(patch));
  if (!result.ok) throw new Error(result.errors[0]?.message);
  return result.value;
}

describe('parseHosts', () => {
  it.each([
    ['50', 50],
    [' 1,000 ', 1000],
    ['0', 0],
    ['-1', undefined],
    ['1.5', undefined],
    ['', undefined],
    ['99999999999999999', undefined],
  ])('%j → %s', (text, hosts) => {
    expect(parseHosts(text)).toBe(hosts);
  });
});

describe('vlsmView', () => {
  it('plans the default example', () => {
    const v = view({});
    expect(v.rows.map((r) => [r[0], r[2]])).toEqual([
      ['Sales', '192.168.0.0/24'],
      ['Engineering', '192.168.1.0/25'],
      ['Guest Wi-Fi', '192.168.1.128/26'],
      ['Servers', '192.168.1.192/27'],
      ['Router link', '192.168.1.224/30'],
    ]);
    expect(v.unused).toEqual(['192.168.1.228/30', '192.168.1.232/29', '192.168.1.240/28']);
    expect(v.summary).toEqual([
      '5 subnets use 484 of the 512 addresses in 192.168.0.0/23 (94.5%).',
      '28 addresses are left unallocated (5.5%).',
      '102 usable host addresses inside the subnets are spare: each subnet is rounded up to a power of two.',
    ]);
    expect(v.table.headers).toHaveLength(7);
    expect(v.exportName).toBe('vlsm 192.168.0.0/23');
  });

  it('uses /31 links when asked', () => {
    const v = view({ pointToPoint: true });
    expect(v.rows.at(-1)?.[2]).toBe('192.168.1.224/31');
  });

  it('skips blank rows and uses singular wording', () => {
    const v = view({
      network: '10.0.0.0/30',
      requirements: [
        { name: 'Link', hosts: '2' },
        { name: ' ', hosts: '' },
      ],
    });
    expect(v.rows).toHaveLength(1);
    expect(v.unused).toEqual([]);
    expect(v.summary[1]).toBe('0 addresses are left unallocated (0.0%).');
    expect(view({ network: '10.0.0.0/29', requirements: [{ name: 'A', hosts: '5' }] }).summary[2]).toBe(
      '1 usable host address inside the subnets is spare: each subnet is rounded up to a power of two.',
    );
  });

  it('reports every bad row and the network at once', () => {
    const result = vlsmView(
      state({
        network: 'bad',
        requirements: [
          { name: 'A', hosts: 'x' },
          { name: 'B', hosts: '10' },
          { name: 'C', hosts: '' },
          { name: '', hosts: ' ' },
        ],
      }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => e.field)).toEqual(['network', 'hosts-0', 'hosts-2']);
      expect(result.errors[1]?.message).toBe("'x' is not a host count; enter a whole number of at least 1");
      expect(result.errors[2]?.message).toBe("Enter how many hosts 'C' needs, e.g. 50");
    }
  });

  it('names an unnamed row by number when its hosts are missing', () => {
    const result = vlsmView(
      state({
        requirements: [
          { name: '', hosts: 'x' },
          { name: 'x', hosts: '' },
        ],
      }),
    );
    expect(!result.ok && result.errors.map((e) => e.message)).toEqual([
      "'x' is not a host count; enter a whole number of at least 1",
      "Enter how many hosts 'x' needs, e.g. 50",
    ]);
    const unnamed = vlsmView(
      state({
        requirements: [
          { name: 'Only name', hosts: '3' },
          { name: '', hosts: '' },
          { name: '', hosts: '0' },
        ],
      }),
    );
    expect(!unnamed.ok && unnamed.errors[0]?.field).toBe('plan');
  });

  it.each([
    [{ network: '192.168.0.0/25' }, 'vlsm-does-not-fit'],
    [{ requirements: [] }, 'list-empty'],
  ])('puts plan errors on the plan: %j', (patch, code) => {
    const result = vlsmView(state(patch));
    expect(!result.ok && result.errors[0]).toMatchObject({ field: 'plan', code });
  });
});
