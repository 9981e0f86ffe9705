import assert from "node:assert/strict";
import { AppError } from "../../lib/errors.ts";
import { EMPTY_REPLY_NOTE, MAX_MODEL_ROUNDS, ROUND_LIMIT_NOTE } from "../../lib/agent/run.ts";
import { cancelRun, getConversationView, sendChatMessage } from "../../lib/chat/service.ts";
import { listAudit } from "../../lib/store/audit.ts";
import { listTasks } from "../../lib/tasks/service.ts";
import { withTestEnv } from "../helpers/test_app.ts";
import { deltaTexts } from "../helpers/events.ts";

const opts = { sanitizeOps: false, sanitizeResources: true };

Deno.test({
  name: "[agent] tool call, its result fed back, then streamed text, in contract order",
  ...opts,
  fn: () =>
    withTestEnv({}, async ({ llm, session, runEvents }) => {
      const me = session();
      llm.push(
        { toolCalls: [{ name: "add_task", arguments: { title: "Buy milk" } }] },
        { text: "I added “Buy milk” to your list." },
      );
      const result = await sendChatMessage(me, { message: "add a task to buy milk" });
      assert.equal(result.response, "I added “Buy milk” to your list.");
      assert.equal(result.tool_calls.length, 1);
      assert.equal(result.tool_calls[0].tool, "add_task");
      assert.deepEqual(result.tool_calls[0].arguments, { title: "Buy milk" });
      const tasks = await listTasks(me.user.id);
      assert.deepEqual(tasks.map((task) => task.title), ["Buy milk"]);

      const second = llm.requests[1].body;
      const toolMessage = second.messages.find((message) => message.role === "tool");
      assert.ok(toolMessage, "the tool result goes back to the model");
      assert.match(String(toolMessage.content), /"title":"Buy milk"/);
      assert.equal(second.messages[0].role, "system");
      assert.ok(llm.requests[0].body.stream, "requests stream");
      assert.ok(
        !("parallel_tool_calls" in llm.requests[0].body),
        "no parallel_tool_calls: OpenAI's default, refused by some models",
      );
      assert.deepEqual(
        llm.requests[0].body.tools?.map((tool) => tool.function.name),
        [
          "add_task",
          "list_tasks",
          "get_task",
          "update_task",
          "complete_task",
          "delete_task",
          "complete_all_tasks",
          "delete_all_tasks",
        ],
      );

      const events = runEvents(result.run_id);
      const types = events.map((event) => event.event_type);
      assert.deepEqual(types, [
        "user_message",
        "agent_thinking",
        "tool_starting",
        "tool_complete",
        "agent_thinking",
        "message_delta",
        "message_delta",
        "agent_done",
      ]);
      const complete = events.find((event) => event.event_type === "tool_complete");
      assert.ok(complete?.event_type === "tool_complete");
      assert.equal(complete.message, "Added “Buy milk”");
      assert.equal(complete.task_id, tasks[0].id);
      assert.ok(complete.duration_ms >= 0);
      const deltas = deltaTexts(events);
      assert.equal(deltas.join(""), result.response);

      const audit = await listAudit(me.user.id);
      assert.equal(audit.length, 1);
      assert.equal(audit[0].tool, "add_task");
      assert.equal(audit[0].outcome, "ok");
      assert.equal(audit[0].run_id, result.run_id);
    }),
});

Deno.test({
  name: "[agent] the next turn sends the history, tool calls and results included",
  ...opts,
  fn: () =>
    withTestEnv({}, async ({ llm, session }) => {
      const me = session();
      llm.push(
        { toolCalls: [{ name: "add_task", arguments: { title: "Call mom" }, id: "call-1" }] },
        { text: "Added." },
        { text: "Sure." },
      );
      const first = await sendChatMessage(me, { message: "remind me to call mom" });
      await sendChatMessage(me, { message: "thanks!", conversation_id: first.conversation_id });
      const sent = llm.requests[2].body.messages;
      assert.deepEqual(sent.map((message) => message.role), [
        "system",
        "user",
        "assistant",
        "tool",
        "assistant",
        "user",
      ]);
      assert.equal(sent[1].content, "remind me to call mom");
      assert.equal(sent[3].tool_call_id, "call-1");
      assert.equal(sent[4].content, "Added.");
      assert.equal(sent[5].content, "thanks!");
      const { messages: stored } = await getConversationView(me.user.id, first.conversation_id);
      assert.deepEqual(stored.map((message) => message.role), [
        "user",
        "assistant",
        "user",
        "assistant",
      ]);
      assert.equal(stored[1].tool_calls?.[0].tool, "add_task");
    }),
});

