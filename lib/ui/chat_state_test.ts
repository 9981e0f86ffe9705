import assert from "node:assert/strict";
import type { ServerEvent } from "../realtime/events.ts";
import {
  activeRun,
  applyEvent,
  applyResync,
  beginSend,
  type ChatState,
  type Conversation,
  initialChatState,
  INTERRUPTED_RUN_ERROR,
  openConversation,
  resyncConversationId,
  type WireMessage,
} from "./chat_state.ts";

let seq = 0;
function ev(body: Record<string, unknown>): ServerEvent {
  seq++;
  return { id: `e${seq}`, ts: `2025-01-01T00:00:0${seq % 10}.000Z`, ...body } as ServerEvent;
}

function play(state: ChatState, events: Record<string, unknown>[]): ChatState {
  return events.reduce((s, body) => applyEvent(s, ev(body), 1000), state);
}

const RUN = [
  {
    event_type: "user_message",
    run_id: "r1",
    conversation_id: "c1",
    message_id: "m1",
    content: "add milk",
  },
  { event_type: "agent_thinking", run_id: "r1", conversation_id: "c1", message: "Thinking…" },
  {
    event_type: "tool_starting",
    run_id: "r1",
    call_id: "k1",
    tool: "add_task",
    arguments: {},
    message: "Adding “milk”…",
  },
  { event_type: "message_delta", run_id: "r1", delta: "Added " },
  { event_type: "message_delta", run_id: "r1", delta: "<b>milk</b>" },
];

Deno.test("[chat state] a run streams into the open conversation", () => {
  const start = initialChatState([], "c1", []);
  const mid = play(start, RUN);
  const run = activeRun(mid);
  assert.ok(run);
  assert.equal(run.text, "Added <b>milk</b>");
  assert.deepEqual(run.steps.map((s) => s.kind === "tool" ? s.status : s.kind), [
    "thinking",
    "running",
  ]);
  assert.deepEqual(mid.messages.map((m) => m.content), ["add milk"]);
  assert.equal(mid.conversations[0].id, "c1", "a new conversation joins the list");
  const done = play(mid, [
    {
      event_type: "tool_complete",
      run_id: "r1",
      call_id: "k1",
      tool: "add_task",
      message: "Added “milk”",
      result: {},
      duration_ms: 12,
    },
    {
      event_type: "agent_done",
      run_id: "r1",
      conversation_id: "c1",
      message_id: "m2",
      response: "Added milk.",
    },
  ]);
  assert.equal(activeRun(done), null);
  assert.equal(done.runs.r1.status, "done");
  const tool = done.runs.r1.steps[1];
  assert.equal(tool.kind === "tool" && tool.status, "done");
  assert.equal(tool.kind === "tool" && tool.duration_ms, 12);
  assert.deepEqual(done.messages.map((m) => [m.role, m.content]), [["user", "add milk"], [
    "assistant",
    "Added milk.",
  ]]);
  assert.equal(play(done, [RUN[0]]).messages.length, 2, "a replayed message is not added twice");
});

Deno.test("[chat state] our pending send is replaced when accepted and adopts a new conversation", () => {
  const sent = beginSend(initialChatState([], null, []), {
    client_message_id: "x1",
    content: "add milk",
    conversation_id: null,
  }, 0);
  assert.equal(sent.messages.length, 1);
  assert.equal(sent.messages[0].pending, true);
  const elsewhere = play(sent, [RUN[0]]);
  assert.equal(
    elsewhere.pending?.client_message_id,
    "x1",
    "same text from another tab is not ours",
  );
  const accepted = play(sent, [{ ...RUN[0], client_message_id: "x1" }]);
  assert.equal(accepted.conversationId, "c1");
  assert.equal(accepted.pending, null);
  assert.deepEqual(accepted.messages.map((m) => [m.id, m.pending]), [["m1", undefined]]);
});

Deno.test("[chat state] another conversation's run does not touch the open messages", () => {
  const state = play(initialChatState([], "other", []), RUN);
  assert.equal(state.messages.length, 0);
  assert.equal(activeRun(state), null);
  assert.equal(state.runs.r1.conversation_id, "c1");
});

