/**
 * Practice family `nat-translation`: for a packet of one of the NAT playground's scenarios, with a chosen NAT type
 * (and hairpin mode), is it delivered, and what source address and port does its receiver see? Computed by the
 * playground's own view model (`buildView`, over the NAT model in `src/lib/nat`) on exactly the state the solution's
 * link carries.
 */
import { formatAddress } from '../../ip/address.ts';
import {
  type DropReason,
  formatEndpoint,
  HAIRPIN_MODES,
  type HairpinMode,
  PRESET_NOTES,
  type PresetId,
  presetById,
  runSteps,
  type Scenario,
  type ScenarioId,
  type StepResult,
} from '../../nat/index.ts';
import { NAT_CODEC, type NatPlaygroundState, type NatView } from '../../nat-playground/index.ts';
import { buildView, configure } from '../../nat-playground/view.ts';
import { readIp } from '../answer.ts';
import { createRandom, type Random } from '../random.ts';
import type { Difficulty, Exercise, Family, FieldVerdict, SolutionStep, Verdict } from '../types.ts';
import { verdictOf } from './model-support.ts';

const ID = 'nat-translation';
const GUIDE = '/addressing/public-private-nat/';
const PLAYGROUND = '/playgrounds/nat/';

const POOLS: Readonly<Record<Difficulty, { scenarios: readonly ScenarioId[]; nats: readonly PresetId[] }>> = {
  1: { scenarios: ['browse', 'game-server'], nats: ['linux-masquerade'] },
  2: {
    scenarios: ['browse', 'game-server', 'hole-punch', 'hairpin'],
    nats: ['linux-masquerade', 'full-cone', 'restricted-cone', 'port-restricted-cone', 'symmetric'],
  },
  3: {
    scenarios: ['browse', 'game-server', 'game-server-cgnat', 'hole-punch', 'hairpin'],
    nats: [
      'linux-masquerade',
      'linux-masquerade-open-input',
      'linux-masquerade-random',
      'full-cone',
      'restricted-cone',
      'port-restricted-cone',
      'symmetric',
      'carrier-grade',
    ],
  },
};

const SECTIONS: Readonly<Record<ScenarioId, string>> = {
  browse: `${GUIDE}#walk-through-the-translation-table`,
  'game-server': `${GUIDE}#port-forwarding`,
  'game-server-cgnat': `${GUIDE}#cgnat-and-port-forwarding`,
  'hole-punch': `${GUIDE}#how-nats-behave-rfc-4787`,
  hairpin: `${GUIDE}#hairpinning-reaching-your-own-public-address-from-inside`,
};

/** What the exercise was generated from. `step` is 1-based, as in the playground. */
export interface NatProblem {
  readonly scenario: ScenarioId;
  readonly nat: PresetId;
  readonly hairpin: HairpinMode;
  readonly step: number;
}

/** The model's answer for a problem: the view the playground shows, and the walk of the asked packet. */
export interface NatSolution {
  readonly view: NatView;
  readonly scenario: Scenario;
  readonly results: readonly StepResult[];
  /** The asked packet's result (it has a walk: the generator only asks about packets that were sent). */
  readonly result: StepResult;
}

/** The playground state for a problem: what its link carries. */
export function natState(problem: NatProblem): NatPlaygroundState {
  return {
    ...NAT_CODEC.defaults,
    scenario: problem.scenario,
    nat: problem.nat,
    hairpin: problem.hairpin,
    step: String(problem.step),
    wait: '0',
  };
}

/** Runs the playground's view model on the problem's state (and the scenario's run, for the earlier packets). */
export function solveNat(problem: NatProblem): NatSolution {
  const parsed = NAT_CODEC.parse(natState(problem));
  if (!parsed.ok) throw new Error(`nat-translation: invalid generated state: ${parsed.error.message}`);
  const view = buildView(parsed.value);
  const scenario = configure(problem.scenario, problem.nat, problem.hairpin);
  const { results } = runSteps(scenario.topology, scenario.steps.slice(0, problem.step));
  const result = results[problem.step - 1];
  if (result?.walk === undefined) throw new Error(`nat-translation: packet ${problem.step} was not sent`);
  return { view, scenario, results, result };
}

function draw(random: Random, difficulty: Difficulty): NatProblem {
  const pool = POOLS[difficulty];
  const scenario = random.pick(pool.scenarios);
  const nat = random.pick(pool.nats);
  const hairpin: HairpinMode =
    scenario === 'hairpin' ? (difficulty === 2 ? 'lan-source' : random.pick(HAIRPIN_MODES)) : 'lan-source';
  const configured = configure(scenario, nat, hairpin);
  const { results } = runSteps(configured.topology, configured.steps);
  // Only packets that were sent (a reply to a packet that never arrived is not) and not the waits.
  const asked = results
    .map((r, i) => ({ r, i }))
    .filter(({ r, i }) => r.walk !== undefined && configured.steps[i]?.kind !== 'wait')
    .map(({ i }) => i + 1);
  return { scenario, nat, hairpin, step: random.pick(asked) };
}

