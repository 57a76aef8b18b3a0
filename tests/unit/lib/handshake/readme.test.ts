/**
 * The numbers quoted in src/lib/handshake/README.md, read from the README itself: every `result.field; // value`
 * line of its API example is checked against the model, so the documentation cannot drift from it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulateHandshake } from '../../../../src/lib/handshake/index.ts';

const readme = readFileSync(new URL('../../../../src/lib/handshake/README.md', import.meta.url), 'utf8');

/** `result.ttfbMs;  // 168 (comment)` → ['ttfbMs', '168 (comment)']. */
const quoted = [...readme.matchAll(/^result\.(\w+);\s*\/\/\s*(.+)$/gm)].map((m) => [m[1] as string, m[2] as string]);

/** The leading number, or the leading `{ … }` object literal of numbers, of a quoted comment. */
function leadingValue(text: string): unknown {
  const object = /^\{([^}]*)\}/.exec(text);
  if (object) {
    return Object.fromEntries(
      (object[1] as string).split(',').map((pair) => {
        const [key, value] = pair.split(':').map((part) => part.trim());
        return [key, Number(value)];
      }),
    );
  }
  const number = /^-?\d+(\.\d+)?/.exec(text);
  return number ? Number(number[0]) : undefined;
}

describe('src/lib/handshake/README.md', () => {
  const example = /simulateHandshake\('([\w-]+)', \{ rttMs: (\d+), bandwidthMbps: Infinity \}\)/.exec(readme);

  it('has the API example this test reads', () => {
    expect(example, 'the README calls simulateHandshake(id, { rttMs, bandwidthMbps: Infinity })').not.toBeNull();
    expect(quoted.length).toBeGreaterThanOrEqual(5);
  });

  const result = simulateHandshake((example?.[1] ?? 'tls13-full') as 'tls13-full', {
    rttMs: Number(example?.[2] ?? 56),
    bandwidthMbps: Number.POSITIVE_INFINITY,
  });

  it.each(quoted.filter(([field]) => field !== 'messages'))('result.%s is what the README says (%s)', (field, text) => {
    const expected = leadingValue(text);
    expect(expected, `a number or an object of numbers leads the comment on result.${field}`).toBeDefined();
    expect((result as unknown as Record<string, unknown>)[field]).toEqual(expected);
  });

  it("the first message is the README's SYN", () => {
    const line = quoted.find(([field]) => field === 'messages')?.[1] ?? '';
    expect(line).toContain("name: 'SYN'");
    const times = /sendAtMs: (\d+), receiveAtMs: (\d+)/.exec(line);
    expect(result.messages[0]).toMatchObject({
      name: 'SYN',
      sendAtMs: Number(times?.[1]),
      receiveAtMs: Number(times?.[2]),
    });
  });
});
