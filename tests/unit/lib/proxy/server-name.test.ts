import { describe, expect, it } from 'vitest';
import { parseConfig, validateHost } from '../../../../src/lib/proxy/index.ts';
import { buildPortNames, findServer } from '../../../../src/lib/proxy/server-name.ts';

function serverFor(servers: string, host: string | null, port = 80): string {
  const r = parseConfig(`http { ${servers} }`);
  if (!r.ok) throw new Error(r.error.message);
  const names = buildPortNames(r.value.http?.servers ?? [], port);
  if (names === null) return 'no port';
  const choice = findServer(names, host);
  return `#${choice.server.index + 1} ${choice.reason.kind}`;
}

const S = (names: string, extra = '') => `server { listen 80${extra}; server_name ${names}; }`;

describe.each([
  ['exact first', S('*.a.test') + S('www.a.test'), 'www.a.test', '#2 exact'],
  ['longest leading wildcard', S('*.test') + S('*.a.test'), 'x.a.test', '#2 head'],
  ['leading before trailing', S('www.a.*') + S('*.a.test'), 'www.a.test', '#2 head'],
  ['longest trailing wildcard', S('www.*') + S('www.a.*'), 'www.a.test', '#2 tail'],
  ['trailing before regex', S('~^www') + S('www.*'), 'www.a.test', '#2 tail'],
  ['first regex in config order', S('~a') + S('~^www\\.a'), 'www.a.test', '#1 regex'],
  ['.name matches the bare name', S('.a.test'), 'a.test', '#1 head'],
  ['*.name does not match the bare name', S('x') + S('*.a.test'), 'a.test', '#1 default'],
  ['default_server', S('x') + S('y', ' default_server'), 'z', '#2 default'],
  ['first server is the default', S('x') + S('y'), 'z', '#1 default'],
  ['no Host → "" name', S('x') + S('""'), null, '#2 exact'],
  ['a conflicting name belongs to the first server', S('a.test') + S('a.test'), 'a.test', '#1 exact'],
  ['.name conflicts with an earlier exact name', S('a.test') + S('.a.test'), 'a.test', '#1 exact'],
])('%s', (_, servers, host, expected) => {
  it(`${host} → ${expected}`, () => expect(serverFor(servers, host)).toBe(expected));
});

it('only servers on the port are candidates', () => {
  expect(serverFor(S('a'), 'a', 81)).toBe('no port');
});

describe.each([
  ['Example.COM', 'example.com'],
  ['example.com:8080', 'example.com'],
  ['example.com.', 'example.com'],
  ['[::1]:80', '[::1]'],
  ['a..b', null],
  ['a/b', null],
  ['', null],
  [':80', null],
])('validateHost(%j)', (raw, expected) => {
  it(`→ ${expected}`, () => expect(validateHost(raw)).toBe(expected));
});
