/**
 * Server-side cost of a complete assistant run with the embedded offline
 * model: `POST /api/{userId}/chat` "add a task to buy milk" → 200 after
 * `agent_done` (admission, storage, two model rounds over the openai client,
 * one tool call, events, reply stored), at 1, 10 and 50 concurrent users.
 * Baseline, in the same process and run: the same work calling the task
 * service directly (`createTask`), without HTTP, the agent or events.
 *
 * Run: `deno run -A bench/chat_bench.ts` (127.0.0.1 only; stops by itself).
 */
import { createHandler } from "$fresh/server.ts";
import manifest from "../fresh.gen.ts";
import { setPasswordCostForTesting } from "../lib/auth/password.ts";
import { setConfigForTesting } from "../lib/config.ts";
import { closeHub } from "../lib/realtime/hub_instance.ts";
import { closeKv } from "../lib/store/kv.ts";
import { createTask } from "../lib/tasks/service.ts";

const LEVELS = [1, 10, 50];
/** Runs measured per concurrency level (spread over the users). */
const RUNS_PER_LEVEL = 300;
const MESSAGE = "add a task to buy milk";

const dir = await Deno.makeTempDir({ prefix: "chat-bench-" });
setConfigForTesting({
  KV_PATH: `${dir}/bench.kv`,
  JWT_SECRET: "bench-secret-0123456789abcdef0123456789abcdef",
  LOG_LEVEL: "silent",
  OPENAI_API_KEY: undefined,
  DAILY_MESSAGE_LIMIT: 1_000_000,
});
// Registration is not what is measured.
setPasswordCostForTesting(10);
const server = Deno.serve(
  { hostname: "127.0.0.1", port: 0, onListen: () => {} },
  createHandler(manifest),
);
const base = `http://127.0.0.1:${server.addr.port}`;

interface User {
  id: string;
  token: string;
  conversation?: string;
}

async function post(path: string, body: unknown, token?: string) {
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) {
    throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(json)}`);
  }
  return json;
}

async function register(index: number): Promise<User> {
  const body = await post("/api/auth/register", {
    email: `bench-${index}-${crypto.randomUUID()}@bench.test`,
    password: "correct horse battery",
  });
  return { id: body.user.id, token: body.token };
}

async function chatRun(user: User): Promise<void> {
  const body = await post(`/api/${user.id}/chat`, {
    message: MESSAGE,
    conversation_id: user.conversation,
  }, user.token);
  if (!body.tool_calls?.some((call: { tool: string }) => call.tool === "add_task")) {
    throw new Error(`Run without add_task: ${JSON.stringify(body)}`);
  }
  user.conversation = body.conversation_id;
}

async function directRun(user: User): Promise<void> {
  await createTask(user.id, { title: "Buy milk" });
}

interface Stats {
  p50: number;
  p99: number;
  perSecond: number;
}

/** `concurrency` users, each running its share one after another. */
async function measure(
  users: User[],
  concurrency: number,
  run: (user: User) => Promise<void>,
): Promise<Stats> {
  const perUser = Math.ceil(RUNS_PER_LEVEL / concurrency);
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    users.slice(0, concurrency).map(async (user) => {
      for (let i = 0; i < perUser; i++) {
        const t = performance.now();
        await run(user);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { p50: at(0.5), p99: at(0.99), perSecond: latencies.length / seconds };
}

try {
  const users: User[] = [];
  for (let i = 0; i < Math.max(...LEVELS); i++) users.push(await register(i));
  // Warm-up: JIT, KV, the openai client.
  for (const user of users.slice(0, 5)) await chatRun(user);
  const rows: string[] = [];
  for (const level of LEVELS) {
    const chat = await measure(users, level, chatRun);
    const direct = await measure(users, level, directRun);
    rows.push(
      `| ${level} | ${chat.p50.toFixed(2)} | ${chat.p99.toFixed(2)} | ${
        chat.perSecond.toFixed(0)
      } | ` +
        `${direct.p50.toFixed(3)} | ${direct.p99.toFixed(3)} | ${direct.perSecond.toFixed(0)} |`,
    );
  }
  console.log(`Chat runs with the offline model, ${RUNS_PER_LEVEL} per level (ms; runs/s)\n`);
  console.log("| users | HTTP run p50 | p99 | runs/s | direct createTask p50 | p99 | ops/s |");
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const row of rows) console.log(row);
} finally {
  setPasswordCostForTesting(undefined);
  await server.shutdown();
  await closeHub();
  await closeKv();
  await Deno.remove(dir, { recursive: true });
}
