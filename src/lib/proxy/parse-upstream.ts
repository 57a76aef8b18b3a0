/**
 * `upstream` blocks (http and stream): `server address [weight= max_fails= fail_timeout= backup down]`,
 * `least_conn`, `ip_hash`, `hash key [consistent]`, `keepalive n` — ngx_http_upstream_server's parameter rules.
 */
import { checkVariables, expectArgs, expectBlock, fail, isIpv4, type ParseContext, unhandled } from './parse-common.ts';
import type { Directive } from './tree.ts';
import type { BalanceMethod, Upstream, UpstreamServer } from './types.ts';

/** Most servers in one upstream (keeps the ketama ring and the trace small). */
export const MAX_UPSTREAM_SERVERS = 32;
/** Largest total weight of a `hash … consistent` upstream (its ring has 160 points per weight unit). */
export const MAX_RING_WEIGHT = 256;
/** Largest `weight=` accepted. */
export const MAX_WEIGHT = 100;

/** Parses one `upstream name { … }` directive. */
export function parseUpstream(d: Directive, ctx: ParseContext, context: 'http' | 'stream'): Upstream {
  expectArgs(d, 1, 1);
  const name = (d.args[0] as { text: string }).text;
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw fail('bad-value', d.position, `invalid upstream name "${name}"`);
  let method: BalanceMethod = 'round-robin';
  let methodSeen = false;
  let hashKey: string | null = null;
  let keepalive: number | null = null;
  const servers: UpstreamServer[] = [];
  for (const c of expectBlock(d, true)) {
    if (c.name === 'server') {
      if (servers.length >= MAX_UPSTREAM_SERVERS) {
        throw fail('too-large', c.position, `more than ${MAX_UPSTREAM_SERVERS} servers in upstream "${name}"`);
      }
      servers.push(parseUpstreamServer(c));
    } else if (c.name === 'least_conn' || c.name === 'ip_hash' || c.name === 'hash') {
      if (methodSeen) {
        throw fail('duplicate', c.position, `load balancing method redefined by "${c.name}" in upstream "${name}"`);
      }
      methodSeen = true;
      if (c.name === 'ip_hash' && context === 'stream') {
        throw fail(
          'bad-context',
          c.position,
          '"ip_hash" directive is not allowed here (stream upstream: use hash $remote_addr)',
        );
      }
      expectArgs(c, c.name === 'hash' ? 1 : 0, c.name === 'hash' ? 2 : 0);
      if (c.name === 'hash') {
        hashKey = (c.args[0] as { text: string }).text;
        checkVariables(c, hashKey);
        const extra = c.args[1]?.text;
        if (extra !== undefined && extra !== 'consistent') {
          throw fail('bad-value', c.position, `invalid parameter "${extra}" in "hash"`);
        }
        method = extra === 'consistent' ? 'hash-consistent' : 'hash';
      } else method = c.name;
    } else if (c.name === 'keepalive') {
      expectArgs(c, 1, 1);
      const n = (c.args[0] as { text: string }).text;
      if (!/^\d{1,6}$/.test(n) || Number(n) === 0)
        throw fail('bad-value', c.position, `invalid value "${n}" in "keepalive"`);
      keepalive = Number(n);
    } else unhandled(c, `upstream "${name}"`, ctx);
  }
  if (servers.filter((s) => !s.backup).length === 0) {
    throw fail('missing', d.position, `no servers in upstream "${name}"`);
  }
  if (method !== 'round-robin' && method !== 'least_conn') {
    const backup = servers.find((s) => s.backup);
    if (backup !== undefined) {
      throw fail('bad-value', backup.position, `balancing method "${method}" does not support parameter "backup"`);
    }
  }
  const totalWeight = servers.reduce((sum, s) => sum + s.weight, 0);
  if (method === 'hash-consistent' && totalWeight > MAX_RING_WEIGHT) {
    throw fail(
      'too-large',
      d.position,
      `upstream "${name}": consistent hashing over a total weight of ${totalWeight} — the model builds rings up to ${MAX_RING_WEIGHT} (×160 points)`,
    );
  }
  return { name, method, hashKey, servers, keepalive, position: d.position };
}

/** Parses `fail_timeout` like ngx_parse_time(sec): `10`, `10s`, `1m`, `1h`, `1m30s`. */
function parseSeconds(text: string): number | null {
  if (/^\d{1,6}$/.test(text)) return Number(text);
  const re = /(\d{1,6})(ms|[smhd])/gy;
  let total = 0;
  let last = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const n = Number(m[1]);
    const unit = m[2];
    total += unit === 'ms' ? 0 : unit === 's' ? n : unit === 'm' ? n * 60 : unit === 'h' ? n * 3600 : n * 86_400;
    last = re.lastIndex;
  }
  return last === text.length && last > 0 ? total : null;
}

function parseUpstreamServer(d: Directive): UpstreamServer {
  expectArgs(d, 1, 8);
  const [address, ...params] = d.args.map((a) => a.text) as [string, ...string[]];
  const m = /^([^:]+)(?::(\d{1,5}))?$/.exec(address);
  const host = m?.[1] ?? '';
  if (m === null || !isIpv4(host)) {
    throw fail(
      'unsupported',
      d.position,
      `server "${address}": the model takes IPv4 address[:port] (it resolves no names)`,
    );
  }
  const port = m[2] === undefined ? 80 : Number(m[2]);
  if (port < 1 || port > 65_535) throw fail('bad-value', d.position, `invalid port in "${address}"`);
  let weight = 1;
  let maxFails = 1;
  let failTimeout = 10;
  let backup = false;
  let down = false;
  for (const p of params) {
    const value = p.slice(p.indexOf('=') + 1);
    if (p.startsWith('weight=')) {
      if (!/^\d{1,3}$/.test(value) || Number(value) === 0 || Number(value) > MAX_WEIGHT) {
        throw fail('bad-value', d.position, `invalid parameter "${p}" (weight is 1–${MAX_WEIGHT} here)`);
      }
      weight = Number(value);
    } else if (p.startsWith('max_fails=')) {
      if (!/^\d{1,4}$/.test(value)) throw fail('bad-value', d.position, `invalid parameter "${p}"`);
      maxFails = Number(value);
    } else if (p.startsWith('fail_timeout=')) {
      const seconds = parseSeconds(value);
      if (seconds === null) throw fail('bad-value', d.position, `invalid parameter "${p}"`);
      failTimeout = seconds;
    } else if (p === 'backup') backup = true;
    else if (p === 'down') down = true;
    else if (p.startsWith('max_conns=') || p.startsWith('slow_start=') || p === 'resolve' || p.startsWith('route=')) {
      throw fail('unsupported', d.position, `server parameter "${p}" is valid nginx but outside this model`);
    } else throw fail('bad-value', d.position, `invalid parameter "${p}"`);
  }
  return { name: address, host, port, weight, maxFails, failTimeout, backup, down, position: d.position };
}
