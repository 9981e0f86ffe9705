/** `/api/{userId}/**`: 401 without a session, 403 when the path's user id is not the token's. */
import type { FreshContext } from "$fresh/server.ts";
import { AppError } from "../../../lib/errors.ts";
import type { AppState } from "../../../lib/state.ts";

export async function handler(_req: Request, ctx: FreshContext<AppState>): Promise<Response> {
  const session = ctx.state.session;
  if (!session) throw new AppError("unauthenticated", "Sign in to use this endpoint");
  if (ctx.params.userId !== session.user.id) {
    throw new AppError("forbidden", "This path belongs to another user");
  }
  return await ctx.next();
}
