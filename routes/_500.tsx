import { Head } from "$fresh/runtime.ts";

/** Shown when a page fails; the error is logged on the server, never shown here. */
export default function ServerError() {
  return (
    <main class="error-page fade-in">
      <Head>
        <title>Something went wrong · Taskstream</title>
      </Head>
      <h1>Something went wrong</h1>
      <p>We could not show this page. Please try again in a moment.</p>
      <p>
        <a class="button primary" href="/">Go to the home page</a>
      </p>
    </main>
  );
}
