/**
 * Practice family `packet-fields`: header sizes and length fields of a built frame, MSS from an MTU, which checksums
 * a NAT must update, and IPv4 fragmentation — every answer read off frames the packet model (`src/lib/packet`)
 * builds, decodes, rewrites or fragments.
 */
import {
  buildFrame,
  decodeFrame,
  type FrameSpec,
  fragmentIpv4,
  JOURNEY,
  mssFor,
  natRewrite,
  type TcpOption,
  u16,
} from '../../packet/index.ts';
import { encodePlaygroundUrl, type ScenarioId } from '../../packet-playground/index.ts';
import { readChoice } from '../answer.ts';
import { createRandom, type Random } from '../random.ts';
import type { Difficulty, Exercise, Family, FieldVerdict, PracticeLink, SolutionStep, Verdict } from '../types.ts';
import { judgeNumber, type NumericMistake, plural, readBytes, readCount, verdictOf } from './model-support.ts';

const ID = 'packet-fields';
const ENCAPSULATION = '/layers/encapsulation/';
const MTU_SECTION = `${ENCAPSULATION}#mtu-and-mss-how-much-fits`;
const HEADERS_SECTION = '/transport/tcp-vs-udp/#header-sizes';
const NAT_SECTION = '/addressing/public-private-nat/#nat-and-napt';
const PLAYGROUND = '/playgrounds/packet-anatomy/';

/** TCP option sets a reader meets, with their on-the-wire size before padding. */
const OPTION_SETS = {
  none: { label: 'no options', options: [] as TcpOption[] },
  mss: { label: 'the MSS option', options: [{ kind: 'mss', value: 1460 }] as TcpOption[] },
  timestamps: {
    label: 'NOP, NOP, Timestamps (as on every segment of a Linux connection)',
    options: [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'timestamps', value: 1, echo: 0 }] as TcpOption[],
  },
  syn: {
    label: 'MSS, SACK-permitted, Timestamps, NOP, Window scale (a Linux SYN)',
    options: [
      { kind: 'mss', value: 1460 },
      { kind: 'sack-permitted' },
      { kind: 'timestamps', value: 1, echo: 0 },
      { kind: 'nop' },
      { kind: 'window-scale', shift: 7 },
    ] as TcpOption[],
  },
} as const;
type OptionSet = keyof typeof OPTION_SETS;

/** What the exercise was generated from. */
export type PacketProblem =
  | {
      readonly kind: 'sizes';
      readonly version: 4 | 6;
      readonly transport: 'tcp' | 'udp';
      readonly options: OptionSet;
      readonly payload: number;
      readonly vlan: boolean;
    }
  | { readonly kind: 'mss'; readonly version: 4 | 6; readonly mtu: number; readonly timestamps: boolean }
  | {
      readonly kind: 'nat';
      readonly transport: 'tcp' | 'udp';
      readonly udpChecksum: boolean;
      readonly rewritePort: boolean;
    }
  | { readonly kind: 'fragments'; readonly data: number; readonly mtu: number };

const MTUS = [1500, 1492, 1480, 1460, 1400, 1380, 1280, 9000] as const;