/** The problem behind an exercise (a pure function of its seed and difficulty). */
export function natProblem(seed: number, difficulty: Difficulty): NatProblem {
  return draw(createRandom(seed, ID), difficulty);
}

/** The packets of the scenario up to the asked one, as the question lists them (no outcomes given away). */
function packetLines(scenario: Scenario, count: number): string[] {
  const t = scenario.topology;
  return scenario.steps.slice(0, count).map((step, i) => {
    const n = i + 1;
    if (step.kind === 'wait') return `${n}. ${step.seconds} s pass.`;
    if (step.kind === 'reply') {
      return `${n}. The receiver of packet ${step.to + 1} answers it${step.flag ? ` (${step.flag})` : ''}, to the source it saw.`;
    }
    const host = t.hosts.find((h) => h.id === step.from);
    const target =
      'address' in step.to
        ? formatEndpoint(step.to)
        : `the public endpoint the receiver of packet ${step.to.seenBy + 1} saw it come from (learnt through STUN and signalling)`;
    return `${n}. ${host?.label ?? step.from} (${host?.address ?? '?'}) sends ${step.protocol.toUpperCase()}${
      step.flag ? ` ${step.flag}` : ''
    } from port ${step.srcPort} to ${target}.`;
  });
}

function topologyLines(scenario: Scenario, problem: NatProblem): { label: string; value: string }[] {
  const t = scenario.topology;
  const hosts = t.hosts.map((h) => ({
    label: h.label,
    value: `${h.address} (${t.segments.find((s) => s.id === h.segment)?.label ?? h.segment})`,
  }));
  const routers = t.routers.map((r) => {
    const nat = r.id === 'cgnat' ? presetById('carrier-grade').label : presetById(problem.nat).label;
    const forwards = r.forwards
      .map(
        (f) =>
          `; forwards ${f.protocol.toUpperCase()} ${f.externalPorts.min} to ${f.internalAddress}:${f.internalPort ?? f.externalPorts.min}`,
      )
      .join('');
    const hairpin = problem.scenario === 'hairpin' && r.id !== 'cgnat' ? `; hairpinning: ${problem.hairpin}` : '';
    return { label: r.label, value: `LAN ${r.lanAddress}, WAN ${r.wanAddress}; ${nat}${forwards}${hairpin}` };
  });
  return [...hosts, ...routers];
}

/** The sender's endpoint of the asked packet, before any NAT. */
function original(solution: NatSolution): { address: string; port: number } {
  return solution.result.walk?.packet.tuple.src ?? { address: '', port: 0 };
}

/** The endpoint the receiver saw, or undefined when the packet was dropped. */
function seenOf(solution: NatSolution): { address: string; port: number } | undefined {
  const o = solution.result.walk?.outcome;
  return o?.delivered ? o.tuple.src : undefined;
}

/** The canonical port answer: the number when it is the sender's own, else `changed` (the NAT chose one). */
function portAnswer(solution: NatSolution): string | undefined {
  const seen = seenOf(solution);
  if (seen === undefined) return undefined;
  return seen.port === original(solution).port ? String(seen.port) : 'changed';
}

function solutionSteps(problem: NatProblem, solution: NatSolution): SolutionStep[] {
  const preset = presetById(problem.nat);
  const steps: SolutionStep[] = [{ text: `${preset.label}: ${PRESET_NOTES[problem.nat].summary}` }];
  for (let i = 1; i < problem.step; i++) {
    const parsed = NAT_CODEC.parse({ ...natState(problem), step: String(i) });
    if (!parsed.ok) continue;
    const earlier = buildView(parsed.value);
    steps.push({ text: `Packet ${i}: ${[...earlier.explanation, earlier.outcome].join(' ')}` });
  }
  const { view } = solution;
  steps.push({
    text: `Packet ${problem.step}: ${[...view.explanation, view.outcome].join(' ')}`,
    code: view.legs.map((leg) => `${leg.segment.padEnd(14)} ${leg.src} → ${leg.dst}`).join('\n'),
  });
  const seen = seenOf(solution);
  if (seen !== undefined && seen.port !== original(solution).port) {
    steps.push({
      text: `The port changed from ${original(solution).port} to ${seen.port}: the NAT chose it (a port search or its random or sequential assignment), so "changed" is the answer; the exact number is not something to predict.`,
    });
  }
  return steps;
}

const OUTCOME_CHOICES = [
  { value: 'delivered', label: 'Delivered' },
  { value: 'dropped', label: 'Dropped' },
] as const;

