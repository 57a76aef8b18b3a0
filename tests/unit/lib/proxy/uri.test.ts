import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeUri, parseTarget, toByteString } from '../../../../src/lib/proxy/index.ts';

describe.each([
  ['/a/b', '/a/b', ''],
  ['/a//b/./c/../d?x=1', '/a/b/d', 'x=1'],
  ['/a/..', '/', ''],
  ['/a/.', '/a/', ''],
  ['/a/%2E%2E/b', '/b', ''],
  ['/%2F%2Fx', '/x', ''],
  ['/a%3Fb?c', '/a?b', 'c'],
  ['/a%25b', '/a%b', ''],
  ['/a/..?q', '/', 'q'],
  ['/a/.?q', '/a/', 'q'],
  ['/x#frag', '/x', ''],
  ['/a?b#c', '/a', 'b'],
  ['/caf%C3%A9', '/caf\u00c3\u00a9', ''],
  ['/a?', '/a', ''],
  ['/a/b/../../c/./d/', '/c/d/', ''],
])('parseTarget(%j)', (target, uri, args) => {
  it(`normalises to ${JSON.stringify(uri)} with args ${JSON.stringify(args)}`, () => {
    const r = parseTarget(target);
    expect(r.ok && r.value.uri).toBe(uri);
    expect(r.ok && r.value.args).toBe(args);
    expect(r.ok && r.value.unparsed).toBe(target);
  });
});

describe.each([
  ['/..', '".." above the root'],
  ['/a/../..', '".." above the root'],
  ['/%zz', 'bad percent-escape'],
  ['/a%', 'unfinished percent-escape'],
  ['/a%2', 'unfinished percent-escape'],
  ['/%00', 'encoded NUL'],
  ['a', 'does not start with "/"'],
  ['/a b', 'the byte 0x20'],
])('parseTarget(%j) is a 400', (target, why) => {
  it(`because of ${why}`, () => {
    const r = parseTarget(target);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain(why.replace(/\\"/g, '"'));
  });
});

describe('parseTarget properties', () => {
  it('never throws and a normalised URI has no empty, "." or ".." segments', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\/[a-z./%0-9A-F?]{0,40}$/), (t) => {
        const r = parseTarget(t);
        if (r.ok) {
          const path = r.value.uri;
          expect(path.startsWith('/')).toBe(true);
          if (!t.includes('%')) {
            expect(path).not.toMatch(/\/\/|\/\.\.?(\/|$)/);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
  it('the plain fast path agrees with the complex parser on simple URIs', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^(\/[a-z0-9]{1,5}){1,5}\/?$/), (t) => {
        const r = parseTarget(t);
        expect(r.ok && r.value.uri).toBe(t);
      }),
    );
  });
  it('rejects targets longer than 8 KB', () => {
    expect(parseTarget(`/${'a'.repeat(9000)}`).ok).toBe(false);
  });
});

describe('escapeUri and toByteString', () => {
  it('escapes what NGX_ESCAPE_URI escapes', () => {
    expect(escapeUri('/a b"#%<>?\\^`{|}\u007f\u00e9~!$&\'()*+,;=:@[]')).toBe(
      "/a%20b%22%23%25%3C%3E%3F%5C%5E%60%7B%7C%7D%7F%E9~!$&'()*+,;=:@[]",
    );
  });
  it('turns text into UTF-8 bytes', () => {
    expect(toByteString('é')).toBe('\u00c3\u00a9');
  });
});
