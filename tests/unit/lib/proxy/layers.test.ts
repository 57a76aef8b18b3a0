import { describe, expect, it } from 'vitest';
import { layerView, mapValue, parseConfig, routeStream } from '../../../../src/lib/proxy/index.ts';

const req = {
  clientIp: '203.0.113.7',
  clientPort: 50_000,
  port: 443,
  scheme: 'https' as const,
  method: 'GET',
  target: '/api/users',
  headers: [
    ['Host', 'api.example.com'],
    ['Cookie', 'session=1'],
  ] as [string, string][],
};

describe('layerView', () => {
  it('L4 sees the 5-tuple and SNI but no HTTP when TLS passes through; nothing sees HTTP then', () => {
    const v = layerView(req, 'tls-passthrough', 'api.example.com');
    expect(v.filter((f) => f.l4).map((f) => f.field)).toEqual([
      'Protocol',
      'Client address',
      'Proxy address',
      'SNI (TLS server name)',
    ]);
    expect(v.find((f) => f.field === 'Path and query')?.l7).toBe(false);
  });
  it('an L7 proxy that terminates TLS reads method, path and headers', () => {
    const v = layerView(req, 'tls-termination', 'api.example.com');
    expect(v.filter((f) => f.l7 && !f.l4).map((f) => f.field)).toEqual([
      'Method',
      'Path and query',
      'Host header',
      'Header Cookie',
    ]);
  });
  it('plain HTTP has no SNI', () => {
    expect(layerView({ ...req, scheme: 'http' }, 'plain-http', null).some((f) => f.field.startsWith('SNI'))).toBe(
      false,
    );
  });
});

describe('routeStream', () => {
  const r = parseConfig(`stream {
    map $ssl_preread_server_name $backend { hostnames; api.example.com api; *.example.org org; ~^x x; default web; }
    upstream api { server 10.0.1.1:443; }
    upstream web { hash $remote_addr consistent; server 10.0.0.1:443; server 10.0.0.2:443; }
    server { listen 443; ssl_preread on; proxy_pass $backend; }
    server { listen 8443; proxy_pass $backend; }
    server { listen 53 udp; proxy_pass 10.0.0.53:53; }
  }`);
  if (!r.ok) throw new Error(r.error.message);
  const stream = r.value.stream as NonNullable<typeof r.value.stream>;
  it('routes on SNI with ssl_preread', () => {
    expect(routeStream(stream, { port: 443, udp: false, clientIp: '1.2.3.4', sni: 'api.example.com' })).toMatchObject({
      backend: '10.0.1.1:443',
    });
  });
  it('without ssl_preread the SNI is invisible and the default applies', () => {
    const out = routeStream(stream, { port: 8443, udp: false, clientIp: '1.2.3.4', sni: 'api.example.com' });
    expect(out).toMatchObject({ upstream: 'web' });
  });
  it('forwards UDP and refuses unknown ports', () => {
    expect(routeStream(stream, { port: 53, udp: true, clientIp: '1.2.3.4', sni: null })).toMatchObject({
      backend: '10.0.0.53:53',
    });
    expect(routeStream(stream, { port: 54, udp: true, clientIp: '1.2.3.4', sni: null }).kind).toBe('error');
  });
  it('map: exact, wildcard, regex, default', () => {
    const map = stream.maps[0] as NonNullable<(typeof stream.maps)[0]>;
    expect(['api.example.com', 'a.example.org', 'xyz', 'other'].map((k) => mapValue(map, k))).toEqual([
      'api',
      'org',
      'x',
      'web',
    ]);
  });
});
