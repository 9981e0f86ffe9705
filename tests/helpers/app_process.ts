/**
 * Starts the real app as a child process (`deno run -A main.ts`) on a free
 * port, as a user would, and stops it by its own PID.
 */
import assert from "node:assert/strict";

/** A running app process. */
export interface AppProcess {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `ws://127.0.0.1:PORT` */
  wsUrl: string;
  port: number;
  /** Everything the process printed so far. */
  output(): string;
  /** Sends a signal and waits for exit (SIGKILL after 10 s). Returns the exit code. */
  stop(signal?: Deno.Signal): Promise<number>;
  /** Sends a signal without waiting (nothing happens once the process is gone). */
  signal(signal: Deno.Signal): void;
}

/** Options for {@linkcode startApp}. */
export interface StartAppOptions {
  /** Extra environment; `KV_PATH` defaults to a fresh temp file. */
  env?: Record<string, string>;
  /** Port to listen on. @default 0 (any free port) */
  port?: number;
}

const ROOT = new URL("../../", import.meta.url);
const ADDRESS = /Listening on (http:\/\/[^\s/]+)/;

/** Starts the app and resolves once it prints its address and `/healthz` is 200. */
export async function startApp(options: StartAppOptions = {}): Promise<AppProcess> {
  const kvPath = options.env?.KV_PATH ?? `${await Deno.makeTempDir({ prefix: "ts-app-" })}/app.kv`;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts"],
    cwd: ROOT,
    env: {
      PORT: String(options.port ?? 0),
      HOSTNAME: "127.0.0.1",
      KV_PATH: kvPath,
      JWT_SECRET: "test-secret-0123456789abcdef0123456789abcdef",
      LOG_LEVEL: "warn",
      NO_COLOR: "1",
      ...options.env,
    },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let printed = "";
  let announce: (url: string) => void = () => {};
  const announced = new Promise<string>((resolve) => announce = resolve);
  const decoder = new TextDecoder();
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    for await (const chunk of stream) {
      printed += decoder.decode(chunk, { stream: true });
      const match = printed.match(ADDRESS);
      if (match) announce(match[1].replace("0.0.0.0", "127.0.0.1"));
    }
  };
  const pumps = Promise.all([pump(child.stdout), pump(child.stderr)]);
  const exited = child.status.then((status) => status.code);
  const send = (signal: Deno.Signal) => {
    try {
      child.kill(signal);
    } catch { /* already gone */ }
  };
  const stop = async (signal: Deno.Signal = "SIGTERM") => {
    send(signal);
    const killer = setTimeout(() => {
      try {
        child.kill("SIGKILL");
      } catch { /* already gone */ }
    }, 10_000);
    const code = await exited;
    clearTimeout(killer);
    await pumps;
    return code;
  };
  const url = await Promise.race([
    announced,
    exited.then((code) => {
      throw new Error(`App exited with ${code} before listening:\n${printed}`);
    }),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`App did not listen within 60 s:\n${printed}`)), 60_000)
    ),
  ]).catch(async (error) => {
    await stop("SIGKILL");
    throw error;
  });
  const health = await fetch(`${url}/healthz`);
  await health.body?.cancel();
  if (health.status !== 200) {
    await stop("SIGKILL");
    throw new Error(`/healthz answered ${health.status}:\n${printed}`);
  }
  const port = Number(new URL(url).port);
  return {
    url,
    wsUrl: url.replace("http", "ws"),
    port,
    output: () => printed,
    stop,
    signal: send,
  };
}

/** An account made through the HTTP API, with its bearer token. */
export interface TestAccount {
  id: string;
  token: string;
}

/** The password {@linkcode signUpOverHttp} and {@linkcode logInOverHttp} use. */
export const TEST_PASSWORD = "correct horse battery";

/** Registers `email` on a running app (`POST /api/auth/register`, asserted 201). */
export async function signUpOverHttp(
  app: Pick<AppProcess, "url">,
  email = `user-${crypto.randomUUID()}@example.test`,
): Promise<TestAccount> {
  return await authenticate(app, "/api/auth/register", email, 201);
}

/** Signs `email` in again (`POST /api/auth/login`, asserted 200). */
export async function logInOverHttp(
  app: Pick<AppProcess, "url">,
  email: string,
): Promise<TestAccount> {
  return await authenticate(app, "/api/auth/login", email, 200);
}

async function authenticate(
  app: Pick<AppProcess, "url">,
  path: string,
  email: string,
  status: number,
): Promise<TestAccount> {
  const response = await fetch(`${app.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  const body = await response.json();
  assert.equal(response.status, status, `POST ${path}: ${JSON.stringify(body)}`);
  return { id: body.user.id, token: body.token };
}
