/** The slice of a Sätteri hast node and visitor context that {@link rowHeadersPlugin} uses. */
interface HastLike {
  readonly type: string;
  readonly tagName?: string;
  readonly value?: string;
  readonly properties?: Readonly<Record<string, unknown>>;
  readonly children?: readonly HastLike[];
}
interface RowHeaderContext<N> {
  parent(node: N): HastLike | undefined;
  indexOf(node: N): number | undefined;
  replaceNode(node: N, newNode: HastLike): void;
}

const isBlank = (node: HastLike): boolean =>
  node.type === 'text' ? (node.value ?? '').trim() === '' : (node.children ?? []).every(isBlank);

const firstElement = (node: HastLike | undefined): HastLike | undefined =>
  node?.children?.find((child) => child.type === 'element');

/**
 * Sätteri hast plugin: a Markdown table whose top-left header cell is empty (`| | TCP | UDP |`) is a two-way
 * comparison whose first column names each row, but Markdown can only write that column as data cells, so assistive
 * technology reads the cells of that column without a header (axe and Lighthouse `td-has-header`, WCAG 1.3.1). For
 * such tables this makes each body row's first cell a row header (`<th scope="row">`), the header row's cells column
 * headers (`scope="col"`), and the empty corner an ordinary cell (an empty `<th>` is a header with no name).
 */
export function rowHeadersPlugin() {
  return {
    name: 'packet-journey-row-headers',
    element: {
      filter: ['td', 'th'],
      visit<N extends HastLike>(node: N, ctx: RowHeaderContext<N>): void {
        const row = ctx.parent(node);
        const section = row === undefined ? undefined : ctx.parent(row as N);
        const table = section === undefined ? undefined : ctx.parent(section as N);
        if (row?.tagName !== 'tr' || table?.tagName !== 'table') return;
        const head = table.children?.find((child) => child.tagName === 'thead');
        const corner = firstElement(firstElement(head));
        if (corner === undefined || !isBlank(corner)) return;
        const index = ctx.indexOf(node) ?? 0;
        const first = (row.children ?? []).slice(0, index).every((sibling) => sibling.type !== 'element');
        const properties = node.properties ?? {};
        if (section?.tagName === 'thead') {
          if (first)
            ctx.replaceNode(node, { type: 'element', tagName: 'td', properties, children: node.children ?? [] });
          else if (properties['scope'] === undefined) {
            ctx.replaceNode(node, { ...node, properties: { ...properties, scope: 'col' } });
          }
        } else if (first && node.tagName === 'td') {
          ctx.replaceNode(node, {
            type: 'element',
            tagName: 'th',
            properties: { ...properties, scope: 'row' },
            children: node.children ?? [],
          });
        }
      },
    },
  };
}
