/**
 * The islands of a manifest: every function export of an `islands/` module,
 * with an id made from its path and export name (`Counter.tsx` default →
 * `counter_default`).
 */
import type { IslandInfo } from "./render.ts";
import type { AnyComponent, RouteModule } from "./route_module.ts";
import { RouteFileError } from "./router.ts";
import type { Manifest } from "./types.ts";

const SOURCE = /\.(tsx|ts|jsx|js)$/;

/** The islands of an app: by component (for the renderer) and the files to bundle. */
export interface IslandTable {
  islands: Map<unknown, IslandInfo>;
  islandFiles: string[];
}

/** `./islands/Counter.tsx` + `default` → `counter_default`. */
export function islandId(file: string, exportName: string): string {
  const stem = file.replace(/^\.\/islands\//, "").replace(SOURCE, "");
  return `${stem}_${exportName}`.toLowerCase().replace(/[^a-z0-9]+/g, "_");
}

function checkOnDisk(file: string, baseUrl: string): void {
  const url = new URL(file, baseUrl);
  if (url.protocol !== "file:") return;
  try {
    Deno.statSync(url);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    throw new RouteFileError(
      `Island file "${file}" is listed in fresh.gen.ts but missing at ${url.pathname}: ` +
        `run "deno task manifest" to regenerate fresh.gen.ts, or restore the file`,
    );
  }
}

/**
 * Reads the islands of `manifest`. A module without components, or one
 * whose file is gone (it must be bundled for the browser), is an error.
 */
export function readIslands(manifest: Manifest): IslandTable {
  const table: IslandTable = { islands: new Map(), islandFiles: [] };
  for (const [file, namespace] of Object.entries(manifest.islands)) {
    let found = 0;
    for (const [exportName, value] of Object.entries(namespace as RouteModule)) {
      if (typeof value !== "function") continue;
      found++;
      const component = value as AnyComponent;
      table.islands.set(component, { id: islandId(file, exportName), file, exportName, component });
    }
    if (found === 0) {
      throw new RouteFileError(
        `Island file "${file}" exports no component: add "export default function Name() {…}"`,
      );
    }
    checkOnDisk(file, manifest.baseUrl);
    table.islandFiles.push(file);
  }
  return table;
}
