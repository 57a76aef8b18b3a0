import { describe, expect, it } from 'vitest';
import { boxesOverlap, type LayerStackInput, layoutLayerStack, shapeBox } from '../../../../src/lib/diagram/index.ts';
import { estimateTextWidth } from '../../../../src/lib/diagram/text.ts';

const osi: LayerStackInput = {
  variant: 'stack',
  layersHeading: 'OSI model',
  layers: [
    { number: 7, label: 'Application', examples: 'HTTP, DNS' },
    { number: 6, label: 'Presentation', examples: 'TLS (roughly)' },
    { number: 5, label: 'Session' },
    { number: 4, label: 'Transport', detail: 'segments, ports', examples: 'TCP, UDP, QUIC' },
    { number: 3, label: 'Network', examples: 'IPv4, IPv6, ICMP' },
    { number: 2, label: 'Data link', examples: 'Ethernet, Wi-Fi' },
    { number: 1, label: 'Physical', examples: 'copper, fibre, radio' },
  ],
  columns: [
    {
      heading: 'TCP/IP',
      cells: [
        { label: 'Application', rowSpan: 3 },
        { label: 'Transport', rowSpan: 1 },
        { label: 'Internet', rowSpan: 1 },
        { label: 'Link', rowSpan: 2 },
      ],
    },
  ],
};

const encapsulation: LayerStackInput = {
  variant: 'encapsulation',
  pdus: [
    { name: 'Message', layer: 'Application', parts: [{ label: 'HTTP request', role: 'payload' }] },
    {
      name: 'Segment',
      layer: 'Transport',
      parts: [
        { label: 'TCP header', role: 'header', bytes: '20 B' },
        { label: 'HTTP request', role: 'payload' },
      ],
    },
    {
      name: 'Packet',
      layer: 'Network',
      parts: [
        { label: 'IP header', role: 'header', bytes: '20 B' },
        { label: 'TCP header', role: 'header', bytes: '20 B' },
        { label: 'HTTP request', role: 'payload' },
      ],
    },
    {
      name: 'Frame',
      layer: 'Data link',
      parts: [
        { label: 'Ethernet header', role: 'header', bytes: '14 B' },
        { label: 'IP header', role: 'header', bytes: '20 B' },
        { label: 'TCP header', role: 'header', bytes: '20 B' },
        { label: 'HTTP request', role: 'payload' },
        { label: 'FCS', role: 'trailer', bytes: '4 B' },
      ],
    },
  ],
};

function expectInsideViewBox(layout: ReturnType<typeof layoutLayerStack>): void {
  const vb = layout.viewBox;
  for (const s of layout.shapes) {
    const b = shapeBox(s);
    expect(b.x >= vb.x && b.y >= vb.y && b.x + b.width <= vb.x + vb.width && b.y + b.height <= vb.y + vb.height).toBe(
      true,
    );
  }
}

describe('layoutLayerStack: stack', () => {
  const layout = layoutLayerStack(osi);

  it('stacks rows top to bottom without overlap, all the same width', () => {
    expect(layout.rows).toHaveLength(7);
    for (let i = 1; i < layout.rows.length; i++) {
      const above = layout.rows[i - 1] as { y: number; height: number };
      expect(layout.rows[i]?.y).toBeGreaterThan(above.y + above.height);
      expect(layout.rows[i]?.width).toBe(layout.rows[0]?.width);
    }
  });

  it('spans side-column cells over exactly their rows', () => {
    const cells = layout.cells[0] ?? [];
    expect(cells).toHaveLength(4);
    const rows = layout.rows;
    expect(cells[0]?.y).toBe(rows[0]?.y);
    expect((cells[0]?.y as number) + (cells[0]?.height as number)).toBe(
      (rows[2]?.y as number) + (rows[2]?.height as number),
    );
    expect(cells[3]?.y).toBe(rows[5]?.y);
    expect((cells[3]?.y as number) + (cells[3]?.height as number)).toBe(
      (rows[6]?.y as number) + (rows[6]?.height as number),
    );
    for (const cell of cells) expect(cell.x).toBeGreaterThan((rows[0]?.x as number) + (rows[0]?.width as number));
  });

  it('fits the labels and examples inside the rows', () => {
    const row = layout.rows[0] as { width: number };
    expect(row.width).toBeGreaterThan(
      estimateTextWidth('Presentation', 15, true) + estimateTextWidth('copper, fibre, radio', 13),
    );
    expectInsideViewBox(layout);
  });

  it('describes the layers and the column mapping', () => {
    expect(layout.description[0]).toBe('OSI model, top to bottom:');
    expect(layout.description[4]).toBe('4 Transport (segments, ports) — TCP, UDP, QUIC.');
    expect(layout.description.at(-1)).toBe(
      'TCP/IP: Application covers Application to Session; Transport covers Transport; Internet covers Network; Link covers Data link to Physical.',
    );
  });

  it('works without numbers, columns or heading', () => {
    const plain = layoutLayerStack({ variant: 'stack', layers: [{ label: 'Top' }, { label: 'Bottom', detail: 'x' }] });
    expect(plain.rows).toHaveLength(2);
    expect(plain.cells).toEqual([]);
    expect(plain.shapes.some((s) => s.role === 'badge')).toBe(false);
    expect(plain.description).toEqual(['Layers, top to bottom:', '1. Top.', '2. Bottom (x).']);
  });

  it.each<[string, LayerStackInput, string]>([
    ['no layers', { variant: 'stack' }, "A layer stack with variant 'stack' needs at least one entry in layers."],
    [
      'spans do not add up',
      {
        variant: 'stack',
        layers: [{ label: 'A' }, { label: 'B' }],
        columns: [{ heading: 'X', cells: [{ label: 'C', rowSpan: 1 }] }],
      },
      "The row spans of column 'X' add up to 1, but there are 2 layers; they must match.",
    ],
    [
      'bad span',
      { variant: 'stack', layers: [{ label: 'A' }], columns: [{ heading: 'X', cells: [{ label: 'C', rowSpan: 0 }] }] },
      "Cell 'C' in column 'X' has rowSpan 0; use a whole number ≥ 1.",
    ],
  ])('rejects %s', (_, input, message) => {
    expect(() => layoutLayerStack(input)).toThrow(message);
  });
});

