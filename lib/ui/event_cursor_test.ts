import assert from "node:assert/strict";
import type { ServerEvent } from "../realtime/events.ts";
import { EventCursor } from "./event_cursor.ts";

function ev(event_type: string, id: string): ServerEvent {
  return { event_type, id, ts: "2025-01-01T00:00:00.000Z" } as ServerEvent;
}

Deno.test("[event cursor] resumes from the last user event, not socket events", () => {
  const cursor = new EventCursor();
  assert.equal(cursor.lastEventId, null);
  assert.ok(cursor.accept(ev("message_delta", "u1")));
  for (const type of ["pong", "connection_established", "error", "resync_required"]) {
    assert.ok(cursor.accept(ev(type, `s-${type}`)), `${type} is delivered`);
    assert.equal(cursor.lastEventId, "u1", `${type} does not move the resume point`);
  }
  assert.ok(cursor.accept(ev("task_changed", "u2")));
  assert.equal(cursor.lastEventId, "u2");
});

Deno.test("[event cursor] drops a user event seen before; socket events always pass", () => {
  const cursor = new EventCursor();
  assert.ok(cursor.accept(ev("agent_done", "1")));
  assert.equal(cursor.accept(ev("agent_done", "1")), false);
  assert.ok(cursor.accept(ev("pong", "p")));
  assert.ok(cursor.accept(ev("pong", "p")), "pong ids are per socket, never de-duplicated");
});

Deno.test("[event cursor] remembers only the latest ids", () => {
  const cursor = new EventCursor({ limit: 2 });
  for (const id of ["a", "b", "c"]) cursor.accept(ev("message_delta", id));
  assert.ok(cursor.accept(ev("message_delta", "a")), "the oldest id was forgotten");
  assert.equal(cursor.accept(ev("message_delta", "c")), false);
});
