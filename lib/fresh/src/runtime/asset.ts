import { ASSET_CACHE_BUST_KEY } from "../constants.ts";

let version: string | undefined;

/** Sets the build version `asset()` appends (set by the server and the boot script). */
export function setAssetVersion(value: string): void {
  version = value;
}

/**
 * Adds a cache-busting query to a static file path (`/styles.css` →
 * `/styles.css?__frsh_c=…`), which makes its response `immutable`.
 * External URLs and paths that already carry the query are returned as-is.
 */
export function asset(path: string): string {
  if (version === undefined || !path.startsWith("/") || path.startsWith("//")) return path;
  const url = new URL(path, "http://localhost");
  if (url.searchParams.has(ASSET_CACHE_BUST_KEY)) return path;
  url.searchParams.set(ASSET_CACHE_BUST_KEY, version);
  return url.pathname + url.search + url.hash;
}