describe('layoutLayerStack: encapsulation', () => {
  const layout = layoutLayerStack(encapsulation);

  it('lines up parts that share a label from row to row', () => {
    const xOf = (row: number, label: string): number | undefined => {
      const index = encapsulation.pdus?.[row]?.parts.findIndex((p) => p.label === label) as number;
      return layout.cells[row]?.[index]?.x;
    };
    for (const label of ['HTTP request', 'TCP header', 'IP header']) {
      const xs = [0, 1, 2, 3].map((r) => xOf(r, label)).filter((x) => x !== undefined);
      expect(new Set(xs).size).toBe(1);
    }
  });

  it('grows each PDU to contain the one above, parts touching and rows apart', () => {
    for (let k = 1; k < layout.rows.length; k++) {
      const above = layout.rows[k - 1] as { x: number; y: number; width: number; height: number };
      const row = layout.rows[k] as { x: number; y: number; width: number };
      expect(row.x).toBeLessThanOrEqual(above.x);
      expect(row.x + row.width).toBeGreaterThanOrEqual(above.x + above.width - 0.05);
      expect(row.y).toBeGreaterThan(above.y + above.height);
    }
    for (const parts of layout.cells) {
      for (let j = 1; j < parts.length; j++) {
        const prev = parts[j - 1] as { x: number; width: number };
        expect(parts[j]?.x).toBeCloseTo(prev.x + prev.width, 0);
        expect(boxesOverlap(parts[j] as never, prev as never, 0.5)).toBe(false);
      }
    }
    expectInsideViewBox(layout);
  });

  it('stretches a payload under the whole row above when no label is shared', () => {
    const nested = layoutLayerStack({
      variant: 'encapsulation',
      pdus: [
        {
          name: 'Segment',
          layer: 'Transport',
          parts: [
            { label: 'TCP hdr', role: 'header' },
            { label: 'Data', role: 'payload' },
          ],
        },
        {
          name: 'Packet',
          layer: 'Network',
          parts: [
            { label: 'IP hdr', role: 'header' },
            { label: 'Segment', role: 'payload' },
          ],
        },
        { name: 'Raw', layer: 'Wire', parts: [{ label: 'bits', role: 'header' }] },
      ],
    });
    const segment = nested.rows[0] as { x: number; width: number };
    const payload = nested.cells[1]?.[1] as { x: number; width: number };
    expect(payload.x).toBe(segment.x);
    expect(payload.width).toBeCloseTo(segment.width, 0);
    // A row with neither a shared label nor a payload is centred under the row above.
    const packet = nested.rows[1] as { x: number; width: number };
    const raw = nested.rows[2] as { x: number; width: number };
    expect(raw.x + raw.width / 2).toBeCloseTo(packet.x + packet.width / 2, 0);
  });

  it('adds a legend for the roles in use and describes each PDU', () => {
    const legend = layout.shapes.filter(
      (s) => s.type === 'text' && ['Header', 'Payload', 'Trailer'].includes(s.lines[0]?.text ?? ''),
    );
    expect(legend).toHaveLength(3);
    expect(layout.description[1]).toBe('Segment (Transport): TCP header (header, 20 B), HTTP request (payload).');
  });

  it.each<[string, LayerStackInput, string]>([
    [
      'no PDUs',
      { variant: 'encapsulation' },
      "A layer stack with variant 'encapsulation' needs at least one entry in pdus.",
    ],
    [
      'empty PDU',
      { variant: 'encapsulation', pdus: [{ name: 'Frame', layer: 'L2', parts: [] }] },
      "PDU 'Frame' has no parts; give it at least one.",
    ],
    [
      'bad role',
      {
        variant: 'encapsulation',
        pdus: [{ name: 'Frame', layer: 'L2', parts: [{ label: 'x', role: 'footer' as never }] }],
      },
      "Part 'x' of PDU 'Frame' has role 'footer'; use header, payload or trailer.",
    ],
  ])('rejects %s', (_, input, message) => {
    expect(() => layoutLayerStack(input)).toThrow(message);
  });
});
