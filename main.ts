import config from "./fresh.config.ts";
import { start } from "$fresh/server.ts";
import manifest from "./fresh.gen.ts";
import { handleShutdownSignals } from "./lib/shutdown.ts";

// fresh.config.ts is imported first so that a bad environment stops the process
// with its message before any route module runs.
const shutdown = handleShutdownSignals();
await start(manifest, { ...config, server: { ...config.server, signal: shutdown.signal } });
await shutdown.exit();
