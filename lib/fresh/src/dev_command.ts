/**
 * `dev(import.meta.url, "./main.ts", config)`: regenerates `fresh.gen.ts`,
 * then by the first CLI argument: `manifest` stops there, `build` writes
 * the client bundles and snapshot to `_fresh/`, nothing runs the app in
 * development mode. `deno task dev` runs it under `deno run --watch`, which
 * restarts it on every change: route or island files added or removed are
 * in the regenerated manifest, islands are bundled afresh, and open pages
 * reload themselves (`/_frsh/alive`).
 */
import { bundleClient, writeSnapshot } from "./bundle.ts";
import { DEFAULT_OUT_DIR } from "./constants.ts";
import { writeManifest } from "./manifest_gen.ts";
import type { FreshConfig, Manifest } from "./types.ts";

let devMode = false;

/** True when the app was started through `dev()` without a command. */
export function isDevMode(): boolean {
  return devMode;
}

/** Writes the client build of the project at `root` into its build folder. */
export async function build(root: URL, config: FreshConfig = {}): Promise<URL> {
  const manifest = (await import(new URL("fresh.gen.ts", root).href)).default as Manifest;
  const islandFiles = Object.keys(manifest.islands);
  const outDir = new URL(`${config.build?.outDir ?? DEFAULT_OUT_DIR}/`, root);
  const client = await bundleClient(root, islandFiles);
  await writeSnapshot(outDir, client);
  return outDir;
}

/** The development entry point of `dev.ts`. */
export async function dev(base: string, entrypoint: string, config: FreshConfig = {}) {
  const root = new URL(".", base);
  const changed = await writeManifest(root);
  if (changed) console.log("The manifest has been generated: fresh.gen.ts");
  const command = Deno.args[0];
  if (command === "manifest") return;
  if (command === "build") {
    const outDir = await build(root, config);
    console.log(`Client build written to ${outDir.pathname}`);
    return;
  }
  if (command !== undefined) {
    throw new TypeError(`Unknown dev.ts command "${command}": use "manifest", "build" or nothing`);
  }
  devMode = true;
  await import(new URL(entrypoint, base).href);
}
