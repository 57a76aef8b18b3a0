/**
 * A part of an island hydrated in a task of its own, after the island's. Hydrating a large island is one long task
 * (the packet playground's byte map, 50 rows with an input each, made its hydration 30 ms at 1× CPU); the part inside
 * this box becomes a second Preact root, so the work is split in two and the page answers input in between.
 *
 *   <HydrateLater class="pp-table-wrap">{rows}</HydrateLater>
 *
 * - On the server the children render inside the box as usual, so the page without JavaScript shows them.
 * - In the island's hydration the box is opaque to Preact (a constant `dangerouslySetInnerHTML`, which hydration
 *   leaves alone): the server's DOM stays. A timer then hydrates it with the children of that first render, which
 *   match what the server rendered, and renders the newest children if they differ.
 * - Every later render of the island renders the children into the box. A render that comes before the timer
 *   hydrates the box first, in that render, so nothing is ever shown out of date or without its handlers: a test or
 *   a reader that sees a later state of the island (its `data-live`) finds the box hydrated.
 * - Rendered in the browser without server HTML (component tests), the box is filled at once.
 *
 * Context does not reach the children (they are another root); pass what they need as props.
 */
import { type ComponentChildren, hydrate, render } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

export interface HydrateLaterProps {
  /** Class of the box (a `div`). */
  readonly class?: string | undefined;
  readonly 'aria-hidden'?: 'true' | undefined;
  readonly children: ComponentChildren;
}

/** What the island renders into the box in the browser: the same object every render, so Preact never touches it. */
const OPAQUE = { __html: '' };

interface Root {
  /** The children of the box's first render: what the server rendered, to hydrate against. */
  readonly first: ComponentChildren;
  /** The children of the newest render. */
  latest: ComponentChildren;
  /** Whether the box is a live Preact root yet. */
  live: boolean;
}

/**
 * Makes the box a live root: hydrates the server's DOM against the first children (or renders into an empty box),
 * then renders the newest children if they are not those.
 */
function wake(el: HTMLDivElement, r: Root): void {
  if (r.live) return;
  r.live = true;
  if (el.firstChild === null) {
    render(r.latest, el);
    return;
  }
  hydrate(r.first, el);
  if (r.latest !== r.first) render(r.latest, el);
}

export function HydrateLater(props: HydrateLaterProps) {
  const { children, class: cls, 'aria-hidden': hidden } = props;
  const box = useRef<HTMLDivElement>(null);
  const root = useRef<Root | null>(null);
  root.current ??= { first: children, latest: children, live: false };
  root.current.latest = children;

  // Every render: the children go into a live box; new children before the timer hydrate the box first.
  useLayoutEffect(() => {
    const el = box.current;
    const r = root.current;
    if (el === null || r === null) return;
    if (r.live) render(r.latest, el);
    else if (r.latest !== r.first) wake(el, r);
  });

  useLayoutEffect(() => {
    const el = box.current;
    const r = root.current;
    if (el === null || r === null) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (el.firstChild === null) wake(el, r);
    else timer = setTimeout(() => wake(el, r), 0);
    return () => {
      clearTimeout(timer);
      if (r.live) render(null, el);
    };
  }, []);

  if (import.meta.env.SSR) {
    return (
      <div class={cls} aria-hidden={hidden}>
        {children}
      </div>
    );
  }
  return <div ref={box} class={cls} aria-hidden={hidden} dangerouslySetInnerHTML={OPAQUE} />;
}
