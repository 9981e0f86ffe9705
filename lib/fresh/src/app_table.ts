/**
 * Turns a manifest into the tables the request pipeline uses: sorted
 * routes with their patterns, middleware and layouts by folder, special
 * pages and islands. Every module is checked here, once, with errors that
 * name the file and say how to fix it.
 */
import type { ComponentType } from "preact";
import { KNOWN_METHODS } from "./constants.ts";
import type { IslandInfo } from "./render.ts";
import {
  compareRoutePaths,
  folderToPrefixPattern,
  isGroupSegment,
  pathToPattern,
  RouteFileError,
} from "./router.ts";
import type { FreshContext, KnownMethod, Manifest, RouteConfig } from "./types.ts";

/** A handler as the pipeline calls it. */
export type AnyHandler = (req: Request, ctx: FreshContext) => Response | Promise<Response>;
/** A page, layout or app component (sync or async). */
export type AnyComponent = ComponentType<Record<string, unknown>>;
/** `handler` export: one function or one per method. */
export type HandlerExport = AnyHandler | Partial<Record<KnownMethod, AnyHandler>>;

/** A page or API route. */
export interface RouteEntry {
  file: string;
  /** Path under `routes/` without extension. */
  path: string;
  /** Folder of the file under `routes/`, groups included ("" at the root). */
  folder: string;
  pattern: string;
  matcher: URLPattern;
  component?: AnyComponent;
  handler?: HandlerExport;
  config: RouteConfig;
}

/** A `_middleware` file. */
export interface MiddlewareEntry {
  file: string;
  folder: string;
  /** Matches the folder's URL prefix (for requests that hit no route). */
  prefix: URLPattern;
  inGroup: boolean;
  handlers: AnyHandler[];
}

/** A `_layout` file. */
export interface LayoutEntry {
  file: string;
  folder: string;
  component: AnyComponent;
  config: RouteConfig;
}

/** `_app`, `_404` or `_500`. */
export interface SpecialPage {
  file: string;
  component?: AnyComponent;
  handler?: HandlerExport;
  config: RouteConfig;
}

/** Everything the pipeline needs from the manifest. */
export interface AppTable {
  routes: RouteEntry[];
  middlewares: MiddlewareEntry[];
  layouts: LayoutEntry[];
  app?: SpecialPage;
  notFound?: SpecialPage;
  error?: SpecialPage;
  islands: Map<unknown, IslandInfo>;
  islandFiles: string[];
}

const SOURCE = /\.(tsx|ts|jsx|js)$/;

function fail(file: string, problem: string): never {
  throw new RouteFileError(`Route file "${file}" ${problem}`);
}

function readHandler(file: string, mod: Record<string, unknown>): HandlerExport | undefined {
  if ("handlers" in mod && !("handler" in mod)) {
    fail(file, `exports "handlers": did you mean "handler"?`);
  }
  const handler = mod.handler;
  if (handler === undefined) return undefined;
  if (typeof handler === "function") return handler as AnyHandler;
  if (typeof handler !== "object" || handler === null) {
    fail(file, `exports a "handler" that is neither a function nor an object of methods`);
  }
  for (const [key, value] of Object.entries(handler)) {
    if (!(KNOWN_METHODS as readonly string[]).includes(key)) {
      const upper = key.toUpperCase();
      const hint = (KNOWN_METHODS as readonly string[]).includes(upper)
        ? `did you mean "${upper}"?`
        : `methods are ${KNOWN_METHODS.join(", ")}`;
      fail(file, `has a handler for "${key}": ${hint}`);
    }
    if (typeof value !== "function") fail(file, `has a "${key}" handler that is not a function`);
  }
  return handler as Partial<Record<KnownMethod, AnyHandler>>;
}

function readComponent(file: string, mod: Record<string, unknown>): AnyComponent | undefined {
  const component = mod.default;
  if (component === undefined) return undefined;
  if (typeof component !== "function") {
    fail(file, `has a default export that is not a component function`);
  }
  return component as AnyComponent;
}

function readConfig(file: string, mod: Record<string, unknown>): RouteConfig {
  const config = mod.config;
  if (config === undefined) return {};
  if (typeof config !== "object" || config === null) {
    fail(file, `exports a "config" that is not an object`);
  }
  const { routeOverride } = config as RouteConfig;
  if (routeOverride !== undefined && typeof routeOverride !== "string") {
    fail(file, `has a "config.routeOverride" that is not a string`);
  }
  return config as RouteConfig;
}

