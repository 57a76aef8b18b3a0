/**
 * Hash indexes over a NAT table's sessions, so a lookup costs a map probe instead of a walk of the whole table
 * (a 1,000-flow scenario went from ~58 ms to a few ms). Internal to src/lib/nat; nat.ts asks the same questions
 * it used to answer by linear search, and must get the same answers (tests/unit/lib/nat/table-index.test.ts).
 *
 * State: `RECENT`, the last {@link RECENT_MAX} `sessions` arrays used, each with its {@link Index} (per key — a tuple,
 * an external endpoint, an internal endpoint — the sessions ever added under that key, in the order they were added)
 * and a number no larger than any of its sessions' expiry, so "has anything expired?" is one comparison until the
 * clock passes it. Tables are values, so one index is shared by a table and every table derived from it (one more
 * session, one session touched, some expired): an entry is a *candidate*, and it counts for a given table only if that
 * table still holds the session — found by id (sessions are kept in id order) and confirmed by identity (the `reply`
 * tuple object, made once per session and kept by every update, because two branches of one table can give the same
 * id to different sessions). A table not among the recent ones gets a fresh index on first use (O(n), once).
 * Why a short list and not a WeakMap keyed by the array: a WeakMap entry per packet made the garbage collector the
 * bottleneck (a 1,000-flow run took longer than with no index at all).
 */
import type { Endpoint, Session, Tuple } from './types.ts';

interface Entry {
  readonly id: number;
  /** The session's `reply` tuple object: the same in every version of the session, unique to it. */
  readonly identity: Tuple;
}
interface TupleEntry extends Entry {
  readonly dir: 'original' | 'reply';
}
interface ExternalEntry extends Entry {
  readonly internal: string | undefined;
  readonly forward: boolean;
}

interface Index {
  /** Sessions by their original and by their reply tuple. */
  readonly byTuple: Map<string, TupleEntry[]>;
  /** Sessions other than refused ones, by protocol and external endpoint (RFC 4787 X':x'). */
  readonly byExternal: Map<string, ExternalEntry[]>;
  /** Sessions whose mapping can be reused (not forward, not refused), by protocol and internal endpoint (X:x). */
  readonly byInternal: Map<string, Entry[]>;
  /** Sessions added since the index was built; when far above the table's size, a fresh index is built. */
  added: number;
}

interface Recent {
  readonly sessions: readonly Session[];
  index: Index | undefined;
  minExpires: number | undefined;
}
/** Enough for a chain of tables plus a few branches kept by a caller (a scenario's tables per router). */
const RECENT_MAX = 16;
const RECENT: Recent[] = [];

/** The cache slot of `sessions`, made most recent (created empty if absent, dropping the least recent). */
function recent(sessions: readonly Session[]): Recent {
  const last = RECENT[RECENT.length - 1];
  if (last?.sessions === sessions) return last;
  for (let i = RECENT.length - 2; i >= 0; i--) {
    const r = RECENT[i] as Recent;
    if (r.sessions === sessions) {
      RECENT.splice(i, 1);
      RECENT.push(r);
      return r;
    }
  }
  const r: Recent = { sessions, index: undefined, minExpires: undefined };
  RECENT.push(r);
  if (RECENT.length > RECENT_MAX) RECENT.shift();
  return r;
}

/**
 * Addresses seen so far, numbered, so a key is a few UTF-16 code units (hashing a short flat string is what makes a
 * probe cheap; a key spelled out in full cost more than the search it replaced). At most {@link MAX_ADDRESS_IDS}:
 * an address first seen after that keeps the spelled-out key, and an address never changes its key.
 */
const ADDRESS_IDS = new Map<string, number>();
const MAX_ADDRESS_IDS = 0xffff;

function addressId(address: string): number | undefined {
  let id = ADDRESS_IDS.get(address);
  if (id === undefined && ADDRESS_IDS.size < MAX_ADDRESS_IDS) {
    id = ADDRESS_IDS.size;
    ADDRESS_IDS.set(address, id);
  }
  return id;
}

const protocolCode = (p: string) => (p === 'udp' ? 0 : p === 'tcp' ? 1 : undefined);
const isShortPort = (p: number) => Number.isInteger(p) && p >= 0 && p <= 0xffff;

