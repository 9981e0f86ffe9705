/**
 * The server API of the Fresh-1.7-compatible core: `start`, `createHandler`,
 * the `define*` helpers and the route, handler and context types.
 * @module
 */
export { createHandler } from "./src/handler.ts";
export type { ConnInfo, RequestHandler } from "./src/handler.ts";
export { ListenError, start } from "./src/start.ts";
export { defineApp, defineConfig, defineLayout, defineRoute } from "./src/define.ts";
export type {
  AppProps,
  Destination,
  ErrorHandler,
  ErrorPageProps,
  FreshConfig,
  FreshContext,
  Handler,
  HandlerContext,
  Handlers,
  LayoutProps,
  Manifest,
  MiddlewareHandler,
  MiddlewareHandlerContext,
  PageProps,
  ResolvedFreshConfig,
  RouteConfig,
  RouteContext,
  ServerOptions,
  UnknownHandler,
  UnknownPageProps,
} from "./src/types.ts";
