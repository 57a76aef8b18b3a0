/**
 * The URL side of the playgrounds' shareable state: read the state back after hydration and on back/forward, and
 * write it into the address bar. The query text itself comes from each island's pure encoder in `src/lib`.
 */
import { useEffect } from 'preact/hooks';

/**
 * While `enabled`, calls `restore()` once after hydration (so the hydrated markup equals the server's, which cannot
 * know the query) and `restore(event)` on every back/forward. `deps` re-subscribe like `useEffect`'s. The first call
 * is an effect, so on a busy machine it can run after the visitor's first edit (Preact runs a render's pending effects
 * when the next render starts): callers must not let it undo that edit.
 */
export function useUrlRestore(
  enabled: boolean,
  restore: (popstate?: PopStateEvent) => void,
  deps: readonly unknown[],
): void {
  useEffect(() => {
    if (!enabled) return;
    restore();
    window.addEventListener('popstate', restore);
    return () => window.removeEventListener('popstate', restore);
  }, [enabled, ...deps]);
}

/**
 * Puts `query` ('' or '?…') in the address bar, keeping path and hash: a new history entry for `push` (a change the
 * back button should undo), otherwise in place. Does nothing when the URL would not change.
 */
export function writeUrlQuery(query: string, how: 'push' | 'replace' = 'replace'): void {
  const { location, history } = window;
  const url = `${location.pathname}${query}${location.hash}`;
  if (url === `${location.pathname}${location.search}${location.hash}`) return;
  if (how === 'push') history.pushState(null, '', url);
  else history.replaceState(history.state, '', url);
}
