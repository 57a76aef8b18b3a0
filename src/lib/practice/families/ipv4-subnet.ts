/**
 * IPv4 subnet details: from an address and its prefix (or netmask), the network and broadcast addresses, the first
 * and last usable host, how many hosts, and the mask. Warm-up asks three of them for /24–/30; standard asks all for
 * /17–/30 and sometimes gives the mask in dotted form; hard spans /8–/32 with /31 (RFC 3021) and /32 in the mix.
 */
import { checkAnswers, type FieldContext } from '../answer.ts';
import { createRandom } from '../random.ts';
import type { AnswerInput, Difficulty, Exercise, Family, FieldVerdict, SolutionStep } from '../types.ts';
import {
  binaryRows,
  calculatorLink,
  dotted,
  GUIDES,
  grouped,
  judgeSlips,
  lastOf,
  levelOf,
  maskOf,
  networkOf,
  type Slip,
  sizeOf,
  usableOf,
} from './addressing-support.ts';

const ID = 'ipv4-subnet';

/** The numbers behind one exercise. */
export interface Ipv4SubnetProblem {
  /** The address as given (uint32). */
  readonly address: number;
  readonly prefix: number;
  /** True when the question gives a dotted netmask (and asks for the prefix length). */
  readonly maskGiven: boolean;
  /** Which fields are asked, in display order. */
  readonly asked: readonly Ipv4Field[];
}

/** The fields this family can ask. */
export type Ipv4Field = 'network' | 'broadcast' | 'first' | 'last' | 'hosts' | 'mask';

/** Draws the problem for a seed and level (pure). */
export function ipv4SubnetProblem(seed: number, difficulty: Difficulty): Ipv4SubnetProblem {
  const r = createRandom(seed, ID);
  const level = levelOf(difficulty);
  const prefix =
    level === 1 ? r.int(24, 30) : level === 2 ? r.int(17, 30) : r.chance(0.25) ? r.pick([31, 32]) : r.int(8, 30);
  let first = r.int(1, 223);
  if (first === 127) first = 10;
  const address = (first * 2 ** 24 + r.int(0, 2 ** 24 - 1)) >>> 0;
  const maskGiven = level > 1 && r.chance(0.5);
  let asked: Ipv4Field[];
  if (level === 1) asked = ['network', 'broadcast', 'hosts'];
  else if (prefix === 31) asked = ['network', 'first', 'last', 'hosts', 'mask'];
  else if (prefix === 32) asked = ['network', 'hosts', 'mask'];
  else asked = ['network', 'broadcast', 'first', 'last', 'hosts', 'mask'];
  return { address, prefix, maskGiven, asked };
}

/** The right values of every field. */
function truth(p: Ipv4SubnetProblem) {
  const network = networkOf(p.address, p.prefix);
  const last = lastOf(p.address, p.prefix);
  const edge = p.prefix >= 31;
  return {
    network,
    broadcast: last,
    first: edge ? network : network + 1,
    last: edge ? last : last - 1,
    hosts: usableOf(p.prefix),
    mask: maskOf(p.prefix),
  };
}

const LABELS: Record<Ipv4Field, string> = {
  network: 'Network address',
  broadcast: 'Broadcast address',
  first: 'First usable host',
  last: 'Last usable host',
  hosts: 'Usable hosts',
  mask: 'Netmask',
};

function inputOf(field: Ipv4Field, maskGiven: boolean): AnswerInput {
  if (field === 'hosts') return { id: field, label: LABELS.hosts, kind: 'count', hint: 'e.g. 62' };
  if (field === 'mask') {
    return maskGiven
      ? { id: field, label: 'Prefix length', kind: 'prefix', hint: 'e.g. /26' }
      : { id: field, label: LABELS.mask, kind: 'prefix', hint: 'e.g. 255.255.255.192 or /26' };
  }
  return { id: field, label: LABELS[field], kind: 'ipv4', hint: 'e.g. 192.0.2.64' };
}

function generate(seed: number, difficulty: Difficulty): Exercise {
  const level = levelOf(difficulty);
  const p = ipv4SubnetProblem(seed, level);
  const t = truth(p);
  const given = p.maskGiven ? `${dotted(p.address)} ${dotted(t.mask)}` : `${dotted(p.address)}/${p.prefix}`;
  const answer: Record<string, string> = {};
  for (const field of p.asked) {
    answer[field] =
      field === 'hosts'
        ? String(t.hosts)
        : field === 'mask'
          ? p.maskGiven
            ? `/${p.prefix}`
            : dotted(t.mask)
          : dotted(t[field]);
  }
  const names = p.asked.map((f) => (f === 'mask' && p.maskGiven ? 'prefix length' : LABELS[f].toLowerCase()));
  return {
    family: ID,
    seed,
    difficulty: level,
    question: `A host is configured as ${given}. Give its ${names.slice(0, -1).join(', ')} and ${names.at(-1)}.`,
    givens: [{ label: 'Interface address', value: given }],
    inputs: p.asked.map((f) => inputOf(f, p.maskGiven)),
    answer,
    solution: solution(p),
    guide: p.prefix >= 31 ? GUIDES.edgeCases : GUIDES.subnetDetails,
    playground: calculatorLink({ mode: 'details', details: { network: `${dotted(p.address)}/${p.prefix}` } }),
  };
}

