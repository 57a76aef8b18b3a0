/**
 * Location selection, ported from nginx 1.22: the prefix and exact locations of each level are sorted
 * (ngx_http_cmp_locations), exact and inclusive twins joined, grouped by shared prefix and built into the same
 * binary tree (ngx_http_create_locations_list / _tree), then searched as ngx_http_core_find_static_location does;
 * regex locations follow in config order unless the best prefix is `^~`, and nested locations are searched the same
 * way inside the winner (ngx_http_core_find_location). Porting the tree, not just the documented precedence, is what
 * keeps every tie-break and the automatic `/dir` → `/dir/` redirect identical to nginx's.
 */
import type { Location } from './types.ts';

interface QueueItem {
  name: string;
  exact: Location | null;
  inclusive: Location | null;
  list: QueueItem[];
}

/** A node of nginx's static location tree. */
export interface TreeNode {
  readonly name: string;
  readonly exact: Location | null;
  readonly inclusive: Location | null;
  readonly autoRedirect: boolean;
  readonly left: TreeNode | null;
  readonly right: TreeNode | null;
  readonly tree: TreeNode | null;
}

/** The compiled locations of one level (server or enclosing location). */
export interface LocationLevel {
  readonly tree: TreeNode | null;
  readonly regexes: readonly Location[];
  readonly nested: ReadonlyMap<Location, LocationLevel>;
}

/**
 * ngx_filename_cmp over `n` bytes of NUL-terminated strings: byte order, except that "/" sorts below every other
 * byte, so a location "/dir/" always lies on the search path of the URI "/dir" (the auto-redirect relies on it).
 */
function cmp(a: string, b: string, n: number): number {
  for (let i = 0; i < n; i++) {
    let x = i < a.length ? a.charCodeAt(i) : 0;
    let y = i < b.length ? b.charCodeAt(i) : 0;
    if (x === y) {
      if (x === 0) return 0;
      continue;
    }
    if (x === 0 || y === 0) return x - y;
    x = x === 0x2f ? 0 : x;
    y = y === 0x2f ? 0 : y;
    return x - y;
  }
  return 0;
}

/** `auto_redirect` is set by proxy_pass in a location whose name ends with "/" (ngx_http_proxy_pass). */
const autoRedirect = (l: Location | null): boolean => l !== null && l.proxyPass !== null && l.name.endsWith('/');

/** Compiles one level and, recursively, the levels nested in its locations. */
export function compileLevel(locations: readonly Location[]): LocationLevel {
  const statics = locations.filter((l) => l.regex === null);
  const regexes = locations.filter((l) => l.regex !== null);
  const items: QueueItem[] = statics.map((l) => ({
    name: l.name,
    exact: l.modifier === '=' ? l : null,
    inclusive: l.modifier === '=' ? null : l,
    list: [],
  }));
  insertionSort(items);
  const joined: QueueItem[] = [];
  for (const item of items) {
    const last = joined.at(-1);
    if (last !== undefined && last.name === item.name) {
      last.inclusive = item.inclusive ?? last.inclusive;
      continue;
    }
    joined.push(item);
  }
  const grouped = createList(joined);
  const nested = new Map<Location, LocationLevel>();
  for (const l of locations) if (l.children.length > 0) nested.set(l, compileLevel(l.children));
  return { tree: grouped.length === 0 ? null : createTree(grouped, 0), regexes, nested };
}

/** ngx_http_cmp_locations for prefix/exact items: byte order, an exact location before the same inclusive one. */
function cmpLocations(a: QueueItem, b: QueueItem): number {
  const rc = cmp(a.name, b.name, Math.min(a.name.length, b.name.length) + 1);
  if (rc === 0 && a.exact === null && b.exact !== null) return 1;
  return rc;
}

/**
 * ngx_queue_sort as in nginx 1.22: an insertion sort that moves an item back while cmp(prev, item) > 0. The
 * comparator is not symmetric (exact vs inclusive twins), so Array.prototype.sort could order twins differently.
 */
function insertionSort(items: QueueItem[]): void {
  for (let i = 1; i < items.length; i++) {
    const item = items[i] as QueueItem;
    let j = i - 1;
    while (j >= 0 && cmpLocations(items[j] as QueueItem, item) > 0) {
      items[j + 1] = items[j] as QueueItem;
      j--;
    }
    items[j + 1] = item;
  }
}

/** ngx_http_create_locations_list: moves the locations that start with an inclusive one's name under it. */
function createList(items: QueueItem[]): QueueItem[] {
  const out: QueueItem[] = [];
  let i = 0;
  while (i < items.length) {
    const item = items[i] as QueueItem;
    i++;
    if (item.inclusive === null) {
      out.push(item);
      continue;
    }
    let j = i;
    while (j < items.length && (items[j] as QueueItem).name.startsWith(item.name)) j++;
    item.list = createList(items.slice(i, j));
    out.push(item);
    i = j;
  }
  return out;
}