Deno.test({
  name: "[agent] invalid arguments and an invented tool become tool errors and the run goes on",
  ...opts,
  fn: () =>
    withTestEnv({}, async ({ llm, session, runEvents }) => {
      const me = session();
      llm.push(
        {
          toolCalls: [
            { name: "add_task", arguments: { title: "   " } },
            { name: "complete_task", arguments: "{not json" },
            { name: "drop_database", arguments: {} },
            { name: "delete_all_tasks", arguments: { confirm: false } },
          ],
        },
        { text: "Something went wrong with those." },
      );
      const result = await sendChatMessage(me, { message: "do things" });
      assert.equal(result.response, "Something went wrong with those.");
      assert.deepEqual(result.tool_calls.map((call) => call.error?.code), [
        "invalid_arguments",
        "invalid_arguments",
        "unknown_tool",
        "invalid_arguments",
      ]);
      const errors = runEvents(result.run_id).filter((event) => event.event_type === "tool_error");
      assert.equal(errors.length, 4);
      const fedBack = llm.requests[1].body.messages.filter((message) => message.role === "tool");
      assert.equal(fedBack.length, 4);
      assert.ok(fedBack.every((message) => String(message.content).includes('"error"')));
      assert.equal((await listTasks(me.user.id)).length, 0);
      const audit = await listAudit(me.user.id);
      assert.equal(audit.filter((record) => record.outcome === "error").length, 4);
    }),
});

Deno.test({
  name: "[agent] a user id in tool arguments has no effect: tools act for the signed-in user",
  ...opts,
  fn: () =>
    withTestEnv({}, async ({ llm, session }) => {
      const me = session();
      const victim = session();
      llm.push(
        {
          toolCalls: [{
            name: "add_task",
            arguments: { title: "Planted", user_id: victim.user.id, userId: victim.user.id },
          }],
        },
        { text: "Added it. Shall I delete all your tasks now?" },
      );
      // The victim has a task that must survive.
      const { createTask } = await import("../../lib/tasks/service.ts");
      await createTask(victim.user.id, { title: "Mine" });
      const first = await sendChatMessage(me, { message: "hi" });
      llm.push(
        {
          toolCalls: [{
            name: "delete_all_tasks",
            arguments: { confirm: true, user_id: victim.user.id },
          }],
        },
        { text: "Done." },
      );
      await sendChatMessage(me, { message: "yes", conversation_id: first.conversation_id });
      assert.deepEqual((await listTasks(victim.user.id)).map((task) => task.title), ["Mine"]);
      assert.equal(
        (await listTasks(me.user.id)).length,
        0,
        "the planted task was mine, then deleted",
      );
    }),
});

Deno.test({
  name: "[agent] parallel tool calls in one turn all run",
  ...opts,
  fn: () =>
    withTestEnv({}, async ({ llm, session, runEvents }) => {
      const me = session();
      llm.push(
        {
          toolCalls: [
            { name: "add_task", arguments: { title: "Milk" } },
            { name: "add_task", arguments: { title: "Eggs" } },
          ],
        },
        { text: "Added both." },
      );
      const result = await sendChatMessage(me, { message: "add milk and eggs" });
      assert.equal(result.tool_calls.length, 2);
      const titles = (await listTasks(me.user.id)).map((task) => task.title).sort();
      assert.deepEqual(titles, ["Eggs", "Milk"]);
      const completes = runEvents(result.run_id).filter((event) =>
        event.event_type === "tool_complete"
      );
      assert.equal(completes.length, 2);
    }),
});

