import config from "./fresh.config.ts";
import { ListenError, start } from "$fresh/server.ts";
import manifest from "./fresh.gen.ts";
import { getHub } from "./lib/realtime/hub_instance.ts";
import { handleShutdownSignals } from "./lib/shutdown.ts";

// fresh.config.ts is imported first so that a bad environment stops the process
// with its message before any route module runs.
const shutdown = handleShutdownSignals();
// The realtime hub and its bus start with the server, so a wrong REDIS_URL shows in the log at once.
getHub();
try {
  await start(manifest, { ...config, server: { ...config.server, signal: shutdown.signal } });
} catch (error) {
  // A port in use is the developer's to fix: say how, without a stack trace.
  if (!(error instanceof ListenError)) throw error;
  console.error(error.message);
  Deno.exit(1);
}
await shutdown.exit();
