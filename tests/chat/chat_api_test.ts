import assert from "node:assert/strict";
import { cancelRun } from "../../lib/chat/service.ts";
import { countRecentMessages } from "../../lib/store/usage.ts";
import { listTasks } from "../../lib/tasks/service.ts";
import { withTestApp } from "../helpers/test_app.ts";

const opts = { sanitizeOps: false };

Deno.test({
  name: "[chat api] a run over HTTP, then conversations and messages as the contract says",
  ...opts,
  fn: () =>
    withTestApp({ offline: true }, async (app) => {
      const me = await app.register();
      const res = await app.chat(me, { message: "Please add a task to buy oat milk" });
      const body = await res.json();
      assert.equal(res.status, 200, JSON.stringify(body));
      assert.deepEqual(Object.keys(body).sort(), [
        "conversation_id",
        "message_id",
        "response",
        "run_id",
        "tool_calls",
      ]);
      assert.equal(body.tool_calls[0].tool, "add_task");
      assert.equal(body.tool_calls[0].result.task.title, "Buy oat milk");
      const types = app.runEvents(body.run_id).map((event) => event.event_type);
      assert.equal(types[0], "user_message");
      assert.equal(types.at(-1), "agent_done");

      const again = await (await app.chat(me, {
        message: "what's left?",
        conversation_id: body.conversation_id,
      })).json();
      assert.equal(again.conversation_id, body.conversation_id);

      const list = await (await app.api(me, "GET", `/api/${me.id}/conversations`)).json();
      assert.equal(list.conversations.length, 1);
      assert.equal(list.conversations[0].title, "Please add a task to buy oat milk");
      assert.deepEqual(Object.keys(list.conversations[0]).sort(), [
        "created_at",
        "id",
        "title",
        "updated_at",
      ]);

      const path = `/api/${me.id}/conversations/${body.conversation_id}`;
      const messages = (await (await app.api(me, "GET", `${path}/messages`)).json()).messages;
      assert.deepEqual(messages.map((m: { role: string }) => m.role), [
        "user",
        "assistant",
        "user",
        "assistant",
      ]);
      assert.equal(messages[1].id, body.message_id);
      assert.equal(messages[1].tool_calls[0].tool, "add_task");
      // History keeps the sentence and timing the live timeline showed.
      const live = app.runEvents(body.run_id).find((e) => e.event_type === "tool_complete");
      assert.equal(messages[1].tool_calls[0].message, "Added “Buy oat milk”");
      assert.equal(messages[1].tool_calls[0].message, live?.message);
      assert.equal(typeof messages[1].tool_calls[0].duration_ms, "number");
      const times = messages.map((m: { created_at: string }) => m.created_at);
      assert.deepEqual([...times].sort(), times);

      const other = await app.register();
      const foreign = await app.chat(other, {
        message: "hi",
        conversation_id: body.conversation_id,
      });
      assert.equal(foreign.status, 404);
      assert.equal((await foreign.json()).error.code, "not_found");
      const peek = await app.api(
        other,
        "GET",
        `/api/${other.id}/conversations/${body.conversation_id}/messages`,
      );
      assert.equal(peek.status, 404);
      await peek.body?.cancel();
      const forbidden = await app.api(other, "GET", `/api/${me.id}/conversations`);
      assert.equal(forbidden.status, 403);
      await forbidden.body?.cancel();

      const deleted = await app.api(me, "DELETE", path);
      assert.equal(deleted.status, 204);
      const gone = await app.api(me, "GET", `${path}/messages`);
      assert.equal(gone.status, 404);
      await gone.body?.cancel();
      const twice = await app.api(me, "DELETE", path);
      assert.equal(twice.status, 404);
      await twice.body?.cancel();
    }),
});

Deno.test({
  name: "[chat api] empty and too long messages are 400 and do not count toward the daily limit",
  ...opts,
  fn: () =>
    withTestApp({ offline: true, config: { DAILY_MESSAGE_LIMIT: 3 } }, async (app) => {
      const me = await app.register();
      const empty = await app.chat(me, { message: "   " });
      assert.equal(empty.status, 400);
      assert.equal((await empty.json()).error.code, "message_empty");
      const long = await app.chat(me, { message: "x".repeat(10_001) });
      assert.equal(long.status, 400);
      assert.equal((await long.json()).error.code, "message_too_long");
      const longEmoji = await app.chat(me, { message: "😀".repeat(10_001) });
      assert.equal(longEmoji.status, 400);
      assert.equal((await longEmoji.json()).error.code, "message_too_long");
      const bad = await app.chat(me, { text: "hello" });
      assert.equal(bad.status, 400);
      assert.equal((await bad.json()).error.code, "invalid_request");
      const max = await app.chat(me, { message: "x".repeat(10_000) });
      assert.equal(max.status, 200);
      await max.body?.cancel();
      const maxEmoji = await app.chat(me, { message: "😀".repeat(10_000) });
      assert.equal(maxEmoji.status, 200, "10,000 emoji are 10,000 characters");
      await maxEmoji.body?.cancel();
      const second = await app.chat(me, { message: "hello" });
      assert.equal(second.status, 200);
      await second.body?.cancel();
      const third = await app.chat(me, { message: "hello again" });
      assert.equal(third.status, 429);
      assert.ok(Number(third.headers.get("retry-after")) > 0);
      assert.equal((await third.json()).error.code, "daily_limit_reached");
    }),
});

