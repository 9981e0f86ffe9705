/** Prefix of every URL the core itself serves. */
export const INTERNAL_PREFIX = "/_frsh";
/** Prefix of bundled JavaScript: `/_frsh/js/{BUILD_ID}/…`. */
export const JS_PREFIX = `${INTERNAL_PREFIX}/js`;
/** The development live-reload WebSocket. */
export const ALIVE_PATH = `${INTERNAL_PREFIX}/alive`;
/** Query parameter `asset()` adds to a static path for cache busting. */
export const ASSET_CACHE_BUST_KEY = "__frsh_c";
/** Prefix of the id of the page's props document. */
export const STATE_ID_PREFIX = "__FRSH_STATE_";
/** Folder (under the project) that `deno task build` writes. */
export const DEFAULT_OUT_DIR = "_fresh";
/** Snapshot file name inside the build folder. */
export const SNAPSHOT_FILE = "snapshot.json";
/** Version of the snapshot format; a different one is rebuilt at start-up. */
export const SNAPSHOT_VERSION = 1;
/** Bundle entry name of the browser runtime. */
export const RUNTIME_ENTRY = "runtime";
/** Comment marker texts. */
export const MARKER = {
  islandStart: "frsh:island:",
  islandEnd: "/frsh:island:",
  slotStart: "frsh:slot:",
  slotEnd: "/frsh:slot:",
  head: "frsh:head",
} as const;
/** HTTP methods a `Handlers` object may define. */
export const KNOWN_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"] as const;
/** Cache-Control of responses whose URL changes with their content. */
export const IMMUTABLE_CACHE = "public, max-age=31536000, immutable";
/** Cache-Control of responses that must be revalidated (ETag). */
export const REVALIDATE_CACHE = "no-cache";
