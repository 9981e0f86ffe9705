/**
 * The whole app in-process for route-level tests: `createHandler(manifest)`
 * over a fresh in-memory KV, a fixed JWT secret and a cheap password cost.
 * Shared by `tests/auth` and `tests/tasks`.
 */
import { createHandler, type Manifest } from "$fresh/server.ts";
import * as $root_middleware from "../../routes/_middleware.ts";
import * as $user_middleware from "../../routes/api/[userId]/_middleware.ts";
import * as $task from "../../routes/api/[userId]/tasks/[taskId].ts";
import * as $tasks from "../../routes/api/[userId]/tasks/index.ts";
import * as $login_api from "../../routes/api/auth/login.ts";
import * as $logout_api from "../../routes/api/auth/logout.ts";
import * as $me_api from "../../routes/api/auth/me.ts";
import * as $register_api from "../../routes/api/auth/register.ts";
import * as $login from "../../routes/login.tsx";
import * as $logout from "../../routes/logout.tsx";
import * as $register from "../../routes/register.tsx";
import * as $tasks_page from "../../routes/tasks.tsx";
import * as $TaskBoard from "../../islands/TaskBoard.tsx";
import { setPasswordCostForTesting } from "../../lib/auth/password.ts";
import { setConfigForTesting } from "../../lib/config.ts";
import { closeHub } from "../../lib/realtime/hub_instance.ts";
import { closeKv } from "../../lib/store/kv.ts";

/** The JWT secret of the test app. */
export const TEST_JWT_SECRET = "route-test-secret-0123456789abcdef0123456789";
/** Where the test app pretends to be served. */
export const BASE_URL = "http://taskstream.test";

/** A registered test user. */
export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
  /** `auth_token=<jwt>`, ready for a `cookie` header. */
  cookie: string;
}

/** The app under test. */
export interface TestApp {
  /** Sends a request to the app (a path is resolved against {@linkcode BASE_URL}). */
  fetch(path: string, init?: RequestInit, remoteAddr?: string): Promise<Response>;
  /** Sends JSON with a bearer token (or none). */
  api(user: TestUser | null, method: string, path: string, body?: unknown): Promise<Response>;
  /** Registers a new user through the API. */
  register(email?: string): Promise<TestUser>;
}

/**
 * The routes of accounts and tasks, as in `fresh.gen.ts`. Listed here so these
 * tests exercise exactly these routes, whatever else the app holds.
 */
const manifest: Manifest = {
  routes: {
    "./routes/_middleware.ts": $root_middleware,
    "./routes/api/[userId]/_middleware.ts": $user_middleware,
    "./routes/api/[userId]/tasks/[taskId].ts": $task,
    "./routes/api/[userId]/tasks/index.ts": $tasks,
    "./routes/api/auth/login.ts": $login_api,
    "./routes/api/auth/logout.ts": $logout_api,
    "./routes/api/auth/me.ts": $me_api,
    "./routes/api/auth/register.ts": $register_api,
    "./routes/login.tsx": $login,
    "./routes/logout.tsx": $logout,
    "./routes/register.tsx": $register,
    "./routes/tasks.tsx": $tasks_page,
  },
  islands: { "./islands/TaskBoard.tsx": $TaskBoard },
  baseUrl: new URL("../../fresh.gen.ts", import.meta.url).href,
};

let counter = 0;

/** Runs `fn` against a fresh app and cleans up (KV, hub, password cost) afterwards. */
export async function withApp(fn: (app: TestApp) => Promise<void>): Promise<void> {
  setConfigForTesting({
    KV_PATH: ":memory:",
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: "silent",
    RETENTION_DAYS: 90,
    ALLOWED_ORIGINS: [],
  });
  setPasswordCostForTesting(10);
  const handler = createHandler(manifest);
  const app: TestApp = {
    fetch: (path, init = {}, remoteAddr = "127.0.0.1") =>
      handler(new Request(new URL(path, BASE_URL), init), {
        remoteAddr: { transport: "tcp", hostname: remoteAddr, port: 40000 },
      }),
    api: (user, method, path, body) => {
      const headers: Record<string, string> = {};
      if (user) headers.authorization = `Bearer ${user.token}`;
      if (body !== undefined) headers["content-type"] = "application/json";
      return app.fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    },
    register: async (email = `user${++counter}@example.test`) => {
      const password = "correct horse battery";
      const response = await app.api(null, "POST", "/api/auth/register", { email, password });
      if (response.status !== 201) {
        throw new Error(`register answered ${response.status}: ${await response.text()}`);
      }
      const body = await response.json();
      const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0];
      return { id: body.user.id, email, password, token: body.token, cookie };
    },
  };
  try {
    await fn(app);
  } finally {
    setPasswordCostForTesting(undefined);
    await closeHub();
    await closeKv();
  }
}