function solution(p: Ipv4SubnetProblem): SolutionStep[] {
  const t = truth(p);
  const h = 32 - p.prefix;
  const steps: SolutionStep[] = [
    {
      text: p.maskGiven
        ? `Count the one bits of the netmask ${dotted(t.mask)}: there are ${p.prefix}, so the prefix is /${p.prefix} and ${h} bits are left for hosts.`
        : `The prefix /${p.prefix} means the first ${p.prefix} bits are the network; ${h} bits are left for hosts. The netmask is ${p.prefix} ones followed by ${h} zeros.`,
      code: binaryRows([['netmask', t.mask]]),
    },
    {
      text: 'Keep the network bits and clear the host bits (address AND mask): that is the network address.',
      code: binaryRows([
        ['address', p.address],
        ['netmask', t.mask],
        ['network', t.network],
      ]),
    },
  ];
  if (p.prefix === 32) {
    steps.push({
      text: 'A /32 has no host bits: it is one address, a host route. That address is the only "host", so the count is 1; there is no separate network or broadcast address.',
    });
    return steps;
  }
  steps.push({
    text: `Set every host bit to 1 to get the last address of the block${p.prefix <= 30 ? ', the broadcast address' : ''}. The block holds 2^${h} = ${grouped(sizeOf(p.prefix))} addresses.`,
    code: binaryRows([
      ['network', t.network],
      ['last', t.broadcast],
    ]),
  });
  if (p.prefix === 31) {
    steps.push({
      text: 'A /31 is a point-to-point link (RFC 3021): it has no network or broadcast address, so both of its addresses are usable hosts — 2 hosts, the first being the network address itself.',
      code: `first = ${dotted(t.first)}\nlast  = ${dotted(t.last)}\nhosts = 2`,
    });
    return steps;
  }
  steps.push({
    text: 'The network address and the broadcast address are not hosts, so the usable range starts one above the network and ends one below the broadcast.',
    code: `first = ${dotted(t.network)} + 1 = ${dotted(t.first)}\nlast  = ${dotted(t.broadcast)} − 1 = ${dotted(t.last)}`,
  });
  steps.push({
    text: `Usable hosts: all 2^${h} addresses minus the network and broadcast addresses.`,
    code: `2^${h} − 2 = ${grouped(sizeOf(p.prefix))} − 2 = ${grouped(t.hosts)}`,
  });
  return steps;
}

/** The values a prefix one bit shorter or longer would give (the "wrong prefix by one bit" slip). */
function neighbours(p: Ipv4SubnetProblem): { prefix: number; t: ReturnType<typeof truth> }[] {
  return [p.prefix - 1, p.prefix + 1]
    .filter((q) => q >= 0 && q <= 30 && p.prefix <= 30)
    .map((q) => ({ prefix: q, t: truth({ ...p, prefix: q }) }));
}

const PREFIX_SLIP = (p: Ipv4SubnetProblem, q: number): string =>
  `That is the value for /${q}, one bit ${q < p.prefix ? 'shorter' : 'longer'} than /${p.prefix}; recount the one bits of the mask (the prefix is /${p.prefix}).`;

function judgeAddress(p: Ipv4SubnetProblem, field: Ipv4Field, value: number): FieldVerdict {
  const t = truth(p);
  const slips: Slip<number>[] = [];
  const fromPrefix = neighbours(p).map(
    (n): Slip<number> => ({
      value: n.t[field as 'network'],
      code: 'wrong-prefix-by-one',
      message: PREFIX_SLIP(p, n.prefix),
    }),
  );
  if (field === 'network') {
    slips.push(
      {
        value: t.broadcast,
        code: 'broadcast-for-network',
        message:
          'That is the broadcast address (all host bits 1); the network address has all host bits 0, the first address of the block.',
      },
      {
        value: p.address,
        code: 'address-not-network',
        message: `That is the host's own address; clear its ${32 - p.prefix} host bits (AND it with the mask) to get the network.`,
      },
      {
        value: t.network + 1,
        code: 'off-by-one-host',
        message: 'One too high: that is the first usable host. The network address itself has all host bits 0.',
      },
    );
  } else if (field === 'broadcast') {
    slips.push(
      {
        value: t.network,
        code: 'network-for-broadcast',
        message:
          'That is the network address (all host bits 0); the broadcast address has all host bits 1, the last of the block.',
      },
      {
        value: t.broadcast + 1,
        code: 'off-by-one-host',
        message:
          "One too high: that is the next block's network address. The broadcast is the last address of this block.",
      },
      {
        value: t.broadcast - 1,
        code: 'off-by-one-host',
        message: 'One too low: that is the last usable host. The broadcast is the very last address, all host bits 1.',
      },
    );
  } else if (field === 'first') {
    if (p.prefix === 31) {
      slips.push({
        value: t.network + 1,
        code: 'rfc3021-point-to-point',
        message:
          'A /31 has no network address to skip (RFC 3021): both addresses are hosts, so the first host is the network address itself.',
      });
    }
    slips.push(
      {
        value: t.network,
        code: 'off-by-one-host',
        message: 'That is the network address, which is not a host; the first usable host is one above it.',
      },
      {
        value: t.first + 1,
        code: 'off-by-one-host',
        message: 'One too high: the first usable host is the network address + 1.',
      },
    );
  } else if (field === 'last') {
    if (p.prefix === 31) {
      slips.push({
        value: t.network,
        code: 'rfc3021-point-to-point',
        message:
          'A /31 has no broadcast address to skip (RFC 3021): both addresses are hosts, so the last host is the last address of the block.',
      });
    }
    slips.push(
      {
        value: t.broadcast,
        code: 'off-by-one-host',
        message: 'That is the broadcast address, which is not a host; the last usable host is one below it.',
      },
      {
        value: t.last - 1,
        code: 'off-by-one-host',
        message: 'One too low: the last usable host is the broadcast address − 1.',
      },
    );
  }
  return judgeSlips(value, t[field as 'network'], [...slips, ...fromPrefix], wrongAddress(field));
}

