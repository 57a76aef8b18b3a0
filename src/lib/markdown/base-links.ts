/**
 * Prefix a base path to a root-relative URL ("/names/dns/" → "/packet-journey/names/dns/").
 * Absolute URLs, protocol-relative URLs, fragments and relative paths are returned unchanged,
 * and so is a URL that already starts with the base.
 */
export function withBase(url: string, base: string): string {
  const prefix = base.replace(/\/+$/, '');
  if (prefix === '' || !url.startsWith('/') || url.startsWith('//')) return url;
  if (url === prefix || url.startsWith(`${prefix}/`)) return url;
  return `${prefix}${url}`;
}

/** The structural slice of a Sätteri hast visitor context that {@link baseLinksPlugin} uses. */
interface VisitorContext<N> {
  setProperty(node: N, key: string, value: unknown): void;
  replaceNode(node: N, replacement: N): void;
}

/** The slice of a hast element that {@link baseLinksPlugin} reads. */
interface LinkElement {
  readonly properties?: Readonly<Record<string, unknown>>;
}

/** The slice of an MDX JSX element (`<LinkCard href="/x/" />`) that {@link baseLinksPlugin} reads. */
interface JsxElement {
  readonly attributes: readonly { readonly type: string; readonly name?: string; readonly value?: unknown }[];
}

/** Attributes that hold URLs: HTML's own, and Starlight's link components (LinkCard, LinkButton, Card links). */
const URL_ATTRIBUTES = ['href', 'src', 'link'];

/**
 * Sätteri hast plugin (Astro 7's Markdown processor): authors write root-relative links; when the
 * site is built under a sub-path (BASE_PATH) those links must carry it too, or they 404 on the host.
 * It runs before Starlight's and the link validator's plugins, so the validator sees final URLs.
 */
export function baseLinksPlugin(base: string) {
  const jsx = {
    filter: [] as string[],
    visit<N extends JsxElement>(node: N, ctx: VisitorContext<N>): void {
      let changed = false;
      const attributes = node.attributes.map((attribute) => {
        if (attribute.type !== 'mdxJsxAttribute' || !URL_ATTRIBUTES.includes(attribute.name ?? '')) return attribute;
        if (typeof attribute.value !== 'string') return attribute;
        const value = withBase(attribute.value, base);
        if (value === attribute.value) return attribute;
        changed = true;
        return { ...attribute, value };
      });
      if (changed) ctx.replaceNode(node, { ...node, attributes });
    },
  };
  return {
    name: 'packet-journey-base-links',
    element: {
      filter: ['a', 'img'],
      visit<N extends LinkElement>(node: N, ctx: Pick<VisitorContext<N>, 'setProperty'>): void {
        for (const key of ['href', 'src']) {
          const value = node.properties?.[key];
          if (typeof value === 'string') {
            const rewritten = withBase(value, base);
            if (rewritten !== value) ctx.setProperty(node, key, rewritten);
          }
        }
      },
    },
    mdxJsxFlowElement: jsx,
    mdxJsxTextElement: jsx,
  };
}
