/**
 * "On this page": marks the link of the section being read, in the sidebar list (`<starlight-toc>`) and in the
 * narrow-screen drop-down (`<mobile-starlight-toc>`), which also shows that section's name and closes itself.
 *
 * Starlight's own script finds what to watch with four selectors built on `:has(h2,h3…)`, run over every element
 * under `<main>`, once per list. On the subnetting guide (2,400 elements, 1,600 of them in one embedded table) that
 * query took 19–28 ms at 1× CPU per list during load. This walks down from the linked headings instead: the
 * elements that contain one of them are the only ones opened, and every other element met on the way is watched
 * and belongs to the heading before it. The result is computed once and shared by both lists.
 */

/** Starlight's id for the page title, the first entry of its table of contents. */
const TITLE_ID = '_top';

/**
 * Astro's island wrappers are `display: contents`: they have no box, so an observer never sees them intersect.
 * Their children are watched instead.
 */
const BOXLESS = new Set(['astro-island', 'astro-slot', 'astro-static-slot']);

/** Watched element → index of its entry in the list (both lists hold the same entries in the same order). */
let watchList: Map<Element, number> | undefined;

/** The id a table-of-contents link points at, or '' when its fragment is not valid percent-encoding. */
function targetId(link: HTMLAnchorElement): string {
  try {
    return decodeURIComponent(link.hash.slice(1));
  } catch {
    return '';
  }
}

/** Every element under `<main>` that needs watching, with the entry whose section it is in. */
function watched(links: readonly HTMLAnchorElement[]): Map<Element, number> {
  if (watchList) return watchList;
  const entryOf = new Map<Element, number>();
  links.forEach((link, index) => {
    const heading = document.getElementById(targetId(link));
    if (heading && !entryOf.has(heading)) entryOf.set(heading, index);
  });
  // Every ancestor of a linked heading: these are opened rather than watched whole.
  const holders = new Set<Element>();
  for (const heading of entryOf.keys()) {
    for (let el = heading.parentElement; el && !holders.has(el); el = el.parentElement) holders.add(el);
  }
  const watch = new Map<Element, number>();
  const title = document.getElementById(TITLE_ID);
  let current = (title && entryOf.get(title)) ?? 0;
  const walk = (parent: Element): void => {
    for (const child of parent.children) {
      const entry = entryOf.get(child);
      if (entry !== undefined) {
        current = entry;
        watch.set(child, entry);
      } else if (holders.has(child) || BOXLESS.has(child.localName)) {
        walk(child);
      } else {
        watch.set(child, current);
      }
    }
  };
  const main = document.querySelector('main');
  if (main) walk(main);
  watchList = watch;
  return watch;
}

/** requestIdleCallback where the browser has it (Safari does not), else the next task. */
const whenIdle = (run: () => void): void => {
  if ('requestIdleCallback' in window) window.requestIdleCallback(run);
  else setTimeout(run, 1);
};

export class TocList extends HTMLElement {
  #current: HTMLAnchorElement | null = null;

  constructor() {
    super();
    whenIdle(() => this.#start());
  }

  /** Marks `link` as the section being read. */
  show(link: HTMLAnchorElement): void {
    if (link === this.#current) return;
    this.#current?.removeAttribute('aria-current');
    link.setAttribute('aria-current', 'true');
    this.#current = link;
  }

  /**
   * The band near the top of the viewport where a section counts as being read: from just under the header (and
   * the drop-down's bar) to 53 px below that.
   */
  #band(): string {
    const top =
      (document.querySelector('header')?.getBoundingClientRect().height ?? 0) +
      (this.querySelector('summary')?.getBoundingClientRect().height ?? 0) +
      32;
    return `-${top}px 0% ${top + 53 - document.documentElement.clientHeight}px`;
  }

  #start(): void {
    const links = [...this.querySelectorAll('a')];
    if (links.length === 0) return;
    const watch = watched(links);
    let observer: IntersectionObserver | undefined;
    const observe = (): void => {
      if (observer) return;
      observer = new IntersectionObserver(
        (entries) => {
          for (const { isIntersecting, target } of entries) {
            const link = isIntersecting ? links[watch.get(target) ?? -1] : undefined;
            if (link) {
              this.show(link);
              break;
            }
          }
        },
        { rootMargin: this.#band() },
      );
      for (const el of watch.keys()) observer.observe(el);
    };
    observe();
    // The band depends on the viewport's height: start again once resizing settles.
    let settle: ReturnType<typeof setTimeout> | undefined;
    window.addEventListener('resize', () => {
      observer?.disconnect();
      observer = undefined;
      clearTimeout(settle);
      settle = setTimeout(() => whenIdle(observe), 200);
    });
  }
}

/** The drop-down form: its bar names the current section; a link, a click outside or Escape closes it. */
export class MobileTocList extends TocList {
  constructor() {
    super();
    const details = this.querySelector('details');
    if (!details) return;
    const close = (): void => {
      details.open = false;
    };
    for (const link of details.querySelectorAll('a')) link.addEventListener('click', close);
    window.addEventListener('click', (event) => {
      if (!details.contains(event.target as Node)) close();
    });
    window.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || !details.open) return;
      const hadFocus = details.contains(document.activeElement);
      close();
      if (hadFocus) details.querySelector('summary')?.focus();
    });
  }

  override show(link: HTMLAnchorElement): void {
    super.show(link);
    const shown = this.querySelector('.display-current');
    if (shown) shown.textContent = link.textContent;
  }
}

if (!customElements.get('starlight-toc')) customElements.define('starlight-toc', TocList);
if (!customElements.get('mobile-starlight-toc')) customElements.define('mobile-starlight-toc', MobileTocList);
