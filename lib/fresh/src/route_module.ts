/**
 * Reading one route module's exports (`handler`, default component,
 * `config`), each checked once at start-up with an error that names the
 * file and says how to fix it.
 */
import type { ComponentType } from "preact";
import { KNOWN_METHODS } from "./constants.ts";
import { RouteFileError } from "./router.ts";
import type { FreshContext, KnownMethod, RouteConfig } from "./types.ts";

/** A handler as the pipeline calls it. */
export type AnyHandler = (req: Request, ctx: FreshContext) => Response | Promise<Response>;
/** A page, layout or app component (sync or async). */
export type AnyComponent = ComponentType<Record<string, unknown>>;
/** `handler` export: one function or one per method. */
export type HandlerExport = AnyHandler | Partial<Record<KnownMethod, AnyHandler>>;
/** A module namespace as the manifest holds it. */
export type RouteModule = Record<string, unknown>;

const METHODS: readonly string[] = KNOWN_METHODS;

/** Throws a {@linkcode RouteFileError} about `file`. */
export function fail(file: string, problem: string): never {
  throw new RouteFileError(`Route file "${file}" ${problem}`);
}

/** The `handler` export, checked: a function or an object of known methods. */
export function readHandler(file: string, mod: RouteModule): HandlerExport | undefined {
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
    if (!METHODS.includes(key)) {
      const upper = key.toUpperCase();
      const hint = METHODS.includes(upper)
        ? `did you mean "${upper}"?`
        : `methods are ${KNOWN_METHODS.join(", ")}`;
      fail(file, `has a handler for "${key}": ${hint}`);
    }
    if (typeof value !== "function") fail(file, `has a "${key}" handler that is not a function`);
  }
  return handler as Partial<Record<KnownMethod, AnyHandler>>;
}

/** The default export, checked to be a component function. */
export function readComponent(file: string, mod: RouteModule): AnyComponent | undefined {
  const component = mod.default;
  if (component === undefined) return undefined;
  if (typeof component !== "function") {
    fail(file, `has a default export that is not a component function`);
  }
  return component as AnyComponent;
}

/** The `config` export, checked. */
export function readConfig(file: string, mod: RouteModule): RouteConfig {
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

/** A `_middleware` file's `handler`: one function or an array of them. */
export function readMiddleware(file: string, mod: RouteModule): AnyHandler[] {
  const handler = mod.handler;
  const list = Array.isArray(handler) ? handler : [handler];
  if (list.length === 0 || list.some((item) => typeof item !== "function")) {
    fail(file, `must export "handler": a function (req, ctx) or an array of them`);
  }
  return list as AnyHandler[];
}
