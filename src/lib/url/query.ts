/**
 * Query-string helpers shared by the playgrounds that keep their state in the URL. Each island owns some parameter
 * names; everything else in the query (campaign tags, another tool's state) belongs to someone else and is kept.
 */

/**
 * The query to put in the address bar: `search` without the island's own parameters (`ownKeys`), then the island's
 * `encoded` state. Returns '' or a string starting with '?'.
 */
export function mergeQuery(search: string, ownKeys: readonly string[], encoded: string): string {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  for (const key of ownKeys) params.delete(key);
  const foreign = params.toString();
  const query = [foreign, encoded].filter((part) => part !== '').join('&');
  return query === '' ? '' : `?${query}`;
}
