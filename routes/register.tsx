/** `/register`: the sign-up form (works without JavaScript). */
import { Head } from "$fresh/runtime.ts";
import type { PageProps } from "$fresh/server.ts";
import { AuthForm } from "../components/AuthForm.tsx";
import { registerAccount, RegisterInput } from "../lib/auth/accounts.ts";
import { type AuthFormData, authFormHandlers } from "../lib/auth/form_pages.ts";

export const handler = authFormHandlers(RegisterInput, registerAccount);

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