Deno.test("[chat state] an error while sending restores the text with the reason", () => {
  const sent = beginSend(initialChatState([], "c1", []), {
    client_message_id: "x1",
    content: "hello",
    conversation_id: "c1",
  }, 0);
  const unrelated = play(sent, [{
    event_type: "error",
    error: { code: "invalid_request", message: "Bad frame" },
  }]);
  assert.equal(unrelated, sent, "an error that answers another frame leaves our send pending");
  const failed = play(sent, [{
    event_type: "error",
    error: { code: "daily_limit_reached", message: "Limit reached" },
    client_message_id: "x1",
  }]);
  assert.deepEqual(failed.sendError, {
    code: "daily_limit_reached",
    message: "Limit reached",
    content: "hello",
  });
  assert.equal(failed.messages.length, 0);
  const ignored = play(failed, [{
    event_type: "error",
    error: { code: "not_found", message: "x" },
  }]);
  assert.equal(ignored, failed, "errors with nothing pending change nothing");
});

Deno.test("[chat state] agent_error ends the run with its reason", () => {
  const state = play(initialChatState([], "c1", []), [
    ...RUN,
    {
      event_type: "agent_error",
      run_id: "r1",
      conversation_id: "c1",
      error: { code: "cancelled", message: "Stopped" },
    },
  ]);
  assert.equal(state.runs.r1.status, "failed");
  assert.equal(state.runs.r1.error?.code, "cancelled");
});

const T0 = Date.parse("2025-01-01T00:00:00.000Z");
const conv = (id: string, at = "2025-01-01T00:00:00.000Z"): Conversation => ({
  id,
  title: id,
  created_at: at,
  updated_at: at,
});
const msg = (id: string, role: "user" | "assistant", content: string, run_id?: string) =>
  ({ id, role, content, created_at: "2025-01-01T00:00:05.000Z", run_id }) as WireMessage;

Deno.test("[chat state] resync: a run that ended while away shows its stored reply, once", () => {
  const mid = play(initialChatState([conv("c1")], "c1", []), RUN);
  assert.ok(activeRun(mid));
  const stored = [msg("m1", "user", "add milk", "r1"), msg("m2", "assistant", "Added milk.", "r1")];
  const after = applyResync(mid, {
    conversations: [conv("c1")],
    conversationId: "c1",
    messages: stored,
    activeRun: null,
  }, 2000);
  assert.equal(activeRun(after), null, "no run left spinning");
  assert.equal(after.runs.r1.status, "done");
  assert.deepEqual(after.messages.map((m) => m.id), ["m1", "m2"]);
  const replayed = play(after, [{
    event_type: "agent_done",
    run_id: "r1",
    conversation_id: "c1",
    message_id: "m2",
    response: "Added milk.",
  }]);
  assert.deepEqual(replayed.messages.map((m) => m.id), ["m1", "m2"], "a late event adds nothing");
});

Deno.test("[chat state] resync: a run still going stays live; live messages are kept", () => {
  const mid = play(initialChatState([conv("c1")], "c1", [msg("m0", "user", "hi")]), RUN);
  const after = applyResync(mid, {
    conversations: [conv("c1")],
    conversationId: "c1",
    messages: [msg("m0", "user", "hi")],
    activeRun: { run_id: "r1", started_at: "2025-01-01T00:00:00.000Z" },
  }, 2000);
  assert.equal(activeRun(after)?.run_id, "r1");
  assert.deepEqual(after.messages.map((m) => m.id), ["m0", "m1"], "m1 arrived live after the read");
});

Deno.test("[chat state] resync: our send stored while away settles; otherwise it stays pending", () => {
  const sent = beginSend(initialChatState([conv("c1")], "c1", []), {
    client_message_id: "x1",
    content: "add milk",
    conversation_id: "c1",
  }, T0);
  const stored = applyResync(sent, {
    conversations: [conv("c1")],
    conversationId: "c1",
    messages: [msg("m1", "user", "add milk", "r1")],
    activeRun: null,
  }, T0 + 9000);
  assert.equal(stored.pending, null);
  assert.deepEqual(stored.messages.map((m) => m.id), ["m1"]);
  const notYet = applyResync(sent, {
    conversations: [conv("c1")],
    conversationId: "c1",
    messages: [],
    activeRun: null,
  }, T0);
  assert.equal(notYet.pending?.client_message_id, "x1");
  assert.deepEqual(notYet.messages.map((m) => m.pending), [true], "the optimistic bubble stays");
});