function draw(random: Random, difficulty: Difficulty): PacketProblem {
  const roll = random.next();
  if (difficulty === 1) {
    if (roll < 0.6) {
      return {
        kind: 'sizes',
        version: 4,
        transport: random.pick(['tcp', 'udp'] as const),
        options: 'none',
        payload: random.int(0, 1400),
        vlan: false,
      };
    }
    return { kind: 'mss', version: 4, mtu: random.pick(MTUS), timestamps: false };
  }
  if (difficulty === 2) {
    if (roll < 0.45) {
      const transport = random.pick(['tcp', 'udp'] as const);
      return {
        kind: 'sizes',
        version: random.pick([4, 6] as const),
        transport,
        options: transport === 'tcp' ? random.pick(['none', 'mss', 'timestamps'] as const) : 'none',
        payload: random.int(0, 1400),
        vlan: false,
      };
    }
    if (roll < 0.75)
      return { kind: 'mss', version: random.pick([4, 6] as const), mtu: random.pick(MTUS), timestamps: false };
    return { kind: 'nat', transport: 'tcp', udpChecksum: true, rewritePort: random.chance(0.5) };
  }
  if (roll < 0.3) {
    const transport = random.pick(['tcp', 'udp'] as const);
    return {
      kind: 'sizes',
      version: random.pick([4, 6] as const),
      transport,
      options: transport === 'tcp' ? random.pick(['mss', 'timestamps', 'syn'] as const) : 'none',
      payload: transport === 'tcp' && random.chance(0.3) ? 0 : random.int(1, 1440),
      vlan: random.chance(0.5),
    };
  }
  if (roll < 0.5)
    return { kind: 'mss', version: random.pick([4, 6] as const), mtu: random.pick(MTUS), timestamps: true };
  if (roll < 0.7) {
    const transport = random.pick(['tcp', 'udp'] as const);
    return {
      kind: 'nat',
      transport,
      udpChecksum: transport === 'tcp' || random.chance(0.5),
      rewritePort: random.chance(0.5),
    };
  }
  // Always too big for the link: a datagram that fits is not fragmented at all.
  const mtu = random.pick([1500, 1492, 1400, 1280, 576]);
  return { kind: 'fragments', mtu, data: random.int(mtu - 19, 9600) };
}

/** The problem behind an exercise (a pure function of its seed and difficulty). */
export function packetProblem(seed: number, difficulty: Difficulty): PacketProblem {
  return draw(createRandom(seed, ID), difficulty);
}

const PAYLOAD_BYTE = 0x61;

/** The frame the model builds for a sizes or NAT problem. */
export function frameSpec(p: {
  version: 4 | 6;
  transport: 'tcp' | 'udp';
  options?: OptionSet;
  payload: number;
  vlan?: boolean;
  udpChecksum?: boolean;
}): FrameSpec {
  const ethernet = {
    src: JOURNEY.clientMac,
    dst: JOURNEY.routerMac,
    ...(p.vlan === true ? { vlan: { priority: 0, dei: false, id: 10 } } : {}),
  };
  const network =
    p.version === 4
      ? { kind: 'ipv4' as const, src: Uint8Array.of(192, 168, 1, 10), dst: JOURNEY.serverIp, ttl: 64 }
      : { kind: 'ipv6' as const, src: JOURNEY.clientIp6, dst: JOURNEY.serverIp6, hopLimit: 64 };
  const transport =
    p.transport === 'tcp'
      ? {
          kind: 'tcp' as const,
          srcPort: JOURNEY.clientPort,
          dstPort: 80,
          seq: JOURNEY.clientIsn,
          ack: 0,
          flags: 0x018,
          window: 502,
          options: OPTION_SETS[p.options ?? 'none'].options,
        }
      : {
          kind: 'udp' as const,
          srcPort: JOURNEY.clientPort,
          dstPort: 53,
          ...(p.udpChecksum === false ? { checksum: 0 } : {}),
        };
  return { ethernet, network, transport, payload: new Uint8Array(p.payload).fill(PAYLOAD_BYTE) };
}

/** Lengths read back from the built frame: the IP length field (IPv4 total / IPv6 payload) and the frame's bytes. */
export function solveSizes(p: Extract<PacketProblem, { kind: 'sizes' }>): {
  ipLength: number;
  frame: number;
  headers: string[];
} {
  const frame = buildFrame(frameSpec(p));
  const decoded = decodeFrame(frame);
  const key = p.version === 4 ? 'ip.len' : 'ipv6.plen';
  const field = decoded.fields.find((f) => f.key === key);
  const headers = decoded.layers.map((l) => `${l.name}: ${l.length} bytes`);
  return { ipLength: Number(field?.value ?? Number.NaN), frame: frame.length, headers };
}

