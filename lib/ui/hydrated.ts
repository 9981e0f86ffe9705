/**
 * `true` once an island on this page has mounted in the browser. Components
 * render server-identical markup until then (no hydration mismatch), and
 * viewer-specific details (local times) after. Never set on the server.
 */
import { signal } from "@preact/signals";

/** Becomes `true` after the first island mounted in this tab. */
export const hydratedSig = signal(false);
