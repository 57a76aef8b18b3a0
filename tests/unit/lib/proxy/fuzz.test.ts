/**
 * Parser fuzzing: mutated configs (byte flips, deletions, duplications, splices of directive fragments) must give
 * a result or a positioned error — never a throw — each in under 50 ms. FUZZ_RUNS=100000 for the long run.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../src/lib/http/prng.ts';
import { compileHttp, parseConfig, routeRequest } from '../../../../src/lib/proxy/index.ts';
import { bestTime, type Timing } from '../../../support/timing.ts';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 3000);
const SEED = Number(process.env['FUZZ_SEED'] ?? 7);

const BASE = `http {
  upstream app { least_conn; server 10.0.0.1:8080 weight=2 max_fails=3 fail_timeout=30s; server 10.0.0.2:8080 backup; }
  upstream h { hash $request_uri consistent; server 10.0.0.3; server 10.0.0.4 down; }
  server {
    listen 80 default_server; server_name example.com *.example.com www.example.* ~^api\\d+\\.;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    location / { proxy_pass http://app; }
    location /api/ { proxy_pass http://app/; location /api/v2/ { proxy_pass http://h; } }
    location ^~ /static/ { return 200 "static"; }
    location ~* \\.(png|jpg)$ { proxy_pass http://10.0.0.9:80; }
    location = /health { return 204; }
  }
}
stream { upstream s { server 10.0.1.1:443; } server { listen 443; ssl_preread on; proxy_pass s; } }`;

const FRAGMENTS = [
  '{',
  '}',
  ';',
  '"',
  "'",
  '\\',
  '$',
  '${',
  '#',
  '~',
  '~*',
  '^~',
  '=',
  'location',
  'server',
  'http',
  'upstream',
  'proxy_pass http://app',
  ' ',
  '\n',
  'weight=',
  ':',
  '*.',
  '.*',
  '(',
  ')',
  '[',
  '\u0000',
  '\u00e9',
  'return 301',
  'listen 0',
];

function mutate(rng: () => number, text: string): string {
  let out = text;
  const n = 1 + Math.floor(rng() * 6);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(rng() * (out.length + 1));
    const op = rng();
    if (op < 0.3) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(rng() * 8));
    else if (op < 0.6)
      out = out.slice(0, at) + (FRAGMENTS[Math.floor(rng() * FRAGMENTS.length)] as string) + out.slice(at);
    else if (op < 0.8) {
      const len = Math.floor(rng() * 40);
      out = out.slice(0, at) + out.slice(at, at + len) + out.slice(at);
    } else {
      out = out.slice(0, at) + String.fromCharCode(Math.floor(rng() * 256)) + out.slice(at + 1);
    }
  }
  return out;
}

describe('parser fuzz', () => {
  it(`${RUNS} mutated configs: a result or a positioned error, never a throw, each < 50 ms (seed ${SEED})`, () => {
    const rng = mulberry32(SEED);
    let ok = 0;
    let worst = 0;
    let retimed = 0;
    for (let i = 0; i < RUNS; i++) {
      const text = mutate(rng, BASE);
      const parseAndRoute = () => {
        const parsed = parseConfig(text);
        if (parsed.ok && parsed.value.http !== null) {
          const compiled = compileHttp(parsed.value.http);
          routeRequest(compiled, {
            clientIp: '10.1.2.3',
            clientPort: 1,
            port: 80,
            scheme: 'http',
            method: 'GET',
            target: '/api/x.png?y',
            headers: [['Host', 'api1.example.com']],
          });
        }
        return parsed;
      };
      // On a shared machine a GC pause or JIT tier-up can hit any case: a slow case is re-timed after pauses.
      let time: Timing<ReturnType<typeof parseConfig>>;
      try {
        time = bestTime(parseAndRoute, 50);
      } catch (e) {
        throw new Error(`case ${i} (seed ${SEED}) threw on:\n${text}`, { cause: e });
      }
      retimed += time.retimed;
      const result = time.value;
      const ms = time.best;
      worst = Math.max(worst, ms);
      if (ms > 50) throw new Error(`case ${i} (seed ${SEED}) took ${ms.toFixed(1)} ms:\n${text}`);
      if (result.ok) ok++;
      else expect(result.error.message).toMatch(/^\d+:\d+: /);
    }
    console.log(
      `parser fuzz: ${RUNS} configs, ${ok} parsed, ${RUNS - ok} positioned errors, worst ${worst.toFixed(2)} ms, ${retimed} re-timed`,
    );
  }, 600_000);
});
