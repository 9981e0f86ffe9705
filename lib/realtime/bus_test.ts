import assert from "node:assert/strict";
import { encodeControl, encodeEventBatch, parseBusMessage } from "./bus.ts";
import type { ServerEvent } from "./events.ts";
import { toFrame } from "./stamped_frame.ts";
import { BroadcastChannelBus } from "./bus_broadcast_channel.ts";
import { captureWarnings } from "../../tests/helpers/console.ts";

const event = (n: number): ServerEvent => ({
  event_type: "message_delta",
  run_id: "r1",
  delta: `"quoted" ${n}`,
  id: String(n).padStart(3, "0"),
  ts: "2025-01-01T00:00:00.000Z",
});

Deno.test("[realtime] bus encodes a range of frames as one message, grouped by user in order", () => {
  const users = ["a", "a", "b", "a", "c", "c"];
  // Frames of one event, and for "c" a frame of two then one of three.
  const frames = users.map((_, i) =>
    i === 4
      ? toFrame([event(40), event(41)])
      : i === 5
      ? toFrame([50, 51, 52].map(event))
      : toFrame([event(i)])
  );
  const text = encodeEventBatch("inst0001", users, frames, { start: 1, end: 6 });
  const message = parseBusMessage(text);
  assert.ok(message?.kind === "events");
  assert.equal(message.origin, "inst0001");
  assert.deepEqual(
    message.groups.map((group) => [group.user_id, group.events.length]),
    [["a", 1], ["b", 1], ["a", 1], ["c", 5]],
  );
  // Each embedded event is the sender's JSON, exactly.
  const texts = message.groups.flatMap((group) => group.events.map((e) => JSON.stringify(e)));
  const sent = [1, 2, 3, 40, 41, 50, 51, 52].map((n) => JSON.stringify(event(n)));
  assert.deepEqual(texts, sent);
});

Deno.test("[realtime] bus messages that are not JSON or break the envelope schema are refused", () => {
  assert.equal(parseBusMessage("{not json"), null);
  assert.equal(parseBusMessage(42), null);
  assert.equal(parseBusMessage(JSON.stringify({ kind: "events", origin: "x", groups: [] })), null);
  assert.equal(
    parseBusMessage(JSON.stringify({ kind: "events", origin: "x", groups: [{ events: [1] }] })),
    null,
  );
  assert.equal(parseBusMessage(JSON.stringify({ kind: "event", origin: "x", json: "{}" })), null);
  const control = parseBusMessage(
    encodeControl("x", { type: "run_cancel", user_id: "u", run_id: "r" }),
  );
  assert.deepEqual(control, {
    kind: "control",
    origin: "x",
    control: { type: "run_cancel", user_id: "u", run_id: "r" },
  });
});

Deno.test("[realtime] a BroadcastChannel bus opened as the last one closes heals itself and reports the gap and what it dropped", async () => {
  const name = `test-${crypto.randomUUID()}`;
  // Closing every channel and opening another in the same tick leaves Deno's new
  // channel unsubscribed: its sends fail until it is opened again.
  await new BroadcastChannelBus(`${name}-first`).close();
  const bus = new BroadcastChannelBus(name);
  const listener = new BroadcastChannel(name);
  const received: unknown[] = [];
  listener.onmessage = (event) => received.push(parseBusMessage(event.data));
  let gaps = 0;
  let unsent = 0;
  bus.subscribe({ message: () => {}, gap: () => gaps++, unsent: () => unsent++ });
  const control = (run: string) =>
    encodeControl("x", { type: "run_cancel", user_id: "u", run_id: run });
  try {
    const wait = () => new Promise((resolve) => setTimeout(resolve, 20));
    await wait();
    const warnings = await captureWarnings(async () => {
      // Sent in the tick that fails: one warning and one gap, not one per message.
      for (const run of ["r1", "r1b", "r1c"]) bus.publish(control(run));
      await wait();
      bus.publish(control("r2"));
      await wait();
    });
    // Deno 2.9.6 fails that first send after the in-process delivery; the bus reopens its channel.
    assert.equal(gaps, 1, "the failed send is reported as a gap");
    assert.equal(unsent, 1, "and, once reopened, as messages of ours that did not go out");
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /Bus message not sent/);
    const later = await captureWarnings(async () => {
      bus.publish(control("r3"));
      await wait();
    });
    assert.deepEqual(later, [], "the reopened channel sends");
    const runs = received.map((message) =>
      (message as { control: { run_id: string } }).control.run_id
    );
    assert.ok(runs.includes("r2") && runs.includes("r3"), `received ${runs.join(",")}`);
  } finally {
    listener.close();
    await bus.close();
  }
});
