import { describe, expect, it } from 'vitest';
import { findLocation, parseConfig } from '../../../../src/lib/proxy/index.ts';
import { compileLevel } from '../../../../src/lib/proxy/location.ts';

function locate(locations: string, uri: string): string {
  const r = parseConfig(`http { server { listen 80; ${locations} } }`);
  if (!r.ok) throw new Error(r.error.message);
  const level = compileLevel(r.value.http?.servers[0]?.locations ?? []);
  const found = findLocation(uri, level);
  return found.kind === 'none' ? 'none' : `${found.kind === 'redirect' ? 'redirect ' : ''}${found.location.label}`;
}

const P = 'proxy_pass http://10.0.0.1:80;';

describe.each([
  [
    'exact beats everything',
    `location = /a { ${P} } location /a { ${P} } location ~ a { ${P} }`,
    '/a',
    'location = /a',
  ],
  ['longest prefix', `location / { ${P} } location /a/ { ${P} } location /a/b/ { ${P} }`, '/a/b/c', 'location /a/b/'],
  [
    'a regex beats a longer prefix',
    `location /images/big/ { ${P} } location ~ \\.jpg$ { ${P} }`,
    '/images/big/x.jpg',
    'location ~ \\.jpg$',
  ],
  [
    '^~ stops the regex search',
    `location ^~ /images/ { ${P} } location ~ \\.jpg$ { ${P} }`,
    '/images/x.jpg',
    'location ^~ /images/',
  ],
  ['regexes in config order', `location ~ /a { ${P} } location ~ /a/b { ${P} }`, '/a/b', 'location ~ /a'],
  ['~* ignores case', `location / { ${P} } location ~* \\.PNG$ { ${P} }`, '/x.png', 'location ~* \\.PNG$'],
  ['~ is case-sensitive', `location / { ${P} } location ~ \\.PNG$ { ${P} }`, '/x.png', 'location /'],
  ['nested prefix wins inside its parent', `location /a/ { ${P} location /a/b/ { ${P} } }`, '/a/b/c', 'location /a/b/'],
  [
    'outer regex still runs after a nested ^~',
    `location /a/ { ${P} location ^~ /a/b/ { ${P} } } location ~ c$ { ${P} }`,
    '/a/b/c',
    'location ~ c$',
  ],
  ['no match', `location /a { ${P} }`, '/b', 'none'],
  ['/dir redirects to /dir/ when it proxies', `location /dir/ { ${P} }`, '/dir', 'redirect location /dir/'],
  ['no redirect without proxy_pass', 'location /dir/ { return 200; }', '/dir', 'none'],
  // ngx_filename_cmp sorts "/" lowest, so "/foo/" precedes "/foo-bar" and the search for "/foo" always meets it.
  [
    'the redirect survives a sibling that sorts between',
    `location /a { ${P} } location /foo-bar { ${P} } location /foo/ { ${P} }`,
    '/foo',
    'redirect location /foo/',
  ],
  [
    'the redirect beats a shorter prefix',
    `location /foo/ { ${P} } location /fo { ${P} }`,
    '/foo',
    'redirect location /foo/',
  ],
])('%s', (_, locations, uri, expected) => {
  it(`${uri} → ${expected}`, () => expect(locate(locations, uri)).toBe(expected));
});

it('records why each regex lost', () => {
  const r = parseConfig(`http { server { location ^~ /s/ { ${P} } location ~ x { ${P} } } }`);
  if (!r.ok) throw new Error(r.error.message);
  const found = findLocation('/s/x', compileLevel(r.value.http?.servers[0]?.locations ?? []));
  expect(found.steps.map((s) => s.verdict)).toEqual(['prefix', 'regex-skipped']);
});