function generate(seed: number, difficulty: Difficulty): Exercise {
  const problem = natProblem(seed, difficulty);
  const solution = solveNat(problem);
  const seen = seenOf(solution);
  const port = portAnswer(solution);
  const query = NAT_CODEC.encode(natState(problem));
  return {
    family: ID,
    seed,
    difficulty,
    question:
      `${solution.scenario.title}. The home router is a ${presetById(problem.nat).label} NAT. These packets are sent in order:\n` +
      `${packetLines(solution.scenario, problem.step).join('\n')}\n` +
      `Is packet ${problem.step} delivered? If it is, what source address and port does its receiver see ` +
      '(write the port, or "changed" if a NAT picks a new one you cannot predict)?',
    givens: topologyLines(solution.scenario, problem),
    inputs: [
      { id: 'outcome', label: `Packet ${problem.step}`, kind: 'choice', choices: OUTCOME_CHOICES },
      {
        id: 'seenAddress',
        label: 'Source address the receiver sees',
        kind: 'ip',
        hint: 'e.g. 203.0.113.2 (blank if dropped)',
      },
      {
        id: 'seenPort',
        label: 'Source port the receiver sees',
        kind: 'text',
        hint: 'e.g. 50000, or changed (blank if dropped)',
      },
    ],
    answer: {
      outcome: seen === undefined ? 'dropped' : 'delivered',
      seenAddress: seen?.address ?? '',
      seenPort: port ?? '',
    },
    solution: solutionSteps(problem, solution),
    guide: { href: SECTIONS[problem.scenario], label: 'Guide: public and private addresses, NAT' },
    playground: { href: `${PLAYGROUND}?${query}`, label: 'Open this packet in the NAT playground' },
  };
}

const DROP_MISTAKES: Readonly<Record<DropReason, { code: string; message: string }>> = {
  'no-mapping': {
    code: 'unsolicited-admitted',
    message:
      'Nothing inside sent to this port and no forwarding rule covers it: an unsolicited packet has nowhere to go.',
  },
  filtered: {
    code: 'filtering-ignored',
    message: 'A mapping exists, but this NAT’s filtering only lets in the endpoints the inside host has sent to.',
  },
  // The three below cannot happen in the generated problems (no waits, no port exhaustion, every address exists):
  // they answer 'wrong', with the reason, rather than name a mistake no exercise can produce.
  expired: { code: 'wrong', message: 'The mapping timed out before this packet came.' },
  'no-free-port': { code: 'wrong', message: 'No external port is left that would keep the flow unique.' },
  'hairpin-unsupported': {
    code: 'hairpin-assumed',
    message: 'With hairpinning off the router does not translate a LAN packet addressed to its own public address.',
  },
  'unexpected-source': {
    code: 'answer-from-unexpected-source',
    message:
      'The answer comes straight from the server’s private address, not the public one the client talked to, so the client’s socket ignores it.',
  },
  'no-route': { code: 'wrong', message: 'No host has that address.' },
  'no-listener': {
    code: 'router-has-no-service',
    message: 'The packet is for the router itself, which runs no such service.',
  },
};

function judgeOutcome(solution: NatSolution, text: string | undefined): FieldVerdict {
  const t = (text ?? '').trim().toLowerCase();
  if (t === '') return { ok: false, mistake: 'empty', message: 'Choose delivered or dropped.' };
  const chosen = OUTCOME_CHOICES.find((c) => c.value === t || c.label.toLowerCase() === t)?.value;
  if (chosen === undefined) {
    return {
      ok: false,
      mistake: 'unparsable',
      message: `'${t.slice(0, 40)}' is not one of the choices (Delivered, Dropped).`,
    };
  }
  const o = solution.result.walk?.outcome;
  const delivered = o?.delivered === true;
  if ((chosen === 'delivered') === delivered) return { ok: true };
  if (o !== undefined && !o.delivered) {
    const m = DROP_MISTAKES[o.reason];
    return { ok: false, mistake: m.code, message: m.message };
  }
  const step = solution.scenario.steps[solution.result.index];
  const forwarded = solution.result.walk?.hops.some(
    (h) => h.verdict?.action === 'translated' && h.verdict.session.kind === 'forward' && h.verdict.table === 'created',
  );
  if (forwarded) {
    return {
      ok: false,
      mistake: 'forgot-port-forward',
      message: 'A forwarding rule sends this port to the server inside.',
    };
  }
  if (step?.kind === 'reply') {
    return {
      ok: false,
      mistake: 'reply-dropped',
      message: 'An answer matches the session its question created: the NAT lets it in.',
    };
  }
  return {
    ok: false,
    mistake: 'hole-already-open',
    message: 'An earlier packet from the inside already opened a mapping whose filtering admits this sender.',
  };
}

