import { defineConfig, type ServerOptions } from "$fresh/server.ts";
import { ConfigError, getConfig } from "./lib/config.ts";

/** Listen address from the environment; a bad value stops the process with a clear message. */
function serverOptions(): ServerOptions {
  try {
    const { PORT, HOSTNAME } = getConfig();
    return { port: PORT, hostname: HOSTNAME };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(
      `${error.message}\nFix these environment variables, or unset them to use the defaults ` +
        `(PORT is a whole number from 0 to 65535; 0 picks any free port).`,
    );
    Deno.exit(1);
  }
}

export default defineConfig({ server: serverOptions() });
