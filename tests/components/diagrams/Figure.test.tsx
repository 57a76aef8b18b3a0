// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { renderToString } from 'preact-render-to-string';
import { afterEach, describe, expect, it } from 'vitest';
import { Figure } from '../../../src/components/diagrams/Figure.tsx';
import { Scene } from '../../../src/components/diagrams/Scene.tsx';
import {
  diagramId,
  layoutFlow,
  layoutLayerStack,
  layoutSequence,
  MIN_DIAGRAM_SCALE,
  type Scene as SceneData,
  type Shape,
  scrollsOnPhone,
} from '../../../src/lib/diagram/index.ts';
import { scenarioIds, simulateHandshake, toSequenceDiagram } from '../../../src/lib/handshake/index.ts';

afterEach(cleanup);

/**
 * The markup the diagrams were printed as before they became components (the old string renderer), kept here as
 * the oracle: the component must produce the same elements, attributes and text.
 */
function oracleSvg(scene: SceneData, id: string, title: string): string {
  const esc = (t: string): string =>
    t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const pts = (s: Extract<Shape, { type: 'path' }>): string => s.points.map(([x, y]) => `${x},${y}`).join(' ');
  const shape = (s: Shape): string => {
    const cls = `dg-${s.role}`;
    switch (s.type) {
      case 'rect':
        return `<rect class="${cls}" x="${s.x}" y="${s.y}" width="${s.width}" height="${s.height}" rx="${s.rx}"/>`;
      case 'line':
        return `<line class="${cls}" x1="${s.x1}" y1="${s.y1}" x2="${s.x2}" y2="${s.y2}"/>`;
      case 'path':
        return `<${s.closed ? 'polygon' : 'polyline'} class="${cls}" points="${pts(s)}"/>`;
      case 'text': {
        const weight = s.bold ? ' font-weight="600"' : '';
        const spans = s.lines.map((l) => `<tspan x="${l.x}" y="${l.y}">${esc(l.text)}</tspan>`).join('');
        return `<text class="${cls}" text-anchor="${s.anchor}" font-size="${s.fontSize}"${weight}>${spans}</text>`;
      }
    }
  };
  const { x, y, width, height } = scene.viewBox;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="dg-svg" role="img" viewBox="${x} ${y} ${width} ${height}" ` +
    `width="${width}" height="${height}" style="max-width:${width}px;min-width:${Math.ceil(width * MIN_DIAGRAM_SCALE)}px" ` +
    `aria-labelledby="${id}-title" aria-describedby="${id}-desc">` +
    `<title id="${id}-title">${esc(title)}</title><desc id="${id}-desc">${esc(scene.description.join(' '))}</desc>` +
    `${scene.shapes.map(shape).join('')}</svg>`
  );
}

/** Element tree as plain data: tag, attributes sorted (style without spaces or a trailing ;), own text. */
function tree(html: string): unknown {
  const host = document.createElement('div');
  host.innerHTML = html;
  const walk = (e: Element): unknown => ({
    tag: e.tagName.toLowerCase(),
    attributes: [...e.attributes]
      .map((a) => [a.name, a.name === 'style' ? a.value.replace(/\s|;$/g, '') : a.value])
      .sort(),
    text: [...e.childNodes]
      .filter((n) => n.nodeType === 3)
      .map((n) => n.textContent)
      .join(''),
    children: [...e.children].map(walk),
  });
  return walk(host.firstElementChild as Element);
}

const scenes: [string, SceneData][] = [
  ...scenarioIds.map((id): [string, SceneData] => {
    const d = toSequenceDiagram(simulateHandshake(id, { rttMs: 100 }));
    return [`ladder ${id}`, layoutSequence({ actors: d.actors, steps: d.steps, timed: true })];
  }),
  [
    'untimed ladder with escapes',
    layoutSequence({
      actors: [
        { id: 'c', label: 'Client <you> & "me"' },
        { id: 's', label: 'Server' },
      ],
      steps: [
        { kind: 'message', from: 'c', to: 's', label: 'A\nB', encrypted: true, detail: 'd' },
        { kind: 'note', over: ['c', 's'], text: 'note' },
        { kind: 'divider', text: '1 RTT' },
        { kind: 'message', from: 's', to: 'c', label: 'C', early: true, dashed: true },
      ],
    }),
  ],
  [
    'flow',
    layoutFlow({
      nodes: [
        { id: 'a', label: 'Laptop', col: 0, row: 0, kind: 'client' },
        { id: 'b', label: 'Router', sublabel: '192.0.2.1', col: 1, row: 0, kind: 'router' },
        { id: 'c', label: 'Server', col: 1, row: 1, kind: 'server' },
      ],
      edges: [
        { from: 'a', to: 'b', label: 'HTTPS' },
        { from: 'b', to: 'c', dashed: true },
        { from: 'a', to: 'c', both: true },
      ],
      groups: [{ label: 'Home', nodes: ['a', 'b'] }],
    }),
  ],
  [
    'layer stack',
    layoutLayerStack({
      variant: 'stack',
      layersHeading: 'OSI',
      layers: [
        { number: 2, label: 'Data link', examples: 'Ethernet' },
        { number: 1, label: 'Physical', detail: 'bits' },
      ],
      columns: [{ heading: 'TCP/IP', cells: [{ label: 'Link', rowSpan: 2 }] }],
    }),
  ],
  [
    'encapsulation',
    layoutLayerStack({
      variant: 'encapsulation',
      pdus: [
        { name: 'Segment', layer: 'L4', parts: [{ label: 'Data', role: 'payload' }] },
        {
          name: 'Frame',
          layer: 'L2',
          parts: [
            { label: 'Eth', role: 'header', bytes: '14 B' },
            { label: 'Segment', role: 'payload' },
            { label: 'FCS', role: 'trailer', bytes: '4 B' },
          ],
        },
      ],
    }),
  ],
];

describe('Scene renders the same SVG the string renderer did', () => {
  it.each(scenes)('%s', (_, scene) => {
    const html = renderToString(<Scene scene={scene} title="A <title> & more" id="dg-x" />);
    expect(html).not.toContain('dangerouslySetInnerHTML');
    expect(tree(html)).toEqual(tree(oracleSvg(scene, 'dg-x', 'A <title> & more')));
  });
});

describe('Figure', () => {
  const narrow = scenes.find(([name]) => name === 'layer stack')?.[1] as SceneData;
  const wide = scenes.find(([, scene]) => scrollsOnPhone(scene))?.[1] as SceneData;

  it('is a named image with a description and a caption; ids derive from title and caption', () => {
    expect(scrollsOnPhone(narrow)).toBe(false);
    const { container } = render(<Figure scene={narrow} title="OSI layers" caption="Two layers." />);
    const image = screen.getByRole('img', { name: 'OSI layers' });
    const id = diagramId('OSI layers', 'Two layers.');
    expect(image.getAttribute('aria-describedby')).toBe(`${id}-desc`);
    expect(document.getElementById(`${id}-desc`)?.textContent).toBe(narrow.description.join(' '));
    expect(container.querySelector('figure.diagram > figcaption')?.textContent).toBe('Two layers.');
    expect(container.querySelector('.dg-scroll')).toBeNull();
  });

  it('puts a wide diagram in a keyboard-focusable scroller named by the caption, ids scoped when asked', () => {
    expect(scrollsOnPhone(wide)).toBe(true);
    const { container } = render(<Figure scene={wide} title="TLS" caption="Wide." scope="calc" />);
    const scroller = container.querySelector('.dg-scroll');
    const id = `calc-${diagramId('TLS', 'Wide.')}`;
    expect(scroller?.getAttribute('tabindex')).toBe('0');
    expect(scroller?.getAttribute('role')).toBe('group');
    expect(scroller?.getAttribute('aria-labelledby')).toBe(`${id}-caption`);
    expect(document.getElementById(`${id}-caption`)?.textContent).toBe('Wide.');
    expect(screen.getByRole('img', { name: 'TLS' }).getAttribute('aria-labelledby')).toBe(`${id}-title`);
  });
});

describe('Scene redraws', () => {
  const line = (role: Shape['role'], y: number): Shape => ({ type: 'line', role, x1: 0, y1: y, x2: 100, y2: y });
  const label = (text: string, y: number): Shape => ({
    type: 'text',
    role: 'text-muted',
    anchor: 'end',
    fontSize: 11,
    bold: false,
    lines: [{ text, x: -8, y }],
  });
  const chip: Shape = { type: 'rect', role: 'chip', x: 40, y: 30, width: 20, height: 10, rx: 3 };
  const scene = (shapes: Shape[]): SceneData => ({
    viewBox: { x: -20, y: 0, width: 140, height: 100 },
    shapes,
    description: ['A test.'],
  });

  it('keys shapes by type, role and rank, so shapes added in the middle leave the later ones in place', () => {
    const before = scene([line('tick', 0), label('0 ms', 4), line('message', 30), chip]);
    // A longer time axis: two more ticks before the message, which moved down.
    const after = scene([
      line('tick', 0),
      label('0 ms', 4),
      line('tick', 20),
      label('50 ms', 24),
      line('message', 40),
      { ...chip, y: 40 },
    ]);
    const { container, rerender } = render(<Scene scene={before} title="T" id="t" />);
    const message = container.querySelector('line.dg-message');
    const rect = container.querySelector('rect.dg-chip');
    rerender(<Scene scene={after} title="T" id="t" />);
    // The same elements, updated (with index keys the chip, now sixth, was a new element and the old one removed).
    expect(container.querySelector('line.dg-message')).toBe(message);
    expect(container.querySelector('rect.dg-chip')).toBe(rect);
    expect(rect?.getAttribute('y')).toBe('40');
    expect(message?.getAttribute('y1')).toBe('40');
    // And in paint order, as the scene lists them.
    expect([...(container.querySelector('svg')?.children ?? [])].slice(2).map((e) => e.getAttribute('class'))).toEqual([
      'dg-tick',
      'dg-text-muted',
      'dg-tick',
      'dg-text-muted',
      'dg-message',
      'dg-chip',
    ]);
  });
});
