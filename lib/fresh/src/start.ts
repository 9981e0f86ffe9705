/** `start(manifest, config)`: serve the app on `PORT` and stop gracefully. */
import { createApp } from "./handler.ts";
import type { FreshConfig, Manifest } from "./types.ts";

/** Thrown when `PORT` is not a usable port number. */
export class PortError extends RangeError {
  override name = "PortError";
  readonly code = "invalid_port";
}

/** Parses `PORT` (default 8000; 0 = any free port). */
export function parsePort(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return 8000;
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(port) || port > 65535) {
    throw new PortError(
      `Invalid PORT "${value}": use a whole number from 0 to 65535 (0 picks any free port), e.g. PORT=8000`,
    );
  }
  return port;
}

function formatHost(hostname: string): string {
  return hostname.includes(":") ? `[${hostname}]` : hostname;
}

/**
 * Serves the app. Prints `Listening on http://HOST:PORT/`, then bundles the
 * islands in the background when no `_fresh/` snapshot exists. Resolves
 * once the server has shut down: when `config.server.signal` aborts, or
 * else on SIGINT/SIGTERM.
 */
export async function start(manifest: Manifest, config: FreshConfig = {}): Promise<void> {
  const server = config.server ?? {};
  const port = server.port ?? parsePort(Deno.env.get("PORT"));
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new PortError(
      `Invalid port ${port} in fresh.config.ts: use a whole number from 0 to 65535`,
    );
  }
  const app = createApp(manifest, config);
  let signal = server.signal;
  let removeListeners = () => {};
  if (!signal) {
    const controller = new AbortController();
    const stop = () => controller.abort();
    for (const name of ["SIGINT", "SIGTERM"] as const) Deno.addSignalListener(name, stop);
    removeListeners = () => {
      for (const name of ["SIGINT", "SIGTERM"] as const) Deno.removeSignalListener(name, stop);
    };
    signal = controller.signal;
  }
  const listening = Deno.serve({
    port,
    hostname: server.hostname,
    signal,
    onListen(addr) {
      if (server.onListen) server.onListen(addr);
      else console.log(`Listening on http://${formatHost(addr.hostname)}:${addr.port}/`);
    },
  }, app.handler);
  app.warmUp().catch((error) => console.error("Cannot build the islands:", error));
  try {
    await listening.finished;
  } finally {
    removeListeners();
  }
}
