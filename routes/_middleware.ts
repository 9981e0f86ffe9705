/**
 * Every request: find the session (cookie or bearer) into `ctx.state.session`.
 * For `/api/**`: refuse cross-site writes, and turn every thrown error into the
 * contract's JSON (AppError → its status; anything else → a logged 500 without
 * detail).
 */
import type { FreshContext } from "$fresh/server.ts";
import { authenticateRequest } from "../lib/auth/session.ts";
import { getConfig } from "../lib/config.ts";
import { AppError, errorResponse } from "../lib/errors.ts";
import { describeError, log, redactUrl } from "../lib/log.ts";
import { isOriginAllowed } from "../lib/origin.ts";
import type { AppState } from "../lib/state.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export async function handler(req: Request, ctx: FreshContext<AppState>): Promise<Response> {
  const isApi = ctx.url.pathname.startsWith("/api/");
  try {
    if (ctx.destination === "route" || ctx.destination === "notFound") {
      ctx.state.session = await authenticateRequest(req) ?? undefined;
    }
    if (!isApi) return await ctx.next();
    if (!SAFE_METHODS.has(req.method) && !isOriginAllowed(req, getConfig().ALLOWED_ORIGINS)) {
      throw new AppError("forbidden", "Cross-site requests are not allowed");
    }
    if (ctx.destination === "notFound") {
      throw new AppError("not_found", `No API endpoint at ${ctx.url.pathname}`);
    }
    return await asContractError(await ctx.next());
  } catch (error) {
    if (!isApi) throw error;
    if (!(error instanceof AppError)) {
      log.error("API request failed", {
        method: req.method,
        path: redactUrl(req.url),
        ...describeError(error),
      });
    }
    return errorResponse(error);
  }
}

/** A 405 from the router becomes the contract's JSON error, keeping `Allow`. */
async function asContractError(response: Response): Promise<Response> {
  if (response.status !== 405 || response.headers.get("content-type")?.includes("json")) {
    return response;
  }
  await response.body?.cancel();
  const json = errorResponse(
    new AppError("method_not_allowed", "This method is not allowed on this endpoint"),
  );
  const allow = response.headers.get("allow");
  if (allow) json.headers.set("allow", allow);
  return json;
}
