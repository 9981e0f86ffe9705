import type { ComponentChildren, ComponentType, VNode } from "preact";
import type { KNOWN_METHODS } from "./constants.ts";

/** Where a request is headed once the router has looked at it. */
export type Destination = "internal" | "static" | "route" | "notFound";

/** An HTTP method a `Handlers` object may define. */
export type KnownMethod = typeof KNOWN_METHODS[number];

/** Server options for `start()`. */
export interface ServerOptions {
  /** Port to listen on. @default env PORT, else 8000 (0 = any free port) */
  port?: number;
  /** Interface to listen on. @default "0.0.0.0" */
  hostname?: string;
  /** Stops the server gracefully when it aborts; without it SIGINT/SIGTERM do. */
  signal?: AbortSignal;
  /** Called once listening; replaces the default `Listening on …` line. */
  onListen?: (addr: Deno.NetAddr) => void;
}

/** The app's `fresh.config.ts`. */
export interface FreshConfig {
  /** `start()` options. */
  server?: ServerOptions;
  /** Build output. */
  build?: {
    /** Folder of `deno task build` output, relative to the project. @default "_fresh" */
    outDir?: string;
  };
  /** Folder of static files, relative to the project. @default "static" */
  staticDir?: string;
  /** Router options. */
  router?: {
    /** Keep trailing slashes instead of redirecting them away. @default false */
    trailingSlash?: boolean;
  };
  /** Development mode: no immutable caching, unminified bundles. @default false */
  dev?: boolean;
}

/** The configuration as the core resolved it (`ctx.config`). */
export interface ResolvedFreshConfig {
  build: { outDir: string };
  staticDir: string;
  router: { trailingSlash: boolean };
  server: ServerOptions;
  dev: boolean;
}

/** What a route module's `config` export may set. */
export interface RouteConfig {
  /** A URLPattern pathname that replaces the file-derived one. */
  routeOverride?: string;
  /** Skip `_layout` files of parent folders. */
  skipInheritedLayouts?: boolean;
  /** Render without `_app`. */
  skipAppWrapper?: boolean;
}

/** The context of one request, from middleware to handler to page. */
export interface FreshContext<
  State = Record<string, unknown>,
  Data = unknown,
  NotFoundData = Data,
> {
  /** The request URL. */
  url: URL;
  /** Matched path parameters. */
  params: Record<string, string>;
  /** The matched route pattern (empty when no route matched). */
  route: string;
  /** Per-request state, filled by middleware. */
  state: State;
  /** Data passed to `render()`. */
  data: Data;
  /** The error, on the `_500` page. */
  error?: unknown;
  /** What the request is headed for. */
  destination: Destination;
  /** The client's address. */
  remoteAddr: Deno.Addr;
  /** The resolved configuration. */
  config: ResolvedFreshConfig;
  /** Renders the next level of the page stack (app, layouts, page). */
  Component: ComponentType<Record<string, never>>;
  /** Renders the matched page with `data`. */
  render: (data?: Data, init?: ResponseInit) => Response | Promise<Response>;
  /** Renders the `_404` page with status 404. */
  renderNotFound: (data?: NotFoundData) => Response | Promise<Response>;
  /** Runs the rest of the middleware chain and the route. */
  next: () => Promise<Response>;
}

/** Props of a page, layout or `_app`: the context without its actions. */
export type PageProps<T = unknown, S = Record<string, unknown>> = Omit<
  FreshContext<S, T>,
  "render" | "next" | "renderNotFound"
>;

/** The context an async route, layout or app component receives. */
export type RouteContext<T = unknown, S = Record<string, unknown>> = FreshContext<S, T>;

/** Answers one request. */
export type Handler<T = unknown, State = Record<string, unknown>> = (
  req: Request,
  ctx: FreshContext<State, T>,
) => Response | Promise<Response>;

/** Handlers by HTTP method. */
export type Handlers<T = unknown, State = Record<string, unknown>> = {
  [K in KnownMethod]?: Handler<T, State>;
};

/** A `_middleware` handler. */
export type MiddlewareHandler<State = Record<string, unknown>> = (
  req: Request,
  ctx: FreshContext<State>,
) => Response | Promise<Response>;

/** Handler of the `_500` page. */
export type ErrorHandler<State = Record<string, unknown>> = Handler<unknown, State>;

/** Handler of the `_404` page. */
export type UnknownHandler<State = Record<string, unknown>> = Handler<unknown, State>;

/** What an async route component may return. */
export type AsyncResult = ComponentChildren | Response;

/** An async page, layout or app: `async function Page(req, ctx)`. */
export type AsyncRoute<T = unknown, S = Record<string, unknown>> = (
  req: Request,
  ctx: RouteContext<T, S>,
) => Promise<AsyncResult> | AsyncResult;

/** `fresh.gen.ts`: every route and island module of the app. */
export interface Manifest {
  routes: Record<string, object>;
  islands: Record<string, object>;
  baseUrl: string;
}

/** @deprecated Use {@linkcode PageProps}. */
export type AppProps<T = unknown, S = Record<string, unknown>> = PageProps<T, S>;
/** @deprecated Use {@linkcode PageProps}. */
export type LayoutProps<T = unknown, S = Record<string, unknown>> = PageProps<T, S>;
/** @deprecated Use {@linkcode PageProps}. */
export type ErrorPageProps = PageProps;
/** @deprecated Use {@linkcode PageProps}. */
export type UnknownPageProps<T = unknown, S = Record<string, unknown>> = PageProps<T, S>;
/** @deprecated Use {@linkcode FreshContext}. */
export type HandlerContext<T = unknown, S = Record<string, unknown>> = FreshContext<S, T>;
/** @deprecated Use {@linkcode FreshContext}. */
export type MiddlewareHandlerContext<S = Record<string, unknown>> = FreshContext<S>;

/** A server-rendered vnode (re-exported for route modules). */
export type { VNode };
