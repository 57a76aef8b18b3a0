import { describe, expect, it } from 'vitest';
import {
  buildView,
  decodeConfig,
  encodeConfig,
  flowScene,
  MAX_LINK_CONFIG,
  PRESET_IDS,
  PRESETS,
  PROXY_CODEC,
  sendHundred,
  stateToInput,
} from '../../../../src/lib/proxy-playground/index.ts';

const inputOf = (id: (typeof PRESET_IDS)[number], failed: string[] = []) => {
  const p = PRESETS[id];
  return { config: p.config, host: p.host, path: p.path, client: p.client, mode: p.mode, failed };
};

describe('presets', () => {
  it.each(PRESET_IDS)('%s parses and routes', (id) => {
    const v = buildView(inputOf(id));
    expect(v.config.ok).toBe(true);
    expect(v.flow).not.toBeNull();
  });
  it('the L7 guide example sends /api/ to the API pool unchanged', () => {
    const v = buildView(inputOf('l7-api'));
    expect(v.flow).toMatchObject({ proxy: 'location /api/', forwarded: 'GET /api/users?page=2' });
  });
  it('the trailing-slash trap doubles the slash', () => {
    expect(buildView(inputOf('trailing-slash')).flow?.forwarded).toBe('GET //users');
  });
});

describe('send 100 requests', () => {
  it('weighted round-robin splits 5:1:1', () => {
    const input = inputOf('weighted-round-robin');
    const v = buildView(input);
    if (!v.config.ok) throw new Error('preset');
    const d = sendHundred(input, v.config.value, 70);
    expect(d.counts.map((c) => c.count)).toEqual([50, 10, 10]);
  });
  it('consistent hashing moves only the failed server’s keys', () => {
    const input = inputOf('consistent-hash', ['10.0.0.22:8080']);
    const v = buildView(input);
    if (!v.config.ok) throw new Error('preset');
    const d = sendHundred(input, v.config.value);
    expect(d.counts.some((c) => c.backend === '10.0.0.22:8080')).toBe(false);
    expect(d.moved).toBe(
      d.sequence.length -
        sendHundred({ ...input, failed: [] }, v.config.value).sequence.filter((b) => b !== '10.0.0.22:8080').length,
    );
  });
});

describe('bad input', () => {
  it('a bad config gives a positioned error', () => {
    const v = buildView({ ...inputOf('l7-api'), config: 'http {\n  server {\n    lisen 80;\n  }\n}' });
    expect(v.config.ok ? '' : v.config.error.message).toBe('3:5: unknown directive "lisen"');
  });
  it('a bad client address is quoted', () => {
    expect(buildView({ ...inputOf('l7-api'), client: '<img src=x>' }).requestError).toBe(
      "Client address '<img src=x>' is not an IPv4 address such as 203.0.113.7.",
    );
  });
});

describe('config in a link', () => {
  it('round-trips through deflate-raw + base64url', async () => {
    const e = await encodeConfig(PRESETS['l7-api'].config);
    expect(e.ok).toBe(true);
    if (e.ok) expect(await decodeConfig(e.value)).toEqual({ ok: true, value: PRESETS['l7-api'].config });
  });
  it('says when a config is too long for a link', async () => {
    let text = '';
    for (let i = 0; text.length < 60_000; i++) text += `# ${Math.sin(i).toString(36)} ${i * 7919}\n`;
    const e = await encodeConfig(text);
    expect(e.ok).toBe(false);
    if (!e.ok) expect(e.error.message).toContain(`a link holds ${MAX_LINK_CONFIG}`);
  });
  it.each(['***', 'AAAA', 'x'.repeat(20_000)])('refuses a damaged link %#', async (param) => {
    const d = await decodeConfig(param);
    expect(d.ok).toBe(false);
  });
});

it('the URL codec round-trips a state', () => {
  const base = PROXY_CODEC.decode('').state;
  const s = { ...base, path: '/x?y=1', failed: '10.0.0.1:80' };
  const q = PROXY_CODEC.encode(s, base);
  expect(PROXY_CODEC.decode(`?${q}`, base).state).toEqual(s);
  expect(stateToInput(s, 'c').failed).toEqual(['10.0.0.1:80']);
});

describe('more paths', () => {
  it('send 100 over a stream config routes by SNI', () => {
    const input = inputOf('tls-passthrough');
    const v = buildView(input);
    if (!v.config.ok) throw new Error('preset');
    expect(sendHundred(input, v.config.value).counts).toEqual([{ backend: '10.0.1.20:443', count: 100 }]);
  });
  it('counts non-proxied outcomes by kind', () => {
    const input = inputOf('regex-beats-prefix');
    const v = buildView(input);
    if (!v.config.ok) throw new Error('preset');
    expect(sendHundred(input, v.config.value, 3).counts).toEqual([{ backend: 'return 200', count: 3 }]);
    const broken = { ...input, path: '/..' };
    expect(sendHundred(broken, v.config.value, 2).sequence).toEqual(['error 400', 'error 400']);
  });
  it.each([
    ['/x', 'static', 'files on the proxy'],
    ['/api', 'redirect', 'nginx answers 301'],
    ['/..', 'error', 'error 400'],
  ])('the flow names the answer for %s', (path, _, backend) => {
    const config =
      'http { upstream app { server 10.0.0.1; } server { listen 80; location /api/ { proxy_pass http://app; } } }';
    expect(buildView({ ...inputOf('l7-api'), config, path }).flow?.backend).toBe(backend);
  });
  it.each([
    ['path', 'no-slash', 'must start with "/"'],
    ['path', `/${'a'.repeat(2001)}`, 'longer than 2,000'],
    ['host', 'h'.repeat(256), 'longer than 255'],
  ])('checks the %s field', (key, value, message) => {
    expect(buildView({ ...inputOf('l7-api'), [key]: value }).requestError).toContain(message);
  });
  it('the codec names presets and traffic modes in notices', () => {
    const d = PROXY_CODEC.decode('?preset=nope&mode=udp');
    expect(d.notices.map((n) => n.message)).toEqual([
      "Unknown example 'nope' in the link — showing The L7 guide: /api/ to the API pool.",
      "Unknown traffic mode 'udp' in the link — showing TLS terminated at the proxy (L7).",
    ]);
  });
});

describe('flowScene', () => {
  it('lays out client → proxy → backend with the deciding labels, named by the addresses', () => {
    const flow = buildView(inputOf('l7-api')).flow;
    if (flow === null) throw new Error('l7-api must route');
    const { scene, title } = flowScene(flow);
    expect(title).toBe(`Client ${flow.client} to proxy to ${flow.backend}`);
    const text = scene.shapes.flatMap((s) => (s.type === 'text' ? s.lines.map((l) => l.text) : []));
    expect(text).toEqual(expect.arrayContaining(['Client', 'Proxy', 'Backend', flow.forwarded]));
    expect(scene.shapes.some((s) => s.role === 'edge-dashed')).toBe(false);
  });
});
