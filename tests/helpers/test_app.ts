/**
 * The one in-process test harness. {@linkcode withTestEnv} gives a fresh
 * in-memory KV, a quiet log, a fixed JWT secret, a cheap password cost, the
 * scripted LLM (or the offline model) and a record of every published event;
 * {@linkcode withTestApp} adds the REAL app (the generated manifest through
 * `createHandler`) served by `Deno.serve` on 127.0.0.1, port 0, with helpers to
 * register, log in and call the API. Everything is closed afterwards.
 * Process-level tests spawn `main.ts` with `app_process.ts` instead.
 */
import { createHandler } from "$fresh/server.ts";
import manifest from "../../fresh.gen.ts";
import { setPasswordCostForTesting } from "../../lib/auth/password.ts";
import { type Config, setConfigForTesting } from "../../lib/config.ts";
import { onProgressForTesting } from "../../lib/realtime/broadcast.ts";
import type { EventBody, ServerEvent } from "../../lib/realtime/events.ts";
import { closeHub } from "../../lib/realtime/hub_instance.ts";
import type { Session } from "../../lib/state.ts";
import { closeKv } from "../../lib/store/kv.ts";
import { setFirstLockForTesting } from "../../lib/store/throttle.ts";
import { type ScriptedLlm, startScriptedLlm } from "./scripted_llm.ts";

/** The JWT secret of every test environment. */
export const TEST_JWT_SECRET = "in-process-test-secret-0123456789abcdef0123";
/** The password {@linkcode TestApp.register} gives its users. */
export const TEST_PASSWORD = "correct horse battery";
/** scrypt cost (log2 N) in tests: fast, and still the real code path. */
const TEST_PASSWORD_COST = 10;

/** What {@linkcode withTestEnv} gives a test. */
export interface TestEnv {
  /** The scripted model (unused with `offline: true`). */
  llm: ScriptedLlm;
  /** Every event published through `broadcastProgress`, in order, with its user. */
  events: (ServerEvent & { user: string })[];
  /** Events of one run, in order. */
  runEvents(runId: string): EventBody[];
  /** A session for a made-up user, for calling services directly. */
  session(userId?: string): Session;
}

/** Options of {@linkcode withTestEnv} and {@linkcode withTestApp}. */
export interface TestEnvOptions {
  /** Use the embedded offline model instead of the scripted one. @default false */
  offline?: boolean;
  /** Config overrides, applied last. */
  config?: Partial<Config>;
}

/** A user registered through the API. */
export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
  /** `auth_token=<jwt>`, ready for a `cookie` header. */
  cookie: string;
}

/** The app under test, served on a real port. */
export interface TestApp extends TestEnv {
  /** `http://127.0.0.1:<port>`, also the app's own origin. */
  base: string;
  /** The app's request handler itself, for requests no socket can carry (an https URL). */
  handler: (req: Request) => Promise<Response>;
  /**
   * Sends a request over HTTP; a path is resolved against {@linkcode TestApp.base}.
   * Redirects are answered, not followed (`redirect: "manual"` unless `init` says).
   */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Sends JSON (when `body` is given) with the user's bearer token (or none). */
  api(user: TestUser | null, method: string, path: string, body?: unknown): Promise<Response>;
  /** `POST /api/{user.id}/chat` with `body`. */
  chat(user: TestUser, body: unknown): Promise<Response>;
  /** Registers a new user through the API (a fresh email unless given); throws unless 201. */
  register(email?: string): Promise<TestUser>;
  /** Logs in through the API; answers the raw response. */
  login(email: string, password: string): Promise<Response>;
}

/** Runs `fn` in a fresh test environment (no HTTP server), then cleans up. */
export async function withTestEnv(
  options: TestEnvOptions,
  fn: (env: TestEnv) => Promise<void>,
): Promise<void> {
  const llm = startScriptedLlm();
  setConfigForTesting({
    KV_PATH: ":memory:",
    LOG_LEVEL: "silent",
    JWT_SECRET: TEST_JWT_SECRET,
    OPENAI_API_KEY: options.offline ? undefined : "test-key",
    OPENAI_BASE_URL: options.offline ? undefined : llm.baseUrl,
    OPENAI_MODEL: "scripted-model",
    AI_MAX_RETRIES: 0,
    AI_TIMEOUT_MS: 2_000,
    DAILY_MESSAGE_LIMIT: 100,
    RETENTION_DAYS: 90,
    ALLOWED_ORIGINS: [],
    REDIS_URL: undefined,
    ...options.config,
  });
  setPasswordCostForTesting(TEST_PASSWORD_COST);
  const events: TestEnv["events"] = [];
  const stop = onProgressForTesting((user, event) => events.push({ ...event, user }));
  try {
    await fn({
      llm,
      events,
      runEvents: (runId) =>
        events.filter((event) => "run_id" in event && event.run_id === runId) as EventBody[],
      session: (userId = `user-${crypto.randomUUID()}`) => ({
        user: { id: userId, email: `${userId}@example.test`, name: "Test" },
        jti: crypto.randomUUID(),
        expiresAt: Date.now() + 3_600_000,
      }),
    });
  } finally {
    stop();
    setPasswordCostForTesting(undefined);
    setFirstLockForTesting(undefined);
    await llm.close();
    await closeHub();
    await closeKv();
  }
}

/** Runs `fn` against the whole app on a real port, then stops it and cleans up. */
export function withTestApp(
  options: TestEnvOptions,
  fn: (app: TestApp) => Promise<void>,
): Promise<void> {
  return withTestEnv(options, async (env) => {
    const handle = createHandler(manifest);
    const server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen() {} },
      (req, info) => handle(req, info),
    );
    const base = `http://127.0.0.1:${server.addr.port}`;
    let counter = 0;
    const app: TestApp = {
      ...env,
      base,
      handler: (req) =>
        handle(req, { remoteAddr: { transport: "tcp", hostname: "127.0.0.1", port: 40000 } }),
      fetch: (path, init) => fetch(new URL(path, base), { redirect: "manual", ...init }),
      api: (user, method, path, body) =>
        app.fetch(path, {
          method,
          headers: {
            ...(user ? { authorization: `Bearer ${user.token}` } : {}),
            ...(body === undefined ? {} : { "content-type": "application/json" }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      chat: (user, body) => app.api(user, "POST", `/api/${user.id}/chat`, body),
      register: async (email = `user${++counter}-${crypto.randomUUID()}@example.test`) => {
        const body = { email, password: TEST_PASSWORD };
        const response = await app.api(null, "POST", "/api/auth/register", body);
        if (response.status !== 201) {
          throw new Error(`register answered ${response.status}: ${await response.text()}`);
        }
        const created = await response.json();
        const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0];
        return {
          id: created.user.id,
          email,
          password: TEST_PASSWORD,
          token: created.token,
          cookie,
        };
      },
      login: (email, password) => app.api(null, "POST", "/api/auth/login", { email, password }),
    };
    try {
      await fn(app);
    } finally {
      await server.shutdown();
    }
  });
}