function wrongAddress(field: Ipv4Field): string {
  return `Not the ${LABELS[field].toLowerCase()}; redo the AND with the mask in binary (see the worked solution).`;
}

function judgeHosts(p: Ipv4SubnetProblem, value: number): FieldVerdict {
  const h = 32 - p.prefix;
  const slips: Slip<number>[] = [];
  if (p.prefix === 31) {
    slips.push({
      value: 0,
      code: 'rfc3021-point-to-point',
      message:
        'A /31 is the exception to 2^n − 2 (RFC 3021): on a point-to-point link both addresses are hosts, so it has 2.',
    });
  }
  if (p.prefix === 32) {
    slips.push({
      value: 0,
      code: 'host-route-32',
      message: 'A /32 is a single address (a host route): 2^0 − 2 would be negative; it has exactly 1 host.',
    });
  }
  slips.push(
    {
      value: sizeOf(p.prefix),
      code: 'forgot-network-broadcast',
      message: `2^${h} counts every address of the block; the network and broadcast addresses are not hosts, so it is 2^${h} − 2.`,
    },
    {
      value: sizeOf(p.prefix) - 1,
      code: 'off-by-one-host',
      message: `Off by one: both the network and the broadcast address are excluded, so it is 2^${h} − 2.`,
    },
    {
      value: h,
      code: 'gave-host-bits',
      message: `${h} is the number of host bits; the number of hosts is 2^${h} − 2.`,
    },
    ...neighbours(p).map(
      (n): Slip<number> => ({ value: n.t.hosts, code: 'wrong-prefix-by-one', message: PREFIX_SLIP(p, n.prefix) }),
    ),
  );
  return judgeSlips(
    value,
    usableOf(p.prefix),
    slips,
    `Not the number of usable hosts; with ${h} host bits it is 2^${h} − 2.`,
  );
}

function judgeMask(p: Ipv4SubnetProblem, prefix: number, form: string): FieldVerdict {
  if (prefix === p.prefix && form === 'hostmask' && p.prefix !== 0 && p.prefix !== 32) {
    return {
      ok: false,
      mistake: 'wildcard-mask',
      message: `That is the wildcard (inverse) mask ${dotted(~maskOf(p.prefix) >>> 0)}, host bits set to 1; the netmask is its opposite, ${dotted(maskOf(p.prefix))}.`,
    };
  }
  if (prefix === p.prefix) return { ok: true };
  if (Math.abs(prefix - p.prefix) === 1) {
    return { ok: false, mistake: 'wrong-prefix-by-one', message: PREFIX_SLIP(p, prefix) };
  }
  return { ok: false, mistake: 'wrong', message: `Not the mask of /${p.prefix}; count the one bits again.` };
}

/** The judge for one readable field of an exercise of this family. */
function judge(p: Ipv4SubnetProblem, field: FieldContext): FieldVerdict | undefined {
  const id = field.input.id as Ipv4Field;
  const v = field.value;
  if (v.kind === 'ipv4' && (id === 'network' || id === 'broadcast' || id === 'first' || id === 'last')) {
    return judgeAddress(p, id, v.address.value);
  }
  if (v.kind === 'count' && id === 'hosts') return judgeHosts(p, v.value);
  if (v.kind === 'prefix' && id === 'mask') return judgeMask(p, v.prefixLength, v.form);
  return undefined;
}

export const IPV4_SUBNET: Family = {
  id: ID,
  title: 'IPv4 subnet details',
  summary: 'From an address and prefix, find the network, broadcast, first and last host, host count and mask.',
  guide: GUIDES.subnetDetails,
  generate,
  check(exercise, answers) {
    const p = ipv4SubnetProblem(exercise.seed, levelOf(exercise.difficulty));
    return checkAnswers(exercise, answers, (field) => judge(p, field));
  },
};
