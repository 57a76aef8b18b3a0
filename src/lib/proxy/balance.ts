/**
 * Load balancing over a sequence of requests, ported from nginx 1.22's upstream modules for one worker process:
 * smooth weighted round-robin (ngx_http_upstream_get_peer), least_conn, ip_hash (first three octets of IPv4),
 * hash and `hash … consistent` (ketama: crc32("host\0port" + previous point) × 160 per weight), `backup`, `down`,
 * and passive health checks (max_fails / fail_timeout, ngx_http_upstream_free_round_robin_peer).
 *
 * State (mutable, one object per upstream, like the peers nginx keeps in a worker's memory):
 *   peers[i] = { weight, effectiveWeight, currentWeight, conns, fails, accessed, checked }
 *   primary and backup lists; for `hash … consistent` the sorted ketama ring.
 * Time is whole seconds (ngx_time()), passed in by the caller: the model never reads a clock.
 */
import { CRC_INIT, crc32, crc32Final, crc32Update } from './crc32.ts';
import type { Upstream, UpstreamServer } from './types.ts';

export interface Peer {
  readonly server: UpstreamServer;
  /** Position in its list (primary or backup), as nginx's `tried` bitmap counts. */
  readonly index: number;
  readonly backup: boolean;
  effectiveWeight: number;
  currentWeight: number;
  conns: number;
  fails: number;
  accessed: number;
  checked: number;
}

interface PeerList {
  readonly peers: readonly Peer[];
  readonly single: boolean;
  readonly totalWeight: number;
  /** Non-down peers: how many tries a request gets from this list. */
  readonly tries: number;
}

export interface BalancerState {
  readonly upstream: Upstream;
  readonly primary: PeerList;
  readonly backup: PeerList | null;
  readonly points: readonly { readonly hash: number; readonly server: string }[];
}

/** Creates the per-upstream state nginx builds at startup (ngx_http_upstream_init_round_robin, init_chash). */
export function createBalancer(upstream: Upstream): BalancerState {
  const makeList = (servers: readonly UpstreamServer[], backup: boolean): PeerList => ({
    peers: servers.map((server, index) => ({
      server,
      index,
      backup,
      effectiveWeight: server.weight,
      currentWeight: 0,
      conns: 0,
      fails: 0,
      accessed: 0,
      checked: 0,
    })),
    single: servers.length === 1,
    totalWeight: servers.reduce((sum, s) => sum + s.weight, 0),
    tries: servers.filter((s) => !s.down).length,
  });
  const backupServers = upstream.servers.filter((s) => s.backup);
  const primary = makeList(
    upstream.servers.filter((s) => !s.backup),
    false,
  );
  const backup = backupServers.length > 0 ? makeList(backupServers, true) : null;
  return {
    upstream,
    primary: backup === null ? primary : { ...primary, single: false },
    backup: backup === null ? null : { ...backup, single: false },
    points: upstream.method === 'hash-consistent' ? ketamaPoints(primary.peers) : [],
  };
}

/** The ketama ring of ngx_http_upstream_init_chash, sorted, with duplicate hashes removed. */
export function ketamaPoints(peers: readonly Peer[]): { hash: number; server: string }[] {
  const points: { hash: number; server: string }[] = [];
  for (const peer of peers) {
    const name = peer.server.name;
    const colon = name.lastIndexOf(':');
    const host = colon === -1 ? name : name.slice(0, colon);
    const port = colon === -1 ? '' : name.slice(colon + 1);
    const base = crc32Update(crc32Update(crc32Update(CRC_INIT, host), '\0'), port);
    let prev = 0;
    for (let j = 0; j < peer.server.weight * 160; j++) {
      const bytes = String.fromCharCode(prev & 0xff, (prev >>> 8) & 0xff, (prev >>> 16) & 0xff, prev >>> 24);
      const hash = crc32Final(crc32Update(base, bytes));
      points.push({ hash, server: name });
      prev = hash;
    }
  }
  points.sort((a, b) => a.hash - b.hash);
  return points.filter((p, i) => i === 0 || (points[i - 1] as { hash: number }).hash !== p.hash);
}

/** What the caller knows about one request. */
export interface PickInput {
  /** Whole seconds since the start of the run (ngx_time()). */
  readonly now: number;
  /** Client IPv4 address (ip_hash). */
  readonly clientIp: string;
  /** The evaluated `hash` key. */
  readonly hashKey: string;
  /** True when connecting to this server fails (a backend marked failed): nginx then tries the next one. */
  readonly refuses: (server: UpstreamServer) => boolean;
}

export interface Attempt {
  readonly peer: Peer;
  readonly failed: boolean;
}

export interface PickResult {
  /** The peer that served the request (its `conns` was incremented: call `release` when it finishes). */
  readonly peer: Peer | null;
  readonly attempts: readonly Attempt[];
  /** 502 when no peer could be used. */
  readonly status: 'ok' | 'bad-gateway';
}

