/**
 * `createHandler(manifest, config)`: the request pipeline in small steps:
 * normalise the URL, pick the destination (internal, static, route or not
 * found), run the middleware chain root first, then answer.
 */
import { type AppTable, buildAppTable, middlewaresForPath, type RouteEntry } from "./app_table.ts";
import { type ClientAssets, createClientAssets } from "./client_assets.ts";
import { ALIVE_PATH, DEFAULT_OUT_DIR, INTERNAL_PREFIX, JS_PREFIX } from "./constants.ts";
import { isDevMode } from "./dev_command.ts";
import { serveAlive } from "./live_reload.ts";
import { dispatchMethod } from "./methods.ts";
import type { AnyHandler } from "./route_module.ts";
import { createPageRenderer, type PageRenderer } from "./pages.ts";
import { normalizeUrl } from "./router.ts";
import { setAssetVersion } from "./runtime/asset.ts";
import { createStaticFiles, type StaticFiles } from "./static_files.ts";
import type {
  Destination,
  FreshConfig,
  FreshContext,
  Manifest,
  ResolvedFreshConfig,
} from "./types.ts";

/** Connection details Deno.serve passes to a handler. */
export interface ConnInfo {
  remoteAddr: Deno.Addr;
}

/** A request handler usable with `Deno.serve`. */
export type RequestHandler = (req: Request, connInfo?: ConnInfo) => Promise<Response>;

/** Version `asset()` appends: the deployment id, else one per process. */
export const ASSET_VERSION: string = Deno.env.get("DENO_DEPLOYMENT_ID") ?? crypto.randomUUID();

const LOCAL_ADDR: Deno.NetAddr = { transport: "tcp", hostname: "127.0.0.1", port: 0 };
const TEXT = "text/plain; charset=utf-8";

/** Fills in the defaults of a `fresh.config.ts`. */
export function resolveConfig(config: FreshConfig = {}): ResolvedFreshConfig {
  return {
    build: { outDir: config.build?.outDir ?? DEFAULT_OUT_DIR },
    staticDir: config.staticDir ?? "static",
    router: { trailingSlash: config.router?.trailingSlash ?? false },
    server: config.server ?? {},
    dev: config.dev ?? isDevMode(),
  };
}

/** Where a request goes, and what the router found on the way. */
interface Target {
  destination: Destination;
  route?: RouteEntry;
  params: Record<string, string>;
  /** The static file, for `static`. */
  file?: URL;
}

function matchRoute(routes: RouteEntry[], pathname: string): Target | undefined {
  for (const route of routes) {
    if (!pathname.startsWith(route.prefix)) continue;
    const match = route.matcher.exec({ pathname });
    if (!match) continue;
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(match.pathname.groups)) params[key] = value ?? "";
    return { destination: "route", route, params };
  }
  return undefined;
}

/** Internal first, then static files (GET/HEAD), then routes. */
async function resolveTarget(
  req: Request,
  url: URL,
  table: AppTable,
  statics: StaticFiles,
): Promise<Target> {
  if (url.pathname.startsWith(`${INTERNAL_PREFIX}/`)) {
    return { destination: "internal", params: {} };
  }
  if (req.method === "GET" || req.method === "HEAD") {
    const file = await statics.lookup(url.pathname);
    if (file) return { destination: "static", params: {}, file };
  }
  return matchRoute(table.routes, url.pathname) ?? { destination: "notFound", params: {} };
}

function redirectTo(target: URL): Response {
  return new Response(null, {
    status: 307,
    headers: { location: target.pathname + target.search },
  });
}

/** A handler plus a way to build its client bundles ahead of the first page. */
export interface App {
  handler: RequestHandler;
  /** Loads or bundles the client build now (errors are thrown). */
  warmUp(): Promise<void>;
}

/**
 * Builds the app's request handler. Route modules are checked now (a bad
 * one throws, naming the file); the client build happens on first need.
 */
export function createHandler(manifest: Manifest, config: FreshConfig = {}): RequestHandler {
  return createApp(manifest, config).handler;
}

/** The parts one request is answered with. */
interface Pipeline {
  config: ResolvedFreshConfig;
  table: AppTable;
  statics: StaticFiles;
  client: ClientAssets;
  pages: PageRenderer;
}

