import assert from "node:assert/strict";
import { parseFrame } from "./server_frames.ts";

const ev = (type: string, id: string, extra: Record<string, unknown> = {}) => ({
  event_type: type,
  id,
  ts: "2025-01-01T00:00:00.000Z",
  ...extra,
});
const delta = (id: string, text: string) => ev("message_delta", id, { run_id: "r1", delta: text });

Deno.test("[server frames] accepts single events and arrays in order; drops garbage", () => {
  assert.equal(parseFrame(JSON.stringify(delta("1", "a"))).length, 1);
  assert.deepEqual(
    parseFrame(JSON.stringify([delta("1", "a"), { junk: true }, delta("2", "b")])).map((e) => e.id),
    ["1", "2"],
  );
  assert.deepEqual(parseFrame("{not json"), []);
  assert.deepEqual(parseFrame("null"), []);
  assert.deepEqual(parseFrame(JSON.stringify(ev("made_up", "3"))), []);
  assert.deepEqual(parseFrame(JSON.stringify({ event_type: "pong" })), [], "needs id and ts");
  assert.deepEqual(parseFrame(new ArrayBuffer(4)), []);
});
