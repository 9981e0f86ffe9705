/** `/login`: the sign-in form (works without JavaScript). */
import { Head } from "$fresh/runtime.ts";
import type { PageProps } from "$fresh/server.ts";
import { AuthForm } from "../components/AuthForm.tsx";
import { logIn, LoginInput } from "../lib/auth/accounts.ts";
import { clientAddress } from "../lib/auth/client_address.ts";
import { type AuthFormData, authFormHandlers } from "../lib/auth/form_pages.ts";

export const handler = authFormHandlers(
  LoginInput,
  (input, ctx) => logIn(input, clientAddress(ctx)),
);

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
