import assert from "node:assert/strict";
import { EventClock } from "./event_ids.ts";
import type { ServerEvent } from "./events.ts";
import { ReplayBuffer } from "./replay_buffer.ts";
import { type StampedFrame, toFrame } from "./stamped_frame.ts";

function setup(options: { maxEvents?: number; maxAgeSeconds?: number; globalMaxBytes?: number }) {
  let now = 1_700_000_000_000;
  const clock = new EventClock({ instanceId: "aaaaaaaa", now: () => now });
  const buffer = new ReplayBuffer(clock.current(), { ...options, now: () => now });
  const event = (text: string): ServerEvent => ({
    event_type: "message_delta",
    run_id: "r",
    delta: text,
    id: clock.next(),
    ts: new Date(now).toISOString(),
  });
  const make = (text: string): StampedFrame => toFrame([event(text)]);
  /** One frame of several events. */
  const makeMany = (...texts: string[]): StampedFrame => toFrame(texts.map(event));
  return { clock, buffer, make, makeMany, advance: (ms: number) => now += ms };
}

Deno.test("[realtime] replay returns exactly the events after an id", () => {
  const { clock, buffer, make } = setup({});
  const events = ["a", "b", "c", "d"].map(make);
  for (const event of events) buffer.add("u1", event);
  buffer.add("u2", make("other user"));
  const answer = buffer.after("u1", events[1].id, clock.current());
  assert.ok(answer.ok);
  assert.deepEqual(answer.frames.map((e) => e.id), [events[2].id, events[3].id]);
  const none = buffer.after("u1", events[3].id, clock.current());
  assert.ok(none.ok && none.frames.length === 0);
});

Deno.test("[realtime] replay asks for resync for garbage, future and pre-start ids", () => {
  const { clock, buffer, make, advance } = setup({});
  const early = make("before the other instance started");
  advance(1_000);
  const otherClock = new EventClock({ instanceId: "bbbbbbbb", now: () => 1_700_000_001_000 });
  const started = new ReplayBuffer(otherClock.next());
  buffer.add("u1", make("a"));
  assert.equal(buffer.after("u1", "unknown-0", clock.current()).ok, false);
  assert.equal(buffer.after("u1", "999999999999999-000000-zzzzzzzz", clock.current()).ok, false);
  assert.equal(started.after("u1", early.id, otherClock.current()).ok, false);
  assert.equal(started.after("u1", otherClock.next(), otherClock.current()).ok, true);
});

Deno.test("[realtime] keeps maxEvents or maxAge, whichever holds more", () => {
  const { clock, buffer, make, advance } = setup({ maxEvents: 3, maxAgeSeconds: 10 });
  const old = [make("1"), make("2"), make("3"), make("4"), make("5")];
  for (const event of old) buffer.add("u", event);
  assert.equal(buffer.size("u"), 5, "young events are all kept");
  advance(11_000);
  buffer.add("u", make("6"));
  assert.equal(buffer.size("u"), 3, "old events beyond maxEvents are evicted");
  assert.equal(buffer.after("u", old[1].id, clock.current()).ok, false, "evicted range → resync");
  const fromLastEvicted = buffer.after("u", old[2].id, clock.current());
  assert.ok(fromLastEvicted.ok && fromLastEvicted.frames.length === 3);
});

Deno.test("[realtime] the global cap evicts the least recently active user first", () => {
  const { clock, buffer, make } = setup({ globalMaxBytes: 2_000 });
  const idle = make("idle".repeat(50));
  buffer.add("idle", idle);
  for (let i = 0; i < 20; i++) buffer.add("busy", make("x".repeat(50)));
  assert.ok(buffer.bytes <= 2_000);
  assert.equal(buffer.size("idle"), 0);
  assert.equal(buffer.after("idle", "000000000000000-000000-aaaaaaaa", clock.current()).ok, false);
  buffer.add("idle", make("back"));
  assert.equal(
    buffer.after("idle", idle.id, clock.current()).ok,
    true,
    "resume from the evicted id",
  );
});

Deno.test("[realtime] late bus events are inserted in id order, duplicates ignored", () => {
  const { clock, buffer, make } = setup({});
  const [a, b, c] = [make("a"), make("b"), make("c")];
  buffer.add("u", a);
  buffer.add("u", c);
  buffer.add("u", b);
  buffer.add("u", b);
  const answer = buffer.after("u", a.id, clock.current());
  assert.ok(answer.ok);
  assert.deepEqual(answer.frames.map((e) => e.id), [b.id, c.id]);
});

