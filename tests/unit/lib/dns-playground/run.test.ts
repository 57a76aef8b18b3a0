import { describe, expect, it } from 'vitest';
import { layoutSequence } from '../../../../src/lib/diagram/index.ts';
import { ZONE_TEXT } from '../../../../src/lib/dns/index.ts';
import {
  DNS_CODEC,
  internetFor,
  MAX_ZONE_TEXT,
  parseDnsState,
  runDns,
  runForIsland,
} from '../../../../src/lib/dns-playground/index.ts';

describe('runForIsland (the worker run)', () => {
  const parsed = parseDnsState(DNS_CODEC.defaults);
  if (!parsed.ok) throw new Error('defaults must parse');
  const run = runForIsland({ input: parsed.value });

  it('returns the view and its ladder laid out as a scene (no markup)', () => {
    const view = runDns(parsed.value);
    expect(run.view.totalMs).toBe(view.totalMs);
    expect(run.ladder.scene).toEqual(layoutSequence({ actors: view.actors, steps: view.steps, timed: true }));
    expect(run.ladder.title).toBe(`Resolving ${view.input.name} ${view.input.type}`);
    expect(run.ladder.caption).toMatch(/the answer reaches the stub after /);
    expect(JSON.stringify(run.ladder)).not.toContain('<svg');
  });

  it('is plain data: it survives the structured clone of postMessage unchanged', () => {
    expect(structuredClone(run)).toEqual(run);
  });
});

describe('the zone editor’s runs', () => {
  const base = parseDnsState({ ...DNS_CODEC.defaults, name: 'new.example.org' });
  if (!base.ok) throw new Error('must parse');

  it('unedited: the built-in internet and the chosen zone’s built-in text', () => {
    const { zone } = internetFor(base.value, 'cdn-provider.net.');
    expect([zone.origin, zone.edited, zone.text]).toEqual(['cdn-provider.net.', false, ZONE_TEXT['cdn-provider.net.']]);
    expect(runForIsland({ input: base.value }).zone.origin).toBe('example.org.');
  });

  it('an edit is resolved against; a broken edit reports the parser’s positioned error and uses the built-in zone', () => {
    const text = `${ZONE_TEXT['example.org.']}new A 198.51.100.77\n`;
    const edited = parseDnsState({ ...DNS_CODEC.defaults, name: 'new.example.org', zoneText: text });
    if (!edited.ok) throw new Error('must parse');
    expect(edited.value.zone).toEqual({ origin: 'example.org.', text });
    const run = runForIsland({ input: edited.value });
    expect(run.zone).toEqual({ origin: 'example.org.', text, edited: true });
    expect(run.view.answerDig).toContain('new.example.org.\t3600\tIN\tA\t198.51.100.77');
    const broken = parseDnsState({ ...DNS_CODEC.defaults, name: 'new.example.org', zoneText: `${text}x A 1.2.3\n` });
    if (!broken.ok) throw new Error('must parse');
    const bad = runForIsland({ input: broken.value });
    expect(bad.zone.error).toBe("Zone example.org.: Line 9, column 5: '1.2.3' is not an IPv4 address.");
    expect(bad.view.rcode).toBe(3);
  });

  it('a zone text over the bound is refused by the codec, quoting the field', () => {
    const long = parseDnsState({ ...DNS_CODEC.defaults, zoneText: 'x'.repeat(MAX_ZONE_TEXT + 1) });
    expect(long.ok).toBe(false);
    expect(!long.ok && long.error.fields.map((f) => f.field)).toEqual(['zoneText']);
  });
});
