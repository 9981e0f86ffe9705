/**
 * Turns a manifest into the tables the request pipeline uses: sorted
 * routes with their patterns, and for each route the middleware chain and
 * layouts that apply to it, worked out once here instead of per request.
 */
import type { IslandInfo } from "./render.ts";
import { readIslands } from "./islands.ts";
import {
  type AnyComponent,
  type AnyHandler,
  fail,
  type HandlerExport,
  readComponent,
  readConfig,
  readHandler,
  readMiddleware,
  type RouteModule,
} from "./route_module.ts";
import {
  compareRoutePaths,
  folderToPrefixPattern,
  isGroupSegment,
  literalPrefix,
  pathToPattern,
  RouteFileError,
} from "./router.ts";
import type { Manifest, RouteConfig } from "./types.ts";

/** A page or API route. */
export interface RouteEntry {
  file: string;
  /** Path under `routes/` without extension. */
  path: string;
  /** Folder of the file under `routes/`, groups included ("" at the root). */
  folder: string;
  pattern: string;
  /** Literal start of every matching path, checked before `matcher`. */
  prefix: string;
  matcher: URLPattern;
  component?: AnyComponent;
  handler?: HandlerExport;
  config: RouteConfig;
  /** The middleware chain of this route, root first. */
  middlewares: AnyHandler[];
  /** The render stack around the page: `_app` (unless skipped), then layouts root to leaf. */
  wrappers: AnyComponent[];
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
const ROUTES_PREFIX = "./routes/";
const SPECIAL_NAMES = new Set(["_app", "_404", "_500"]);

/** True when `folder` is `inner` or one of its ancestors. */
export function folderContains(folder: string, inner: string): boolean {
  return folder === "" || inner === folder || inner.startsWith(`${folder}/`);
}

function depth(folder: string): number {
  return folder === "" ? 0 : folder.split("/").length;
}

function readSpecial(file: string, name: string, folder: string, mod: RouteModule): SpecialPage {
  if (folder !== "") fail(file, `must sit at the root of routes/: move it to "./routes/${name}"`);
  const page: SpecialPage = {
    file,
    component: readComponent(file, mod),
    handler: readHandler(file, mod),
    config: readConfig(file, mod),
  };
  if (name === "_app" && !page.component) fail(file, `must export default an app component`);
  return page;
}

function readLayout(file: string, folder: string, mod: RouteModule): LayoutEntry {
  const component = readComponent(file, mod);
  if (!component) fail(file, `must export default a layout component`);
  return { file, folder, component, config: readConfig(file, mod) };
}

type PartialRoute = Omit<RouteEntry, "middlewares" | "wrappers">;

function readRoute(file: string, path: string, folder: string, mod: RouteModule): PartialRoute {
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
  const prefix = literalPrefix(pattern);
  return { file, path, folder, pattern, prefix, matcher, component, handler, config };
}

/** Layouts that wrap `route`, honouring `skipInheritedLayouts` on the route and on layouts. */
function layoutsFor(route: PartialRoute, layouts: LayoutEntry[]): AnyComponent[] {
  if (route.config.skipInheritedLayouts) return [];
  let applying = layouts.filter((layout) => folderContains(layout.folder, route.folder));
  const cut = applying.findLastIndex((layout) => layout.config.skipInheritedLayouts);
  if (cut > 0) applying = applying.slice(cut);
  return applying.map((layout) => layout.component);
}

/** The `_app` component for a page, unless it opts out. */
export function appFor(table: AppTable, page: { config: RouteConfig }): AnyComponent[] {
  return table.app && !page.config.skipAppWrapper ? [table.app.component!] : [];
}

/** Builds and checks the tables for `manifest`. */
export function buildAppTable(manifest: Manifest): AppTable {
  const table: AppTable = { routes: [], middlewares: [], layouts: [], ...readIslands(manifest) };
  const routes: PartialRoute[] = [];
  for (const [file, namespace] of Object.entries(manifest.routes)) {
    const mod = namespace as RouteModule;
    if (!file.startsWith(ROUTES_PREFIX) || !SOURCE.test(file)) {
      throw new RouteFileError(
        `Manifest key "${file}" is not a route file under "${ROUTES_PREFIX}": ` +
          `run "deno task manifest" to regenerate fresh.gen.ts`,
      );
    }
    const path = file.slice(ROUTES_PREFIX.length).replace(SOURCE, "");
    const parts = path.split("/");
    const name = parts.at(-1)!;
    const folder = parts.slice(0, -1).join("/");
    if (SPECIAL_NAMES.has(name)) {
      const page = readSpecial(file, name, folder, mod);
      if (name === "_app") table.app = page;
      else if (name === "_404") table.notFound = page;
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
      table.layouts.push(readLayout(file, folder, mod));
    } else if (name.startsWith("_")) {
      fail(
        file,
        `has a reserved name: only _app, _404, _500, _layout and _middleware start with "_"`,
      );
    } else {
      routes.push(readRoute(file, path, folder, mod));
    }
  }
  table.middlewares.sort((a, b) => depth(a.folder) - depth(b.folder));
  table.layouts.sort((a, b) => depth(a.folder) - depth(b.folder));
  table.routes = routes.sort((a, b) => compareRoutePaths(a.path, b.path)).map((route) => ({
    ...route,
    middlewares: table.middlewares
      .filter((middleware) => folderContains(middleware.folder, route.folder))
      .flatMap((middleware) => middleware.handlers),
    wrappers: [...appFor(table, route), ...layoutsFor(route, table.layouts)],
  }));
  return table;
}

/** The middleware chain of a request that matched no route (static, internal, not found). */
export function middlewaresForPath(table: AppTable, pathname: string): AnyHandler[] {
  return table.middlewares
    .filter((middleware) => !middleware.inGroup && middleware.prefix.test({ pathname }))
    .flatMap((middleware) => middleware.handlers);
}
