import { start } from "$fresh/server.ts";
import manifest from "./fresh.gen.ts";
import config from "./fresh.config.ts";
import { shutdownSignal } from "./lib/shutdown.ts";

/** After SIGINT/SIGTERM the process exits within this time, whatever is still open. */
const EXIT_DEADLINE_MS = 1000;

const signal = shutdownSignal();
signal.addEventListener("abort", () => {
  Deno.unrefTimer(setTimeout(() => Deno.exit(0), EXIT_DEADLINE_MS));
});
await start(manifest, { ...config, server: { ...config.server, signal } });
Deno.exit(0);