/** Per-request state (ngx_http_upstream_rr_peer_data_t and the hash modules' extras). */
interface RequestState {
  list: PeerList;
  tried: Set<number>;
  hash: number;
  rehash: number;
  tries: number;
  chashStarted: boolean;
}

const unavailable = (p: Peer, now: number): boolean =>
  p.server.down || (p.server.maxFails > 0 && p.fails >= p.server.maxFails && now - p.checked <= p.server.failTimeout);

/** Picks the peer for one request, retrying on refused connections as proxy_next_upstream error does. */
export function pick(state: BalancerState, input: PickInput): PickResult {
  const rs: RequestState = { list: state.primary, tried: new Set(), hash: 0, rehash: 0, tries: 0, chashStarted: false };
  let budget = state.primary.tries + (state.backup?.tries ?? 0);
  const attempts: Attempt[] = [];
  // Each attempt marks a peer tried or spends one try; budget ≤ number of servers, so this ends.
  for (let guard = 0; guard < 2 * state.upstream.servers.length + 2; guard++) {
    const peer = getPeer(state, rs, input);
    if (peer === null) return { peer: null, attempts, status: 'bad-gateway' };
    peer.conns++;
    const failed = input.refuses(peer.server);
    attempts.push({ peer, failed });
    if (!failed) return { peer, attempts, status: 'ok' };
    freePeer(rs.list, peer, input.now, true);
    budget = rs.list.single ? 0 : budget - 1;
    if (budget <= 0) return { peer: null, attempts, status: 'bad-gateway' };
  }
  return { peer: null, attempts, status: 'bad-gateway' };
}

/** The request finished normally: ngx_http_upstream_free_round_robin_peer without NGX_PEER_FAILED. */
export function release(state: BalancerState, peer: Peer): void {
  const list = peer.backup ? (state.backup as PeerList) : state.primary;
  freePeer(list, peer, 0, false);
}

function freePeer(list: PeerList, peer: Peer, now: number, failed: boolean): void {
  if (list.single) {
    peer.conns--;
    return;
  }
  if (failed) {
    peer.fails++;
    peer.accessed = now;
    peer.checked = now;
    if (peer.server.maxFails > 0) {
      peer.effectiveWeight -= Math.floor(peer.server.weight / peer.server.maxFails);
    }
    if (peer.effectiveWeight < 0) peer.effectiveWeight = 0;
  } else if (peer.accessed < peer.checked) {
    peer.fails = 0;
  }
  peer.conns--;
}

function getPeer(state: BalancerState, rs: RequestState, input: PickInput): Peer | null {
  switch (state.upstream.method) {
    case 'ip_hash':
      return getIpHashPeer(state, rs, input);
    case 'hash':
      return getHashPeer(state, rs, input);
    case 'hash-consistent':
      return getChashPeer(state, rs, input);
    case 'least_conn':
      return getLeastConnPeer(state, rs, input.now);
    default:
      return getRoundRobinPeer(state, rs, input.now);
  }
}

/** ngx_http_upstream_get_round_robin_peer: single peer, smooth WRR, then the backup list. */
function getRoundRobinPeer(state: BalancerState, rs: RequestState, now: number): Peer | null {
  let peer: Peer | null;
  if (rs.list.single) {
    const only = rs.list.peers[0] as Peer;
    peer = only.server.down ? null : only;
  } else peer = smoothWeighted(rs, now);
  if (peer !== null) return peer;
  return switchToBackup(state, rs) ? getRoundRobinPeer(state, rs, now) : null;
}

function switchToBackup(state: BalancerState, rs: RequestState): boolean {
  if (state.backup === null || rs.list === state.backup) return false;
  rs.list = state.backup;
  rs.tried.clear();
  return true;
}

/** ngx_http_upstream_get_peer: the smooth weighted round-robin step. */
function smoothWeighted(rs: RequestState, now: number): Peer | null {
  let best: Peer | null = null;
  let total = 0;
  for (const peer of rs.list.peers) {
    if (rs.tried.has(peer.index) || unavailable(peer, now)) continue;
    peer.currentWeight += peer.effectiveWeight;
    total += peer.effectiveWeight;
    if (peer.effectiveWeight < peer.server.weight) peer.effectiveWeight++;
    if (best === null || peer.currentWeight > best.currentWeight) best = peer;
  }
  if (best === null) return null;
  rs.tried.add(best.index);
  best.currentWeight -= total;
  touch(best, now);
  return best;
}

/** `if (now - best->checked > best->fail_timeout) best->checked = now;` */
function touch(peer: Peer, now: number): void {
  if (now - peer.checked > peer.server.failTimeout) peer.checked = now;
}