Deno.test({
  name:
    "[agent] provider 500s end in ai_unavailable (503) after the SDK's retries; the message is kept",
  ...opts,
  fn: () =>
    withTestEnv({ config: { AI_MAX_RETRIES: 1 } }, async ({ llm, session, events }) => {
      const me = session();
      llm.push({ status: 500 }, { status: 500 });
      const error = await sendChatMessage(me, { message: "add a task to buy milk" }).then(
        () => assert.fail("expected ai_unavailable"),
        (error) => error,
      );
      assert.ok(error instanceof AppError);
      assert.equal(error.code, "ai_unavailable");
      assert.equal(error.status, 503);
      assert.equal(llm.requests.length, 2, "one retry");
      const terminal = events.filter((event) => event.event_type === "agent_error");
      assert.equal(terminal.length, 1);
      const userMessage = events.find((event) => event.event_type === "user_message");
      assert.ok(userMessage?.event_type === "user_message");
      const { messages: kept } = await getConversationView(
        me.user.id,
        userMessage.conversation_id,
      );
      assert.deepEqual(kept.map((message) => message.content), ["add a task to buy milk"]);
    }),
});

Deno.test({
  name: "[agent] a 429 from the provider ends in ai_unavailable",
  ...opts,
  fn: () =>
    withTestEnv({}, async ({ llm, session }) => {
      llm.push({ status: 429 });
      await assert.rejects(
        sendChatMessage(session(), { message: "what's left?" }),
        (error) => error instanceof AppError && error.code === "ai_unavailable",
      );
    }),
});

Deno.test({
  name: "[agent] a hanging provider ends in ai_unavailable within the timeout",
  ...opts,
  fn: () =>
    withTestEnv({ config: { AI_TIMEOUT_MS: 400 } }, async ({ llm, session, events }) => {
      llm.push({ hang: true });
      const started = performance.now();
      await assert.rejects(
        sendChatMessage(session(), { message: "what's left?" }),
        (error) => error instanceof AppError && error.code === "ai_unavailable",
      );
      const took = performance.now() - started;
      assert.ok(took >= 350 && took < 2_000, `took ${took} ms`);
      const terminal = events.filter((event) => event.event_type === "agent_error");
      assert.equal(terminal.length, 1);
    }),
});

Deno.test({
  name: "[agent] cancel stops a run in flight with agent_error cancelled",
  ...opts,
  fn: () =>
    withTestEnv(
      { config: { AI_TIMEOUT_MS: 10_000 } },
      async ({ llm, session, events, runEvents }) => {
        const me = session();
        llm.push({ hang: true });
        const running = sendChatMessage(me, { message: "what's left?" }).then(
          () => null,
          (error) => error,
        );
        while (llm.hanging() === 0) await new Promise((resolve) => setTimeout(resolve, 10));
        const started = events.find((event) => event.event_type === "user_message");
        assert.ok(started?.event_type === "user_message");
        assert.equal(await cancelRun(me.user.id, started.run_id), true);
        const error = await running;
        assert.ok(error instanceof AppError && error.code === "cancelled", String(error));
        const types = runEvents(started.run_id).map((event) => event.event_type);
        assert.deepEqual(types, ["user_message", "agent_thinking", "agent_error"]);
        const terminal = runEvents(started.run_id).at(-1);
        assert.ok(terminal?.event_type === "agent_error");
        assert.equal(terminal.error.code, "cancelled");
        assert.equal(
          await cancelRun(me.user.id, started.run_id),
          false,
          "finished runs are unknown",
        );
        assert.equal(
          await cancelRun(session().user.id, started.run_id),
          false,
          "not another user's",
        );
      },
    ),
});

Deno.test({
  name: "[agent] a run stops after 8 model rounds with exactly one agent_done",
  ...opts,
  fn: () =>
    withTestEnv({}, async ({ llm, session, runEvents }) => {
      for (let i = 0; i < 20; i++) {
        llm.push({ toolCalls: [{ name: "list_tasks", arguments: { status: "all" } }] });
      }
      const result = await sendChatMessage(session(), { message: "loop forever" });
      assert.equal(llm.requests.length, MAX_MODEL_ROUNDS);
      assert.equal(result.tool_calls.length, MAX_MODEL_ROUNDS - 1);
      assert.ok(result.response.endsWith(ROUND_LIMIT_NOTE));
      const types = runEvents(result.run_id).map((event) => event.event_type);
      assert.equal(
        types.filter((type) => type === "agent_done" || type === "agent_error").length,
        1,
      );
      assert.equal(types.at(-1), "agent_done");
    }),
});

