/** `GET /api/auth/me` → 200 `{ user }`, or 401. */
import type { Handlers } from "$fresh/server.ts";
import { AppError } from "../../../lib/errors.ts";
import { jsonResponse } from "../../../lib/http.ts";
import type { AppState } from "../../../lib/state.ts";

export const handler: Handlers<unknown, AppState> = {
  GET(_req, ctx) {
    const session = ctx.state.session;
    if (!session) throw new AppError("unauthenticated", "Not signed in");
    return jsonResponse({ user: session.user });
  },
};
