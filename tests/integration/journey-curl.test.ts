/**
 * The journey model against curl through a real stack, inside network namespaces this test makes
 * (tests/support/journey-stack.ts): unbound (cold cache, restarted before every sample) resolving www.journey.test
 * through Knot DNS serving the zones the model uses (journeyInternet: root, test., journey.test.), nginx 1.22 as a
 * TLS-terminating reverse proxy with a throwaway certificate, and a Node origin whose server time is set by the
 * URL (`?server=N`). Every hop has its own one-way delay, applied to every packet (SYNs and UDP included) by the
 * delay line (tests/support/delay-line.ts) — this kernel has no netem, and the TCP latency proxy cannot delay a
 * SYN, which would leave curl's time_connect at 0.
 *
 * For each of 3 RTT settings: HTTP/1.1 and HTTP/2 × TLS 1.2 and 1.3, two transfers in one curl invocation (cold,
 * then warm on the reused connection with curl's DNS cache), and HTTP/1.1 with `Connection: close` (warm = DNS cache
 * + a new connection resuming the TLS session). Each of curl's `-w` timers (time_namelookup, time_connect,
 * time_appconnect, time_starttransfer, time_total) must agree with the model's marks within 10 % + 5 ms (median of
 * the faithful samples). A sample is discarded when the delay line forwarded a packet more than 4 ms late
 * (faithful-sampling.ts does the bounded retrying); a measurement that stays unfaithful is skipped, not failed.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CurlMarks, journeyInternet, planJourney } from '../../src/lib/journey/index.ts';
import { delayLineUnavailable } from '../support/delay-line.ts';
import { median, sampleFaithfully, tooBusy } from '../support/faithful-sampling.ts';
import {
  ADDRESSES,
  authoritativeMapper,
  JourneyStack,
  journeyStackUnavailable,
  ORIGIN_PORT,
  precleanResolvConfs,
} from '../support/journey-stack.ts';
import { precleanStale } from '../support/netns.ts';

const HOST = 'www.journey.test';
const REPEATS = Number(process.env['JOURNEY_REPEATS'] ?? 3);
const FIELDS = ['namelookup', 'connect', 'appconnect', 'starttransfer', 'total'] as const;
/** A sample is kept only if the delay line forwarded every packet within this many ms of its due time. */
const DELAY_LINE_SLACK_MS = 4;
/**
 * sampleFaithfully also discards a sample when this process's event loop stalled. Here that stall does not touch
 * the measurement — curl times itself in its own process and the delays are applied by the delay line's process —
 * while spawning curl and unbound from a large Node process on a loaded machine blocks the loop for tens of ms. So
 * the allowance for it is wide, and the delay line's lateness (above) is the faithfulness test.
 */
const STALL_ALLOWANCE_MS = 400;

/** Round trips (ms) of each hop, and the origin's server time. */
interface Setting {
  readonly id: string;
  readonly clientResolver: number;
  readonly resolverAuthoritative: number;
  readonly clientEdge: number;
  readonly edgeOrigin: number;
  readonly serverMs: number;
}

const SETTINGS: readonly Setting[] = [
  { id: 'near', clientResolver: 10, resolverAuthoritative: 20, clientEdge: 40, edgeOrigin: 10, serverMs: 10 },
  { id: 'far', clientResolver: 6, resolverAuthoritative: 40, clientEdge: 80, edgeOrigin: 20, serverMs: 30 },
  { id: 'mobile', clientResolver: 30, resolverAuthoritative: 10, clientEdge: 120, edgeOrigin: 4, serverMs: 5 },
];

interface Case {
  readonly http: '1.1' | '2';
  readonly tls: '1.2' | '1.3';
  /** How the second transfer connects: the same connection, or a new one resuming TLS. */
  readonly warm: 'reused' | 'resumed';
}

const CASES: readonly Case[] = [
  { http: '1.1', tls: '1.2', warm: 'reused' },
  { http: '1.1', tls: '1.3', warm: 'reused' },
  { http: '2', tls: '1.2', warm: 'reused' },
  { http: '2', tls: '1.3', warm: 'reused' },
  { http: '1.1', tls: '1.2', warm: 'resumed' },
  { http: '1.1', tls: '1.3', warm: 'resumed' },
];

