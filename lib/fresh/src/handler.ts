/**
 * `createHandler(manifest, config)`: the request pipeline in small steps:
 * normalise the URL, pick the destination (internal, static, route or not
 * found), run the middleware chain root first, then dispatch.
 */
import {
  type AnyComponent,
  type AnyHandler,
  type AppTable,
  buildAppTable,
  folderContains,
  type HandlerExport,
  type RouteEntry,
  type SpecialPage,
} from "./app_table.ts";
import { createClientAssets } from "./client_assets.ts";
import { DEFAULT_OUT_DIR, INTERNAL_PREFIX, JS_PREFIX, KNOWN_METHODS } from "./constants.ts";
import { isDevMode } from "./dev_command.ts";
import { buildPageTree } from "./page_stack.ts";
import { renderDocument } from "./render.ts";
import { normalizeUrl } from "./router.ts";
import { setAssetVersion } from "./runtime/asset.ts";
import { createStaticFiles } from "./static_files.ts";
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
const HTML = "text/html; charset=utf-8";

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

function allowedMethods(handler: HandlerExport | undefined, hasComponent: boolean): string[] {
  const methods = new Set<string>();
  if (typeof handler === "object") {
    for (const method of Object.keys(handler)) {
      methods.add(method);
    }
  }
  if (methods.has("GET") || (hasComponent && !methods.has("GET"))) {
    methods.add("GET");
    methods.add("HEAD");
  }
  return KNOWN_METHODS.filter((method) => methods.has(method));
}