/** Which checksums the NAT rewrite touched (by the model's own step list). */
export function solveNat(p: Extract<PacketProblem, { kind: 'nat' }>): 'ip' | 'transport' | 'both' | 'none' {
  const spec = frameSpec({ version: 4, transport: p.transport, payload: 40, udpChecksum: p.udpChecksum });
  const frame = buildFrame(spec);
  const rewritten = natRewrite(frame, {
    src: { ip: Uint8Array.of(203, 0, 113, 2), ...(p.rewritePort ? { port: 61_000 } : {}) },
  });
  if (!rewritten.ok) return 'none';
  const ipSum = 14 + 10;
  const sums = new Set(rewritten.value.steps.flatMap((s) => s.checksums));
  const ip = sums.has(ipSum);
  const transport = [...sums].some((o) => o !== ipSum);
  return ip && transport ? 'both' : ip ? 'ip' : transport ? 'transport' : 'none';
}

/** Fragments of a DF-clear datagram of `data` bytes after a 20-byte header, from the model's fragmenter. */
export function solveFragments(p: Extract<PacketProblem, { kind: 'fragments' }>): {
  count: number;
  lastLength: number;
} {
  const frame = buildFrame({
    ethernet: { src: JOURNEY.clientMac, dst: JOURNEY.routerMac },
    network: { kind: 'ipv4', src: JOURNEY.clientIp, dst: JOURNEY.serverIp, df: false, protocol: 17, id: 0x5151 },
    payload: new Uint8Array(p.data).fill(PAYLOAD_BYTE),
  });
  const r = fragmentIpv4(frame, p.mtu, {
    ethernet: { src: JOURNEY.routerMac, dst: JOURNEY.clientMac },
    ip: JOURNEY.routerIp,
  });
  if (!r.ok) return { count: 0, lastLength: 0 };
  const frames = r.value.frames;
  const last = frames.at(-1);
  return { count: frames.length, lastLength: last === undefined ? 0 : u16(last, 14 + 2) };
}

function optionBytes(set: OptionSet): number {
  const raw = OPTION_SETS[set].options.reduce(
    (sum, o) =>
      sum +
      ({ eol: 1, nop: 1, mss: 4, 'window-scale': 3, 'sack-permitted': 2, sack: 2, timestamps: 10 } as const)[o.kind],
    0,
  );
  return Math.ceil(raw / 4) * 4;
}

type Body = Omit<Exercise, 'family' | 'seed' | 'difficulty'>;

function link(scenario: ScenarioId, packet: number, what: string): PracticeLink {
  return {
    href: `${PLAYGROUND}${encodePlaygroundUrl({ scenario, packet })}`,
    label: `See ${what} byte by byte in the packet playground`,
  };
}

