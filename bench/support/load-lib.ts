/**
 * Lets plain `node` scripts import `src/lib` directly. Node 24 runs TypeScript by stripping types, but (1) the lib
 * uses extensionless relative imports, so a resolve hook retries them with `.ts`; and (2) the handshake model uses
 * constructor parameter properties, which strip-only mode rejects, so a load hook transforms `src/lib` files with
 * Node's own `stripTypeScriptTypes(…, { mode: 'transform' })`. Call it before the first dynamic `import()` of the lib.
 */
import { readFileSync } from 'node:fs';
import { registerHooks, stripTypeScriptTypes } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Registers the resolve and load hooks described above (idempotent per process is not needed: call once). */
export function registerLibLoader(): void {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      try {
        return nextResolve(specifier, context);
      } catch (error) {
        // Only retry relative imports made from our own .ts files; everything else fails as before.
        if (specifier.startsWith('.') && context.parentURL?.endsWith('.ts'))
          return nextResolve(`${specifier}.ts`, context);
        throw error;
      }
    },
    load(url, context, nextLoad) {
      if (!url.startsWith('file:') || !url.endsWith('.ts') || !url.includes('/src/lib/')) return nextLoad(url, context);
      const source = readFileSync(fileURLToPath(url), 'utf8');
      return {
        format: 'module',
        source: quietly(() => stripTypeScriptTypes(source, { mode: 'transform', sourceUrl: url })),
        shortCircuit: true,
      };
    },
  });
}

/** Runs `f` without Node's one-time "stripTypeScriptTypes is experimental" warning. */
function quietly<T>(f: () => T): T {
  const emit = process.emitWarning;
  process.emitWarning = () => {};
  try {
    return f();
  } finally {
    process.emitWarning = emit;
  }
}
