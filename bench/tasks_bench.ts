/**
 * Task and login throughput through the real HTTP API on the KV file store,
 * each next to a baseline measured in the same run:
 *
 * - create a task (`POST /api/{id}/tasks`) vs a bare `kv.set` of a task value;
 * - list 100 tasks (`GET /api/{id}/tasks`) vs a bare `kv.list` of 100 values;
 * - log in (`POST /api/auth/login`, scrypt N=2^17) vs an authenticated
 *   `GET /api/auth/me` (same HTTP and JWT path, no password hash).
 *
 * Run: `deno bench -A bench/tasks_bench.ts`
 */
import { createHandler } from "$fresh/server.ts";
import manifest from "../fresh.gen.ts";
import { setConfigForTesting } from "../lib/config.ts";
import { closeKv, getKv } from "../lib/store/kv.ts";

const LIST_SIZE = 100;
const PASSWORD = "correct horse battery";

const dir = await Deno.makeTempDir({ prefix: "tasks-bench-" });
setConfigForTesting({
  KV_PATH: `${dir}/bench.kv`,
  JWT_SECRET: "bench-secret-0123456789abcdef0123456789abcdef",
  LOG_LEVEL: "silent",
});
const server = Deno.serve(
  { hostname: "127.0.0.1", port: 0, onListen: () => {} },
  createHandler(manifest),
);
const base = `http://127.0.0.1:${server.addr.port}`;
addEventListener("unload", () => {
  server.shutdown();
  closeKv();
  Deno.removeSync(dir, { recursive: true });
});

async function call(method: string, path: string, token?: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

async function register(email: string): Promise<{ id: string; token: string }> {
  const body = await call("POST", "/api/auth/register", undefined, { email, password: PASSWORD });
  return { id: body.user.id, token: body.token };
}

const writer = await register("writer@bench.test");
const reader = await register("reader@bench.test");
for (let i = 0; i < LIST_SIZE; i++) {
  await call("POST", `/api/${reader.id}/tasks`, reader.token, { title: `Task ${i}` });
}
const kv = await getKv();
const sample = {
  id: 1,
  title: "Buy oat milk",
  description: null,
  completed: false,
  created_at: new Date().toISOString(),
  updated_at: new Date().toISOString(),
};
for (let i = 0; i < LIST_SIZE; i++) await kv.set(["bench_list", i], { ...sample, id: i + 1 });
let bareId = 0;

Deno.bench({
  name: "bare kv.set of a task value",
  group: "create task",
  baseline: true,
  async fn() {
    await kv.set(["bench_set", ++bareId], { ...sample, id: bareId });
  },
});

Deno.bench({
  name: "POST /api/{id}/tasks",
  group: "create task",
  async fn() {
    await call("POST", `/api/${writer.id}/tasks`, writer.token, { title: "Buy oat milk" });
  },
});

Deno.bench({
  name: `bare kv.list of ${LIST_SIZE} task values`,
  group: "list tasks",
  baseline: true,
  async fn() {
    let count = 0;
    for await (const _ of kv.list({ prefix: ["bench_list"] })) count++;
    if (count !== LIST_SIZE) throw new Error(`listed ${count}`);
  },
});

Deno.bench({
  name: `GET /api/{id}/tasks (${LIST_SIZE} tasks)`,
  group: "list tasks",
  async fn() {
    const body = await call("GET", `/api/${reader.id}/tasks`, reader.token);
    if (body.tasks.length !== LIST_SIZE) throw new Error(`listed ${body.tasks.length}`);
  },
});

Deno.bench({
  name: "GET /api/auth/me (token check, no hash)",
  group: "login",
  baseline: true,
  async fn() {
    await call("GET", "/api/auth/me", reader.token);
  },
});

Deno.bench({
  name: "POST /api/auth/login (scrypt N=2^17, r=8, p=1)",
  group: "login",
  n: 10,
  warmup: 2,
  async fn() {
    await call("POST", "/api/auth/login", undefined, {
      email: "reader@bench.test",
      password: PASSWORD,
    });
  },
});
