import { Head } from "$fresh/runtime.ts";
import type { PageProps } from "$fresh/server.ts";
import type { AppState } from "../lib/state.ts";

const FEATURES = [
  {
    title: "Talk, don't click",
    text: "“Add a task to buy milk”, “what's left?”, “I finished the report”. Plain words do it.",
  },
  {
    title: "Watch it work",
    text: "Every step the assistant takes shows live: searching, adding, marking done.",
  },
  {
    title: "A real list, too",
    text: "Filter, edit and tick off tasks by hand. Every open tab updates at once.",
  },
  {
    title: "Runs anywhere",
    text: "Works offline with a built-in demo model, or with any OpenAI-compatible LLM.",
  },
] as const;

/** The landing page: what Taskstream is, what it does, and where to start. */
export default function Home({ state }: PageProps<unknown, AppState>) {
  const signedIn = state.session !== undefined;
  return (
    <main class="landing fade-in">
      <Head>
        <title>Taskstream · a to-do list you talk to</title>
      </Head>
      <section class="hero">
        <p class="eyebrow">Taskstream</p>
        <h1>Your to-do list, managed by chatting.</h1>
        <p class="lead">
          Tell the assistant what to add, change or finish, and watch each step happen live.
        </p>
        <p class="actions">
          {signedIn
            ? (
              <>
                <a class="button primary" href="/chat">Open the chat</a>
                <a class="button" href="/tasks">See your tasks</a>
              </>
            )
            : (
              <>
                <a class="button primary" href="/register">Create a free account</a>
                <a class="button" href="/login">Sign in</a>
              </>
            )}
        </p>
      </section>
      <div class="demo card" aria-label="An example conversation" role="img">
        <p class="demo-line demo-you">
          <span>add a task to buy milk</span>
        </p>
        <p class="demo-line demo-step">
          <span class="ok">✓</span> Added “Buy milk” <span>12 ms</span>
        </p>
        <p class="demo-line">Added “Buy milk” as task 1.</p>
      </div>
      <ul class="features">
        {FEATURES.map((feature) => (
          <li key={feature.title} class="card">
            <h2>{feature.title}</h2>
            <p>{feature.text}</p>
          </li>
        ))}
      </ul>
    </main>
  );
}
