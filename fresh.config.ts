import { defineConfig } from "$fresh/server.ts";
import { getConfigOrExit } from "./lib/config.ts";

// A bad environment stops the process here, with a message naming the variable.
const { PORT, HOSTNAME } = getConfigOrExit();

export default defineConfig({ server: { port: PORT, hostname: HOSTNAME } });