const NGINX_CONF = `worker_processes 1;
events { worker_connections 64; }
http {
    access_log off;
    server {
        listen ${ADDRESSES.edge}:443 ssl http2 default_server;
        server_name _;
        ssl_certificate CERT;
        ssl_certificate_key KEY;
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_session_cache shared:journey:1m;
        ssl_session_tickets on;
        keepalive_timeout 30s;
        # What the connection really was, for the test to check curl did what it was asked.
        add_header X-Tls $ssl_protocol always;
        add_header X-Resumed $ssl_session_reused always;
        location / {
            proxy_pass http://${ADDRESSES.origin}:${ORIGIN_PORT};
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
        }
    }
}
`;

const unavailable = journeyStackUnavailable() ?? delayLineUnavailable();
let stack: JourneyStack | undefined;
let certFile = '';
let certBytes = 0;
let failed = false;
let rootHints: Parameters<JourneyStack['restartUnbound']>[0] = [];
const table: string[] = [];
let discardedTotal = 0;
const latenesses: number[] = [];
/** What the origin received from nginx, per client HTTP version (printed with the table). */
const originSeen = new Map<string, string>();
const lastLateness: number[] = [];

beforeAll(async () => {
  if (unavailable !== undefined) return;
  precleanStale();
  precleanResolvConfs();
  const dir = mkdtempSync(join(tmpdir(), 'journey-curl-'));
  stack = new JourneyStack(dir);
  const found = journeyInternet(`${HOST}.`, { siteAddress: ADDRESSES.edge, mapAddress: authoritativeMapper() });
  if (found === undefined) throw new Error('journeyInternet refused the test host');
  const internet = found.internet;
  rootHints = internet.rootHints;
  // Only the servers a cold lookup of the host asks: the root, the TLD's and the domain's.
  const needed = internet.servers.filter(
    (s) => s.zones.some((z) => z === '.' || `${HOST}.`.endsWith(z)) && s.down !== true,
  );
  await stack.build(needed);
  await stack.startKnots(internet, needed);
  certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-subj',
      `/CN=${HOST}`,
      '-addext',
      `subjectAltName=DNS:${HOST}`,
      '-days',
      '1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore', timeout: 10_000 },
  );
  certBytes = new X509Certificate(readFileSync(certFile)).raw.length;
  await stack.startOrigin();
  await stack.startNginx(certFile, keyFile, NGINX_CONF);
}, 180_000);

afterAll(async () => {
  if (failed && stack !== undefined) console.log(stack.logs());
  await stack?.destroy();
  if (table.length > 0) {
    console.log(
      `journey vs curl (${REPEATS} faithful samples per case, median; ${discardedTotal} samples discarded)\n` +
        '(each cell: model ms / curl ms; ✗ = outside 10 % + 5 ms)\n' +
        `| setting | case | visit | ${FIELDS.join(' | ')} |\n|${' --- |'.repeat(3 + FIELDS.length)}\n` +
        table.join('\n') +
        `\ndelay-line lateness per sample (ms): ${latenesses.join(' ')}` +
        [...originSeen].map(([v, h]) => `\norigin saw (client on ${v}): ${h}`).join(''),
    );
  }
}, 180_000);

interface CurlTiming extends CurlMarks {
  readonly bytes: number;
  /** What the transfer really was, in words (HTTP version, TLS version, resumed, new connections). */
  readonly version: string;
  readonly http: string;
  readonly tls: string;
  readonly resumed: boolean;
  readonly connects: number;
  /** The request headers the origin received from nginx (the origin echoes them in a response header). */
  readonly originHeaders: readonly (readonly [string, string])[];
}

/** Node's rawHeaders ([name, value, name, value, …]) as pairs. */
function pairs(raw: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i] as string, raw[i + 1] as string]);
  return out;
}

/**
 * The proxy model's view of what the origin sees, against what nginx really sent: the header names in order, and
 * the values nginx sets (Host, X-Forwarded-For = the client's address, X-Forwarded-Proto, Connection). The client's
 * own headers (curl's User-Agent and Accept, the model's browser ones) are compared by name only.
 */
