import assert from "node:assert/strict";
import type { ServerEvent } from "../realtime/events.ts";
import { announcementFor, connectionAnnouncement } from "./announcements.ts";

function ev(body: Record<string, unknown>): ServerEvent {
  return { id: "e1", ts: "2025-01-01T00:00:00.000Z", ...body } as ServerEvent;
}

Deno.test("[announcements] run start, tools and run end are polite; deltas are silent", () => {
  const said = [
    {
      event_type: "user_message",
      run_id: "r",
      conversation_id: "c",
      message_id: "m",
      content: "x",
    },
    {
      event_type: "tool_starting",
      run_id: "r",
      call_id: "k",
      tool: "add_task",
      message: "Adding…",
    },
    { event_type: "tool_complete", run_id: "r", call_id: "k", tool: "add_task", message: "Added" },
    { event_type: "message_delta", run_id: "r", delta: "hi" },
    { event_type: "agent_done", run_id: "r", conversation_id: "c", message_id: "m2", response: "" },
    { event_type: "pong" },
  ].map((body) => announcementFor(ev(body)));
  assert.deepEqual(said, [
    { text: "Assistant started working.", urgent: false },
    { text: "Adding…", urgent: false },
    { text: "Added", urgent: false },
    null,
    { text: "Assistant finished.", urgent: false },
    null,
  ]);
});

Deno.test("[announcements] failures and errors are urgent; a stop is polite", () => {
  const ended = (code: string) =>
    announcementFor(ev({
      event_type: "agent_error",
      run_id: "r1",
      conversation_id: "c1",
      error: { code, message: "The model is unreachable" },
    }));
  assert.deepEqual(ended("cancelled"), { text: "Assistant stopped.", urgent: false });
  assert.deepEqual(ended("ai_unavailable"), {
    text: "Assistant stopped: The model is unreachable",
    urgent: true,
  });
  assert.deepEqual(
    announcementFor(ev({ event_type: "error", error: { code: "x", message: "Limit reached" } })),
    { text: "Limit reached", urgent: true },
  );
});

Deno.test("[announcements] losing the connection is urgent, getting it back polite", () => {
  assert.equal(connectionAnnouncement("connecting", { status: "live" }), null, "first connect");
  assert.equal(connectionAnnouncement("live", { status: "live" }), null);
  assert.deepEqual(
    connectionAnnouncement("live", { status: "reconnecting", retryAt: 0, secondsLeft: 1 }),
    { text: "Connection lost. Reconnecting…", urgent: true },
  );
  assert.equal(
    connectionAnnouncement("reconnecting", { status: "reconnecting", retryAt: 0, secondsLeft: 0 }),
    null,
    "the countdown is not repeated",
  );
  assert.equal(connectionAnnouncement("live", { status: "offline" })?.urgent, true);
  assert.equal(connectionAnnouncement("live", { status: "expired", code: 4401 })?.urgent, true);
  assert.deepEqual(connectionAnnouncement("reconnecting", { status: "live" }), {
    text: "Connection restored.",
    urgent: false,
  });
});
