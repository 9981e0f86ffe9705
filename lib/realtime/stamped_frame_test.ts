import assert from "node:assert/strict";
import { MAX_BATCH_EVENTS, MAX_BATCH_FRAME_BYTES } from "./constants.ts";
import { EventClock } from "./event_ids.ts";
import type { ServerEvent } from "./events.ts";
import {
  canMerge,
  DeltaMerge,
  eventsOf,
  frameAfter,
  frameBefore,
  frameBody,
  packEnd,
  packFrames,
  singleEventFrames,
  toFrame,
  toFrames,
} from "./stamped_frame.ts";

const clock = new EventClock({ instanceId: "frametst" });
const ts = "2026-11-26T12:00:00.000Z";
const delta = (text: string, run = "r1"): ServerEvent => ({
  event_type: "message_delta",
  run_id: run,
  delta: text,
  id: clock.next(),
  ts,
});
const done = (run = "r1"): ServerEvent => ({
  event_type: "agent_done",
  run_id: run,
  conversation_id: "c1",
  message_id: "m1",
  response: "ok",
  id: clock.next(),
  ts,
});

Deno.test("[realtime] a frame of one event is the event object; of several, an array in order", () => {
  const one = delta("a");
  const single = toFrame([one]);
  assert.deepEqual(JSON.parse(single.json), one);
  assert.equal(single.firstId, one.id);
  assert.equal(single.id, one.id);
  assert.equal(single.tsMs, Date.parse(ts));
  const events = [delta("a"), delta("b"), done()];
  const many = toFrame(events);
  assert.deepEqual(JSON.parse(many.json), events);
  assert.equal(many.count, 3);
  assert.equal(many.firstId, events[0].id);
  assert.equal(many.id, events[2].id);
  assert.deepEqual(eventsOf(many), events);
  assert.deepEqual(eventsOf(single), [one]);
  assert.equal(frameBody(many), events.map((event) => JSON.stringify(event)).join(","));
});

Deno.test("[realtime] only frames of deltas of one run may merge, into one delta with the last id", () => {
  const first = toFrame([delta("Hel"), delta("lo")]);
  const second = toFrame([delta(", "), delta('"world"\n')]);
  assert.equal(canMerge(first, second), true);
  const merge = new DeltaMerge(first);
  merge.add(second);
  const merged = merge.frame();
  assert.equal(merged.count, 1);
  assert.equal(merged.id, second.id);
  assert.equal((JSON.parse(merged.json) as { delta: string }).delta, 'Hello, "world"\n');
  assert.equal(merge.length, merged.json.length, "its length is known before it is built");
  const mixed = toFrame([delta("x"), done()]);
  const otherRun = toFrame([delta("y", "r2")]);
  assert.equal(canMerge(first, mixed), false, "a lifecycle event never merges");
  assert.equal(canMerge(mixed, first), false);
  assert.equal(canMerge(first, otherRun), false, "deltas of another run stay apart");
  assert.throws(() => new DeltaMerge(mixed), TypeError);
  assert.throws(() => merge.add(otherRun), TypeError);
});

Deno.test("[realtime] thousands of merged deltas keep every text, in order", () => {
  const chunks = 8_000;
  const frames = Array.from({ length: chunks }, (_, i) => toFrame([delta(`part ${i} `)]));
  const merge = new DeltaMerge(frames[0]);
  for (const frame of frames.slice(1)) merge.add(frame);
  const text = (JSON.parse(merge.frame().json) as { delta: string }).delta;
  assert.equal(text, frames.map((_, i) => `part ${i} `).join(""));
});

Deno.test("[realtime] toFrames keeps to the event and byte limits, in order", () => {
  const many = Array.from({ length: MAX_BATCH_EVENTS * 2 + 3 }, (_, i) => delta(String(i)));
  const byCount = toFrames(many);
  assert.deepEqual(byCount.map((frame) => frame.count), [MAX_BATCH_EVENTS, MAX_BATCH_EVENTS, 3]);
  assert.deepEqual(byCount.flatMap(eventsOf), many);
  const large = Array.from({ length: 10 }, () => delta("x".repeat(20_000)));
  const byBytes = toFrames(large);
  assert.ok(byBytes.length > 1);
  for (const frame of byBytes) assert.ok(frame.json.length <= MAX_BATCH_FRAME_BYTES);
  assert.deepEqual(byBytes.flatMap(eventsOf), large);
  const huge = toFrames([delta("y".repeat(MAX_BATCH_FRAME_BYTES * 2))]);
  assert.equal(huge.length, 1, "one event larger than the limit travels alone");
  assert.deepEqual(toFrames(many.slice(0, 5), 1).map((frame) => frame.count), [1, 1, 1, 1, 1]);
});

