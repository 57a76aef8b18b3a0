import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  boxesOverlap,
  layoutSequence,
  type SequenceInput,
  type SequenceStep,
  shapeBox,
} from '../../../../src/lib/diagram/index.ts';
import { estimateTextWidth } from '../../../../src/lib/diagram/text.ts';

const twoActors = [
  { id: 'c', label: 'Client', sublabel: 'browser' },
  { id: 's', label: 'Server', sublabel: 'example.com:443' },
];

const tls13: SequenceInput = {
  actors: twoActors,
  steps: [
    { kind: 'message', from: 'c', to: 's', label: 'ClientHello', detail: 'key_share, supported_versions' },
    { kind: 'message', from: 's', to: 'c', label: 'ServerHello' },
    {
      kind: 'message',
      from: 's',
      to: 'c',
      label: 'EncryptedExtensions\nCertificate\nCertificateVerify\nFinished',
      encrypted: true,
    },
    { kind: 'divider', text: '1 RTT: the request can be sent' },
    { kind: 'message', from: 'c', to: 's', label: 'Finished + GET /', encrypted: true },
    { kind: 'note', over: ['c', 's'], text: 'Application data flows both ways' },
  ],
};

const dnsWalk: SequenceInput = {
  actors: [
    { id: 'b', label: 'Browser' },
    { id: 'r', label: 'Resolver' },
    { id: 'root', label: 'Root' },
    { id: 'tld', label: '.com TLD' },
    { id: 'auth', label: 'Authoritative', sublabel: 'ns1.example.com' },
  ],
  steps: [
    { kind: 'message', from: 'b', to: 'r', label: 'A example.com?' },
    { kind: 'message', from: 'r', to: 'auth', label: 'A example.com? (skips two lifelines)' },
    { kind: 'message', from: 'auth', to: 'b', label: 'answer', dashed: true },
    { kind: 'note', over: ['r'], text: 'cached for 3600 s' },
  ],
};

const timedTls: SequenceInput = {
  timed: true,
  actors: twoActors,
  steps: [
    { kind: 'message', from: 'c', to: 's', label: 'ClientHello', sendAt: 0, receiveAt: 20 },
    {
      kind: 'message',
      from: 's',
      to: 'c',
      label: 'ServerHello\nEncryptedExtensions\nCertificate\nCertificateVerify\nFinished',
      sendAt: 20,
      receiveAt: 40,
      encrypted: true,
    },
    { kind: 'divider', text: '1 RTT', at: 40 },
    { kind: 'message', from: 'c', to: 's', label: 'Finished\nGET /', sendAt: 40, receiveAt: 60, encrypted: true },
    { kind: 'message', from: 'c', to: 's', label: 'early', sendAt: 41, receiveAt: 61, early: true },
    { kind: 'message', from: 's', to: 'c', label: '200 OK', detail: 'first byte', sendAt: 60, receiveAt: 80 },
    { kind: 'note', over: ['c'], text: 'page renders' },
  ],
};

/** The label block must clear the arrow over the label's whole width (the arrow may slope). */
function expectLabelAboveArrow(m: ReturnType<typeof layoutSequence>['messages'][number]): void {
  const lineY = (x: number): number => m.y1 + ((x - m.x1) / (m.x2 - m.x1)) * (m.y2 - m.y1);
  const bottom = m.labelBox.y + m.labelBox.height;
  expect(bottom).toBeLessThanOrEqual(Math.min(lineY(m.labelBox.x), lineY(m.labelBox.x + m.labelBox.width)));
}

function expectSceneInvariants(layout: ReturnType<typeof layoutSequence>): void {
  const vb = layout.viewBox;
  for (const shape of layout.shapes) {
    const b = shapeBox(shape);
    expect(b.x).toBeGreaterThanOrEqual(vb.x);
    expect(b.y).toBeGreaterThanOrEqual(vb.y);
    expect(b.x + b.width).toBeLessThanOrEqual(vb.x + vb.width);
    expect(b.y + b.height).toBeLessThanOrEqual(vb.y + vb.height);
  }
}