function sizesExercise(p: Extract<PacketProblem, { kind: 'sizes' }>): Body {
  const s = solveSizes(p);
  const ipName = p.version === 4 ? 'IPv4 Total Length' : 'IPv6 Payload Length';
  const options = p.transport === 'tcp' ? ` with ${OPTION_SETS[p.options].label}` : '';
  const opt = p.transport === 'tcp' ? optionBytes(p.options) : 0;
  const transportHeader = p.transport === 'tcp' ? 20 + opt : 8;
  const ipHeader = p.version === 4 ? 20 : 40;
  const eth = p.vlan ? 18 : 14;
  const steps: SolutionStep[] = [
    { text: 'The model built the frame and decoded it again; its layers:', code: s.headers.join('\n') },
    {
      text:
        p.transport === 'tcp'
          ? `TCP header: 20 bytes + ${opt} bytes of options (padded to a multiple of 4) = ${transportHeader}; with the ${p.payload}-byte payload the segment is ${transportHeader + p.payload} bytes.`
          : `UDP header: 8 bytes; with the ${p.payload}-byte payload the datagram is ${8 + p.payload} bytes.`,
    },
    {
      text:
        p.version === 4
          ? `IPv4 Total Length counts its own 20-byte header too: 20 + ${transportHeader + p.payload} = ${s.ipLength}.`
          : `IPv6 Payload Length counts only what follows the fixed 40-byte header: ${s.ipLength}.`,
    },
    {
      text: `The frame adds the Ethernet header (${eth} bytes${p.vlan ? ', 802.1Q tag included' : ''}): ${eth} + ${ipHeader} + ${transportHeader + p.payload} = ${s.frame} bytes (as captured: no FCS, no padding).`,
    },
  ];
  return {
    question:
      `A host sends ${plural(p.payload, 'byte')} of application data in one ${p.transport.toUpperCase()} ${p.transport === 'tcp' ? 'segment' : 'datagram'}${options} ` +
      `over IPv${p.version} (no extension headers${p.version === 4 ? ', no IP options' : ''}) in an Ethernet II frame${p.vlan ? ' with an 802.1Q VLAN tag' : ''}. ` +
      `What is the ${ipName} field, and how long is the frame as a capture on the sender shows it (no FCS, no padding)?`,
    givens: [
      { label: 'Payload', value: `${p.payload} bytes` },
      { label: 'Transport', value: `${p.transport.toUpperCase()}${options}` },
      { label: 'Network', value: `IPv${p.version}` },
      { label: 'Link', value: p.vlan ? 'Ethernet II + 802.1Q' : 'Ethernet II' },
    ],
    inputs: [
      { id: 'ipLength', label: ipName, kind: 'bytes', hint: 'e.g. 1500' },
      { id: 'frame', label: 'Frame length', kind: 'bytes', hint: 'e.g. 1514' },
    ],
    answer: { ipLength: String(s.ipLength), frame: String(s.frame) },
    solution: steps,
    guide: { href: HEADERS_SECTION, label: 'Guide: header sizes' },
    playground: link(
      p.version === 6 ? 'http6' : p.transport === 'udp' ? 'dns' : 'http',
      p.transport === 'udp' ? 0 : 3,
      'a real frame',
    ),
  };
}

function mssExercise(p: Extract<PacketProblem, { kind: 'mss' }>): Body {
  const mss = mssFor(p.mtu, p.version);
  const perSegment = mss - (p.timestamps ? 12 : 0);
  const ipHeader = p.version === 4 ? 20 : 40;
  const steps: SolutionStep[] = [
    { text: `The MTU is the largest IP packet the link carries: ${p.mtu} bytes, the Ethernet header not included.` },
    {
      text: `MSS = MTU − IPv${p.version} header (${ipHeader}) − TCP header (20) = ${p.mtu} − ${ipHeader} − 20 = ${mss} bytes.`,
    },
  ];
  if (p.timestamps) {
    steps.push({
      text: `The MSS counts no TCP options; with timestamps on every segment (NOP, NOP, Timestamps: 12 bytes) each segment carries ${mss} − 12 = ${perSegment} bytes of data.`,
    });
  }
  return {
    question:
      `A link has an MTU of ${p.mtu} bytes. What MSS does a host announce for TCP over IPv${p.version} (no IP options)?` +
      (p.timestamps
        ? ' And how many bytes of data does each full segment carry once the connection uses TCP timestamps?'
        : ''),
    givens: [
      { label: 'MTU', value: `${p.mtu} bytes` },
      { label: 'Network', value: `IPv${p.version}` },
    ],
    inputs: [
      { id: 'mss', label: 'MSS', kind: 'bytes', hint: 'e.g. 1460' },
      ...(p.timestamps
        ? [{ id: 'perSegment', label: 'Data per full segment', kind: 'bytes' as const, hint: 'e.g. 1448' }]
        : []),
    ],
    answer: { mss: String(mss), ...(p.timestamps ? { perSegment: String(perSegment) } : {}) },
    solution: steps,
    guide: { href: MTU_SECTION, label: 'Guide: MTU and MSS' },
    playground: link(p.version === 6 ? 'http6' : 'http', 0, 'the MSS option of a SYN'),
  };
}

