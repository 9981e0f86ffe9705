/**
 * The runtime API shared by server and browser code: `Head`, `IS_BROWSER`
 * and `asset`. Safe to import from islands.
 * @module
 */
export { Head, type HeadProps } from "./src/runtime/head.ts";
export { IS_BROWSER } from "./src/runtime/is_browser.ts";
export { asset } from "./src/runtime/asset.ts";