/** ngx_http_upstream_get_least_conn_peer. */
function getLeastConnPeer(state: BalancerState, rs: RequestState, now: number): Peer | null {
  if (rs.list.single) return getRoundRobinPeer(state, rs, now);
  let best: Peer | null = null;
  let many = false;
  for (const peer of rs.list.peers) {
    if (rs.tried.has(peer.index) || unavailable(peer, now)) continue;
    if (best === null || peer.conns * best.server.weight < best.conns * peer.server.weight) {
      best = peer;
      many = false;
    } else if (peer.conns * best.server.weight === best.conns * peer.server.weight) many = true;
  }
  if (best === null) {
    return switchToBackup(state, rs) ? getLeastConnPeer(state, rs, now) : null;
  }
  let total = 0;
  if (many) {
    const first = best;
    for (const peer of rs.list.peers.slice(first.index)) {
      if (rs.tried.has(peer.index) || peer.server.down) continue;
      if (peer.conns * first.server.weight !== first.conns * peer.server.weight) continue;
      if (unavailable(peer, now)) continue;
      peer.currentWeight += peer.effectiveWeight;
      total += peer.effectiveWeight;
      if (peer.effectiveWeight < peer.server.weight) peer.effectiveWeight++;
      if (peer.currentWeight > best.currentWeight) best = peer;
    }
  }
  best.currentWeight -= total;
  touch(best, now);
  rs.tried.add(best.index);
  return best;
}

/** Walks the weight line: the peer owning slot `w` of total_weight. */
function peerAtWeight(list: PeerList, w0: number): Peer {
  let w = w0;
  for (const peer of list.peers) {
    if (w < peer.server.weight) return peer;
    w -= peer.server.weight;
  }
  throw new Error('weight walk past the last peer (total weight mismatch)');
}

/** ngx_http_upstream_get_ip_hash_peer (IPv4: the first three octets). */
function getIpHashPeer(state: BalancerState, rs: RequestState, input: PickInput): Peer | null {
  if (rs.tries > 20 || rs.list.single) return getRoundRobinPeer(state, rs, input.now);
  const octets = input.clientIp.split('.').map(Number).slice(0, 3);
  let hash = rs.chashStarted ? rs.hash : 89;
  for (;;) {
    for (const o of octets) hash = (hash * 113 + o) % 6271;
    const peer = peerAtWeight(rs.list, hash % rs.list.totalWeight);
    if (!rs.tried.has(peer.index) && !unavailable(peer, input.now)) {
      touch(peer, input.now);
      rs.tried.add(peer.index);
      rs.hash = hash;
      rs.chashStarted = true;
      return peer;
    }
    rs.tries++;
    if (rs.tries > 20) return getRoundRobinPeer(state, rs, input.now);
  }
}

/** ngx_http_upstream_get_hash_peer: Cache::Memcached-compatible rehashing. */
function getHashPeer(state: BalancerState, rs: RequestState, input: PickInput): Peer | null {
  if (rs.tries > 20 || rs.list.single || input.hashKey.length === 0) return getRoundRobinPeer(state, rs, input.now);
  for (;;) {
    const prefix = rs.rehash > 0 ? String(rs.rehash) : '';
    const h = (crc32(prefix + input.hashKey) >>> 16) & 0x7fff;
    rs.hash = (rs.hash + h) >>> 0;
    rs.rehash++;
    const peer = peerAtWeight(rs.list, rs.hash % rs.list.totalWeight);
    if (!rs.tried.has(peer.index) && !unavailable(peer, input.now)) {
      touch(peer, input.now);
      rs.tried.add(peer.index);
      return peer;
    }
    rs.tries++;
    if (rs.tries > 20) return getRoundRobinPeer(state, rs, input.now);
  }
}

/** The first ring index whose hash is ≥ `hash` (ngx_http_upstream_find_chash_point); may equal the ring size. */
export function findChashPoint(points: readonly { hash: number }[], hash: number): number {
  let i = 0;
  let j = points.length;
  while (i < j) {
    const k = (i + j) >>> 1;
    const p = (points[k] as { hash: number }).hash;
    if (hash > p) i = k + 1;
    else if (hash < p) j = k;
    else return k;
  }
  return i;
}

/** ngx_http_upstream_get_chash_peer. */
function getChashPeer(state: BalancerState, rs: RequestState, input: PickInput): Peer | null {
  if (rs.tries > 20 || rs.list.single || input.hashKey.length === 0) return getRoundRobinPeer(state, rs, input.now);
  if (!rs.chashStarted) {
    rs.hash = findChashPoint(state.points, crc32(input.hashKey));
    rs.chashStarted = true;
  }
  for (;;) {
    const server = (state.points[rs.hash % state.points.length] as { server: string }).server;
    let best: Peer | null = null;
    let total = 0;
    for (const peer of rs.list.peers) {
      if (rs.tried.has(peer.index) || unavailable(peer, input.now) || peer.server.name !== server) continue;
      peer.currentWeight += peer.effectiveWeight;
      total += peer.effectiveWeight;
      if (peer.effectiveWeight < peer.server.weight) peer.effectiveWeight++;
      if (best === null || peer.currentWeight > best.currentWeight) best = peer;
    }
    if (best !== null) {
      best.currentWeight -= total;
      touch(best, input.now);
      rs.tried.add(best.index);
      return best;
    }
    rs.hash++;
    rs.tries++;
    if (rs.tries > 20) return getRoundRobinPeer(state, rs, input.now);
  }
}
