/**
 * How many bytes of `src/lib/ip` the subnet-calculator island ships: `node bench/ip-size.ts [--check]`.
 *
 * 1. Bundles the island (`SubnetCalculator.tsx`) as the browser gets it: minified ES modules, code splitting (the
 *    lazily loaded mode panels become their own chunk), Preact external, CSS ignored.
 * 2. For the first-view chunk, and for the island as a whole, lists the modules outside `src/lib/ip` that it contains
 *    and collects every name they import from `src/lib/ip` (static imports only; type imports are erased).
 * 3. Bundles exactly those names from `src/lib/ip` on their own (minified, tree-shaken) and reports raw and gzip
 *    bytes: what the island pays for the IP library, before and after the first interaction.
 *
 * `--check` exits 1 when the first view's share is over {@link FIRST_VIEW_BUDGET} (issue 13 goal 2: ≤ 6 KB gz).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';

const FIRST_VIEW_BUDGET = 6 * 1024;
const root = resolve(import.meta.dirname, '..');
const ipDir = join(root, 'src/lib/ip');
const entry = join(root, 'src/components/SubnetCalculator/SubnetCalculator.tsx');

const common = {
  bundle: true,
  minify: true,
  format: 'esm' as const,
  target: 'es2022',
  platform: 'browser' as const,
  external: ['preact', 'preact/*', '@preact/*'],
  loader: { '.css': 'empty' as const },
  jsx: 'automatic' as const,
  jsxImportSource: 'preact',
  logLevel: 'error' as const,
};

const out = mkdtempSync(join(tmpdir(), 'ip-size-'));
try {
  const island = await build({ ...common, entryPoints: [entry], splitting: true, outdir: out, metafile: true });
  const chunks = Object.entries(island.metafile.outputs).filter(([file]) => file.endsWith('.js'));
  const outputs = island.metafile.outputs;
  const entryFile = chunks.find(([, o]) => o.entryPoint !== undefined && resolve(root, o.entryPoint) === entry)?.[0];
  if (!entryFile) throw new Error('no entry chunk in the island bundle');
  // The first view: the entry chunk and every chunk it imports statically (the panels' chunk is a dynamic import).
  const firstView = new Set<string>([entryFile]);
  for (const file of firstView) {
    for (const i of outputs[file]?.imports ?? [])
      if (i.kind === 'import-statement' && !i.external) firstView.add(i.path);
  }
  const gz = (file: string) => gzipSync(readFileSync(resolve(root, file))).length;

  /** Names each non-ip module imports from src/lib/ip, by ip module path. */
  const importsFrom = (modules: readonly string[]): Map<string, Set<string>> => {
    const wanted = new Map<string, Set<string>>();
    for (const mod of modules) {
      const abs = resolve(root, mod);
      const source = readFileSync(abs, 'utf8');
      for (const m of source.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/g)) {
        if (m[1]) continue;
        const target = resolve(dirname(abs), m[3] as string);
        if (!target.startsWith(`${ipDir}/`)) continue;
        const names = (m[2] as string)
          .split(',')
          .map((n) => n.trim())
          .filter((n) => n !== '' && !n.startsWith('type '));
        const set = wanted.get(target) ?? new Set<string>();
        for (const n of names) set.add(n.split(/\s+as\s+/)[0] as string);
        wanted.set(target, set);
      }
    }
    return wanted;
  };

  /** Minified and gzip bytes of just those names, bundled from src/lib/ip on their own. */
  const sizeOf = async (wanted: Map<string, Set<string>>) => {
    // One import per module, each name aliased (two modules may both export `quoteInput` via the index), and one
    // exported array that keeps every name alive through tree shaking.
    let k = 0;
    const kept: string[] = [];
    const lines = [...wanted].map(([file, names]) => {
      const specs = [...names].map((n) => {
        const alias = `n${k++}`;
        kept.push(alias);
        return `${n} as ${alias}`;
      });
      return `import { ${specs.join(', ')} } from ${JSON.stringify(file)};`;
    });
    const contents = `${lines.join('\n')}\nexport default [${kept.join(', ')}];`;
    const r = await build({
      ...common,
      stdin: { contents, resolveDir: root, loader: 'ts' },
      write: false,
      metafile: true,
    });
    const code = r.outputFiles[0]?.contents ?? new Uint8Array();
    return { raw: code.length, gz: gzipSync(code).length, names: [...wanted.values()].flatMap((s) => [...s]).sort() };
  };

  const modulesOf = (o: Metafile['outputs'][string]) =>
    Object.keys(o.inputs).filter((m) => !resolve(root, m).startsWith(`${ipDir}/`) && /\.(ts|tsx)$/.test(m));
  const firstModules = chunks.filter(([file]) => firstView.has(file)).flatMap(([, o]) => modulesOf(o));
  const allModules = chunks.flatMap(([, o]) => modulesOf(o));
  const first = await sizeOf(importsFrom(firstModules));
  const whole = await sizeOf(importsFrom(allModules));

  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`Subnet calculator island (esbuild ${common.target}, minified, Preact external):`);
  for (const [file, o] of chunks) {
    const ipBytes = Object.entries(o.inputs)
      .filter(([m]) => resolve(root, m).startsWith(`${ipDir}/`))
      .reduce((sum, [, i]) => sum + i.bytesInOutput, 0);
    console.log(
      `  ${firstView.has(file) ? 'first view' : 'lazy      '} ${relative(out, resolve(root, file))}: ${kb(o.bytes)} raw, ${kb(gz(file))} gz; of which src/lib/ip ${kb(ipBytes)} raw`,
    );
  }
  console.log(
    `src/lib/ip as imported by the first view: ${kb(first.raw)} raw, ${kb(first.gz)} gz (${first.names.join(', ')})`,
  );
  console.log(`src/lib/ip as imported by the whole island: ${kb(whole.raw)} raw, ${kb(whole.gz)} gz`);
  const over = first.gz > FIRST_VIEW_BUDGET;
  console.log(
    `Budget for the first view: ${kb(FIRST_VIEW_BUDGET)} gz — ${over ? 'OVER' : 'within'} (${first.gz} of ${FIRST_VIEW_BUDGET} B).`,
  );
  if (process.argv.includes('--check') && over) process.exitCode = 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
