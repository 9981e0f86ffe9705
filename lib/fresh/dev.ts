/**
 * The development API: `dev(import.meta.url, "./main.ts", config)` for the
 * app's `dev.ts` (manifest generation, `build`, development mode).
 * @module
 */
export { build, dev } from "./src/dev_command.ts";
export { collectEntries, generateManifest, writeManifest } from "./src/manifest_gen.ts";
