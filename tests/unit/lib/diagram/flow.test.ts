import { describe, expect, it } from 'vitest';
import { boxesOverlap, type FlowInput, layoutFlow, shapeBox } from '../../../../src/lib/diagram/index.ts';
import { estimateTextWidth } from '../../../../src/lib/diagram/text.ts';

const portForward: FlowInput = {
  nodes: [
    { id: 'client', label: 'Visitor', sublabel: '198.51.100.23', col: 0, row: 0, kind: 'client' },
    { id: 'router', label: 'Home router', sublabel: 'WAN 203.0.113.7', col: 1, row: 0, kind: 'router' },
    { id: 'server', label: 'Web server', sublabel: '192.168.0.10:80', col: 2, row: 0, kind: 'server' },
  ],
  edges: [
    { from: 'client', to: 'router', label: 'to 203.0.113.7:8080' },
    { from: 'router', to: 'server', label: 'to 192.168.0.10:80' },
  ],
  groups: [{ label: 'Home network 192.168.0.0/24', nodes: ['router', 'server'] }],
};

const proxies: FlowInput = {
  nodes: [
    { id: 'laptop', label: 'Laptop', col: 0, row: 0, kind: 'client' },
    { id: 'phone', label: 'Phone', col: 0, row: 2, kind: 'client' },
    { id: 'fwd', label: 'Forward proxy', sublabel: 'corporate', col: 1, row: 1, kind: 'proxy' },
    { id: 'net', label: 'Internet', col: 2, row: 1, kind: 'internet' },
    { id: 'rev', label: 'Reverse proxy', sublabel: 'TLS termination', col: 3, row: 1, kind: 'proxy' },
    { id: 'app1', label: 'App server 1', col: 4, row: 0, kind: 'server' },
    { id: 'app2', label: 'App server 2', col: 4, row: 2, kind: 'server' },
    { id: 'dns', label: 'DNS resolver', col: 2, row: 3, kind: 'dns' },
    { id: 'zone', label: 'DMZ', col: 3, row: 3, kind: 'zone' },
  ],
  edges: [
    { from: 'laptop', to: 'fwd' },
    { from: 'phone', to: 'fwd' },
    { from: 'fwd', to: 'net', label: 'HTTPS' },
    { from: 'net', to: 'rev', label: 'HTTPS' },
    { from: 'rev', to: 'app1', label: 'HTTP' },
    { from: 'rev', to: 'app2', label: 'HTTP', dashed: true },
    { from: 'net', to: 'dns', label: 'query', both: true },
    { from: 'dns', to: 'net', label: 'answer' },
  ],
  groups: [
    { label: 'Office', nodes: ['laptop', 'phone', 'fwd'] },
    { label: 'Data centre', nodes: ['rev', 'app1', 'app2'] },
    { label: 'Inner', nodes: ['app1', 'app2'] },
  ],
};