const NAT_CHOICES = [
  { value: 'ip', label: 'Only the IPv4 header checksum' },
  { value: 'transport', label: 'Only the TCP/UDP checksum' },
  { value: 'both', label: 'Both' },
  { value: 'none', label: 'Neither' },
] as const;

function natExercise(p: Extract<PacketProblem, { kind: 'nat' }>): Body {
  const answer = solveNat(p);
  const what = p.rewritePort ? 'source address and source port' : 'source address (it keeps the port)';
  const udp =
    p.transport === 'udp'
      ? p.udpChecksum
        ? ' The datagram carries a UDP checksum.'
        : ' The sender left the UDP checksum at 0 (none: allowed over IPv4).'
      : '';
  return {
    question: `A home router's NAT rewrites the ${what} of an outbound IPv4 ${p.transport.toUpperCase()} packet.${udp} Which checksums must it update?`,
    givens: [
      { label: 'Packet', value: `IPv4 + ${p.transport.toUpperCase()}` },
      { label: 'Rewritten', value: what },
    ],
    inputs: [{ id: 'checksums', label: 'Checksums to update', kind: 'choice', choices: NAT_CHOICES }],
    answer: { checksums: answer },
    solution: [
      { text: 'The IPv4 header checksum covers the header, addresses included: a new source address changes it.' },
      {
        text:
          p.transport === 'udp' && !p.udpChecksum
            ? 'A UDP checksum of 0 means "no checksum" (RFC 768): there is nothing to update, and the router must leave it 0.'
            : `The ${p.transport.toUpperCase()} checksum covers a pseudo-header with both IP addresses (RFC 9293 §3.1, RFC 768)${p.rewritePort ? ' and the ports' : ''}: it changes too. The router updates both incrementally (RFC 1624), word by word.`,
      },
      { text: `So: ${NAT_CHOICES.find((c) => c.value === answer)?.label ?? answer}.` },
    ],
    guide: { href: NAT_SECTION, label: 'Guide: NAT and NAPT' },
    playground: link('http', 0, 'the checksum fields'),
  };
}

function fragmentsExercise(p: Extract<PacketProblem, { kind: 'fragments' }>): Body {
  const f = solveFragments(p);
  const step = Math.floor((p.mtu - 20) / 8) * 8;
  return {
    question:
      `An IPv4 datagram with a 20-byte header and ${p.data} bytes of data (Total Length ${p.data + 20}), Don't Fragment clear, ` +
      `must cross a link with an MTU of ${p.mtu} bytes. Into how many fragments is it split, and what is the Total Length of the last one?`,
    givens: [
      { label: 'Data', value: `${p.data} bytes` },
      { label: 'MTU', value: `${p.mtu} bytes` },
    ],
    inputs: [
      { id: 'fragments', label: 'Fragments', kind: 'count', hint: 'e.g. 3' },
      { id: 'lastLength', label: 'Total Length of the last fragment', kind: 'bytes', hint: 'e.g. 60' },
    ],
    answer: { fragments: String(f.count), lastLength: String(f.lastLength) },
    solution: [
      {
        text: `Each fragment repeats the 20-byte header, and every fragment but the last carries a multiple of 8 data bytes (the offset counts 8-byte units): floor((${p.mtu} − 20) / 8) × 8 = ${step} bytes of data per fragment.`,
      },
      {
        text: `${p.data} bytes need ${f.count} fragments (${f.count - 1} × ${step} + ${p.data - (f.count - 1) * step}); the last one is 20 + ${p.data - (f.count - 1) * step} = ${f.lastLength} bytes long.`,
      },
    ],
    guide: { href: MTU_SECTION, label: 'Guide: MTU and MSS' },
    playground: link('fragments', 0, 'IPv4 fragments'),
  };
}

function generate(seed: number, difficulty: Difficulty): Exercise {
  const p = packetProblem(seed, difficulty);
  const body =
    p.kind === 'sizes'
      ? sizesExercise(p)
      : p.kind === 'mss'
        ? mssExercise(p)
        : p.kind === 'nat'
          ? natExercise(p)
          : fragmentsExercise(p);
  return { family: ID, seed, difficulty, ...body };
}

