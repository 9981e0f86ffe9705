import { Head } from "$fresh/runtime.ts";

/** Shown for any path no route serves. */
export default function NotFound() {
  return (
    <main class="error-page fade-in">
      <Head>
        <title>Page not found · Taskstream</title>
      </Head>
      <h1>Page not found</h1>
      <p>There is nothing at this address. It may have moved, or the link may be mistyped.</p>
      <p>
        <a class="button primary" href="/">Go to the home page</a>
      </p>
    </main>
  );
}
