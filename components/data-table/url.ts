export const PAGE_PARAM = "page";
export const SEARCH_PARAM = "q";

/**
 * A query-only href ("?page=2&q=ana") that keeps unrelated params. It resolves against
 * the browser's current path, so it stays right on tenant hosts, where the proxy
 * rewrites "/patients" to "/t/<slug>/patients" and the server and browser disagree
 * about the pathname.
 */
export function queryHref(current: URLSearchParams, changes: Record<string, string | null>): string {
  const params = new URLSearchParams(current.toString());
  for (const [key, value] of Object.entries(changes)) {
    if (value) params.set(key, value);
    else params.delete(key);
  }
  return `?${params.toString()}`;
}