Deno.test("[realtime] raiseFloor makes earlier ids resync", () => {
  const { clock, buffer, make } = setup({});
  const a = make("a");
  buffer.add("u", a);
  buffer.raiseFloor(clock.next());
  assert.equal(buffer.after("u", a.id, clock.current()).ok, false);
});

/** The delta texts of replayed frames, in order. */
function texts(frames: StampedFrame[]): string[] {
  return frames.flatMap((frame) => {
    const value = JSON.parse(frame.json);
    return (Array.isArray(value) ? value : [value]).map((event: { delta: string }) => event.delta);
  });
}

Deno.test("[realtime] replay from inside a multi-event frame sends only the rest of it", () => {
  const { clock, buffer, makeMany } = setup({});
  const first = makeMany("a", "b", "c");
  const second = makeMany("d", "e");
  buffer.add("u", first);
  buffer.add("u", second);
  assert.equal(buffer.size("u"), 5, "size counts events, not frames");
  const ids = (JSON.parse(first.json) as ServerEvent[]).map((event) => event.id);
  const fromB = buffer.after("u", ids[1], clock.current());
  assert.ok(fromB.ok);
  assert.deepEqual(texts(fromB.frames), ["c", "d", "e"]);
  assert.equal(fromB.frames[0].json.startsWith("{"), true, "one event left: an object frame");
  assert.equal(fromB.frames[1], second, "later frames are replayed as they were sent");
  const fromEnd = buffer.after("u", first.id, clock.current());
  assert.ok(fromEnd.ok);
  assert.deepEqual(fromEnd.frames, [second]);
});

Deno.test("[realtime] a late frame overlapping held ones is interleaved by id, nothing twice", () => {
  const { clock, buffer, makeMany } = setup({});
  const early = makeMany("a1", "a2");
  const middle = makeMany("b1", "b2", "b3");
  const late = makeMany("c1", "c2");
  buffer.add("u", early);
  buffer.add("u", late);
  buffer.add("u", middle);
  buffer.add("u", middle);
  assert.equal(buffer.size("u"), 7);
  const all = buffer.after("u", clock.current().replace(/.*/, early.firstId), clock.current());
  assert.ok(all.ok);
  assert.deepEqual(texts(all.frames), ["a2", "b1", "b2", "b3", "c1", "c2"]);
  const ids = all.frames.map((frame) => frame.id);
  assert.deepEqual(ids, [...ids].sort(), "ids increase");
});

Deno.test("[realtime] eviction by count keeps at least maxEvents, a frame at a time", () => {
  const { buffer, makeMany, advance } = setup({ maxEvents: 4, maxAgeSeconds: 1 });
  buffer.add("u", makeMany("1", "2", "3"));
  buffer.add("u", makeMany("4", "5", "6"));
  advance(2_000);
  buffer.add("u", makeMany("7"));
  // Dropping the first frame leaves 4 events: enough; dropping the second too would leave 1.
  assert.equal(buffer.size("u"), 4);
});

Deno.test("[realtime] a late frame older than what was evicted is not kept: resuming across the gap asks for resync", () => {
  let now = 1_700_000_000_000;
  const a = new EventClock({ instanceId: "aaaaaaaa", now: () => now });
  const b = new EventClock({ instanceId: "bbbbbbbb", now: () => now });
  const buffer = new ReplayBuffer(a.next(), { maxEvents: 2, maxAgeSeconds: 0, now: () => now + 1 });
  const event = (clock: EventClock, text: string): ServerEvent => ({
    event_type: "message_delta",
    run_id: "r",
    delta: text,
    id: clock.next(),
    ts: new Date(now).toISOString(),
  });
  now += 10;
  const late = event(b, "late"); // stamped on B, reaches this instance later
  now += 10;
  const held = ["1", "2", "3", "4"].map((text) => event(a, text));
  for (const one of held) buffer.add("u", toFrame([one]));
  assert.equal(buffer.after("u", held[0].id, a.current()).ok, false, "2 was evicted");
  buffer.add("u", toFrame([late]));
  assert.equal(buffer.size("u"), 2, "the late event is older than the gap: not kept");
  assert.equal(buffer.after("u", held[0].id, a.current()).ok, false, "still resync");
  const fromGap = buffer.after("u", held[1].id, a.current());
  assert.ok(fromGap.ok);
  assert.deepEqual(texts(fromGap.frames), ["3", "4"]);
});