/**
 * A map key for an endpoint of a protocol, or undefined when the port is NaN (which equals nothing under `===`, so
 * such a session can never be matched, as with the linear search). Short keys are 3 code units; spelled-out keys are
 * longer and unambiguous for any strings (numbers, which hold no space, and the address length come first).
 */
function endpointKey(protocol: string, e: Endpoint): string | undefined {
  const p = protocolCode(protocol);
  const a = addressId(e.address);
  if (p !== undefined && a !== undefined && isShortPort(e.port)) return String.fromCharCode(p, a, e.port);
  if (Number.isNaN(e.port)) return undefined;
  return `${e.port} ${e.address.length} ${e.address}${protocol}`;
}

/** A map key for a tuple (5 code units, or spelled out in 8 or more), or undefined when a port is NaN. */
function tupleKey(t: Tuple): string | undefined {
  const p = protocolCode(t.protocol);
  const a = addressId(t.src.address);
  const b = addressId(t.dst.address);
  if (p !== undefined && a !== undefined && b !== undefined && isShortPort(t.src.port) && isShortPort(t.dst.port))
    return String.fromCharCode(p, a, t.src.port, b, t.dst.port);
  if (Number.isNaN(t.src.port) || Number.isNaN(t.dst.port)) return undefined;
  return `${t.src.port} ${t.dst.port} ${t.src.address.length} ${t.dst.address.length} ${t.src.address}${t.dst.address}${t.protocol}`;
}

