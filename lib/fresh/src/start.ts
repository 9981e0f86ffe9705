/** `start(manifest, config)`: serve the app on `PORT` and stop gracefully. */
import { createApp } from "./handler.ts";
import type { FreshConfig, Manifest } from "./types.ts";

/** Thrown when `PORT` is not a usable port number. */
export class PortError extends RangeError {
  override name = "PortError";
  readonly code = "invalid_port";
}

/** Thrown when the server cannot listen: the address is taken, not allowed, or not this host's. */
export class ListenError extends Error {
  override name = "ListenError";
  constructor(
    readonly code: "address_in_use" | "permission_denied" | "address_unavailable",
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A {@linkcode ListenError} for what `Deno.serve` threw, or `undefined` when it is something else. */
function listenError(error: unknown, port: number, hostname = "0.0.0.0"): ListenError | undefined {
  const where = `${formatHost(hostname)}:${port}`;
  if (error instanceof Deno.errors.AddrInUse) {
    return new ListenError(
      "address_in_use",
      `Cannot listen on ${where}: the port is already in use. Stop the other server, or set PORT to another port (PORT=0 picks any free one).`,
      { cause: error },
    );
  }
  if (error instanceof Deno.errors.PermissionDenied) {
    return new ListenError(
      "permission_denied",
      `Cannot listen on ${where}: not allowed (ports below 1024 need privileges). Set PORT to 1024 or above.`,
      { cause: error },
    );
  }
  if (error instanceof Deno.errors.AddrNotAvailable) {
    return new ListenError(
      "address_unavailable",
      `Cannot listen on ${where}: no such address on this host. Check HOSTNAME.`,
      { cause: error },
    );
  }
  return undefined;
}

/** The port used when neither `PORT` nor `config.server.port` says otherwise. */
export const DEFAULT_PORT = 8000;

const STOP_SIGNALS = ["SIGINT", "SIGTERM"] as const;

/** Parses `PORT` (default 8000; 0 = any free port). */
export function parsePort(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(port) || port > 65535) {
    throw new PortError(
      `Invalid PORT "${value}": use a whole number from 0 to 65535 (0 picks any free port), e.g. PORT=8000`,
    );
  }
  return port;
}

/**
 * `Listening on http://HOST:PORT/`, plus the address to open in a browser when
 * the server listens on every interface (`0.0.0.0` does not open everywhere).
 */
export function listeningLine(addr: Deno.NetAddr): string {
  const url = `http://${formatHost(addr.hostname)}:${addr.port}/`;
  const everywhere = addr.hostname === "0.0.0.0" || addr.hostname === "::";
  return everywhere
    ? `Listening on ${url} (open http://localhost:${addr.port}/)`
    : `Listening on ${url}`;
}

function formatHost(hostname: string): string {
  return hostname.includes(":") ? `[${hostname}]` : hostname;
}

/** An AbortSignal that aborts on the first SIGINT/SIGTERM, and a way to stop listening for them. */
function stopSignals(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const stop = () => controller.abort();
  for (const name of STOP_SIGNALS) Deno.addSignalListener(name, stop);
  return {
    signal: controller.signal,
    dispose() {
      for (const name of STOP_SIGNALS) Deno.removeSignalListener(name, stop);
    },
  };
}

/**
 * Serves the app. Prints `Listening on http://HOST:PORT/` ({@linkcode listeningLine}), then bundles the
 * islands in the background when no `_fresh/` snapshot exists.
 *
 * Stopping is graceful: when `config.server.signal` aborts (or, without one,
 * on SIGINT/SIGTERM) the listener closes at once, so new connections are
 * refused, while requests in flight still get their responses. Deno closes
 * upgraded WebSockets with 1001 at that moment. Resolves once the last
 * in-flight response has been written.
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
  const own = server.signal ? undefined : stopSignals();
  const signal = server.signal ?? own!.signal;
  // Not passed to Deno.serve: its `signal` drops connections that are mid-response.
  let listening: Deno.HttpServer;
  try {
    listening = Deno.serve({
      port,
      hostname: server.hostname,
      onListen(addr) {
        if (server.onListen) server.onListen(addr);
        else console.log(listeningLine(addr));
      },
    }, app.handler);
  } catch (error) {
    own?.dispose();
    throw listenError(error, port, server.hostname) ?? error;
  }
  const shutdown = () => {
    listening.shutdown().catch((error) => console.error("Cannot stop the server:", error));
  };
  if (signal.aborted) shutdown();
  else signal.addEventListener("abort", shutdown, { once: true });
  app.warmUp().catch((error) => console.error("Cannot build the islands:", error));
  try {
    await listening.finished;
  } finally {
    signal.removeEventListener("abort", shutdown);
    own?.dispose();
  }
}