function checkOriginHeaders(c: Case, transfer: CurlTiming): string[] {
  const r = planJourney({ url: `https://${HOST}/`, httpVersion: c.http, tlsVersion: c.tls });
  if (!r.ok || r.value.proxy === null) return ['the model has no proxy hop'];
  const model = r.value.proxy.headers;
  const real = transfer.originHeaders;
  const names = (h: readonly (readonly [string, string])[]) => h.map(([n]) => n.toLowerCase()).join(', ');
  const problems: string[] = [];
  if (names(model) !== names(real)) problems.push(`origin saw headers ${names(real)}; the model says ${names(model)}`);
  const value = (h: readonly (readonly [string, string])[], name: string) =>
    h.find(([n]) => n.toLowerCase() === name)?.[1];
  const expected: Record<string, string | undefined> = {
    host: value(model, 'host'),
    'x-forwarded-for': ADDRESSES.client,
    'x-forwarded-proto': value(model, 'x-forwarded-proto'),
    connection: value(model, 'connection'),
  };
  for (const [name, want] of Object.entries(expected))
    if (value(real, name) !== want) problems.push(`origin saw ${name}: ${value(real, name)}; expected ${want}`);
  return problems;
}

/** Did curl and nginx do what the case asks (version, TLS, a reused connection or a resumed session)? */
function checkCase(c: Case, transfers: readonly CurlTiming[]): string[] {
  const problems: string[] = [];
  const [cold, warm] = transfers;
  if (cold === undefined || warm === undefined) return [`expected 2 transfers, got ${transfers.length}`];
  for (const t of [cold, warm]) {
    if (t.http !== c.http) problems.push(`asked for HTTP/${c.http}, got ${t.version}`);
    if (t.tls !== `TLSv${c.tls}`) problems.push(`asked for TLS ${c.tls}, got ${t.version}`);
  }
  if (cold.connects !== 1 || cold.resumed) problems.push(`cold transfer: ${cold.version}`);
  if (c.warm === 'reused' && warm.connects !== 0)
    problems.push(`warm transfer did not reuse the connection: ${warm.version}`);
  if (c.warm === 'resumed' && (warm.connects !== 1 || !warm.resumed))
    problems.push(`warm transfer did not resume TLS on a new connection: ${warm.version}`);
  return problems;
}

