import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { presetById, runSteps } from '../../../../src/lib/nat/index.ts';
import {
  CUSTOM_DEFAULT,
  CUSTOM_ERROR_CODES,
  CUSTOM_LIMITS,
  type CustomText,
  parseCustom,
} from '../../../../src/lib/nat-playground/custom.ts';
import { NAT_CODEC } from '../../../../src/lib/nat-playground/index.ts';
import { buildView, viewFor as viewWithout } from '../../../../src/lib/nat-playground/view.ts';

const viewFor = (values: Parameters<typeof viewWithout>[0]) => {
  const v = viewWithout(values, parseCustom);
  if (!v) throw new Error('the parser was given: a view is expected');
  return v;
};

const linux = presetById('linux-masquerade').behaviour;
const parse = (patch: Partial<CustomText>) => parseCustom({ ...CUSTOM_DEFAULT, ...patch }, linux);
const error = (patch: Partial<CustomText>) => {
  const r = parse(patch);
  if (r.ok) throw new Error('expected an error');
  return r.error;
};

function view(query: string) {
  const p = NAT_CODEC.parse(NAT_CODEC.decode(query).state);
  if (!p.ok) throw new Error(p.error.message);
  return viewFor(p.value);
}

describe('the network editor', () => {
  it('builds the starting network: two LAN hosts, a forward, the outside hosts the packets name', () => {
    const r = parse({});
    if (!r.ok) throw new Error(r.error.message);
    const { topology, steps } = r.value;
    expect(topology.hosts.map((h) => `${h.id} ${h.segment} ${h.address}`)).toEqual([
      'laptop lan 192.168.1.10',
      'server lan 192.168.1.20',
      'net-198.51.100.10 internet 198.51.100.10',
      'net-198.51.100.7 internet 198.51.100.7',
    ]);
    expect(topology.routers[0]?.forwards).toEqual([
      { protocol: 'tcp', externalPorts: { min: 8080, max: 8080 }, internalAddress: '192.168.1.20', internalPort: 80 },
    ]);
    expect(steps.map((s) => s.kind)).toEqual(['send', 'reply', 'send', 'reply', 'send', 'reply']);
    expect(steps[1]).toMatchObject({ kind: 'reply', to: 0, flag: 'SYN-ACK' });
  });

  it('runs it through the model: out, in by the forward, and hairpinned from the laptop', () => {
    const at = (step: number) => {
      const v = view(`?scenario=custom&step=${step}`);
      if (!v.ok) throw new Error(v.error.message);
      return v.value;
    };
    expect(at(1).outcome).toBe('Delivered to 198.51.100.10, which sees it from 203.0.113.2:50000.');
    expect(at(3).outcome).toBe('Delivered to server, which sees it from 198.51.100.7:40000.');
    expect(at(5).outcome).toBe('Delivered to server, which sees it from 192.168.1.1:50001.');
    expect(at(6).outcome).toBe('Delivered to laptop, which sees it from 203.0.113.2:8080.');
    expect(at(6).count).toBe(6);
  });

  it('takes its texts from the URL and follows the NAT type chosen', () => {
    const q = new URLSearchParams({
      scenario: 'custom',
      nat: 'symmetric',
      hosts: 'pc=192.168.1.50',
      fwd: '',
      pkts: 'pc:4000>192.0.2.3:3478 udp\npc:4000>192.0.2.4:3478 udp',
      step: '2',
    });
    const v = view(`?${q}`);
    if (!v.ok) throw new Error(v.error.message);
    expect(v.value.tables[0]?.nat).toBe(presetById('symmetric').label);
    expect(v.value.tables[0]?.rows.map((r) => r.internal)).toEqual(['192.168.1.50:4000', '192.168.1.50:4000']);
    expect(new Set(v.value.tables[0]?.rows.map((r) => r.external)).size).toBe(2);
  });

  it.each([
    [
      { hosts: 'laptop 192.168.1.10' },
      'bad-syntax',
      "Hosts, line 1, 'laptop 192.168.1.10': write a name, = and an address, e.g. laptop=192.168.1.10.",
    ],
    [
      { hosts: 'Laptop=192.168.1.10' },
      'bad-name',
      "Hosts, line 1, 'Laptop=192.168.1.10': the name 'Laptop' must be lower-case letters, digits or -, starting with a letter (at most 16).",
    ],
    [
      { hosts: 'a=192.168.1.010' },
      'bad-address',
      "Hosts, line 1, 'a=192.168.1.010': '192.168.1.010' is not an IPv4 address like 192.168.1.10.",
    ],
    [
      { hosts: 'a=192.168.1.1' },
      'bad-address',
      "Hosts, line 1, 'a=192.168.1.1': 192.168.1.1 is not a host of the home LAN: use 192.168.1.2–192.168.1.254 (.1 is the router).",
    ],
    [
      { hosts: 'a=192.168.1.5\n\nb=192.168.1.5' },
      'duplicate',
      "Hosts, line 3, 'b=192.168.1.5': the address 192.168.1.5 is used twice.",
    ],
    [
      { forwards: 'sctp 80=laptop' },
      'bad-syntax',
      "Port forwards, line 1, 'sctp 80=laptop': protocol 'sctp' must be udp or tcp.",
    ],
    [
      { forwards: 'tcp 0=laptop' },
      'bad-port',
      "Port forwards, line 1, 'tcp 0=laptop': external ports must be 1–65535, the smaller first.",
    ],
    [
      { forwards: 'tcp 80-90=laptop:65530' },
      'bad-port',
      "Port forwards, line 1, 'tcp 80-90=laptop:65530': internal port '65530' must be 1–65535 (and leave room for the range).",
    ],
    [
      { forwards: 'tcp 80=printer' },
      'unknown-host',
      "Port forwards, line 1, 'tcp 80=printer': 'printer' is not one of the hosts.",
    ],
    [
      { packets: 'laptop:1>8.8.8.8:53 udp' },
      'bad-address',
      "Packets, line 1, 'laptop:1>8.8.8.8:53 udp': 8.8.8.8 is not a documentation address: outside hosts use 192.0.2.x, 198.51.100.x or 203.0.113.x.",
    ],
    [
      { packets: 'laptop:1>192.168.1.99:53 udp' },
      'unknown-host',
      "Packets, line 1, 'laptop:1>192.168.1.99:53 udp': 192.168.1.99 is on the home LAN but is not one of the hosts.",
    ],
    [
      { packets: 'phone:1>192.0.2.1:53 udp' },
      'unknown-host',
      "Packets, line 1, 'phone:1>192.0.2.1:53 udp': 'phone' is neither a host's name nor an IPv4 address.",
    ],
    [
      { packets: 'laptop:70000>192.0.2.1:53 udp' },
      'bad-port',
      "Packets, line 1, 'laptop:70000>192.0.2.1:53 udp': ports must be 1–65535.",
    ],
    [
      { packets: 'laptop:1>192.0.2.1:53 udp SYN' },
      'bad-syntax',
      "Packets, line 1, 'laptop:1>192.0.2.1:53 udp SYN': 'SYN': a TCP flag is one of SYN, SYN-ACK, ACK, FIN, RST, and UDP has none.",
    ],
    [
      { packets: '203.0.113.2:1>192.0.2.1:53 udp' },
      'bad-address',
      "Packets, line 1, '203.0.113.2:1>192.0.2.1:53 udp': the router's public address 203.0.113.2 cannot send a packet; pick a host.",
    ],
    [
      { packets: 'wait 10\nreply 1' },
      'bad-reply',
      "Packets, line 2, 'reply 1': reply needs the number of an earlier packet (1–1), not a wait.",
    ],
    [{ packets: 'reply 1' }, 'bad-reply', "Packets, line 1, 'reply 1': reply needs an earlier packet to answer."],
    [{ packets: 'wait 1e9' }, 'bad-wait', "Packets, line 1, 'wait 1e9': wait takes seconds from 0 to 604800."],
    [
      { packets: 'laptop:1>192.0.2.1:53 sctp' },
      'bad-syntax',
      "Packets, line 1, 'laptop:1>192.0.2.1:53 sctp': protocol 'sctp' must be udp or tcp.",
    ],
    [
      { packets: 'laptop:1>192.0.2.1:53 tcp\nreply 1 PSH' },
      'bad-syntax',
      "Packets, line 2, 'reply 1 PSH': TCP flag 'PSH' must be one of SYN, SYN-ACK, ACK, FIN, RST.",
    ],
    [
      { packets: 'send it' },
      'bad-syntax',
      "Packets, line 1, 'send it': write from:port>to:port protocol [flag], reply N [flag] or wait seconds.",
    ],
    [{ packets: '  \n ' }, 'no-packets', 'Packets: add at least one packet to send.'],
  ] as const)('refuses %j with %s and a message quoting the line', (patch, code, message) => {
    const e = error(patch);
    expect(CUSTOM_ERROR_CODES).toContain(e.code);
    expect(e.code).toBe(code);
    expect(e.message).toBe(message);
  });

  it('is bounded: lines, line length, and the text a link may carry', () => {
    const many = Array.from({ length: CUSTOM_LIMITS.hosts + 1 }, (_, i) => `h${i}=192.168.1.${10 + i}`).join('\n');
    expect(error({ hosts: many })).toMatchObject({ code: 'too-many-lines', line: CUSTOM_LIMITS.hosts + 1 });
    expect(error({ packets: `wait ${'1'.repeat(100)}` })).toMatchObject({ code: 'line-too-long', line: 1 });
    const huge = `pkts=${encodeURIComponent('wait 1\n'.repeat(100_000))}`;
    const d = NAT_CODEC.decode(`?scenario=custom&${huge}`);
    expect(d.state.packets.length).toBeLessThanOrEqual(NAT_CODEC.fields.packets.maxLength);
    expect(d.notices.map((n) => n.code)).toContain('too-long');
  });

  it('shows the error for the field and keeps the rest of the state parseable', () => {
    const v = view('?scenario=custom&hosts=x');
    expect(v.ok).toBe(false);
    if (!v.ok)
      expect(v.error.fields).toEqual([
        { code: 'rejected', field: 'hosts', message: expect.stringContaining("Hosts, line 1, 'x'") },
      ]);
  });

  it('never throws on any text, and what it accepts the model can run', () => {
    const line = fc.oneof(
      fc.string({ maxLength: 90 }),
      fc.constantFrom('laptop:1>198.51.100.1:2 tcp', 'reply 1', 'wait 5', 'tcp 80=laptop', 'a=192.168.1.3'),
    );
    const text = fc.array(line, { maxLength: 12 }).map((ls) => ls.join('\n'));
    fc.assert(
      fc.property(text, text, text, (hosts, forwards, packets) => {
        const r = parseCustom({ hosts, forwards, packets }, linux);
        if (r.ok) {
          expect(r.value.steps.length).toBeGreaterThan(0);
          expect(runSteps(r.value.topology, r.value.steps).results).toHaveLength(r.value.steps.length);
        } else expect(r.error.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the view without the editor’s parser', () => {
  it('shows the first scenario for an own network, the starting network for one that does not parse', () => {
    const p = NAT_CODEC.parse(NAT_CODEC.decode('?scenario=custom&hosts=x').state);
    if (!p.ok) throw new Error(p.error.message);
    expect(viewWithout(p.value)).toBeUndefined();
    expect(buildView(p.value).count).toBe(7); // browse
    expect(buildView(p.value, parseCustom).count).toBe(6); // the starting network
  });

  it('explains an answer from an unexpected source (hairpinning that rewrites only the destination)', () => {
    const p = NAT_CODEC.parse(NAT_CODEC.decode('?scenario=hairpin&hairpin=dnat-only&step=2').state);
    if (!p.ok) throw new Error(p.error.message);
    const v = buildView(p.value);
    expect(v.delivered).toBe(false);
    expect(v.explanation.at(-1)).toMatch(/discarded it: the answer came from a different address/);
  });
});
