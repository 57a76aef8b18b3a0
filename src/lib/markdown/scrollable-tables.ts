/** The slice of a Sätteri hast visitor context that {@link scrollableTablesPlugin} uses. */
interface PropertySetter<N> {
  setProperty(node: N, key: string, value: unknown): void;
}

/**
 * Sätteri hast plugin: Starlight lets a wide Markdown table scroll sideways inside itself on narrow screens, but a
 * scroll container must be reachable by keyboard (WCAG 2.1.1; axe's scrollable-region-focusable). Making every
 * content table focusable lets keyboard users scroll it with the arrow keys.
 */
export function scrollableTablesPlugin() {
  return {
    name: 'packet-journey-scrollable-tables',
    element: {
      filter: ['table'],
      visit<N extends { readonly properties?: Readonly<Record<string, unknown>> }>(
        node: N,
        ctx: PropertySetter<N>,
      ): void {
        if (node.properties?.['tabIndex'] === undefined) ctx.setProperty(node, 'tabIndex', 0);
      },
    },
  };
}
