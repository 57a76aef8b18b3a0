import { useRef, useState } from 'preact/hooks';

/**
 * Drawing only the rows of a long table that are in view, inside its own scrolling region (the NAT table's sessions,
 * the subnet calculator's split pages): the rest are stood in for by two spacer rows, and aria-rowcount/aria-rowindex
 * tell assistive technology the real size and places. Laying out and painting hundreds of rows on every input costs
 * more than a frame at 4× CPU (bench/nat-render.ts, bench/subnet-render.ts); the rows in view are 20 or so.
 *
 * The caller draws rows `from`..`to` between `spacer(from)` and `spacer(count - to)`, gives each drawn row
 * aria-rowindex (its place in the whole table, the header row being 1), and passes `regionRef` and `onScroll` to the
 * scrolling element. Rows must share one height (the pitch is measured from the first two drawn).
 */
export interface RowWindow {
  /** The rows to draw, `from` inclusive, `to` exclusive (all of them when not windowed). */
  readonly from: number;
  readonly to: number;
  /** For the scrolling element's `ref`: a new function each render, so Preact calls it after every commit. */
  readonly regionRef: (el: HTMLElement | null) => void;
  readonly onScroll: ((event: Event) => void) | undefined;
  /** Row height in px to give a spacer standing for `rows` rows. */
  readonly spacerPx: (rows: number) => number;
}

/** Where a windowed table's region is scrolled, and its measured sizes in px (guesses until measured). */
interface Scroll {
  top: number;
  clientPx: number;
  /** Row pitch, the sticky header's height, and where the body starts (caption, margins and header above it). */
  rowPx: number;
  headPx: number;
  bodyPx: number;
  /** The row the window last moved to, so a redraw keeps it in view but the reader can scroll away. */
  followed: number;
  /** The `restart` value the window was last drawn for. */
  restart: unknown;
  /** The region's scrollTop must be set to `top` once the rows are in the DOM. */
  sync: boolean;
}

/** First guesses, corrected on the first commit the region is laid out in. */
export type RowWindowGuess = Readonly<Pick<Scroll, 'clientPx' | 'rowPx' | 'headPx' | 'bodyPx'>>;

export function useRowWindow(options: {
  readonly count: number;
  /** Whether to draw a window; when false every row is drawn and the window starts again at the top next time. */
  readonly windowed: boolean;
  /** A row (0-based) to bring into view, once per distinct value; -1 for none. */
  readonly follow: number;
  /** When this changes (Object.is), the window starts again at the top: a new table, not an update of this one. */
  readonly restart?: unknown;
  /** Rows drawn beyond each edge of the view. */
  readonly overscan: number;
  readonly guess: RowWindowGuess;
}): RowWindow {
  const { count, windowed, follow, overscan } = options;
  const scroll = useRef<Scroll>({
    top: 0,
    ...options.guess,
    followed: -1,
    restart: options.restart,
    sync: false,
  });
  const [, redraw] = useState(0);
  const s = scroll.current;
  if (!windowed || !Object.is(s.restart, options.restart)) {
    // A later long table starts at its top: scrolled there on its first windowed commit.
    s.top = 0;
    s.followed = -1;
    s.restart = options.restart;
    s.sync = true;
  }
  if (windowed && follow >= 0 && follow !== s.followed) {
    // A new row to follow that is out of view: scrolled to just below the header, two rows under it.
    s.followed = follow;
    if (!inView(s, follow)) {
      s.top = Math.max(0, s.bodyPx - s.headPx + (follow - 2) * s.rowPx);
      s.sync = true;
    }
  }
  const first = Math.min(Math.max(0, Math.floor(rowAt(s, s.top))), count);
  const from = windowed ? Math.max(0, first - overscan) : 0;
  const to = windowed ? Math.min(count, first + Math.ceil(s.clientPx / s.rowPx) + overscan) : count;
  return {
    from,
    to,
    spacerPx: (rows) => rows * s.rowPx,
    regionRef: (el) => {
      if (el === null || !windowed) return;
      const drawn = el.querySelectorAll<HTMLElement>('tbody tr[aria-rowindex]');
      const [one, two] = [drawn[0], drawn[1]];
      const body = one?.parentElement;
      if (one !== undefined && one.offsetHeight > 0 && body) {
        const box = el.getBoundingClientRect();
        const sizes = {
          // the pitch, fractional (offsetTop is rounded, and 1,000 rows would add up the rounding)
          rowPx:
            two === undefined ? one.offsetHeight : two.getBoundingClientRect().top - one.getBoundingClientRect().top,
          clientPx: el.clientHeight,
          headPx: el.querySelector('thead')?.offsetHeight ?? 0,
          bodyPx: body.getBoundingClientRect().top - box.top - el.clientTop + el.scrollTop,
        };
        if ((Object.keys(sizes) as (keyof typeof sizes)[]).some((k) => Math.abs(sizes[k] - s[k]) > 0.5)) {
          // Sizes changed (first draw, fonts, theme, a narrower screen): keep the same row at the top.
          const row = rowAt(s, s.top);
          Object.assign(s, sizes);
          s.top = row > 0 ? s.bodyPx - s.headPx + row * s.rowPx : 0;
          s.sync = true;
          redraw((n) => n + 1);
        }
      }
      if (s.sync) {
        s.sync = false;
        el.scrollTop = s.top;
        s.top = el.scrollTop; // as far as it could go
      }
    },
    onScroll: windowed
      ? (event) => {
          const top = (event.currentTarget as HTMLElement).scrollTop;
          const before = Math.floor(rowAt(s, s.top));
          s.top = top;
          if (Math.floor(rowAt(s, top)) !== before) redraw((n) => n + 1);
        }
      : undefined,
  };
}

/** Whether row `i` is wholly visible: below the sticky header and above the region's bottom edge. */
function inView(s: Scroll, i: number): boolean {
  const rowTop = s.bodyPx + i * s.rowPx;
  return rowTop >= Math.max(s.top + s.headPx, s.bodyPx) && rowTop + s.rowPx <= s.top + s.clientPx;
}

/** The row (fractional) just below the sticky header when the region is scrolled to `top`. */
function rowAt(s: Scroll, top: number): number {
  return (top + s.headPx - s.bodyPx) / s.rowPx;
}
