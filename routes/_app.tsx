import { asset } from "$fresh/runtime.ts";
import type { PageProps } from "$fresh/server.ts";
import type { AppState } from "../lib/state.ts";

const PRODUCT_NAME = "Taskstream";
const NAV_LINKS = [
  { href: "/chat", label: "Chat" },
  { href: "/tasks", label: "Tasks" },
] as const;

/**
 * The page shell: head, header with navigation and account links, then the page.
 * The core marks the link to the current page (`aria-current`).
 */
export default function App({ Component, state }: PageProps<unknown, AppState>) {
  const user = state.session?.user;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{PRODUCT_NAME}</title>
        <link rel="stylesheet" href={asset("/styles.css")} />
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to content</a>
        <header class="site-header">
          <a class="brand" href="/">{PRODUCT_NAME}</a>
          <nav class="site-nav" aria-label="Main">
            {NAV_LINKS.map((link) => <a key={link.href} href={link.href}>{link.label}</a>)}
          </nav>
          <div class="account">
            {user
              ? (
                <>
                  <span class="account-email" title={user.email}>{user.email}</span>
                  <form method="post" action="/logout" class="logout-form">
                    <button type="submit" class="button button-quiet">Log out</button>
                  </form>
                </>
              )
              : (
                <>
                  <a href="/login">Sign in</a>
                  <a href="/register" class="button primary">Sign up</a>
                </>
              )}
          </div>
        </header>
        <div id="main" class="site-main">
          <Component />
        </div>
      </body>
    </html>
  );
}
