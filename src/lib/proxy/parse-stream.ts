/**
 * The `stream` (layer 4) block: `upstream`, `server { listen port [udp] [ssl]; proxy_pass …; ssl_preread on; }` and
 * `map $ssl_preread_server_name $name { hostnames; default …; key value; }`.
 */
import {
  checkVariables,
  compileRegex,
  expectArgs,
  expectBlock,
  fail,
  type ParseContext,
  unhandled,
} from './parse-common.ts';
import { parseUpstream } from './parse-upstream.ts';
import type { Directive } from './tree.ts';
import type { StreamBlock, StreamMap, StreamServer, Upstream } from './types.ts';

/** Parses the children of `stream { … }`. */
export function parseStream(directives: readonly Directive[], ctx: ParseContext): StreamBlock {
  const upstreams: Upstream[] = [];
  const servers: StreamServer[] = [];
  const maps: StreamMap[] = [];
  for (const d of directives) {
    if (d.name === 'upstream') {
      const u = parseUpstream(d, ctx, 'stream');
      if (upstreams.some((x) => x.name === u.name))
        throw fail('duplicate', d.position, `duplicate upstream "${u.name}"`);
      upstreams.push(u);
    } else if (d.name === 'server') {
      expectArgs(d, 0, 0);
      servers.push(parseStreamServer(d, servers.length, ctx));
    } else if (d.name === 'map') {
      maps.push(parseMap(d));
    } else unhandled(d, 'stream', ctx);
  }
  // Variables resolve after the whole block is read (ngx_stream_variables_init_vars): a map may come later.
  for (const server of servers) {
    const target = server.proxyPass;
    if (target === null) continue;
    const mapped = maps.some((m) => target === `$${m.variable}` || target === `\${${m.variable}}`);
    if (!mapped) checkVariables({ name: 'proxy_pass', args: [], block: null, position: server.position }, target);
  }
  return { upstreams, servers, maps };
}

function parseStreamServer(d: Directive, index: number, ctx: ParseContext): StreamServer {
  const listens: { port: number; udp: boolean; ssl: boolean }[] = [];
  let proxyPass: string | null = null;
  let sslPreread = false;
  for (const c of expectBlock(d, true)) {
    if (c.name === 'listen') {
      expectArgs(c, 1, 4);
      const [address, ...params] = c.args.map((a) => a.text) as [string, ...string[]];
      const m = /^(?:(?:\d{1,3}(?:\.\d{1,3}){3}|\*):)?(\d{1,5})$/.exec(address);
      const port = Number(m?.[1]);
      if (m === null || port < 1 || port > 65_535) throw fail('bad-value', c.position, `invalid port in "${address}"`);
      const bad = params.find((p) => p !== 'udp' && p !== 'ssl' && p !== 'reuseport');
      if (bad !== undefined) throw fail('bad-value', c.position, `invalid parameter "${bad}" in "listen"`);
      listens.push({ port, udp: params.includes('udp'), ssl: params.includes('ssl') });
    } else if (c.name === 'proxy_pass') {
      expectArgs(c, 1, 1);
      if (proxyPass !== null) throw fail('duplicate', c.position, '"proxy_pass" directive is duplicate');
      proxyPass = (c.args[0] as { text: string }).text;
    } else if (c.name === 'ssl_preread') {
      expectArgs(c, 1, 1);
      const v = (c.args[0] as { text: string }).text;
      if (v !== 'on' && v !== 'off')
        throw fail('bad-value', c.position, `invalid value "${v}" in "ssl_preread" (on or off)`);
      sslPreread = v === 'on';
    } else unhandled(c, 'stream server', ctx);
  }
  if (listens.length === 0) throw fail('missing', d.position, 'stream "server" has no "listen"');
  return { index, listens, proxyPass, sslPreread, position: d.position };
}

function parseMap(d: Directive): StreamMap {
  expectArgs(d, 2, 2);
  const [source, variable] = d.args.map((a) => a.text) as [string, string];
  checkVariables(d, source);
  if (!/^\$[A-Za-z0-9_]+$/.test(variable)) throw fail('bad-value', d.position, `invalid variable name "${variable}"`);
  let hostnames = false;
  let defaultValue = '';
  const entries: StreamMap['entries'][number][] = [];
  for (const c of expectBlock(d, true)) {
    const words = [c.name, ...c.args.map((a) => a.text)];
    if (words.length === 1 && c.name === 'hostnames') {
      hostnames = true;
      continue;
    }
    if (c.block !== null || words.length !== 2) {
      throw fail('bad-arguments', c.position, `invalid number of the map parameters at "${c.name}"`);
    }
    const [key, value] = words as [string, string];
    if (key === 'default') defaultValue = value;
    else if (key.startsWith('~')) {
      const caseless = key.startsWith('~*');
      entries.push({ key, value, regex: compileRegex(c, key.slice(caseless ? 2 : 1), caseless) });
    } else entries.push({ key: key.toLowerCase(), value, regex: null });
  }
  return { source, variable: variable.slice(1), hostnames, entries, defaultValue, position: d.position };
}