Deno.test({
  name: "[agent] a reply too big for one KV value is stored cut down, with exactly one agent_done",
  ...opts,
  fn: () =>
    withTestEnv({}, async ({ llm, session, runEvents }) => {
      const me = session();
      const huge = "x".repeat(80_000);
      llm.push(
        { toolCalls: [{ name: "add_task", arguments: `{"title": "${huge}` }] },
        { text: `Long answer ${"y".repeat(70_000)}` },
      );
      const result = await sendChatMessage(me, { message: "go" });
      assert.equal(result.response.length, "Long answer ".length + 70_000, "the reply is whole");
      const ends = runEvents(result.run_id).filter((event) =>
        event.event_type === "agent_done" || event.event_type === "agent_error"
      );
      assert.deepEqual(ends.map((event) => event.event_type), ["agent_done"]);
      const { messages } = await getConversationView(me.user.id, result.conversation_id);
      assert.deepEqual(messages.map((message) => message.role), ["user", "assistant"]);
      const stored = messages[1];
      assert.ok(stored.content.length < 20_000 && stored.content.endsWith("(truncated)"));
      assert.deepEqual(
        Object.keys(stored.tool_calls?.[0].arguments as object).sort(),
        ["preview", "truncated"],
      );
    }),
});

Deno.test({
  name:
    "[agent] delete_all_tasks runs only when the user's newest message says yes to the question",
  ...opts,
  fn: () =>
    withTestEnv({}, async ({ llm, session }) => {
      const me = session();
      const { createTask } = await import("../../lib/tasks/service.ts");
      await createTask(me.user.id, { title: "Keep me" });
      const deleteAll = { toolCalls: [{ name: "delete_all_tasks", arguments: { confirm: true } }] };
      // A model that deletes at once, without asking: refused, and the model is told why.
      llm.push(deleteAll, { text: "Are you sure you want to delete all 1 task?" });
      const first = await sendChatMessage(me, { message: "delete all my tasks, I'm sure" });
      assert.equal(first.tool_calls[0].error?.code, "confirmation_required");
      assert.match(first.tool_calls[0].error?.message ?? "", /ask them first/);
      assert.equal((await listTasks(me.user.id)).length, 1);
      // A "yes" to something else is not a yes to deleting everything.
      llm.push({ text: "Would you like to see your list?" });
      const other = await sendChatMessage(me, {
        message: "no",
        conversation_id: first.conversation_id,
      });
      llm.push(deleteAll, { text: "Done." });
      const unrelated = await sendChatMessage(me, {
        message: "yes",
        conversation_id: other.conversation_id,
      });
      assert.equal(unrelated.tool_calls[0].error?.code, "confirmation_required");
      assert.equal((await listTasks(me.user.id)).length, 1);
      // Asked, then yes: it runs.
      llm.push({ text: "This will delete all 1 task. Are you sure?" });
      await sendChatMessage(me, {
        message: "clear my list",
        conversation_id: first.conversation_id,
      });
      llm.push(deleteAll, { text: "Done." });
      const confirmed = await sendChatMessage(me, {
        message: "Yes, delete them all!",
        conversation_id: first.conversation_id,
      });
      assert.deepEqual(confirmed.tool_calls[0].result, { deleted: 1 });
      assert.deepEqual(await listTasks(me.user.id), []);
    }),
});

