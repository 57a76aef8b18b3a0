/**
 * Which module holds which practice family, so an island downloads only the family it shows (and the journey quiz
 * one family at a time): every file in src/lib/practice/families/ is its own lazily loaded chunk, found by Vite's
 * glob import. A page learns at build time which file exports a family (`familyFiles`, server side) and hands the
 * island that file's key; a family no file exports directly falls back to the whole list (`FAMILIES`).
 */
import type { Family } from '../../lib/practice/index.ts';

/** What an island needs to find and load one family: its id, its title, the key of the module exporting it. */
export interface FamilyRef {
  readonly id: string;
  readonly title: string;
  /** A key of {@link FAMILY_MODULES}, or '' when no module exports the family directly. */
  readonly file: string;
}

type FamilyModule = Record<string, unknown>;

const FAMILY_MODULES = import.meta.glob<FamilyModule>('../../lib/practice/families/*.ts');

/** A value exported by a family module that is the family `id` (lists and helpers are not). */
function familyIn(module: FamilyModule, id: string): Family | undefined {
  for (const value of Object.values(module)) {
    if (value === null || typeof value !== 'object') continue;
    const candidate = value as Partial<Family>;
    if (candidate.id === id && typeof candidate.generate === 'function' && typeof candidate.check === 'function') {
      return candidate as Family;
    }
  }
  return undefined;
}

/** Loads family `ref` (its own module, or the whole list when it has none); undefined if it does not exist. */
export async function loadFamily(ref: FamilyRef): Promise<Family | undefined> {
  const load = FAMILY_MODULES[ref.file];
  const found = load === undefined ? undefined : familyIn(await load(), ref.id);
  if (found !== undefined) return found;
  const { familyById } = await import('../../lib/practice/index.ts');
  return familyById(ref.id);
}

/** Server side: the reference of each family, in the order given (FAMILIES order). */
export async function familyRefs(families: readonly Family[]): Promise<FamilyRef[]> {
  const modules = await Promise.all(
    Object.entries(FAMILY_MODULES).map(async ([file, load]) => ({ file, module: await load() })),
  );
  return families.map((family) => ({
    id: family.id,
    title: family.title,
    file: modules.find(({ module }) => familyIn(module, family.id) !== undefined)?.file ?? '',
  }));
}
