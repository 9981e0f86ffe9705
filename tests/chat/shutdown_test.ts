/**
 * Graceful shutdown of the real app process (a stop signal delivered twice
 * counts once): runs in flight end with
 * `agent_error`, sockets then close with 1001, a pending `POST /chat` gets 503
 * `ai_unavailable`, the process exits within 4 s, and the user's messages are
 * still there after a restart.
 */
import assert from "node:assert/strict";
import {
  type AppProcess,
  logInOverHttp,
  signUpOverHttp,
  startApp,
  type TestAccount,
} from "../helpers/app_process.ts";
import { startScriptedLlm } from "../helpers/scripted_llm.ts";

const EXIT_BUDGET_MS = 4_000;

const EMAIL = "shutdown@example.test";

async function getJson(app: AppProcess, me: TestAccount, path: string) {
  const response = await fetch(`${app.url}${path}`, {
    headers: { authorization: `Bearer ${me.token}` },
  });
  assert.equal(response.status, 200, path);
  return await response.json();
}

/** A socket that records every event and how it closed. */
function openSocket(app: AppProcess, me: TestAccount) {
  const socket = new WebSocket(`${app.wsUrl}/ws/${me.id}/chat?token=${me.token}`);
  const events: Record<string, unknown>[] = [];
  const closed = new Promise<CloseEvent>((resolve) => socket.onclose = resolve);
  const opened = new Promise<void>((resolve, reject) => {
    socket.onmessage = (message) => {
      const data = JSON.parse(message.data);
      for (const event of Array.isArray(data) ? data : [data]) {
        events.push(event);
        if (event.event_type === "connection_established") resolve();
      }
    };
    socket.onerror = () => reject(new Error("socket failed before it was established"));
  });
  return { socket, events, closed, opened };
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

Deno.test({
  name:
    "[shutdown] SIGTERM ends runs with agent_error, closes sockets 1001, answers 503, keeps messages",
  async fn() {
    const llm = startScriptedLlm();
    llm.fallback = { hang: true };
    const dir = await Deno.makeTempDir({ prefix: "ts-shutdown-" });
    const env = {
      KV_PATH: `${dir}/app.kv`,
      OPENAI_API_KEY: "test-key",
      OPENAI_BASE_URL: llm.baseUrl,
      AI_MAX_RETRIES: "0",
      AI_TIMEOUT_MS: "60000",
      LOG_LEVEL: "info",
    };
    let app: AppProcess | undefined = await startApp({ env });
    try {
      const me = await signUpOverHttp(app, EMAIL);
      const tab = openSocket(app, me);
      await tab.opened;

      const posted = fetch(`${app.url}/api/${me.id}/chat`, {
        method: "POST",
        headers: { authorization: `Bearer ${me.token}`, "content-type": "application/json" },
        body: JSON.stringify({ message: "add a task to buy milk" }),
      });
      tab.socket.send(JSON.stringify({ type: "chat", message: "what is left?" }));
      await waitFor(() => llm.hanging() === 2, "both runs to reach the model");
      const runIds = tab.events.filter((event) => event.event_type === "user_message")
        .map((event) => event.run_id);
      assert.equal(runIds.length, 2);

      const stopping = Date.now();
      // A terminal's Ctrl-C under `deno task` reaches the app twice, a moment apart:
      // the duplicate must not restart the shutdown or force an early exit.
      app.signal("SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 20));
      const exitCode = await app.stop("SIGTERM");
      const tookMs = Date.now() - stopping;
      const printed = app.output();
      app = undefined;
      assert.ok(tookMs < EXIT_BUDGET_MS, `exited after ${tookMs} ms`);
      assert.equal(exitCode, 0, printed);
      assert.equal(printed.match(/"Shutting down"/g)?.length, 1, printed);

      const response = await posted;
      const body = await response.json();
      assert.equal(response.status, 503, JSON.stringify(body));
      assert.equal(body.error.code, "ai_unavailable");
      assert.ok(Number(response.headers.get("retry-after")) >= 1, "Retry-After is set");

      const close = await tab.closed;
      assert.equal(close.code, 1001);
      const seen = JSON.stringify(tab.events.map((event) => [event.event_type, event.run_id]));
      for (const runId of runIds) {
        const ends = tab.events.filter((event) =>
          event.run_id === runId &&
          (event.event_type === "agent_done" || event.event_type === "agent_error")
        );
        assert.equal(ends.length, 1, `one terminal event for ${runId}; the socket saw ${seen}`);
        assert.equal(ends[0].event_type, "agent_error");
        assert.equal((ends[0].error as { code: string }).code, "server_shutdown");
      }

      app = await startApp({ env });
      const again = await logInOverHttp(app, EMAIL);
      const { conversations } = await getJson(app, again, `/api/${again.id}/conversations`);
      assert.equal(conversations.length, 2);
      const contents: string[] = [];
      for (const conversation of conversations) {
        const { messages } = await getJson(
          app,
          again,
          `/api/${again.id}/conversations/${conversation.id}/messages`,
        );
        contents.push(...messages.map((message: { content: string }) => message.content));
      }
      assert.deepEqual(contents.sort(), ["add a task to buy milk", "what is left?"]);
    } finally {
      await app?.stop("SIGKILL");
      await llm.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
