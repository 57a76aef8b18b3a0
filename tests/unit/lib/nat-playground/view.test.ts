import { describe, expect, it } from 'vitest';
import { NAT_CODEC } from '../../../../src/lib/nat-playground/index.ts';
import { buildView } from '../../../../src/lib/nat-playground/view.ts';

function view(query: string) {
  const d = NAT_CODEC.decode(query);
  const p = NAT_CODEC.parse(d.state);
  if (!p.ok) throw new Error(p.error.message);
  return { view: buildView(p.value), notices: d.notices };
}

describe('NAT playground view', () => {
  it('shows the default: the first packet of "browse", port preserved', () => {
    const { view: v } = view('');
    expect(v.index).toBe(0);
    expect(v.nodes).toEqual(['Laptop', 'Home router', 'Web server']);
    expect(v.legs.map((l) => l.src)).toEqual(['192.168.1.10:50000', '203.0.113.2:50000']);
    expect(v.explanation[0]).toMatch(/kept the source port/);
    expect(v.tables[0]?.rows[0]).toMatchObject({
      internal: '192.168.1.10:50000',
      external: '203.0.113.2:50000',
      touched: 'created',
    });
  });

  it('the clock expires rows', () => {
    const { view: v } = view('?scenario=game-server&step=2&wait=200');
    expect(v.tables[0]?.rows[0]?.left).toBeLessThanOrEqual(0);
  });

  it('explains drops', () => {
    const { view: v } = view('?scenario=game-server-cgnat&step=1');
    expect(v.delivered).toBe(false);
    expect(v.outcome).toMatch(/^Dropped at ISP CGNAT: nothing in the table/);
  });

  it('clamps the packet number to the scenario', () => {
    expect(view('?scenario=game-server&step=50').view.index).toBe(2);
  });

  it.each([
    '?scenario=%3Cscript%3Ealert(1)%3C/script%3E',
    '?nat=__proto__&hairpin=constructor',
    `?scenario=${'x'.repeat(100_000)}`,
    '?step=1e308&wait=-1',
    '?step=abc&wait=NaN',
  ])('hostile link %#: never throws, falls back or refuses with a quoted message', (q) => {
    const d = NAT_CODEC.decode(q);
    const p = NAT_CODEC.parse(d.state);
    if (p.ok) expect(buildView(p.value).count).toBeGreaterThan(0);
    else expect(p.error.message.length).toBeGreaterThan(0);
  });
});