function push<T>(map: Map<string, T[]>, key: string | undefined, entry: T): void {
  if (key === undefined) return;
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

/** The RFC 4787 roles of a session's endpoints (nat.ts `sessionView`, repeated to keep this module a leaf). */
function roles(s: Session): { internal: Endpoint; external: Endpoint } {
  return s.kind === 'outbound' || s.kind === 'hairpin'
    ? { internal: s.original.src, external: s.reply.dst }
    : { internal: s.reply.src, external: s.original.dst };
}

function addEntries(index: Index, s: Session): void {
  const identity = s.reply;
  push(index.byTuple, tupleKey(s.original), { id: s.id, identity, dir: 'original' });
  push(index.byTuple, tupleKey(s.reply), { id: s.id, identity, dir: 'reply' });
  if (s.kind === 'refused') return;
  const protocol = s.original.protocol;
  const { internal, external } = roles(s);
  push(index.byExternal, endpointKey(protocol, external), {
    id: s.id,
    identity,
    internal: endpointKey(protocol, internal),
    forward: s.kind === 'forward',
  });
  if (s.kind !== 'forward') push(index.byInternal, endpointKey(protocol, internal), { id: s.id, identity });
}

function build(sessions: readonly Session[]): Index {
  const index: Index = { byTuple: new Map(), byExternal: new Map(), byInternal: new Map(), added: 0 };
  for (const s of sessions) addEntries(index, s);
  return index;
}

function indexOf(sessions: readonly Session[]): Index {
  const r = recent(sessions);
  if (!r.index) r.index = build(sessions);
  return r.index;
}

function minExpiresOf(sessions: readonly Session[]): number {
  const r = recent(sessions);
  if (r.minExpires === undefined) r.minExpires = exactMinExpires(sessions);
  return r.minExpires;
}

function exactMinExpires(sessions: readonly Session[]): number {
  let min = Number.POSITIVE_INFINITY;
  for (const s of sessions) min = Math.min(min, s.expiresAt);
  return min;
}

/** Registers `next`, derived from `sessions`, with the index it shares (or a fresh one) and its expiry bound. */
function derive(next: readonly Session[], index: Index | undefined, minExpires: number): void {
  const r = recent(next);
  r.index = index;
  r.minExpires = minExpires;
}

/** Position of session `id` in `sessions` (kept in id order), or -1. */
function positionOf(sessions: readonly Session[], id: number): number {
  let lo = 0;
  let hi = sessions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = (sessions[mid] as Session).id;
    if (at === id) return mid;
    if (at < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The version of an entry's session held by `sessions`, if it holds it. */
function resolve(sessions: readonly Session[], e: Entry): Session | undefined {
  const s = sessions[positionOf(sessions, e.id)];
  return s !== undefined && s.reply === e.identity ? s : undefined;
}

/** `sessions` plus `session` (its id above all others'): a new array sharing the index. */
export function withSession(sessions: readonly Session[], session: Session): readonly Session[] {
  const parent = indexOf(sessions);
  const min = Math.min(minExpiresOf(sessions), session.expiresAt);
  const next = [...sessions, session];
  let index: Index | undefined = parent;
  if (parent.added > 2 * next.length + 256)
    index = undefined; // mostly other branches' or expired sessions: rebuild
  else {
    addEntries(parent, session);
    parent.added++;
  }
  derive(next, index, min);
  return next;
}

/** `sessions` with the session of the same id replaced by `session` (same tuples, new state or timer). */
export function withReplaced(sessions: readonly Session[], session: Session): readonly Session[] {
  const r = recent(sessions);
  const min = Math.min(minExpiresOf(sessions), session.expiresAt);
  const at = positionOf(sessions, session.id);
  const next = [...sessions];
  if (at >= 0) next[at] = session;
  derive(next, r.index, min);
  return next;
}

/** Does any session expire by `now` (expiresAt ≤ now)? */
export function anyExpired(sessions: readonly Session[], now: number): boolean {
  if (now < minExpiresOf(sessions)) return false;
  if (sessions.some((s) => s.expiresAt <= now)) return true;
  recent(sessions).minExpires = exactMinExpires(sessions);
  return false;
}

/** `sessions` without the expired ones (a filter of the array), sharing the index. */
export function withoutExpired(sessions: readonly Session[], now: number): readonly Session[] {
  const index = recent(sessions).index;
  const next = sessions.filter((s) => s.expiresAt > now);
  derive(next, index, exactMinExpires(next));
  return next;
}

/**
 * The first session (oldest) whose original or reply tuple equals `t`, and which of the two; the original wins on a
 * session whose two tuples are equal. With `liveAt`, only sessions that have not expired by then. The entries a table
 * holds appear in a list in id order (a table's sessions were added oldest first; entries from other branches of the
 * table do not resolve), and a session's original entry before its reply entry, so the first that resolves is it.
 */
export function matchTuple(
  sessions: readonly Session[],
  t: Tuple,
  liveAt?: number,
): { session: Session; dir: 'original' | 'reply' } | undefined {
  const key = tupleKey(t);
  const list = key === undefined ? undefined : indexOf(sessions).byTuple.get(key);
  for (const e of list ?? []) {
    const s = resolve(sessions, e);
    if (s && (liveAt === undefined || s.expiresAt > liveAt)) return { session: s, dir: e.dir };
  }
  return undefined;
}

/** Is `t` the original or reply tuple of any session? */
export function tupleUsed(sessions: readonly Session[], t: Tuple): boolean {
  return matchTuple(sessions, t) !== undefined;
}

/** Does a session other than a refused one map another internal endpoint than `internal` to `external`? */
export function externalTakenByOther(
  sessions: readonly Session[],
  protocol: string,
  external: Endpoint,
  internal: Endpoint,
): boolean {
  const key = endpointKey(protocol, external);
  const list = key === undefined ? undefined : indexOf(sessions).byExternal.get(key);
  if (!list) return false;
  const mine = endpointKey(protocol, internal);
  // `mine` undefined (NaN port) equals no endpoint, so every live session on `external` is another's.
  return list.some((e) => (mine === undefined || e.internal !== mine) && resolve(sessions, e) !== undefined);
}

/**
 * Visits the sessions (not forward, not refused) whose internal endpoint is `internal`, newest first, until `visit`
 * returns true.
 */
export function newestByInternal(
  sessions: readonly Session[],
  protocol: string,
  internal: Endpoint,
  visit: (s: Session) => boolean,
): void {
  const key = endpointKey(protocol, internal);
  const list = key === undefined ? undefined : indexOf(sessions).byInternal.get(key);
  if (!list) return;
  for (let i = list.length - 1; i >= 0; i--) {
    const s = resolve(sessions, list[i] as Entry);
    if (s && visit(s)) return;
  }
}

/** Sessions (not forward, not refused) whose external endpoint is `external`, oldest first. */
export function mappedTo(sessions: readonly Session[], protocol: string, external: Endpoint): Session[] {
  const key = endpointKey(protocol, external);
  const list = key === undefined ? undefined : indexOf(sessions).byExternal.get(key);
  const out: Session[] = [];
  for (const e of list ?? []) {
    const s = e.forward ? undefined : resolve(sessions, e);
    if (s) out.push(s);
  }
  return out;
}