describe('layoutSequence', () => {
  describe.each([
    ['TLS 1.3', tls13],
    ['DNS walk', dnsWalk],
    ['timed TLS', timedTls],
  ])('%s', (_, input) => {
    const layout = layoutSequence(input);

    it('draws every arrow from the sender column to the receiver column', () => {
      const x = new Map(layout.actors.map((a) => [a.id, a.x]));
      const messages = input.steps.filter((s) => s.kind === 'message');
      expect(layout.messages).toHaveLength(messages.length);
      for (const m of layout.messages) {
        expect(m.x1).toBe(x.get(m.from));
        expect(m.x2).toBe(x.get(m.to));
      }
    });

    it('places columns left to right in the given order with room between headers', () => {
      for (let i = 1; i < layout.actors.length; i++) {
        const left = layout.actors[i - 1];
        const right = layout.actors[i];
        expect(right?.x).toBeGreaterThan(left?.x as number);
        expect(boxesOverlap(left?.box as never, right?.box as never)).toBe(false);
      }
    });

    it('keeps all shapes inside the viewBox', () => {
      expectSceneInvariants(layout);
    });

    it('keeps every label above its own arrow and inside the span between the two columns', () => {
      for (const m of layout.messages) {
        expectLabelAboveArrow(m);
        const mid = (m.x1 + m.x2) / 2;
        expect(m.labelBox.x + m.labelBox.width / 2).toBeCloseTo(mid, 0);
        expect(m.labelBox.width).toBeLessThan(Math.abs(m.x2 - m.x1));
      }
    });

    it('never lets two labels overlap', () => {
      const boxes = layout.messages.flatMap((m) => [m.labelBox, ...(m.detailBox ? [m.detailBox] : [])]);
      for (let a = 0; a < boxes.length; a++) {
        for (let b = a + 1; b < boxes.length; b++) {
          // Messages sent 1 ms apart in the timed example may share a line; only distinct times must be apart.
          if (input === timedTls) continue;
          expect(boxesOverlap(boxes[a] as never, boxes[b] as never, 0.5)).toBe(false);
        }
      }
    });

    it('sizes actor boxes to their text', () => {
      for (const [i, actor] of input.actors.entries()) {
        const box = layout.actors[i]?.box;
        expect(estimateTextWidth(actor.label, 15, true)).toBeLessThan(box?.width as number);
      }
    });

    it('describes every step in reading order', () => {
      expect(layout.description).toHaveLength(input.steps.length + 1);
      for (const [i, step] of input.steps.entries()) {
        expect(layout.description[i + 1]?.startsWith(`${i + 1}.`)).toBe(true);
        if (step.kind === 'message') expect(layout.description[i + 1]).toContain(step.label.split('\n')[0]);
      }
    });
  });

  it('stacks untimed rows without overlap and slopes arrows downward', () => {
    const layout = layoutSequence(tls13);
    for (let i = 1; i < layout.steps.length; i++) {
      expect(layout.steps[i]?.top).toBeGreaterThan(layout.steps[i - 1]?.bottom as number);
    }
    for (const m of layout.messages) expect(m.y2).toBeGreaterThan(m.y1);
  });

  it('maps times linearly and monotonically to y when timed', () => {
    const layout = layoutSequence(timedTls);
    const scale = layout.scale as number;
    expect(scale).toBeGreaterThan(0);
    const messages = timedTls.steps.filter((s) => s.kind === 'message');
    const first = layout.messages[0];
    for (const [i, m] of layout.messages.entries()) {
      const step = messages[i] as Extract<SequenceStep, { kind: 'message' }>;
      expect(m.y1).toBeCloseTo((first?.y1 as number) + (step.sendAt as number) * scale, 0);
      expect(m.y2).toBeCloseTo((first?.y1 as number) + (step.receiveAt as number) * scale, 0);
    }
    const sorted = [...layout.messages].sort((a, b) => a.y1 - b.y1);
    const bySend = [...messages].sort((a, b) => (a.sendAt as number) - (b.sendAt as number));
    expect(sorted.map((m) => m.step)).toEqual(bySend.map((s) => timedTls.steps.indexOf(s)));
  });

  it('grows the time scale until labels of different moments stop overlapping', () => {
    const layout = layoutSequence({
      timed: true,
      actors: twoActors,
      steps: [
        { kind: 'message', from: 'c', to: 's', label: 'A\nB\nC\nD', sendAt: 0, receiveAt: 1 },
        { kind: 'message', from: 's', to: 'c', label: 'E\nF\nG\nH', sendAt: 1, receiveAt: 2 },
        { kind: 'message', from: 'c', to: 's', label: 'I\nJ\nK\nL', sendAt: 2, receiveAt: 3 },
      ],
    });
    const [a, b, c] = layout.messages;
    expect(boxesOverlap(a?.labelBox as never, b?.labelBox as never, 0.5)).toBe(false);
    expect(boxesOverlap(b?.labelBox as never, c?.labelBox as never, 0.5)).toBe(false);
  });

  it('draws a time axis with round ticks when timed', () => {
    const layout = layoutSequence(timedTls);
    const ticks = layout.shapes.filter((s) => s.type === 'text' && s.lines[0]?.text.endsWith(' ms'));
    expect(ticks.map((t) => (t.type === 'text' ? t.lines[0]?.text : ''))).toEqual([
      '0 ms',
      '10 ms',
      '20 ms',
      '30 ms',
      '40 ms',
      '50 ms',
      '60 ms',
      '70 ms',
      '80 ms',
    ]);
    const axis = layout.shapes.find((s) => s.role === 'axis');
    const leftmost = Math.min(...layout.actors.map((a) => a.box.x));
    expect(axis?.type === 'line' && axis.x1 < leftmost).toBe(true);
  });

  it('widens the gap so a long label fits between its columns', () => {
    const long = 'A very long message label that needs a lot of room';
    const layout = layoutSequence({ actors: twoActors, steps: [{ kind: 'message', from: 'c', to: 's', label: long }] });
    const [c, s] = layout.actors;
    expect((s?.x as number) - (c?.x as number)).toBeGreaterThan(estimateTextWidth(long, 14));
  });

  it('shares the extra room of a long non-adjacent label between the gaps it spans', () => {
    const layout = layoutSequence({
      actors: [
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
        { id: 'c', label: 'C' },
      ],
      steps: [{ kind: 'message', from: 'a', to: 'c', label: 'x'.repeat(80) }],
    });
    const [a, b, c] = layout.actors.map((actor) => actor.x);
    expect((b as number) - (a as number)).toBeCloseTo((c as number) - (b as number), 5);
  });

  it('adds a legend only for the styles in use', () => {
    expect(layoutSequence(tls13).legend).toEqual(['Encrypted']);
    expect(layoutSequence(dnsWalk).legend).toEqual(['Optional or conditional']);
    expect(layoutSequence(timedTls).legend).toEqual(['Encrypted', 'Early data (0-RTT)']);
    const plain = layoutSequence({ actors: twoActors, steps: [{ kind: 'message', from: 'c', to: 's', label: 'SYN' }] });
    expect(plain.legend).toEqual([]);
  });

  it('wraps the legend onto a second row when it is wider than the diagram', () => {
    const layout = layoutSequence({
      actors: twoActors,
      steps: [
        { kind: 'message', from: 'c', to: 's', label: 'a', encrypted: true },
        { kind: 'message', from: 'c', to: 's', label: 'b', early: true },
        { kind: 'message', from: 'c', to: 's', label: 'c', dashed: true },
      ],
    });
    const legendTexts = layout.shapes.filter(
      (s) => s.type === 'text' && ['Encrypted', 'Optional or conditional'].includes(s.lines[0]?.text ?? ''),
    );
    const ys = legendTexts.map((s) => (s.type === 'text' ? s.lines[0]?.y : 0));
    expect(new Set(ys).size).toBe(2);
  });

  it('marks encrypted messages with a padlock and the encrypted style', () => {
    const layout = layoutSequence(tls13);
    expect(layout.shapes.filter((s) => s.role === 'lock')).toHaveLength(2 + 1); // two messages + legend
    expect(layout.shapes.filter((s) => s.role === 'message-encrypted')).toHaveLength(2 + 1);
    expect(layout.description[3]).toContain('[encrypted]');
  });

  it('describes times, details and flags', () => {
    const layout = layoutSequence(timedTls);
    expect(layout.description[0]).toBe('Columns from left to right: Client (browser), Server (example.com:443).');
    expect(layout.description[1]).toBe('1. Client to Server: ClientHello, sent at 0 ms, received at 20 ms.');
    expect(layout.description[5]).toContain('[0-RTT early data]');
    expect(layout.description[6]).toContain('(first byte)');
    expect(layout.description[7]).toBe('7. Note over Client: page renders.');
  });

  describe('rejects broken input with a clear message', () => {
    it.each<[string, SequenceInput, string]>([
      [
        'unknown sender',
        { actors: twoActors, steps: [{ kind: 'message', from: 'x', to: 's', label: 'SYN' }] },
        "Step 1 (message) names unknown actor 'x'; known actors: 'c', 's'.",
      ],
      [
        'unknown note actor',
        { actors: twoActors, steps: [{ kind: 'note', over: ['c', 'q'], text: 'hi' }] },
        "Step 1 (note) names unknown actor 'q'; known actors: 'c', 's'.",
      ],
      ['one actor', { actors: [{ id: 'a', label: 'A' }], steps: [] }, 'A sequence diagram needs 2 to 6 actors; got 1.'],
      [
        'duplicate ids',
        {
          actors: [
            { id: 'a', label: 'A' },
            { id: 'a', label: 'B' },
          ],
          steps: [],
        },
        "Actor id 'a' is used twice; actor ids must be unique.",
      ],
      ['no steps', { actors: twoActors, steps: [] }, 'A sequence diagram needs at least one step.'],
      [
        'self message',
        { actors: twoActors, steps: [{ kind: 'message', from: 'c', to: 'c', label: 'x' }] },
        "Step 1 (message) goes from 'c' to itself; messages must join two different actors.",
      ],
      [
        'empty label',
        { actors: twoActors, steps: [{ kind: 'message', from: 'c', to: 's', label: ' ' }] },
        'Step 1 (message) has an empty label.',
      ],
      [
        'timed without times',
        { timed: true, actors: twoActors, steps: [{ kind: 'message', from: 'c', to: 's', label: 'SYN' }] },
        "Step 1 (message) 'SYN' needs finite sendAt and receiveAt (ms) because the diagram is timed.",
      ],
      [
        'arrives before sent',
        {
          timed: true,
          actors: twoActors,
          steps: [{ kind: 'message', from: 'c', to: 's', label: 'SYN', sendAt: 5, receiveAt: 1 }],
        },
        "Step 1 (message) 'SYN' arrives (receiveAt 1 ms) before it is sent (sendAt 5 ms).",
      ],
      [
        'times without timed',
        { actors: twoActors, steps: [{ kind: 'message', from: 'c', to: 's', label: 'SYN', sendAt: 0 }] },
        "Step 1 (message) 'SYN' has sendAt/receiveAt but the diagram is not timed; add timed or remove them.",
      ],
      [
        'note without actors',
        { actors: twoActors, steps: [{ kind: 'note', over: [], text: 'hi' }] },
        "Step 1 (note) 'hi' must name at least one actor in over.",
      ],
      [
        'note at without timed',
        { actors: twoActors, steps: [{ kind: 'note', over: ['c'], text: 'hi', at: 3 }] },
        "Step 1 (note) 'hi' has at but the diagram is not timed.",
      ],
      [
        'divider at without timed',
        { actors: twoActors, steps: [{ kind: 'divider', text: 'RTT', at: 3 }] },
        "Step 1 (divider) 'RTT' has at but the diagram is not timed.",
      ],
      [
        'timed without messages',
        { timed: true, actors: twoActors, steps: [{ kind: 'divider', text: 'RTT', at: 3 }] },
        'A timed sequence diagram needs at least one message.',
      ],
    ])('%s', (_, input, message) => {
      expect(() => layoutSequence(input)).toThrow(message);
    });
  });

  it('keeps its invariants for random diagrams', () => {
    const actorCount = fc.integer({ min: 2, max: 6 });
    fc.assert(
      fc.property(
        actorCount.chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(
              fc.oneof(
                fc.record({
                  kind: fc.constant('message' as const),
                  from: fc.integer({ min: 0, max: n - 1 }),
                  hop: fc.integer({ min: 1, max: n - 1 }),
                  label: fc.array(fc.string({ minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 4 }),
                  encrypted: fc.boolean(),
                }),
                fc.record({ kind: fc.constant('divider' as const), text: fc.string({ minLength: 1, maxLength: 40 }) }),
              ),
              { minLength: 1, maxLength: 10 },
            ),
          ),
        ),
        ([n, raw]) => {
          const actors = Array.from({ length: n }, (_, i) => ({ id: `a${i}`, label: `Actor ${i}` }));
          const steps: SequenceStep[] = raw.map((s) =>
            s.kind === 'divider'
              ? s
              : {
                  kind: 'message',
                  from: `a${s.from}`,
                  to: `a${(s.from + s.hop) % n}`,
                  label: s.label.map((l) => l.replace(/\s/g, ' ').trim() || 'x').join('\n'),
                  encrypted: s.encrypted,
                },
          );
          const layout = layoutSequence({ actors, steps });
          expectSceneInvariants(layout);
          for (let i = 1; i < layout.steps.length; i++) {
            expect(layout.steps[i]?.top).toBeGreaterThan(layout.steps[i - 1]?.bottom as number);
          }
          for (const m of layout.messages) {
            expect(m.labelBox.width).toBeLessThan(Math.abs(m.x2 - m.x1));
            expectLabelAboveArrow(m);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
