/**
 * A real redis-server for tests (Debian's /usr/bin/redis-server), started on a
 * free port without persistence. When the binary is missing a test is skipped
 * with a printed reason, except under CI=true, where it fails.
 */
import { freePort } from "./net.ts";

/** Path of the redis-server binary. */
export const REDIS_SERVER = "/usr/bin/redis-server";

/** A running redis-server. */
export interface RedisServer {
  port: number;
  /** `redis://127.0.0.1:{port}`, for `REDIS_URL` or a `RedisBus`. */
  url: string;
  /** Kills the server and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * True when redis-server is installed. Prints why `what` is skipped when not;
 * under `CI=true` a missing server throws instead, so the test fails.
 */
export async function redisAvailable(what: string): Promise<boolean> {
  const available = await Deno.stat(REDIS_SERVER).then((info) => info.isFile, () => false);
  if (!available) {
    if (Deno.env.get("CI") === "true") {
      throw new Error(
        `${REDIS_SERVER} is required under CI=true (install Debian's "redis-server")`,
      );
    }
    console.warn(`Skipping ${what}: ${REDIS_SERVER} is not installed`);
  }
  return available;
}

/** Starts redis-server on `port` (a free one by default); resolves once it accepts connections. */
export async function startRedis(port: number = freePort()): Promise<RedisServer> {
  const child = new Deno.Command(REDIS_SERVER, {
    args: ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    stdout: "null",
    stderr: "null",
  }).spawn();
  const stop = async () => {
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
    await child.status;
  };
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    try {
      (await Deno.connect({ hostname: "127.0.0.1", port })).close();
      return { port, url: `redis://127.0.0.1:${port}`, stop };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  await stop();
  throw new Error(`redis-server did not accept connections on port ${port} within 5 s`);
}
