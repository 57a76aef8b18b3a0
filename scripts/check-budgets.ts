/**
 * Page-weight budget check: gzip bytes of HTML, CSS and JS for every built page (dist/), compared with
 * budgets.json. Prints a table; exits 1 naming each page over budget and by how much.
 * Usage: node scripts/check-budgets.ts [--json reports/page-weight.json]
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { type BudgetFile, budgetFor, overruns, pageWeight } from './lib/page-weight.ts';

const dist = 'dist';
const budgets = JSON.parse(readFileSync('budgets.json', 'utf8')) as BudgetFile;
const base = (process.env.BASE_PATH ?? '/').replace(/\/+$/, '');

if (!existsSync(dist)) {
  console.error('dist/ does not exist: run `npm run build` first.');
  process.exit(1);
}

const read = (urlPath: string): string | undefined => {
  const file = join(dist, urlPath.slice(base.length));
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
};

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '_astro' || entry.name === 'pagefind' ? [] : htmlFiles(path);
    return entry.name.endsWith('.html') ? [path] : [];
  });
}

const rows = htmlFiles(dist)
  .map((file) => {
    const path = `/${relative(dist, dirname(file))}/`.replace(/^\/\.?\/?/, '/').replace(/\/+$/, '/');
    const page = file.endsWith('404.html') ? '/404.html' : path;
    const weight = pageWeight(readFileSync(file, 'utf8'), read);
    const budget = budgetFor(page, weight, budgets);
    return { page, ...weight, budget, problems: overruns(page, weight, budget) };
  })
  .sort((a, b) => a.page.localeCompare(b.page));

const kb = (bytes: number) => (bytes / 1024).toFixed(1).padStart(6);
console.log(`${'page'.padEnd(36)}  html KB   css KB    js KB island KB inline KB  total js KB  budget js KB`);
for (const row of rows) {
  console.log(
    `${row.page.padEnd(36)} ${kb(row.html)}   ${kb(row.css)}   ${kb(row.js)}   ${kb(row.islandJs)}   ${kb(row.inlineJs)}       ${kb(row.js + row.islandJs + row.inlineJs)}        ${kb(row.budget.totalJs)}${row.problems.length ? '  OVER' : ''}`,
  );
}

const jsonFlag = process.argv.indexOf('--json');
if (jsonFlag !== -1) {
  const out = process.argv[jsonFlag + 1] ?? 'reports/page-weight.json';
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(rows, null, 2)}\n`);
}

const problems = rows.flatMap((row) => row.problems);
if (problems.length > 0) {
  console.error(`\n${problems.length} budget overrun(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`\nAll ${rows.length} pages within budget.`);
