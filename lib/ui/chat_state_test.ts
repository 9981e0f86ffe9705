import assert from "node:assert/strict";
import type { ServerEvent } from "../realtime/events.ts";
import {
  activeRun,
  announcementFor,
  applyEvent,
  beginSend,
  type ChatState,
  initialChatState,
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
  const accepted = play(sent, [RUN[0]]);
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
  const failed = play(sent, [{
    event_type: "error",
    error: { code: "daily_limit_reached", message: "Limit reached" },
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

Deno.test("[chat state] announcements: run start, tools, end; not deltas", () => {
  const said = RUN.map((body) => announcementFor(ev(body)));
  assert.deepEqual(said, ["Assistant started working.", null, "Adding “milk”…", null, null]);
  const ended = (code: string) =>
    announcementFor(ev({
      event_type: "agent_error",
      run_id: "r1",
      conversation_id: "c1",
      error: { code, message: "The model is unreachable" },
    }));
  assert.equal(ended("cancelled"), "Assistant stopped.");
  assert.equal(ended("ai_unavailable"), "Assistant stopped: The model is unreachable");
});
