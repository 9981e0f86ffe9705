/** `/register`: the sign-up form (works without JavaScript). */
import { Head } from "$fresh/runtime.ts";
import type { Handlers, PageProps } from "$fresh/server.ts";
import { AuthForm } from "../components/AuthForm.tsx";
import { registerAccount, RegisterInput } from "../lib/auth/accounts.ts";
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
    const result = await submitAuthForm(req, RegisterInput, registerAccount);
    return result instanceof Response ? result : ctx.render(result.data, result.init);
  },
};

export default function RegisterPage({ data }: PageProps<AuthFormData>) {
  return (
    <main class="auth-page">
      <Head>
        <title>Create an account · Taskstream</title>
      </Head>
      <h1>Create an account</h1>
      <p class="auth-intro">
        Free, and ready in a minute. Then just tell the assistant what to do.
      </p>
      <AuthForm mode="register" values={data.values} errors={data.errors} next={data.next} />
    </main>
  );
}
