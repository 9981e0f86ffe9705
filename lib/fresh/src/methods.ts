/** Method dispatch of a route's `handler` export: per-method handlers, HEAD from GET, 405. */
import type { AnyHandler, HandlerExport } from "./route_module.ts";
import { KNOWN_METHODS } from "./constants.ts";
import type { FreshContext } from "./types.ts";

/** The methods a route answers, in `KNOWN_METHODS` order (for `Allow`). */
export function allowedMethods(
  handler: HandlerExport | undefined,
  hasComponent: boolean,
): string[] {
  const methods = new Set<string>(typeof handler === "object" ? Object.keys(handler) : []);
  if (methods.has("GET") || hasComponent) {
    methods.add("GET");
    methods.add("HEAD");
  }
  return KNOWN_METHODS.filter((method) => methods.has(method));
}

/** The body-less answer to a HEAD request derived from a GET one. */
export function headOf(response: Response): Response {
  if (response.status === 101 || response.body === null) return response;
  response.body.cancel().catch(() => {});
  return new Response(null, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

function methodNotAllowed(handler: HandlerExport | undefined, hasComponent: boolean): Response {
  return new Response("Method Not Allowed", {
    status: 405,
    headers: {
      allow: allowedMethods(handler, hasComponent).join(", "),
      "content-type": "text/plain; charset=utf-8",
    },
  });
}

/**
 * Calls the handler for `req.method`: a function handler serves every
 * method; a route with a component and no `GET` renders it; `HEAD` derives
 * from `GET`; anything else is 405 with `Allow`.
 */
export async function dispatchMethod(
  req: Request,
  ctx: FreshContext,
  handler: HandlerExport | undefined,
  hasComponent: boolean,
): Promise<Response> {
  if (typeof handler === "function") return await handler(req, ctx);
  const method = req.method.toUpperCase();
  const own = handler?.[method as keyof typeof handler] as AnyHandler | undefined;
  if (own) return await own(req, ctx);
  const isHead = method === "HEAD";
  if (isHead && handler?.GET) return headOf(await handler.GET(req, ctx));
  if ((method === "GET" || isHead) && hasComponent && !handler?.GET) {
    const response = await ctx.render();
    return isHead ? headOf(response) : response;
  }
  return methodNotAllowed(handler, hasComponent);
}
