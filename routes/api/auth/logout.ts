/** `POST /api/auth/logout` → 204: the token is revoked and the cookie cleared. */
import type { Handlers } from "$fresh/server.ts";
import { logOut } from "../../../lib/auth/accounts.ts";
import { clearedSessionCookie } from "../../../lib/auth/cookies.ts";
import { noContent } from "../../../lib/http.ts";
import type { AppState } from "../../../lib/state.ts";

export const handler: Handlers<unknown, AppState> = {
  async POST(req, ctx) {
    if (ctx.state.session) await logOut(ctx.state.session);
    return noContent({ headers: { "set-cookie": clearedSessionCookie(req) } });
  },
};
