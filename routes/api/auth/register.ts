/** `POST /api/auth/register` → 201 `{ user, token }` and the session cookie. */
import type { Handlers } from "$fresh/server.ts";
import { registerAccount, RegisterInput } from "../../../lib/auth/accounts.ts";
import { sessionCookie } from "../../../lib/auth/cookies.ts";
import { jsonResponse, readJsonBody } from "../../../lib/http.ts";

export const handler: Handlers = {
  async POST(req) {
    const signedIn = await registerAccount(await readJsonBody(req, RegisterInput));
    return jsonResponse({ user: signedIn.user, token: signedIn.token }, {
      status: 201,
      headers: { "set-cookie": sessionCookie(signedIn.token, req) },
    });
  },
};
