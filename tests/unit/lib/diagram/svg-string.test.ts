import { describe, expect, it } from 'vitest';
import {
  diagramId,
  escapeXml,
  layoutSequence,
  MIN_DIAGRAM_SCALE,
  renderSvg,
} from '../../../../src/lib/diagram/index.ts';

// The deprecated string renderer (src/lib/diagram/svg.ts renderSvg), kept only while TlsCalculator.tsx injects its
// output. Delete this file with renderSvg and escapeXml; tests/components/diagrams/Figure.test.tsx keeps the markup.

describe('renderSvg', () => {
  const layout = layoutSequence({
    actors: [
      { id: 'c', label: 'Client <you>' },
      { id: 's', label: 'Server' },
    ],
    steps: [
      { kind: 'message', from: 'c', to: 's', label: 'GET /?a=1&b="2"', encrypted: true },
      { kind: 'message', from: 's', to: 'c', label: '200 OK' },
    ],
  });
  const id = diagramId('HTTP & TLS', 'caption');
  const svg = renderSvg(layout, { id, title: 'HTTP & TLS <exchange>' });

  it('is an accessible image labelled by its title and described by its desc', () => {
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toContain(`aria-labelledby="${id}-title"`);
    expect(svg).toContain(`aria-describedby="${id}-desc"`);
    expect(svg).toContain(`<title id="${id}-title">HTTP &amp; TLS &lt;exchange&gt;</title>`);
    expect(svg).toContain(`<desc id="${id}-desc">Columns from left to right: Client &lt;you&gt;, Server.`);
  });

  it('sizes by viewBox with a max width at natural size', () => {
    const { x, y, width, height } = layout.viewBox;
    expect(svg).toContain(`viewBox="${x} ${y} ${width} ${height}"`);
    expect(svg).toContain(`style="max-width:${width}px;min-width:${Math.ceil(width * MIN_DIAGRAM_SCALE)}px"`);
  });

  it('escapes text and emits one element per shape', () => {
    expect(svg).toContain('GET /?a=1&amp;b=&quot;2&quot;');
    expect(svg).not.toContain('b="2"');
    const elements = svg.match(/<(rect|line|polygon|polyline|text) /g) ?? [];
    expect(elements).toHaveLength(layout.shapes.length);
    expect(svg).toContain('class="dg-message-encrypted"');
    expect(svg).toContain('font-weight="600"');
  });

  it('escapes markup', () => {
    expect(escapeXml('<a href="x">&</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
  });
});
