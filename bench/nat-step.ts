/**
 * Issue 16 performance: "stepping one packet < 1 ms; a 1,000-flow scenario simulated < 16 ms per frame".
 * `node bench/nat-step.ts` — measures the model alone (no drawing): one packet through a NAT whose table already
 * holds 1,000 sessions, and a whole 1,000-flow scenario (outbound flow + reply each) through the packet walk.
 * The scenario is timed three ways, since the shared machine is often busy: median and fastest wall-clock run, and
 * the median of the process's CPU time per run (what the work costs when it is not waiting for a core).
 */
import { performance } from 'node:perf_hooks';
import {
  emptyTable,
  type NatBox,
  presetById,
  runSteps,
  type ScenarioStep,
  scenarioById,
  translate,
} from '../src/lib/nat/index.ts';
import { FLOWS, flowSend, withManyHosts } from './support/nat-flows.ts';

const RUNS = 30;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

const box: NatBox = {
  behaviour: presetById('linux-masquerade').behaviour,
  wanAddress: '203.0.113.2',
  lanAddress: '192.168.1.1',
  forwards: [],
};
let table = emptyTable();
for (let i = 0; i < 1000; i++) {
  const src = { address: `192.168.1.${10 + (i % 200)}`, port: 40000 + (i % 50) };
  table = translate(
    box,
    table,
    { tuple: { protocol: 'udp', src, dst: { address: '198.51.100.10', port: 443 } } },
    'lan',
    0,
  ).table;
}
const step: number[] = [];
for (let r = 0; r < RUNS * 10; r++) {
  const t = performance.now();
  translate(
    box,
    table,
    {
      tuple: {
        protocol: 'udp',
        src: { address: '192.168.1.99', port: 50000 + r },
        dst: { address: '198.51.100.20', port: 443 },
      },
    },
    'lan',
    1,
  );
  step.push(performance.now() - t);
}

const topology = withManyHosts(scenarioById('browse').topology);
const steps: ScenarioStep[] = [];
for (let i = 0; i < FLOWS; i++) {
  steps.push(flowSend(i));
  steps.push({ kind: 'reply', to: steps.length - 1, flag: 'SYN-ACK', note: '' });
}
const scenario: number[] = [];
const scenarioCpu: number[] = [];
for (let r = 0; r < RUNS; r++) {
  const cpu = process.cpuUsage();
  const t = performance.now();
  runSteps(topology, steps);
  scenario.push(performance.now() - t);
  const used = process.cpuUsage(cpu);
  scenarioCpu.push((used.user + used.system) / 1000);
}
console.log(
  `one packet, 1,000 sessions in the table: median ${(median(step) * 1000).toFixed(1)} µs (${step.length} runs)`,
);
console.log(
  `1,000 flows + replies (2,000 packets) through the walk: median ${median(scenario).toFixed(1)} ms, fastest ${Math.min(...scenario).toFixed(1)} ms, median CPU ${median(scenarioCpu).toFixed(1)} ms (${RUNS} runs)`,
);
