import { Head } from "$fresh/runtime.ts";
import type { PageProps } from "$fresh/server.ts";
import type { AppState } from "../lib/state.ts";

/** The landing page: what Taskstream is, and where to start. */
export default function Home({ state }: PageProps<unknown, AppState>) {
  const signedIn = state.session !== undefined;
  return (
    <main class="landing fade-in">
      <Head>
        <title>Taskstream · a to-do list you talk to</title>
      </Head>
      <h1>Your to-do list, managed by chatting.</h1>
      <p class="lead">
        Tell the assistant what to add, change or finish, and watch each step happen live.
      </p>
      <p class="actions">
        {signedIn
          ? (
            <>
              <a class="button" href="/chat">Open the chat</a>
              <a class="button button-quiet" href="/tasks">See your tasks</a>
            </>
          )
          : (
            <>
              <a class="button" href="/register">Sign up free</a>
              <a class="button button-quiet" href="/login">Log in</a>
            </>
          )}
      </p>
    </main>
  );
}