/** The body-less answer to a HEAD request derived from a GET one. */
function headOf(response: Response): Response {
  if (response.status === 101 || response.body === null) return response;
  response.body.cancel().catch(() => {});
  return new Response(null, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
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

/** {@linkcode createHandler}, with a warm-up for `start()`. */
export function createApp(manifest: Manifest, config: FreshConfig = {}): App {
  const resolved = resolveConfig(config);
  const table: AppTable = buildAppTable(manifest);
  const baseUrl = new URL(".", manifest.baseUrl);
  setAssetVersion(ASSET_VERSION);
  const statics = createStaticFiles(new URL(`${resolved.staticDir}/`, baseUrl), resolved.dev);
  const client = createClientAssets({
    baseUrl,
    outDir: new URL(`${resolved.build.outDir}/`, baseUrl),
    islandFiles: table.islandFiles,
    assetVersion: ASSET_VERSION,
    dev: resolved.dev,
  });

  async function renderLevels(
    req: Request,
    ctx: FreshContext,
    levels: AnyComponent[],
    init: ResponseInit = {},
  ): Promise<Response> {
    const tree = await buildPageTree(req, ctx, levels);
    if (tree instanceof Response) return tree;
    const html = await renderDocument(tree, table.islands, client.pageScripts);
    const headers = new Headers(init.headers);
    headers.set("content-type", HTML);
    return new Response(html, { status: init.status ?? 200, statusText: init.statusText, headers });
  }

  function withApp(page: SpecialPage | RouteEntry, inner: AnyComponent[]): AnyComponent[] {
    return table.app && !page.config.skipAppWrapper ? [table.app.component!, ...inner] : inner;
  }

  function layoutsFor(route: RouteEntry): AnyComponent[] {
    let layouts = table.layouts.filter((layout) => folderContains(layout.folder, route.folder));
    if (route.config.skipInheritedLayouts) layouts = [];
    const cut = layouts.findLastIndex((layout) => layout.config.skipInheritedLayouts);
    if (cut > 0) layouts = layouts.slice(cut);
    return layouts.map((layout) => layout.component);
  }

  function renderSpecial(
    req: Request,
    ctx: FreshContext,
    page: SpecialPage | undefined,
    status: number,
    fallback: string,
  ): Promise<Response> {
    if (!page?.component) {
      return Promise.resolve(
        new Response(fallback, {
          status,
          headers: { "content-type": "text/plain; charset=utf-8" },
        }),
      );
    }
    return renderLevels(req, ctx, withApp(page, [page.component]), { status });
  }

  function renderNotFound(req: Request, ctx: FreshContext, data?: unknown): Promise<Response> {
    return renderSpecial(req, { ...ctx, data }, table.notFound, 404, "Not Found");
  }

  async function renderError(req: Request, ctx: FreshContext, error: unknown): Promise<Response> {
    try {
      return await renderSpecial(req, { ...ctx, error }, table.error, 500, "Internal Server Error");
    } catch (renderFailure) {
      console.error(
        `Error while rendering the _500 page for ${req.method} ${ctx.url.pathname}:`,
        renderFailure,
      );
      return new Response("Internal Server Error", { status: 500 });
    }
  }

  async function dispatch(
    req: Request,
    ctx: FreshContext,
    handler: HandlerExport | undefined,
    hasComponent: boolean,
  ): Promise<Response> {
    if (typeof handler === "function") return await handler(req, ctx);
    const method = req.method.toUpperCase();
    const own = handler?.[method as keyof typeof handler] as AnyHandler | undefined;
    if (own) return await own(req, ctx);
    if (method === "HEAD" && handler?.GET) return headOf(await handler.GET(req, ctx));
    if ((method === "GET" || method === "HEAD") && hasComponent && !handler?.GET) {
      const response = await ctx.render();
      return method === "HEAD" ? headOf(response) : response;
    }
    const allow = allowedMethods(handler, hasComponent).join(", ");
    return new Response("Method Not Allowed", {
      status: 405,
      headers: { allow, "content-type": "text/plain; charset=utf-8" },
    });
  }

  async function finalStep(req: Request, ctx: FreshContext, route?: RouteEntry): Promise<Response> {
    switch (ctx.destination) {
      case "internal":
        return ctx.url.pathname.startsWith(`${JS_PREFIX}/`)
          ? await client.serveJs(ctx.url.pathname)
          : new Response("Not Found", { status: 404 });
      case "static": {
        const file = await statics.lookup(ctx.url.pathname);
        return file ? await statics.serve(req, ctx.url, file) : await ctx.renderNotFound();
      }
      case "route":
        return await dispatch(req, ctx, route!.handler, route!.component !== undefined);
      case "notFound":
        return table.notFound?.handler
          ? await dispatch(req, ctx, table.notFound.handler, true)
          : await ctx.renderNotFound();
    }
  }

  async function handle(req: Request, connInfo?: ConnInfo): Promise<Response> {
    const url = new URL(req.url);
    const redirect = normalizeUrl(url, resolved.router.trailingSlash);
    if (redirect) {
      return new Response(null, {
        status: 307,
        headers: { location: redirect.pathname + redirect.search },
      });
    }
    let destination: Destination = "notFound";
    let route: RouteEntry | undefined;
    let params: Record<string, string> = {};
    if (url.pathname.startsWith(`${INTERNAL_PREFIX}/`)) destination = "internal";
    else if (
      (req.method === "GET" || req.method === "HEAD") && await statics.lookup(url.pathname)
    ) {
      destination = "static";
    } else {
      for (const candidate of table.routes) {
        const match = candidate.matcher.exec({ pathname: url.pathname });
        if (!match) continue;
        route = candidate;
        destination = "route";
        params = Object.fromEntries(
          Object.entries(match.pathname.groups).map(([key, value]) => [key, value ?? ""]),
        );
        break;
      }
    }
    const middlewares = table.middlewares.filter((middleware) =>
      route
        ? folderContains(middleware.folder, route.folder)
        : !middleware.inGroup && middleware.prefix.test({ pathname: url.pathname })
    ).flatMap((middleware) => middleware.handlers);

    const ctx: FreshContext = {
      url,
      params,
      route: route?.pattern ?? "",
      state: {},
      data: undefined,
      error: undefined,
      destination,
      remoteAddr: connInfo?.remoteAddr ?? LOCAL_ADDR,
      config: resolved,
      Component: () => null,
      render: (data, init) => {
        if (destination === "notFound") return renderNotFound(req, { ...ctx, data });
        if (!route?.component) {
          throw new Error(
            `Route file "${route?.file ?? "?"}" has no default export to render: ` +
              `export a page component, or return a Response from its handler`,
          );
        }
        return renderLevels(
          req,
          { ...ctx, data },
          withApp(route, [...layoutsFor(route), route.component]),
          init,
        );
      },
      renderNotFound: (data) => renderNotFound(req, ctx, data),
      next: () => Promise.resolve(new Response(null, { status: 500 })),
    };
    let position = -1;
    const next = async (): Promise<Response> => {
      position++;
      if (position < middlewares.length) return await middlewares[position](req, ctx);
      return await finalStep(req, ctx, route);
    };
    ctx.next = next;
    try {
      return await next();
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return await renderNotFound(req, ctx);
      const where = route ? ` (route file "${route.file}")` : "";
      console.error(`Error while handling ${req.method} ${url.pathname}${where}:`, error);
      return await renderError(req, ctx, error);
    }
  }

  const handler: RequestHandler = async (req, connInfo) => {
    try {
      return await handle(req, connInfo);
    } catch (error) {
      console.error(`Unexpected error for ${req.method} ${new URL(req.url).pathname}:`, error);
      return new Response("Internal Server Error", { status: 500 });
    }
  };
  return {
    handler,
    warmUp: async () => {
      if (table.islandFiles.length > 0) await client.build();
    },
  };
}
