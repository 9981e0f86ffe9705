/** `/logout`: GET asks to confirm; POST revokes the session, clears the cookie, 303 to `/login`. */
import { Head } from "$fresh/runtime.ts";
import type { Handlers, PageProps } from "$fresh/server.ts";
import { logOut } from "../lib/auth/accounts.ts";
import { clearedSessionCookie } from "../lib/auth/cookies.ts";
import { CROSS_SITE_FORM_MESSAGE, seeOther } from "../lib/auth/forms.ts";
import { getConfig } from "../lib/config.ts";
import { isOriginAllowed } from "../lib/origin.ts";
import type { AppState } from "../lib/state.ts";

interface LogoutData {
  email?: string;
  error?: string;
}

export const handler: Handlers<LogoutData, AppState> = {
  GET(_req, ctx) {
    if (!ctx.state.session) return seeOther("/login");
    return ctx.render({ email: ctx.state.session.user.email });
  },
  async POST(req, ctx) {
    const session = ctx.state.session;
    if (!isOriginAllowed(req, getConfig().ALLOWED_ORIGINS)) {
      return ctx.render({
        email: session?.user.email,
        error: CROSS_SITE_FORM_MESSAGE,
      }, {
        status: 403,
      });
    }
    if (session) await logOut(session);
    return seeOther("/login", { "set-cookie": clearedSessionCookie(req) });
  },
};

export default function LogoutPage({ data }: PageProps<LogoutData>) {
  return (
    <main class="auth-page">
      <Head>
        <title>Sign out · Taskstream</title>
      </Head>
      <h1>Sign out</h1>
      {data.error && <p class="form-error" role="alert">{data.error}</p>}
      <form method="post" action="/logout" class="auth-form">
        <p>You are signed in as {data.email}. Sign out on this device?</p>
        <button type="submit" class="button primary">Sign out</button>
        <p class="auth-switch">
          <a href="/chat">Stay signed in</a>
        </p>
      </form>
    </main>
  );
}