Deno.test("[chat state] resync: a new conversation our send started is adopted", () => {
  const sent = beginSend(initialChatState([conv("old")], null, []), {
    client_message_id: "x1",
    content: "add milk",
    conversation_id: null,
  }, T0);
  const conversations = [conv("c9", "2025-01-01T00:00:01.000Z"), conv("old")];
  assert.equal(resyncConversationId(sent, conversations), "c9");
  assert.equal(resyncConversationId(initialChatState([], "c1", []), conversations), "c1");
  assert.equal(resyncConversationId(initialChatState([], null, []), conversations), null);
  const after = applyResync(sent, {
    conversations,
    conversationId: "c9",
    messages: [msg("m1", "user", "add milk", "r1")],
    activeRun: null,
  }, T0);
  assert.equal(after.conversationId, "c9");
  assert.equal(after.pending, null);
  const elsewhere = applyResync(initialChatState([], "c1", []), {
    conversations,
    conversationId: "c9",
    messages: [msg("m1", "user", "add milk")],
    activeRun: null,
  }, T0);
  assert.equal(
    elsewhere.conversationId,
    "c1",
    "a read for another conversation changes only the list",
  );
  assert.deepEqual(elsewhere.conversations, conversations);
});

Deno.test("[chat state] resync: a run that ended while away without a reply ends as interrupted", () => {
  const mid = play(initialChatState([conv("c1")], "c1", []), RUN);
  const after = applyResync(mid, {
    conversations: [conv("c1")],
    conversationId: "c1",
    messages: [msg("m1", "user", "add milk", "r1")],
    activeRun: null,
  }, 5000);
  assert.equal(activeRun(after), null, "nothing left spinning");
  assert.equal(after.runs.r1.status, "failed");
  assert.deepEqual(after.runs.r1.error, INTERRUPTED_RUN_ERROR);
  assert.equal(after.runs.r1.ended_at, 5000);
  // A run of another conversation is not judged by this conversation's read.
  const elsewhere = applyResync(mid, {
    conversations: [conv("c1"), conv("c2")],
    conversationId: "c2",
    messages: [],
    activeRun: null,
  }, 5000);
  assert.equal(elsewhere.runs.r1.status, "running");
});

Deno.test("[chat state] a run in flight that this page never saw shows as running; its events continue it", () => {
  const inFlight = { run_id: "r7", started_at: "2025-01-01T00:00:03.000Z" };
  const loaded = initialChatState(
    [conv("c1")],
    "c1",
    [msg("m6", "user", "add milk", "r7")],
    inFlight,
    9000,
  );
  const run = activeRun(loaded);
  assert.equal(run?.run_id, "r7");
  assert.equal(run?.started_at, Date.parse(inFlight.started_at));
  assert.equal(run?.last_event_at, 9000, "the stall watchdog counts from the page load");
  const done = applyEvent(loaded, {
    event_type: "agent_done",
    run_id: "r7",
    conversation_id: "c1",
    message_id: "m7",
    response: "Added milk.",
    id: "e1",
    ts: "2025-01-01T00:00:09.000Z",
  }, 9500);
  assert.equal(done.runs.r7.status, "done");
  assert.equal(activeRun(done), null);
  const opened = openConversation(initialChatState([conv("c1"), conv("c2")], "c1", []), "c2", [], {
    run_id: "r8",
    started_at: "2025-01-01T00:00:04.000Z",
  }, 10_000);
  assert.equal(activeRun(opened)?.run_id, "r8", "opening a conversation shows its run in flight");
  const resynced = applyResync(initialChatState([conv("c1")], "c1", []), {
    conversations: [conv("c1")],
    conversationId: "c1",
    messages: [],
    activeRun: { run_id: "r9", started_at: "2025-01-01T00:00:05.000Z" },
  }, 11_000);
  assert.equal(activeRun(resynced)?.run_id, "r9", "a resync shows a run started while away");
});