Deno.test("[realtime] toFrames serialises the given values, so a sender's text survives", () => {
  const event = delta("text");
  // The sender's object with its own key order (as parsed off the bus).
  const value = { id: event.id, ts, event_type: "message_delta", run_id: "r1", delta: "text" };
  const [frame] = toFrames([event], undefined, [value]);
  assert.equal(frame.json, JSON.stringify(value));
});

Deno.test("[realtime] frameAfter keeps only the events after an id; singleEventFrames takes a frame apart", () => {
  const events = [delta("a"), delta("b"), delta("c")];
  const frame = toFrame(events);
  assert.equal(frameAfter(frame, clock.current()), undefined);
  assert.equal(frameAfter(frame, "0"), frame, "all of it after: the same frame");
  const rest = frameAfter(frame, events[0].id);
  assert.ok(rest);
  assert.deepEqual(eventsOf(rest), events.slice(1));
  assert.deepEqual(singleEventFrames(frame).map((single) => JSON.parse(single.json)), events);
});

Deno.test("[realtime] packFrames joins consecutive frames' texts within the frame limits", () => {
  const frames = [toFrame([delta("a")]), toFrame([delta("b"), delta("c")]), toFrame([delta("d")])];
  assert.equal(packEnd(frames, 0), 3);
  const packed = packFrames(frames, 0, 3);
  assert.deepEqual(eventsOf(packed), frames.flatMap(eventsOf));
  assert.equal(packed.count, 4);
  assert.equal(packed.firstId, frames[0].firstId);
  assert.equal(packed.id, frames[2].id);
  assert.equal(packed.deltaRun, "r1", "deltas of one run stay mergeable");
  assert.equal(packFrames(frames, 1, 2), frames[1], "one frame is itself");
  assert.equal(packFrames([toFrame([delta("x")]), toFrame([done()])], 0, 2).deltaRun, undefined);
  const many = Array.from({ length: MAX_BATCH_EVENTS + 10 }, (_, i) => toFrame([delta(String(i))]));
  assert.equal(packEnd(many, 0), MAX_BATCH_EVENTS, "at most MAX_BATCH_EVENTS events");
  assert.equal(packEnd(many, MAX_BATCH_EVENTS), many.length);
  const large = Array.from({ length: 8 }, () => toFrame([delta("x".repeat(20_000))]));
  const end = packEnd(large, 0);
  assert.ok(end > 1 && end < 8);
  assert.ok(packFrames(large, 0, end).json.length <= MAX_BATCH_FRAME_BYTES);
});

Deno.test("[realtime] frameBefore keeps only the events before an id", () => {
  const events = [delta("a"), delta("b"), delta("c")];
  const frame = toFrame(events);
  assert.equal(frameBefore(frame, events[0].id), undefined);
  assert.equal(frameBefore(frame, clock.current()), frame, "all of it before: the same frame");
  const head = frameBefore(frame, events[2].id);
  assert.ok(head);
  assert.deepEqual(eventsOf(head), events.slice(0, 2));
});

Deno.test("[realtime] a packed frame counts its brackets: never over the byte limit", () => {
  const small = toFrame([delta("x".repeat(100))]);
  const envelope = small.json.length - 100;
  // Together with one comma the two texts fill the limit exactly; the brackets would overflow it.
  const large = toFrame([
    delta("y".repeat(MAX_BATCH_FRAME_BYTES - small.json.length - 1 - envelope)),
  ]);
  assert.equal(small.json.length + 1 + large.json.length, MAX_BATCH_FRAME_BYTES);
  assert.equal(packEnd([small, large], 0), 1, "they go as two frames");
  const fits = toFrame([
    delta("y".repeat(MAX_BATCH_FRAME_BYTES - small.json.length - 3 - envelope)),
  ]);
  assert.equal(packEnd([small, fits], 0), 2);
  assert.equal(packFrames([small, fits], 0, 2).json.length, MAX_BATCH_FRAME_BYTES);
});