function sizesVerdict(
  p: Extract<PacketProblem, { kind: 'sizes' }>,
  answers: Readonly<Record<string, string>>,
): Record<string, FieldVerdict> {
  const s = solveSizes(p);
  const opt = p.transport === 'tcp' ? optionBytes(p.options) : 0;
  const ipMistakes: NumericMistake[] = [];
  if (p.version === 6) {
    ipMistakes.push({
      code: 'ipv6-payload-includes-header',
      value: s.ipLength + 40,
      message: 'IPv6 Payload Length leaves out the fixed 40-byte header (IPv4 Total Length includes its header).',
    });
  } else {
    ipMistakes.push({
      code: 'ipv4-total-excludes-header',
      value: s.ipLength - 20,
      message: 'IPv4 Total Length includes the IPv4 header itself.',
    });
  }
  if (opt > 0)
    ipMistakes.push({
      code: 'forgot-tcp-options',
      value: s.ipLength - opt,
      message: `The TCP options (${opt} bytes, padded to a multiple of 4) are part of the TCP header.`,
    });
  if (p.transport === 'udp')
    ipMistakes.push({
      code: 'udp-header-as-tcp',
      value: s.ipLength + 12,
      message: "A UDP header is 8 bytes, not 20 like TCP's.",
    });
  const frameMistakes: NumericMistake[] = [
    {
      code: 'counted-fcs',
      value: s.frame + 4,
      message: 'The 4-byte FCS is not in a capture: the network card adds and strips it.',
    },
    {
      code: 'forgot-ethernet-header',
      value: s.frame - (p.vlan ? 18 : 14),
      message: 'The frame starts with the Ethernet header (14 bytes; 18 with a VLAN tag).',
    },
  ];
  if (p.vlan)
    frameMistakes.push({
      code: 'forgot-vlan-tag',
      value: s.frame - 4,
      message: 'The 802.1Q tag adds 4 bytes to the Ethernet header.',
    });
  if (opt > 0)
    frameMistakes.push({
      code: 'forgot-tcp-options',
      value: s.frame - opt,
      message: `The TCP options (${opt} bytes) are part of the TCP header.`,
    });
  if (p.version === 6)
    frameMistakes.push({
      code: 'ipv6-header-as-ipv4',
      value: s.frame - 20,
      message: "The IPv6 header is 40 bytes, twice IPv4's 20.",
    });
  return {
    ipLength: judgeNumber(
      readBytes,
      answers['ipLength'],
      s.ipLength,
      0,
      ipMistakes,
      'Add the headers the field counts to the payload.',
    ),
    frame: judgeNumber(
      readBytes,
      answers['frame'],
      s.frame,
      0,
      frameMistakes,
      'Add Ethernet, IP and transport headers to the payload.',
    ),
  };
}

