/**
 * `npm test`: every check, in order, with one summary line at the end ("N passed, N failed").
 * Static checks and the build each count as one test; Vitest and Playwright report their own counts.
 * A failed step does not stop the run (you see every problem at once), but steps that need the build
 * are skipped, and counted as failed, when the build fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

interface StepResult {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
  seconds: number;
}

const results: StepResult[] = [];

function run(command: string, args: string[]): { ok: boolean; seconds: number } {
  const started = performance.now();
  const child = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '1' } });
  return { ok: child.status === 0, seconds: (performance.now() - started) / 1000 };
}

function banner(name: string): void {
  console.log(`\n\x1b[1m━━ ${name} ━━\x1b[0m`);
}

/** A check that passes or fails as a whole. */
function check(name: string, command: string, args: string[]): boolean {
  banner(name);
  const { ok, seconds } = run(command, args);
  results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, seconds });
  return ok;
}

/** A test runner whose JSON report gives per-test counts; falls back to pass/fail of the process. */
function suite(
  name: string,
  command: string,
  args: string[],
  report: string,
  count: (json: unknown) => Omit<StepResult, 'name' | 'seconds'>,
): void {
  banner(name);
  rmSync(report, { force: true });
  const { ok, seconds } = run(command, args);
  let counts = { passed: 0, failed: ok ? 0 : 1, skipped: 0 };
  if (existsSync(report)) counts = count(JSON.parse(readFileSync(report, 'utf8')));
  if (!ok && counts.failed === 0) counts.failed = 1; // e.g. a coverage threshold or a crash outside any test
  results.push({ name, ...counts, seconds });
}

function skip(name: string, reason: string): void {
  banner(name);
  console.log(`skipped: ${reason}`);
  results.push({ name, passed: 0, failed: 1, skipped: 0, seconds: 0 });
}

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}
function countVitest(json: unknown): Omit<StepResult, 'name' | 'seconds'> {
  const v = json as VitestJson;
  return { passed: v.numPassedTests, failed: v.numFailedTests, skipped: v.numPendingTests + v.numTodoTests };
}
interface PlaywrightJson {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
}

mkdirSync('reports', { recursive: true });
const npx = 'npx';

check('lint and format (Biome)', npx, ['biome', 'ci', '.']);
check('types: astro check', npx, ['astro', 'check', '--minimumSeverity', 'warning']);
check('types: tsc --noEmit (tests included)', npx, ['tsc', '--noEmit', '-p', '.']);
check('architecture: no import cycles, src/lib pure (dependency-cruiser; tsc without the DOM library)', 'npm', [
  'run',
  '--silent',
  'deps',
]);
suite(
  'unit, property, differential and component tests (Vitest, with coverage)',
  npx,
  ['vitest', 'run', '--coverage', '--reporter=default', '--reporter=json', '--outputFile.json=reports/vitest.json'],
  'reports/vitest.json',
  countVitest,
);
const built = check('build (astro build, Pagefind index, link validation)', npx, ['astro', 'build']);
// After the build: one integration test serves dist/ through nginx with the generated headers (it skips without it).
suite(
  'integration tests against real stacks: Node TLS/HTTP, nginx, unbound + knot, netfilter, tshark (one file at a time)',
  npx,
  [
    'vitest',
    'run',
    '--config',
    'vitest.integration.config.ts',
    '--reporter=default',
    '--reporter=json',
    '--outputFile.json=reports/integration.json',
  ],
  'reports/integration.json',
  countVitest,
);
if (built) {
  check('page-weight budgets', process.execPath, ['scripts/check-budgets.ts', '--json', 'reports/page-weight.json']);
  suite(
    'browser tests (Playwright + axe-core, built site)',
    npx,
    ['playwright', 'test'],
    'reports/e2e.json',
    (json) => {
      const { stats } = json as PlaywrightJson;
      return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
    },
  );
} else {
  skip('page-weight budgets', 'the build failed');
  skip('browser tests (Playwright + axe-core, built site)', 'the build failed');
}

console.log('\n\x1b[1m━━ summary ━━\x1b[0m');
for (const r of results) {
  const mark = r.failed > 0 ? '\x1b[31m✗\x1b[0m' : '\x1b[32m✓\x1b[0m';
  console.log(
    `${mark} ${r.name.padEnd(78)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(3)} failed  ${r.seconds.toFixed(1).padStart(6)} s`,
  );
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
const skipped = results.reduce((sum, r) => sum + r.skipped, 0);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
