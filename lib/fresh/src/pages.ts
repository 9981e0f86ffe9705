/**
 * Rendering pages to responses: a route's page inside its render stack,
 * the `_404` page, and the `_500` page (with a plain-text fallback when
 * the app has none, or when it fails itself).
 */
import { appFor, type AppTable, type RouteEntry } from "./app_table.ts";
import type { AnyComponent } from "./route_module.ts";
import { RouteFileError } from "./router.ts";
import type { ClientAssets } from "./client_assets.ts";
import { buildPageTree } from "./page_stack.ts";
import { renderDocument } from "./render.ts";
import type { FreshContext } from "./types.ts";

const HTML = "text/html; charset=utf-8";
const TEXT = "text/plain; charset=utf-8";

/** Renders the pages of one app. */
export interface PageRenderer {
  /** The route's page with `ctx.data`, status 200 unless `init` says otherwise. */
  renderRoute(
    req: Request,
    ctx: FreshContext,
    route: RouteEntry,
    init?: ResponseInit,
  ): Promise<Response>;
  /** The `_404` page with status 404. */
  renderNotFound(req: Request, ctx: FreshContext): Promise<Response>;
  /** The `_500` page with status 500 and `ctx.error`; never throws. */
  renderError(req: Request, ctx: FreshContext): Promise<Response>;
}

/** Creates the page renderer of an app; `dev` adds the live-reload client to every page. */
export function createPageRenderer(
  table: AppTable,
  client: ClientAssets,
  dev = false,
): PageRenderer {
  async function renderLevels(
    req: Request,
    ctx: FreshContext,
    levels: AnyComponent[],
    init: ResponseInit = {},
  ): Promise<Response> {
    const tree = await buildPageTree(req, ctx, levels);
    if (tree instanceof Response) return tree;
    const html = await renderDocument(tree, table.islands, client.pageScripts, {
      pathname: ctx.url.pathname,
      liveReload: dev,
    });
    const headers = new Headers(init.headers);
    headers.set("content-type", HTML);
    return new Response(html, { status: init.status ?? 200, statusText: init.statusText, headers });
  }

  function renderSpecial(
    req: Request,
    ctx: FreshContext,
    page: AppTable["notFound"],
    status: number,
    fallback: string,
  ): Promise<Response> {
    if (!page?.component) {
      return Promise.resolve(new Response(fallback, { status, headers: { "content-type": TEXT } }));
    }
    return renderLevels(req, ctx, [...appFor(table, page), page.component], { status });
  }

  return {
    renderRoute(req, ctx, route, init) {
      if (!route.component) {
        throw new RouteFileError(
          `Route file "${route.file}" has no default export to render: ` +
            `export a page component, or return a Response from its handler`,
        );
      }
      return renderLevels(req, ctx, [...route.wrappers, route.component], init);
    },
    renderNotFound(req, ctx) {
      return renderSpecial(req, ctx, table.notFound, 404, "Not Found");
    },
    async renderError(req, ctx) {
      try {
        return await renderSpecial(req, ctx, table.error, 500, "Internal Server Error");
      } catch (renderFailure) {
        console.error(
          `Error while rendering the _500 page for ${req.method} ${ctx.url.pathname}:`,
          renderFailure,
        );
        return new Response("Internal Server Error", {
          status: 500,
          headers: { "content-type": TEXT },
        });
      }
    },
  };
}