/** The last step of the chain: what the destination itself answers. */
async function answer(
  p: Pipeline,
  req: Request,
  ctx: FreshContext,
  target: Target,
): Promise<Response> {
  switch (target.destination) {
    case "internal":
      if (ctx.url.pathname.startsWith(`${JS_PREFIX}/`)) {
        return await p.client.serveJs(ctx.url.pathname);
      }
      if (p.config.dev && ctx.url.pathname === ALIVE_PATH) return serveAlive(req);
      return new Response("Not Found", { status: 404, headers: { "content-type": TEXT } });
    case "static":
      return await p.statics.serve(req, ctx.url, target.file!);
    case "route":
      return await dispatchMethod(req, ctx, target.route!.handler, !!target.route!.component);
    case "notFound":
      return p.table.notFound?.handler
        ? await dispatchMethod(req, ctx, p.table.notFound.handler, true)
        : await ctx.renderNotFound();
  }
}

function createContext(
  p: Pipeline,
  req: Request,
  url: URL,
  target: Target,
  connInfo: ConnInfo | undefined,
): FreshContext {
  const ctx: FreshContext = {
    url,
    params: target.params,
    route: target.route?.pattern ?? "",
    state: {},
    data: undefined,
    error: undefined,
    destination: target.destination,
    remoteAddr: connInfo?.remoteAddr ?? LOCAL_ADDR,
    config: p.config,
    Component: () => null,
    render: (data, init) =>
      target.route
        ? p.pages.renderRoute(req, { ...ctx, data }, target.route, init)
        : p.pages.renderNotFound(req, { ...ctx, data }),
    renderNotFound: (data) => p.pages.renderNotFound(req, { ...ctx, data }),
    next: () => Promise.reject(new Error("ctx.next() called before the chain started")),
  };
  return ctx;
}

/** Runs the middleware chain, then the destination; each `ctx.next()` steps once. */
function runChain(
  p: Pipeline,
  req: Request,
  ctx: FreshContext,
  target: Target,
): Promise<Response> {
  const chain: AnyHandler[] = target.route?.middlewares ??
    middlewaresForPath(p.table, ctx.url.pathname);
  let position = -1;
  ctx.next = async () => {
    position++;
    if (position < chain.length) return await chain[position](req, ctx);
    return await answer(p, req, ctx, target);
  };
  return ctx.next();
}

async function handle(p: Pipeline, req: Request, connInfo?: ConnInfo): Promise<Response> {
  const url = new URL(req.url);
  const redirect = normalizeUrl(url, p.config.router.trailingSlash);
  if (redirect) return redirectTo(redirect);
  const target = await resolveTarget(req, url, p.table, p.statics);
  const ctx = createContext(p, req, url, target, connInfo);
  try {
    return await runChain(p, req, ctx, target);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return await p.pages.renderNotFound(req, ctx);
    const where = target.route ? ` (route file "${target.route.file}")` : "";
    console.error(`Error while handling ${req.method} ${url.pathname}${where}:`, error);
    return await p.pages.renderError(req, { ...ctx, error });
  }
}

/** {@linkcode createHandler}, with a warm-up for `start()`. */
export function createApp(manifest: Manifest, config: FreshConfig = {}): App {
  const resolved = resolveConfig(config);
  const table = buildAppTable(manifest);
  const baseUrl = new URL(".", manifest.baseUrl);
  setAssetVersion(ASSET_VERSION);
  const client = createClientAssets({
    baseUrl,
    outDir: new URL(`${resolved.build.outDir}/`, baseUrl),
    islandFiles: table.islandFiles,
    assetVersion: ASSET_VERSION,
    dev: resolved.dev,
  });
  const pipeline: Pipeline = {
    config: resolved,
    table,
    statics: createStaticFiles(new URL(`${resolved.staticDir}/`, baseUrl), resolved.dev),
    client,
    pages: createPageRenderer(table, client, resolved.dev),
  };
  const handler: RequestHandler = async (req, connInfo) => {
    try {
      return await handle(pipeline, req, connInfo);
    } catch (error) {
      console.error(`Unexpected error for ${req.method} ${new URL(req.url).pathname}:`, error);
      return new Response("Internal Server Error", {
        status: 500,
        headers: { "content-type": TEXT },
      });
    }
  };
  return {
    handler,
    warmUp: async () => {
      if (table.islandFiles.length > 0) await client.build();
    },
  };
}