function check(exercise: Exercise, answers: Readonly<Record<string, string>>): Verdict {
  const p = packetProblem(exercise.seed, exercise.difficulty);
  if (p.kind === 'sizes') return verdictOf(sizesVerdict(p, answers));
  if (p.kind === 'mss') {
    const mss = mssFor(p.mtu, p.version);
    const ip = p.version === 4 ? 20 : 40;
    const mssMistakes: NumericMistake[] = [
      {
        code: 'subtracted-ethernet-header',
        value: mss - 14,
        message: 'The MTU already excludes the Ethernet header: subtract only the IP and TCP headers.',
      },
      {
        code: 'forgot-tcp-header',
        value: p.mtu - ip,
        message: 'The MSS is TCP data only: subtract the 20-byte TCP header too.',
      },
      {
        code: 'forgot-ip-header',
        value: p.mtu - 20,
        message: `Subtract the IPv${p.version} header (${ip} bytes) as well.`,
      },
    ];
    if (p.version === 6)
      mssMistakes.unshift({
        code: 'ipv4-header-for-ipv6',
        value: mssFor(p.mtu, 4),
        message: 'The IPv6 header is 40 bytes, so the MSS is 20 less than over IPv4.',
      });
    const fields: Record<string, FieldVerdict> = {
      mss: judgeNumber(readBytes, answers['mss'], mss, 0, mssMistakes, 'MSS = MTU − IP header − TCP header.'),
    };
    if (p.timestamps) {
      fields['perSegment'] = judgeNumber(
        readBytes,
        answers['perSegment'],
        mss - 12,
        0,
        [
          {
            code: 'forgot-timestamps',
            value: mss,
            message: 'Timestamps take 12 bytes of TCP options in every segment, out of the MSS.',
          },
        ],
        'Take the 12 bytes of timestamp options out of the MSS.',
      );
    }
    return verdictOf(fields);
  }
  if (p.kind === 'nat') {
    const expected = solveNat(p);
    const read = readChoice(answers['checksums'] ?? '', NAT_CHOICES);
    let verdict: FieldVerdict;
    if (!read.ok) verdict = { ok: false, mistake: read.error.code, message: read.error.message };
    else if (read.value === expected) verdict = { ok: true };
    else if (expected === 'both' && read.value === 'ip') {
      verdict = {
        ok: false,
        mistake: 'forgot-pseudo-header',
        message: 'The TCP/UDP checksum covers a pseudo-header with the IP addresses: a new address changes it.',
      };
    } else if (expected === 'both' && read.value === 'transport') {
      verdict = {
        ok: false,
        mistake: 'forgot-ip-header-checksum',
        message: 'The IPv4 header checksum covers the addresses: it changes too.',
      };
    } else if (expected === 'ip' && read.value === 'both') {
      verdict = {
        ok: false,
        mistake: 'updated-zero-udp-checksum',
        message: 'A UDP checksum of 0 means none: the router must leave it 0.',
      };
    } else verdict = { ok: false, mistake: 'wrong', message: 'Which checksums cover the fields the NAT changes?' };
    return verdictOf({ checksums: verdict });
  }
  const f = solveFragments(p);
  const naiveStep = p.mtu - 20;
  const naiveCount = Math.ceil(p.data / naiveStep);
  return verdictOf({
    fragments: judgeNumber(
      readCount,
      answers['fragments'],
      f.count,
      0,
      [
        {
          code: 'forgot-multiple-of-8',
          value: naiveCount,
          message: 'Fragment data must be a multiple of 8 bytes (the offset counts 8-byte units): round MTU − 20 down.',
        },
        {
          code: 'header-counted-once',
          value: Math.ceil((p.data + 20) / p.mtu),
          message: 'Every fragment carries its own 20-byte IPv4 header.',
        },
      ],
      'Divide the data by the data each fragment can carry (a multiple of 8), rounding up.',
    ),
    lastLength: judgeNumber(
      readBytes,
      answers['lastLength'],
      f.lastLength,
      0,
      [
        {
          code: 'forgot-last-header',
          value: f.lastLength - 20,
          message: "Total Length includes the fragment's own 20-byte header.",
        },
        {
          code: 'forgot-multiple-of-8',
          value: 20 + (p.data - (naiveCount - 1) * naiveStep),
          message: 'Fragment data must be a multiple of 8 bytes: round MTU − 20 down.',
        },
      ],
      'The last fragment carries what is left after the full ones, plus its header.',
    ),
  });
}

/** Header sizes, MSS, NAT checksums and fragmentation, read off frames the packet model builds. */
export const PACKET_FIELDS: Family = {
  id: ID,
  title: 'Packet header fields and sizes',
  summary:
    'Length fields, frame sizes, the MSS an MTU leaves, the checksums a NAT must fix, and how IPv4 fragments a datagram.',
  guide: { href: ENCAPSULATION, label: 'Guide: encapsulation' },
  generate,
  check,
};