function judgeAddress(solution: NatSolution, text: string | undefined): FieldVerdict {
  const seen = seenOf(solution);
  const t = (text ?? '').trim();
  if (seen === undefined) {
    return t === '' || t === '-'
      ? { ok: true }
      : { ok: false, mistake: 'dropped-packet', message: 'The packet is dropped: nobody sees it.' };
  }
  const read = readIp(t);
  if (!read.ok) return { ok: false, mistake: read.error.code, message: read.error.message };
  const given = read.value.version === 4 ? formatAddress(read.value) : '';
  if (given === seen.address) return { ok: true };
  const routers = solution.scenario.topology.routers;
  const src = original(solution);
  const hairpin = solution.result.walk?.hops.some(
    (h) => h.verdict?.action === 'translated' && h.verdict.session.kind === 'hairpin',
  );
  if (hairpin) {
    return {
      ok: false,
      mistake: 'hairpin-source',
      message: `In this hairpin mode the server sees ${seen.address}: the router rewrites the destination, and the source ${
        seen.address === src.address ? 'not at all' : 'to its own address'
      }.`,
    };
  }
  if (given === src.address) {
    return {
      ok: false,
      mistake: 'saw-private-address',
      message: 'The NAT rewrote the source: a private address never appears on the internet.',
    };
  }
  if (routers.some((r) => r.id !== 'cgnat' && r.wanAddress === given) && routers.some((r) => r.id === 'cgnat')) {
    return {
      ok: false,
      mistake: 'home-router-address-behind-cgnat',
      message:
        'That is the home router’s WAN address in the ISP’s shared space: the carrier-grade NAT rewrites the source a second time.',
    };
  }
  if (routers.some((r) => r.wanAddress === given || r.lanAddress === given) && seen.address === src.address) {
    return {
      ok: false,
      mistake: 'inbound-source-rewritten',
      message: 'On the way in the NAT rewrites the destination; the source stays the remote endpoint’s.',
    };
  }
  if (given === solution.result.walk?.packet.tuple.dst.address) {
    return {
      ok: false,
      mistake: 'answered-destination',
      message: 'That is where the packet is going, not where it comes from.',
    };
  }
  return {
    ok: false,
    mistake: 'wrong',
    message: 'Follow the packet router by router: which addresses does each rewrite?',
  };
}

function judgePort(solution: NatSolution, text: string | undefined): FieldVerdict {
  const expected = portAnswer(solution);
  const t = (text ?? '').trim().toLowerCase();
  if (expected === undefined) {
    return t === '' || t === '-'
      ? { ok: true }
      : { ok: false, mistake: 'dropped-packet', message: 'The packet is dropped: nobody sees it.' };
  }
  if (t === '') return { ok: false, mistake: 'empty', message: 'Write the port number, or "changed".' };
  const seen = seenOf(solution);
  const changedWords = ['changed', 'change', 'new', 'random', 'different', 'other', 'another'];
  const isChanged = changedWords.includes(t);
  const number = /^\d{1,5}$/.test(t) ? Number(t) : undefined;
  if (!isChanged && number === undefined) {
    return { ok: false, mistake: 'unparsable', message: `'${t.slice(0, 40)}' is not a port (0–65535) or "changed".` };
  }
  if (expected !== 'changed') {
    if (number === Number(expected)) return { ok: true };
    if (isChanged) {
      return {
        ok: false,
        mistake: 'assumed-port-changed',
        message:
          'This NAT keeps the source port when it is free (port preservation), or the source was not rewritten at all.',
      };
    }
    return {
      ok: false,
      mistake: 'wrong',
      message: 'Which port did the sender use, and did any NAT need to change it?',
    };
  }
  if (isChanged || number === seen?.port) return { ok: true };
  if (number === original(solution).port) {
    return {
      ok: false,
      mistake: 'assumed-port-kept',
      message:
        'The NAT could not (or does not) keep the sender’s port here: its assignment picks another for this flow.',
    };
  }
  return { ok: false, mistake: 'wrong', message: 'Which port did the sender use, and did any NAT need to change it?' };
}

function check(exercise: Exercise, answers: Readonly<Record<string, string>>): Verdict {
  const solution = solveNat(natProblem(exercise.seed, exercise.difficulty));
  return verdictOf({
    outcome: judgeOutcome(solution, answers['outcome']),
    seenAddress: judgeAddress(solution, answers['seenAddress']),
    seenPort: judgePort(solution, answers['seenPort']),
  });
}

/** Whether a packet gets through a NAT and which source its receiver sees. */
export const NAT_TRANSLATION: Family = {
  id: ID,
  title: 'NAT translations',
  summary:
    'Follow a packet through a home router (and a carrier-grade NAT): is it let in, and which source address and port does the other side see?',
  guide: { href: GUIDE, label: 'Guide: public and private addresses, NAT' },
  generate,
  check,
};
