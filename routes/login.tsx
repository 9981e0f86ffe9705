/** `/login`: the sign-in form (works without JavaScript). */
import { Head } from "$fresh/runtime.ts";
import type { Handlers, PageProps } from "$fresh/server.ts";
import { AuthForm } from "../components/AuthForm.tsx";
import { logIn, LoginInput } from "../lib/auth/accounts.ts";
import { clientAddress } from "../lib/auth/client_address.ts";
import { type AuthFormData, submitAuthForm } from "../lib/auth/form_pages.ts";
import { safeNext, seeOther } from "../lib/auth/forms.ts";
import type { AppState } from "../lib/state.ts";

export const handler: Handlers<AuthFormData, AppState> = {
  GET(_req, ctx) {
    const next = safeNext(ctx.url.searchParams.get("next"));
    if (ctx.state.session) return seeOther(next);
    return ctx.render({ values: {}, errors: {}, next });
  },
  async POST(req, ctx) {
    const address = clientAddress(ctx);
    const result = await submitAuthForm(req, LoginInput, (input) => logIn(input, address));
    return result instanceof Response ? result : ctx.render(result.data, result.init);
  },
};

export default function LoginPage({ data }: PageProps<AuthFormData>) {
  return (
    <main class="auth-page">
      <Head>
        <title>Sign in · Taskstream</title>
      </Head>
      <h1>Sign in</h1>
      <p class="auth-intro">Welcome back. Your tasks are waiting.</p>
      <AuthForm mode="login" values={data.values} errors={data.errors} next={data.next} />
    </main>
  );
}