Deno.test({
  name: "[chat api] 50 parallel messages at a limit of 10 let exactly 10 through",
  ...opts,
  fn: () =>
    withTestApp({ offline: true, config: { DAILY_MESSAGE_LIMIT: 10 } }, async (app) => {
      const me = await app.register();
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) => app.chat(me, { message: `hello ${i}` })),
      );
      const statuses = responses.map((res) => res.status);
      await Promise.all(responses.map((res) => res.body?.cancel()));
      assert.equal(statuses.filter((status) => status === 200).length, 10, statuses.join(","));
      assert.equal(statuses.filter((status) => status === 429).length, 40, statuses.join(","));
      assert.equal(await countRecentMessages(me.id), 10);
      const conversations = await (await app.api(me, "GET", `/api/${me.id}/conversations`)).json();
      assert.equal(conversations.conversations.length, 10, "refused messages are not stored");
    }),
});

Deno.test({
  name: "[chat api] a repeated client_message_id answers with the same run",
  ...opts,
  fn: () =>
    withTestApp({}, async (app) => {
      const me = await app.register();
      app.llm.push({ toolCalls: [{ name: "add_task", arguments: { title: "Once" } }] }, {
        text: "Added.",
      });
      const body = { message: "add once", client_message_id: "client-1" };
      const [first, second] = await Promise.all([app.chat(me, body), app.chat(me, body)]);
      const a = await first.json();
      const b = await second.json();
      assert.equal(first.status, 200, JSON.stringify(a));
      assert.equal(second.status, 200, JSON.stringify(b));
      assert.deepEqual(b, a);
      const third = await (await app.chat(me, body)).json();
      assert.deepEqual(third, a);
      assert.equal(app.llm.requests.length, 2, "the model ran once");
      const accepted = app.runEvents(a.run_id).filter((e) => e.event_type === "user_message");
      assert.equal(accepted.length, 1);
      assert.equal(
        (accepted[0] as { client_message_id?: string }).client_message_id,
        "client-1",
        "user_message names the sender's id so its tab can match its pending send",
      );
      assert.deepEqual((await listTasks(me.id)).map((task) => task.title), ["Once"]);
    }),
});

Deno.test({
  name: "[chat api] one run per conversation: 409 run_in_progress, then cancel",
  ...opts,
  fn: () =>
    withTestApp({ config: { AI_TIMEOUT_MS: 10_000 } }, async (app) => {
      const me = await app.register();
      app.llm.push({ text: "First answer." }, { hang: true });
      const first = await (await app.chat(me, { message: "hello" })).json();
      const running = app.chat(me, { message: "again", conversation_id: first.conversation_id });
      while (app.llm.hanging() === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      const busy = await app.chat(me, { message: "third", conversation_id: first.conversation_id });
      assert.equal(busy.status, 409);
      assert.equal((await busy.json()).error.code, "run_in_progress");
      const elsewhere = await app.chat(me, { message: "hello" });
      assert.equal(elsewhere.status, 503, "other conversations are free (the script is empty)");
      await elsewhere.body?.cancel();
      const started = app.events.filter((event) => event.event_type === "user_message").at(1);
      assert.ok(started?.event_type === "user_message");
      const messagesPath = `/api/${me.id}/conversations/${first.conversation_id}/messages`;
      const during = await (await app.api(me, "GET", messagesPath)).json();
      assert.equal(during.active_run.run_id, started.run_id, "the run in flight is named");
      assert.ok(Date.parse(during.active_run.started_at) <= Date.now());
      assert.equal(await cancelRun(me.id, started.run_id), true);
      const cancelled = await running;
      assert.equal((await cancelled.json()).error.code, "cancelled");
      const messages = await (await app.api(me, "GET", messagesPath)).json();
      assert.deepEqual(
        messages.messages.map((m: { content: string }) => m.content),
        ["hello", "First answer.", "again"],
        "the cancelled run's message is kept",
      );
      assert.equal(messages.active_run, null, "nothing in flight once it ended");
      assert.deepEqual(
        messages.messages.map((m: { run_id: string }) => m.run_id),
        [first.run_id, first.run_id, started.run_id],
        "each message names the run it belongs to",
      );
    }),
});

Deno.test({
  name: "[chat api] a failing provider is 503 ai_unavailable with Retry-After",
  ...opts,
  fn: () =>
    withTestApp({}, async (app) => {
      const me = await app.register();
      app.llm.push({ status: 503 });
      const res = await app.chat(me, { message: "what's left?" });
      assert.equal(res.status, 503);
      assert.ok(res.headers.get("retry-after"));
      const body = await res.json();
      assert.equal(body.error.code, "ai_unavailable");
      assert.doesNotMatch(JSON.stringify(body), /stack|at file:/);
    }),
});

Deno.test({
  name: "[chat api] malformed or oversized conversation and run ids are 404, never a 500",
  ...opts,
  fn: () =>
    withTestApp({ offline: true }, async (app) => {
      const me = await app.register();
      const long = "a".repeat(3_000);
      for (
        const id of [long, "...", "../..", "not-a-ulid", "01ARZ3NDEKTSV4RRFFQ69G5FAV".toLowerCase()]
      ) {
        const path = `/api/${me.id}/conversations/${encodeURIComponent(id)}`;
        const messages = await app.api(me, "GET", `${path}/messages`);
        assert.equal(messages.status, 404, `${id.slice(0, 20)}: ${await messages.text()}`);
        const deleted = await app.api(me, "DELETE", path);
        assert.equal(deleted.status, 404, await deleted.text());
      }
      const chat = await app.chat(me, { message: "hi", conversation_id: "x".repeat(100) });
      assert.equal(chat.status, 404, await chat.text());
      assert.equal(await cancelRun(me.id, long), false);
      assert.equal(await countRecentMessages(me.id), 0, "refused messages do not count");
    }),
});