function readMiddleware(file: string, mod: Record<string, unknown>): AnyHandler[] {
  const handler = mod.handler;
  const list = Array.isArray(handler) ? handler : [handler];
  if (list.length === 0 || list.some((item) => typeof item !== "function")) {
    fail(file, `must export "handler": a function (req, ctx) or an array of them`);
  }
  return list as AnyHandler[];
}

function islandId(file: string, exportName: string): string {
  const stem = file.replace(/^\.\/islands\//, "").replace(SOURCE, "");
  return `${stem}_${exportName}`.toLowerCase().replace(/[^a-z0-9]+/g, "_");
}

function readIslands(manifest: Manifest, table: AppTable): void {
  for (const [file, mod] of Object.entries(manifest.islands)) {
    let found = 0;
    for (const [exportName, value] of Object.entries(mod)) {
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
    table.islandFiles.push(file);
  }
}

/** Builds and checks the tables for `manifest`. */
export function buildAppTable(manifest: Manifest): AppTable {
  const table: AppTable = {
    routes: [],
    middlewares: [],
    layouts: [],
    islands: new Map(),
    islandFiles: [],
  };
  for (const [file, namespace] of Object.entries(manifest.routes)) {
    const mod = namespace as Record<string, unknown>;
    if (!file.startsWith("./routes/") || !SOURCE.test(file)) {
      throw new RouteFileError(
        `Manifest key "${file}" is not a route file: regenerate fresh.gen.ts`,
      );
    }
    const path = file.slice("./routes/".length).replace(SOURCE, "");
    const parts = path.split("/");
    const name = parts.at(-1)!;
    const folder = parts.slice(0, -1).join("/");
    if (name === "_app" || name === "_404" || name === "_500") {
      if (folder !== "") {
        fail(file, `must sit at the root of routes/: move it to "./routes/${name}"`);
      }
      const page: SpecialPage = {
        file,
        component: readComponent(file, mod),
        handler: readHandler(file, mod),
        config: readConfig(file, mod),
      };
      if (name === "_app") {
        if (!page.component) fail(file, `must export default an app component`);
        table.app = page;
      } else if (name === "_404") table.notFound = page;
      else table.error = page;
    } else if (name === "_middleware") {
      table.middlewares.push({
        file,
        folder,
        prefix: new URLPattern({ pathname: folderToPrefixPattern(folder) }),
        inGroup: parts.some(isGroupSegment),
        handlers: readMiddleware(file, mod),
      });
    } else if (name === "_layout") {
      const component = readComponent(file, mod);
      if (!component) fail(file, `must export default a layout component`);
      table.layouts.push({ file, folder, component, config: readConfig(file, mod) });
    } else if (name.startsWith("_")) {
      fail(
        file,
        `has a reserved name: only _app, _404, _500, _layout and _middleware start with "_"`,
      );
    } else {
      const config = readConfig(file, mod);
      const component = readComponent(file, mod);
      const handler = readHandler(file, mod);
      if (!component && !handler) {
        fail(file, `exports neither a default component nor a "handler": add one of them`);
      }
      const pattern = config.routeOverride ?? pathToPattern(path, file);
      let matcher: URLPattern;
      try {
        matcher = new URLPattern({ pathname: pattern });
      } catch (error) {
        fail(file, `has an invalid pattern "${pattern}": ${(error as Error).message}`);
      }
      table.routes.push({ file, path, folder, pattern, matcher, component, handler, config });
    }
  }
  table.routes.sort((a, b) => compareRoutePaths(a.path, b.path));
  const depth = (folder: string) => (folder === "" ? 0 : folder.split("/").length);
  table.middlewares.sort((a, b) => depth(a.folder) - depth(b.folder));
  table.layouts.sort((a, b) => depth(a.folder) - depth(b.folder));
  readIslands(manifest, table);
  return table;
}

/** True when `folder` is `inner` or one of its ancestors. */
export function folderContains(folder: string, inner: string): boolean {
  return folder === "" || inner === folder || inner.startsWith(`${folder}/`);
}
