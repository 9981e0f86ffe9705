/** `POST /api/auth/login` → 200 `{ user, token }` and the session cookie; 401; 429 when throttled. */
import type { Handlers } from "$fresh/server.ts";
import { logIn, LoginInput } from "../../../lib/auth/accounts.ts";
import { clientAddress } from "../../../lib/auth/client_address.ts";
import { sessionCookie } from "../../../lib/auth/cookies.ts";
import { jsonResponse, readJsonBody } from "../../../lib/http.ts";

export const handler: Handlers = {
  async POST(req, ctx) {
    const signedIn = await logIn(await readJsonBody(req, LoginInput), clientAddress(ctx));
    return jsonResponse({ user: signedIn.user, token: signedIn.token }, {
      headers: { "set-cookie": sessionCookie(signedIn.token, req) },
    });
  },
};