describe('layoutFlow', () => {
  describe.each([
    ['port forwarding', portForward],
    ['proxies', proxies],
  ])('%s', (_, input) => {
    const layout = layoutFlow(input);

    it('places nodes on the grid without overlap, in column and row order', () => {
      for (const a of layout.nodes) {
        for (const b of layout.nodes) {
          if (a !== b) expect(boxesOverlap(a.box, b.box)).toBe(false);
        }
      }
      const byId = new Map(input.nodes.map((n) => [n.id, n]));
      for (const a of layout.nodes) {
        for (const b of layout.nodes) {
          const na = byId.get(a.id);
          const nb = byId.get(b.id);
          if (na && nb && na.col < nb.col) expect(a.box.x + a.box.width).toBeLessThan(b.box.x);
          if (na && nb && na.row < nb.row) expect(a.box.y + a.box.height).toBeLessThan(b.box.y);
        }
      }
    });

    it('sizes nodes to fit their text', () => {
      for (const n of input.nodes) {
        const box = layout.nodes.find((p) => p.id === n.id)?.box;
        expect(estimateTextWidth(n.label, 14, true)).toBeLessThan(box?.width as number);
        if (n.sublabel) expect(estimateTextWidth(n.sublabel, 12)).toBeLessThan(box?.width as number);
      }
    });

    it('starts and ends every edge on the border of its nodes with horizontal or vertical segments', () => {
      const box = new Map(layout.nodes.map((n) => [n.id, n.box]));
      const onBorder = (p: readonly [number, number], b: { x: number; y: number; width: number; height: number }) =>
        ((Math.abs(p[0] - b.x) < 0.2 || Math.abs(p[0] - b.x - b.width) < 0.2) &&
          p[1] >= b.y &&
          p[1] <= b.y + b.height) ||
        ((Math.abs(p[1] - b.y) < 0.2 || Math.abs(p[1] - b.y - b.height) < 0.2) && p[0] >= b.x && p[0] <= b.x + b.width);
      for (const e of layout.edges) {
        expect(onBorder(e.points[0] as [number, number], box.get(e.from) as never)).toBe(true);
        expect(onBorder(e.points.at(-1) as [number, number], box.get(e.to) as never)).toBe(true);
        for (let i = 1; i < e.points.length; i++) {
          const [x0, y0] = e.points[i - 1] as [number, number];
          const [x1, y1] = e.points[i] as [number, number];
          expect(x0 === x1 || y0 === y1).toBe(true);
        }
      }
    });

    it('keeps edge labels off the nodes and off each other', () => {
      const labels = layout.edges.flatMap((e) => (e.labelBox ? [e.labelBox] : []));
      for (const label of labels) {
        for (const n of layout.nodes) expect(boxesOverlap(label, n.box, 0.5)).toBe(false);
      }
      for (let a = 0; a < labels.length; a++) {
        for (let b = a + 1; b < labels.length; b++)
          expect(boxesOverlap(labels[a] as never, labels[b] as never)).toBe(false);
      }
    });

    it('draws group boxes around their nodes, clear of other nodes', () => {
      for (const [gi, group] of (input.groups ?? []).entries()) {
        const g = layout.groups[gi]?.box as { x: number; y: number; width: number; height: number };
        for (const n of layout.nodes) {
          const inside =
            n.box.x > g.x &&
            n.box.y > g.y &&
            n.box.x + n.box.width < g.x + g.width &&
            n.box.y + n.box.height < g.y + g.height;
          expect(inside).toBe(group.nodes.includes(n.id));
          if (!group.nodes.includes(n.id)) expect(boxesOverlap(n.box, g)).toBe(false);
        }
      }
    });

    it('keeps all shapes inside the viewBox', () => {
      const vb = layout.viewBox;
      for (const s of layout.shapes) {
        const b = shapeBox(s);
        expect(
          b.x >= vb.x && b.y >= vb.y && b.x + b.width <= vb.x + vb.width && b.y + b.height <= vb.y + vb.height,
        ).toBe(true);
      }
    });
  });

  it('widens a column gap so a horizontal edge label fits', () => {
    const layout = layoutFlow(portForward);
    const [client, router] = layout.nodes;
    const gap = (router?.box.x as number) - ((client?.box.x as number) + (client?.box.width as number));
    expect(gap).toBeGreaterThan(estimateTextWidth('to 203.0.113.7:8080', 12));
  });

  it('separates two edges between the same pair and puts their labels on opposite sides', () => {
    const layout = layoutFlow({
      nodes: [
        { id: 'a', label: 'Browser', col: 0, row: 0 },
        { id: 'b', label: 'Server', col: 1, row: 0 },
        { id: 'c', label: 'Backend', col: 1, row: 1 },
      ],
      edges: [
        { from: 'a', to: 'b', label: 'request' },
        { from: 'b', to: 'a', label: 'response' },
        { from: 'b', to: 'c', label: 'forward' },
        { from: 'c', to: 'b', label: 'reply' },
      ],
    });
    const [req, res, fwd, rep] = layout.edges;
    expect(req?.points[0]?.[1]).toBeLessThan(res?.points[0]?.[1] as number);
    expect(req?.labelBox?.y).toBeLessThan(res?.labelBox?.y as number);
    expect(fwd?.points[0]?.[0]).toBeLessThan(rep?.points[0]?.[0] as number);
    expect(fwd?.labelBox?.x).toBeLessThan(rep?.labelBox?.x as number);
    expect(boxesOverlap(fwd?.labelBox as never, rep?.labelBox as never)).toBe(false);
  });

  it('routes diagonal neighbours as an L: out of the side, into the top', () => {
    const layout = layoutFlow({
      nodes: [
        { id: 'a', label: 'A', col: 0, row: 0 },
        { id: 'b', label: 'B', col: 1, row: 1 },
      ],
      edges: [
        { from: 'a', to: 'b', label: 'down' },
        { from: 'b', to: 'a', label: 'up' },
      ],
    });
    const [down, up] = layout.edges;
    expect(down?.points).toHaveLength(3);
    const a = layout.nodes[0]?.box as { x: number; y: number; width: number; height: number };
    const b = layout.nodes[1]?.box as { x: number; y: number; width: number; height: number };
    expect(down?.points[0]?.[0]).toBe(a.x + a.width);
    expect(down?.points[2]?.[1]).toBe(b.y);
    expect(up?.points[0]?.[0]).toBe(b.x);
    expect(up?.points[2]?.[1]).toBe(a.y + a.height);
  });

  it('routes vertical-first when the horizontal-first L would cross a node', () => {
    const layout = layoutFlow({
      nodes: [
        { id: 'a', label: 'A', col: 0, row: 0 },
        { id: 'block', label: 'Blocker', col: 1, row: 0 },
        { id: 'b', label: 'B', col: 2, row: 1 },
      ],
      edges: [{ from: 'a', to: 'b', label: 'around' }],
    });
    const edge = layout.edges[0];
    const a = layout.nodes[0]?.box as { x: number; y: number; width: number; height: number };
    expect(edge?.points[0]).toEqual([a.x + a.width / 2, a.y + a.height]);
    expect(edge?.points[1]?.[0]).toBe(edge?.points[0]?.[0]);
  });

  it('rejects an edge that can only pass through another node', () => {
    expect(() =>
      layoutFlow({
        nodes: [
          { id: 'a', label: 'A', col: 0, row: 0 },
          { id: 'mid', label: 'Middle', col: 1, row: 0 },
          { id: 'b', label: 'B', col: 2, row: 0 },
        ],
        edges: [{ from: 'a', to: 'b' }],
      }),
    ).toThrow(
      "Edge a → b would pass through node 'mid'; move a node to another row or column, or leave a free cell on the way.",
    );
  });

  it('draws arrowheads at both ends when asked and marks dashed edges', () => {
    const layout = layoutFlow({
      nodes: [
        { id: 'a', label: 'A', col: 0, row: 0 },
        { id: 'b', label: 'B', col: 0, row: 1 },
      ],
      edges: [{ from: 'a', to: 'b', both: true, dashed: true }],
    });
    expect(layout.shapes.filter((s) => s.role === 'head')).toHaveLength(2);
    expect(layout.shapes.filter((s) => s.role === 'edge-dashed')).toHaveLength(1);
    expect(layout.description.at(-1)).toBe('A and B (dashed).');
  });

  it('describes nodes in reading order, groups and edges', () => {
    const layout = layoutFlow(portForward);
    expect(layout.description).toEqual([
      'Nodes: Visitor (client, 198.51.100.23); Home router (router, WAN 203.0.113.7); Web server (server, 192.168.0.10:80).',
      'Home network 192.168.0.0/24 contains Home router, Web server.',
      'Visitor to Home router: to 203.0.113.7:8080.',
      'Home router to Web server: to 192.168.0.10:80.',
    ]);
  });

  it('uses pill shapes for networks and the internet', () => {
    const layout = layoutFlow(proxies);
    const internet = layout.shapes.find((s) => s.role === 'node-internet');
    expect(internet?.type === 'rect' && internet.rx > 8).toBe(true);
  });

  describe('rejects broken input with a clear message', () => {
    const a = { id: 'a', label: 'A', col: 0, row: 0 };
    it.each<[string, FlowInput, string]>([
      ['no nodes', { nodes: [], edges: [] }, 'A flow diagram needs at least one node.'],
      [
        'duplicate id',
        { nodes: [a, { ...a, col: 1 }], edges: [] },
        "Node id 'a' is used twice; node ids must be unique.",
      ],
      [
        'shared cell',
        { nodes: [a, { ...a, id: 'b' }], edges: [] },
        "Nodes 'a' and 'b' are both at col 0, row 0; move one of them.",
      ],
      [
        'bad cell',
        { nodes: [{ ...a, col: -1 }], edges: [] },
        "Node 'a' has col -1, row 0; both must be whole numbers ≥ 0.",
      ],
      [
        'bad kind',
        { nodes: [{ ...a, kind: 'laptop' as never }], edges: [] },
        "Node 'a' has unknown kind 'laptop'; use one of client, server, network, proxy, router, dns, internet, zone.",
      ],
      [
        'unknown edge node',
        { nodes: [a], edges: [{ from: 'a', to: 'z' }] },
        "Edge 1 (a → z) names unknown node 'z'; known nodes: 'a'.",
      ],
      ['self edge', { nodes: [a], edges: [{ from: 'a', to: 'a' }] }, "Edge 1 goes from 'a' to itself."],
      ['empty group', { nodes: [a], edges: [], groups: [{ label: 'LAN', nodes: [] }] }, "Group 'LAN' has no nodes."],
      [
        'unknown group node',
        { nodes: [a], edges: [], groups: [{ label: 'LAN', nodes: ['q'] }] },
        "Group 'LAN' names unknown node 'q'; known nodes: 'a'.",
      ],
    ])('%s', (_, input, message) => {
      expect(() => layoutFlow(input)).toThrow(message);
    });
  });
});