/** ngx_http_create_locations_tree: the middle item (⌊n/2⌋, ngx_queue_middle) becomes the node. */
function createTree(items: readonly QueueItem[], prefix: number): TreeNode {
  const mid = Math.floor(items.length / 2);
  const item = items[mid] as QueueItem;
  const left = mid > 0 ? createTree(items.slice(0, mid), prefix) : null;
  const right = mid + 1 < items.length ? createTree(items.slice(mid + 1), prefix) : null;
  return {
    name: item.name.slice(prefix),
    exact: item.exact,
    inclusive: item.inclusive,
    autoRedirect: autoRedirect(item.exact) || autoRedirect(item.inclusive),
    left,
    right,
    tree: item.list.length > 0 ? createTree(item.list, item.name.length) : null,
  };
}

/** One step of the decision trace. */
export interface LocationStep {
  readonly location: Location;
  readonly verdict: 'exact' | 'prefix' | 'regex-match' | 'regex-miss' | 'regex-skipped' | 'redirect';
  readonly depth: number;
}

export type LocationResult =
  | { readonly kind: 'found'; readonly location: Location; readonly steps: readonly LocationStep[] }
  | { readonly kind: 'redirect'; readonly location: Location; readonly steps: readonly LocationStep[] }
  | { readonly kind: 'none'; readonly steps: readonly LocationStep[] };

type StaticRc = 'ok' | 'again' | 'done' | 'declined';

/** ngx_http_core_find_static_location over byte strings. */
function findStatic(
  uri: string,
  root: TreeNode | null,
  onPrefix: (l: Location, verdict: LocationStep['verdict']) => void,
): { rc: StaticRc; location: Location | null } {
  let node = root;
  let offset = 0;
  let rv: StaticRc = 'declined';
  let found: Location | null = null;
  // Each iteration moves to a child node of a finite tree, so the loop ends.
  while (node !== null) {
    const len = uri.length - offset;
    const n = Math.min(len, node.name.length);
    const rc = cmp(uri.slice(offset, offset + n), node.name, n);
    if (rc !== 0) {
      node = rc < 0 ? node.left : node.right;
      continue;
    }
    if (len > node.name.length) {
      if (node.inclusive !== null) {
        found = node.inclusive;
        onPrefix(found, 'prefix');
        rv = 'again';
        offset += n;
        node = node.tree;
        continue;
      }
      node = node.right;
      continue;
    }
    if (len === node.name.length) {
      if (node.exact !== null) {
        onPrefix(node.exact, 'exact');
        return { rc: 'ok', location: node.exact };
      }
      onPrefix(node.inclusive as Location, 'prefix');
      return { rc: 'again', location: node.inclusive };
    }
    if (len + 1 === node.name.length && node.autoRedirect) {
      found = node.exact ?? node.inclusive;
      onPrefix(found as Location, 'redirect');
      rv = 'done';
    }
    node = node.left;
  }
  return { rc: rv, location: found };
}

/** ngx_http_core_find_location, recursively through nested levels. */
export function findLocation(uri: string, level: LocationLevel): LocationResult {
  const steps: LocationStep[] = [];
  const out = find(uri, level, null, 0, steps);
  if (out.rc === 'done' && out.location !== null) return { kind: 'redirect', location: out.location, steps };
  if (out.location === null) return { kind: 'none', steps };
  return { kind: 'found', location: out.location, steps };
}

function find(
  uri: string,
  level: LocationLevel,
  current: Location | null,
  depth: number,
  steps: LocationStep[],
): { rc: StaticRc; location: Location | null } {
  const st = findStatic(uri, level.tree, (location, verdict) => steps.push({ location, verdict, depth }));
  let rc = st.rc;
  let location = st.location ?? current;
  let noregex = false;
  if (rc === 'again' && st.location !== null) {
    noregex = st.location.modifier === '^~';
    const inner = level.nested.get(st.location);
    const deeper = find(uri, inner ?? EMPTY, st.location, depth + 1, steps);
    rc = deeper.rc;
    location = deeper.location;
  }
  if (rc === 'ok' || rc === 'done') return { rc, location };
  for (const r of level.regexes) {
    if (noregex) {
      steps.push({ location: r, verdict: 'regex-skipped', depth });
      continue;
    }
    if (r.regex?.test(uri)) {
      steps.push({ location: r, verdict: 'regex-match', depth });
      const inner = level.nested.get(r);
      const deeper = inner === undefined ? null : find(uri, inner, r, depth + 1, steps);
      return { rc: 'ok', location: deeper?.location ?? r };
    }
    steps.push({ location: r, verdict: 'regex-miss', depth });
  }
  return { rc, location };
}

const EMPTY: LocationLevel = { tree: null, regexes: [], nested: new Map() };