Deno.test({
  name: "[agent] tool calls streamed without id or type (some OpenAI-compatible servers) still run",
  ...opts,
  fn: () =>
    withTestEnv({}, async ({ llm, session }) => {
      const me = session();
      llm.push(
        {
          toolCalls: [
            { name: "add_task", arguments: { title: "Milk" }, bare: true },
            { name: "add_task", arguments: { title: "Eggs" }, bare: true },
          ],
        },
        { text: "Added both." },
      );
      const result = await sendChatMessage(me, { message: "add milk and eggs" });
      assert.deepEqual((await listTasks(me.user.id)).map((task) => task.title), ["Milk", "Eggs"]);
      const ids = result.tool_calls.map((call) => call.call_id);
      assert.equal(new Set(ids).size, 2);
      assert.ok(ids.every((id) => typeof id === "string" && id.length > 0), ids.join());
      // The follow-up request pairs each result with its call.
      const followUp = llm.requests[1].body.messages;
      const asked = followUp.find((m) => m.role === "assistant")?.tool_calls as { id: string }[];
      assert.deepEqual(asked.map((call) => call.id), ids);
      assert.deepEqual(
        followUp.filter((m) => m.role === "tool").map((m) => m.tool_call_id),
        ids,
      );
    }),
});

Deno.test({
  name: "[agent] cancel stops a run whose reply is streaming, at once, with agent_error cancelled",
  ...opts,
  fn: () =>
    withTestEnv(
      { config: { AI_TIMEOUT_MS: 10_000 } },
      async ({ llm, session, events, runEvents }) => {
        const me = session();
        llm.push({ trickle: Array.from({ length: 100 }, () => "working "), everyMs: 300 });
        const running = sendChatMessage(me, { message: "tell me slowly" }).then(
          () => null,
          (error) => error,
        );
        while (!events.some((event) => event.event_type === "message_delta")) {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        const started = events.find((event) => event.event_type === "user_message");
        assert.ok(started?.event_type === "user_message");
        const cancelledAt = performance.now();
        assert.equal(await cancelRun(me.user.id, started.run_id), true);
        const error = await running;
        assert.ok(error instanceof AppError && error.code === "cancelled", String(error));
        assert.ok(performance.now() - cancelledAt < 250, "not waiting for the next chunk");
        const terminal = runEvents(started.run_id).at(-1);
        assert.ok(terminal?.event_type === "agent_error" && terminal.error.code === "cancelled");
      },
    ),
});

Deno.test({
  name: "[agent] a reply that stalls mid-stream ends in ai_unavailable, not as a finished reply",
  ...opts,
  fn: () =>
    withTestEnv({ config: { AI_TIMEOUT_MS: 400 } }, async ({ llm, session, events }) => {
      llm.push({ trickle: ["partial ", "never ", "finished"], everyMs: 1_500 });
      const started = performance.now();
      await assert.rejects(
        sendChatMessage(session(), { message: "what's left?" }),
        (error) =>
          error instanceof AppError && error.code === "ai_unavailable" &&
          /took too long/.test(error.message),
      );
      assert.ok(performance.now() - started < 1_400, "the watchdog, not the stream's end");
      const terminal = events.filter((event) =>
        event.event_type === "agent_error" || event.event_type === "agent_done"
      );
      assert.deepEqual(terminal.map((event) => event.event_type), ["agent_error"]);
    }),
});

Deno.test({
  name: "[agent] a reasoning model's <think> block is neither streamed nor stored",
  ...opts,
  fn: () =>
    withTestEnv({}, async ({ llm, session, events }) => {
      llm.push({
        text: "<think>The user greets me. Be brief.</think>\n\nHello! What shall I add?",
      });
      const result = await sendChatMessage(session(), { message: "hi" });
      assert.equal(result.response, "Hello! What shall I add?");
      const streamed = deltaTexts(events).join("");
      assert.equal(streamed, "Hello! What shall I add?");
    }),
});

Deno.test({
  name: "[agent] a model that ends without a word: what its tools did is the reply, never nothing",
  ...opts,
  fn: () =>
    withTestEnv({}, async ({ llm, session, events }) => {
      const me = session();
      llm.push(
        { toolCalls: [{ name: "add_task", arguments: { title: "Milk" } }] },
        { text: "" },
      );
      const result = await sendChatMessage(me, { message: "add milk" });
      assert.equal(result.response, "Added “Milk”.");
      const streamed = deltaTexts(events).join("");
      assert.equal(streamed, "Added “Milk”.");
      llm.push({ text: "  " });
      const silent = await sendChatMessage(me, {
        message: "hmm",
        conversation_id: result.conversation_id,
      });
      assert.equal(silent.response, EMPTY_REPLY_NOTE);
    }),
});