/** One curl invocation: two transfers of the same URL (cold, then warm). */
async function invoke(s: Setting, c: Case): Promise<{ value: CurlTiming[]; proxyLatenessMs: number }> {
  const live = stack as JourneyStack;
  await live.restartUnbound(rootHints);
  await live.lateness(true);
  const url = `https://${HOST}/?server=${s.serverMs}&bytes=1000`;
  const args = [
    '-4',
    '-sS',
    '--cacert',
    certFile,
    c.http === '2' ? '--http2' : '--http1.1',
    ...(c.tls === '1.2' ? ['--tlsv1.2', '--tls-max', '1.2'] : ['--tlsv1.3']),
    ...(c.warm === 'resumed' ? ['-H', 'Connection: close'] : []),
    '-o',
    '/dev/null',
    '-o',
    '/dev/null',
    '-w',
    '%{json}\\t%header{x-tls}\\t%header{x-resumed}\\t%header{x-origin-saw}\\n',
    url,
    url,
  ];
  const r = await live.curl(args);
  const lateness = await live.lateness(true);
  lastLateness.push(Math.round(lateness * 10) / 10);
  if (r.status !== 0) {
    failed = true;
    throw new Error(`curl ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  }
  const value = r.stdout
    .trim()
    .split('\n')
    .map((line) => {
      const [json = '{}', tlsVersion = '', resumed = '', originSaw = '[]'] = line.split('\t');
      const j = JSON.parse(json) as Record<string, number | string>;
      const s2ms = (k: string) => Number(j[k]) * 1000;
      return {
        namelookup: s2ms('time_namelookup'),
        connect: s2ms('time_connect'),
        appconnect: s2ms('time_appconnect'),
        starttransfer: s2ms('time_starttransfer'),
        total: s2ms('time_total'),
        bytes: Number(j['size_download']),
        version: `HTTP/${j['http_version']} ${tlsVersion}${resumed === 'r' ? ' resumed' : ''}, ${j['num_connects']} new connection(s)`,
        http: String(j['http_version']),
        tls: tlsVersion,
        resumed: resumed === 'r',
        originHeaders: pairs(JSON.parse(originSaw) as string[]),
        connects: Number(j['num_connects']),
      };
    });
  // The delay line's lateness decides faithfulness; see STALL_ALLOWANCE_MS for why this process's stalls do not.
  return { value, proxyLatenessMs: lateness <= DELAY_LINE_SLACK_MS ? lateness : Number.POSITIVE_INFINITY };
}

function modelMarks(s: Setting, c: Case, visit: 'cold' | 'warm', responseBytes: number): CurlMarks {
  const r = planJourney({
    url: `https://${HOST}/?server=${s.serverMs}&bytes=1000`,
    network: {
      clientResolverRttMs: s.clientResolver,
      resolverAuthoritativeRttMs: s.resolverAuthoritative,
      clientEdgeRttMs: s.clientEdge,
      proxyOriginRttMs: s.edgeOrigin,
      bandwidthMbps: Number.POSITIVE_INFINITY,
    },
    visit,
    warmConnection: c.warm,
    resolverCache: 'cold',
    httpVersion: c.http,
    tlsVersion: c.tls,
    proxy: true,
    serverMs: s.serverMs,
    responseBytes,
    certChainBytes: certBytes,
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.marks;
}

const within = (model: number, measured: number) => Math.abs(model - measured) <= 0.1 * model + 5;

describe.skipIf(unavailable !== undefined)(`journey model vs curl (${unavailable ?? 'real stack'})`, () => {
  for (const s of SETTINGS) {
    describe(`${s.id}: RTT resolver ${s.clientResolver}, authoritatives ${s.resolverAuthoritative}, edge ${s.clientEdge}, origin ${s.edgeOrigin} ms; server ${s.serverMs} ms`, () => {
      beforeAll(async () => {
        await stack?.setDelays({
          clientResolver: s.clientResolver / 2,
          resolverAuthoritative: s.resolverAuthoritative / 2,
          clientEdge: s.clientEdge / 2,
          edgeOrigin: s.edgeOrigin / 2,
        });
      });
      for (const c of CASES) {
        const name = `HTTP/${c.http}, TLS ${c.tls}, warm = ${c.warm}`;
        test(name, async (ctx) => {
          const sampled = await sampleFaithfully(() => invoke(s, c), {
            repeats: REPEATS,
            maxLatenessMs: STALL_ALLOWANCE_MS,
            maxAttempts: REPEATS * 4,
            budgetMs: 25_000,
          });
          discardedTotal += sampled.discarded;
          latenesses.push(...lastLateness.splice(0));
          if (!sampled.complete) {
            console.log(tooBusy(`${s.id} ${name}`, sampled));
            ctx.skip();
            return;
          }
          const first = sampled.samples[0] as CurlTiming[];
          const problems: string[] = sampled.samples.flatMap((x) => checkCase(c, x));
          problems.push(...checkOriginHeaders(c, first[0] as CurlTiming));
          originSeen.set(
            `HTTP/${c.http}`,
            (first[0] as CurlTiming).originHeaders.map(([n, v]) => `${n}: ${v}`).join(' | '),
          );
          (['cold', 'warm'] as const).forEach((visit, index) => {
            const bytes = (first[index] as CurlTiming).bytes;
            const model = modelMarks(s, c, visit, bytes);
            const cells: string[] = [];
            for (const field of FIELDS) {
              const measured = median(sampled.samples.map((x) => (x[index] as CurlTiming)[field]));
              const ok = within(model[field], measured);
              cells.push(`${model[field].toFixed(1)} / ${measured.toFixed(1)}${ok ? '' : ' ✗'}`);
              if (!ok)
                problems.push(
                  `${visit} ${field}: model ${model[field].toFixed(1)} ms, curl ${measured.toFixed(1)} ms (samples ${sampled.samples.map((x) => (x[index] as CurlTiming)[field].toFixed(1)).join(', ')}; ${first[index]?.version})`,
                );
            }
            table.push(`| ${s.id} | HTTP/${c.http}, TLS ${c.tls}, ${c.warm} | ${visit} | ${cells.join(' | ')} |`);
          });
          if (problems.length > 0) failed = true;
          expect(
            problems,
            `reproduce: JOURNEY_REPEATS=${REPEATS} setting ${JSON.stringify(s)} case ${JSON.stringify(c)}`,
          ).toEqual([]);
        }, 120_000);
      }
    });
  }
});
