import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORWARD_RULES, forwardExample, NAT_GUIDE, naptExample } from '../../../../src/lib/examples/index.ts';
import { need, runExample } from '../../../../src/lib/examples/nat-examples.ts';
import { linuxPortClass, scenarioById } from '../../../../src/lib/nat/index.ts';

const GUIDE = join(import.meta.dirname, '../../../../src/content/docs/addressing/public-private-nat.mdx');

describe('the NAT guide’s NAPT walk-through', () => {
  const napt = naptExample();
  const g = NAT_GUIDE;

  it('keeps the laptop’s port: it is free on the public address', () => {
    expect(napt.laptop).toEqual({
      inside: `${g.laptop}:${g.sourcePort}`,
      outside: `${g.routerWan}:${g.sourcePort}`,
      remote: `${g.server.address}:${g.server.port}`,
      outsidePort: g.sourcePort,
    });
  });

  it('moves the phone to another port from Linux’s search range, since keeping it would clash', () => {
    const range = linuxPortClass(g.sourcePort);
    expect(napt.searched).toBe(`${range.min}–${range.max}`);
    expect(napt.phone.inside).toBe(`${g.phone}:${g.sourcePort}`);
    expect(napt.phone.outsidePort).not.toBe(g.sourcePort);
    expect(napt.phone.outsidePort).toBeGreaterThanOrEqual(range.min);
    expect(napt.phone.outsidePort).toBeLessThanOrEqual(range.max);
    expect(napt.phone.outside).toBe(`${g.routerWan}:${napt.phone.outsidePort}`);
    expect(napt.phone.remote).toBe(napt.laptop.remote);
  });

  it('sends the server’s answer for the phone’s public port to the phone', () => {
    expect(napt.reply).toEqual({ arrives: napt.phone.outside, forwarded: napt.phone.inside });
  });

  it('is the same on every build (seeded, not random per run)', () => {
    expect(naptExample()).toEqual(napt);
  });
});

describe('the NAT guide’s port forwards', () => {
  const fwd = forwardExample();

  it('delivers each rule’s external port to the laptop’s port 80, and answers from the port the visitor called', () => {
    for (const [row, rule] of [
      [fwd.web, FORWARD_RULES[0]],
      [fwd.alternate, FORWARD_RULES[1]],
    ] as const) {
      const external = `${NAT_GUIDE.routerWan}:${rule.externalPorts.min}`;
      expect(row).toEqual({
        protocol: 'TCP',
        external,
        internal: `${NAT_GUIDE.laptop}:80`,
        deliveredTo: `${NAT_GUIDE.laptop}:80`,
        answerFrom: external,
      });
    }
  });
});

describe('the guide uses them', () => {
  const text = readFileSync(GUIDE, 'utf8');
  it('imports the examples and types no translated port of its own', () => {
    expect(text).toContain('naptExample()');
    expect(text).toContain('forwardExample()');
    expect(text).not.toMatch(/203\.0\.113\.42:4000\d/);
  });
});

describe('a worked example that does not work fails the build', () => {
  it('throws when a value is missing, and passes any other value through', () => {
    for (const missing of [undefined, null, false]) {
      expect(() => need(missing, 'the thing')).toThrow('NAT worked example: the thing');
    }
    expect(need(0, 'zero')).toBe(0);
    expect(need('', 'empty')).toBe('');
  });

  it('throws when a packet of the example is not delivered', () => {
    const s = scenarioById('game-server');
    expect(() => runExample(s.topology, s.steps)).toThrow('NAT worked example: step 3 was not delivered');
    expect(runExample(s.topology, s.steps.slice(0, 2)).results).toHaveLength(2);
  });
});
