import assert from "node:assert/strict";
import { BUS_MESSAGE_MAX_BYTES, CLOSE, READY_STATE } from "./constants.ts";
import type { Connection } from "./connection.ts";
import type { ServerEvent } from "./events.ts";
import { type Bus, type BusHandlers, type BusMessage, parseBusMessage } from "./bus.ts";
import { EventClock } from "./event_ids.ts";
import { BroadcastChannelBus } from "./bus_broadcast_channel.ts";
import { Hub } from "./hub.ts";
import { captureWarnings } from "../../tests/helpers/console.ts";
import { frameBody, type StampedFrame } from "./stamped_frame.ts";
import type { SocketLike } from "./socket.ts";
import { deltaTexts } from "../../tests/helpers/events.ts";

/** A socket that records frames; `bufferedAmount` is set by the test. */
class FakeSocket implements SocketLike {
  readyState: number = READY_STATE.OPEN;
  bufferedAmount = 0;
  frames: string[] = [];
  closed?: { code?: number; reason?: string };
  send(data: string) {
    this.frames.push(data);
  }
  close(code?: number, reason?: string) {
    this.closed = { code, reason };
    this.readyState = READY_STATE.CLOSED;
  }
  /** Every event received, array frames unpacked. */
  events(): ServerEvent[] {
    return this.frames.flatMap((frame) => {
      const value = JSON.parse(frame);
      return Array.isArray(value) ? value : [value];
    });
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** Waits until `check()` holds (events crossing a BroadcastChannel take a moment). */
async function eventually(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await tick();
  }
}

function connect(hub: Hub, userId: string, jti = "j1"): [Connection, FakeSocket] {
  const socket = new FakeSocket();
  const connection = hub.connect({ userId, jti }, socket);
  assert.ok(typeof connection !== "string");
  return [connection, socket];
}

const delta = (text: string) =>
  ({ event_type: "message_delta", run_id: "r1", delta: text }) as const;

Deno.test("[realtime] hub fans out to every tab of a user and nobody else, established first", async () => {
  const hub = new Hub();
  try {
    const [, tab1] = connect(hub, "alice");
    const [, tab2] = connect(hub, "alice");
    const [, bob] = connect(hub, "bob");
    hub.publish("alice", delta("hi"));
    await tick();
    for (const tab of [tab1, tab2]) {
      const types = tab.events().map((e) => e.event_type);
      assert.deepEqual(types, ["connection_established", "message_delta"]);
    }
    assert.deepEqual(bob.events().map((e) => e.event_type), ["connection_established"]);
  } finally {
    await hub.close();
  }
});

Deno.test("[realtime] hub batches ready events into one array frame, ids increasing", async () => {
  const hub = new Hub();
  try {
    const [, socket] = connect(hub, "alice");
    await tick();
    socket.frames.length = 0;
    for (let i = 0; i < 5; i++) hub.publish("alice", delta(String(i)));
    await tick();
    assert.equal(socket.frames.length, 1);
    const ids = socket.events().map((e) => e.id);
    assert.equal(ids.length, 5);
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(ids).size, 5);
  } finally {
    await hub.close();
  }
});

Deno.test("[realtime] a user's consecutive events are serialised once, shared by its tabs and kept for resume", async () => {
  const hub = new Hub();
  try {
    const [, tab1] = connect(hub, "alice");
    const [, tab2] = connect(hub, "alice");
    const [, bob] = connect(hub, "bob");
    await tick();
    for (const socket of [tab1, tab2, bob]) socket.frames.length = 0;
    const before = hub.clock.current();
    const a = hub.publish("alice", delta("a"));
    const b = hub.publish("alice", delta("b"));
    const x = hub.publish("bob", delta("x"));
    const c = hub.publish("alice", delta("c"));
    assert.equal(tab1.frames.length, 0, "nothing is sent before the producer's run ends");
    await tick();
    // Alice's two runs (a, b and c) reach each of her sockets packed in one frame.
    assert.deepEqual(tab1.frames, tab2.frames);
    assert.equal(tab1.frames.length, 1);
    assert.deepEqual(tab1.events().map((e) => e.id), [a.id, b.id, c.id]);
    assert.deepEqual(bob.events().map((e) => e.id), [x.id]);
    assert.equal(hub.replay.size("alice"), 3);
    const held = hub.replay.after("alice", before, hub.clock.current());
    assert.ok(held.ok);
    assert.deepEqual(held.frames.map((frame) => frame.count), [2, 1]);
    assert.equal(`[${held.frames.map(frameBody).join(",")}]`, tab1.frames[0]);
  } finally {
    await hub.close();
  }
});

Deno.test("[realtime] a hub without batching sends a bus group from a batching hub one event per frame", async () => {
  const name = `test-${crypto.randomUUID()}`;
  const batching = new Hub({ bus: new BroadcastChannelBus(name) });
  const single = new Hub({ bus: new BroadcastChannelBus(name), connection: { batching: false } });
  try {
    const [, socket] = connect(single, "alice");
    await tick();
    socket.frames.length = 0;
    const ids = [0, 1, 2, 3].map((i) => batching.publish("alice", delta(String(i))).id);
    await eventually(() => socket.frames.length === 4, "four frames");
    assert.deepEqual(socket.frames.map((frame) => (JSON.parse(frame) as ServerEvent).id), ids);
  } finally {
    await batching.close();
    await single.close();
  }
});

Deno.test("[realtime] hub without batching sends one frame per event", async () => {
  const hub = new Hub({ connection: { batching: false } });
  try {
    const [, socket] = connect(hub, "alice");
    for (let i = 0; i < 3; i++) hub.publish("alice", delta(String(i)));
    await tick();
    assert.equal(socket.frames.length, 4);
  } finally {
    await hub.close();
  }
});

Deno.test("[realtime] without batching a run is kept as one frame; a resume still gets one event per frame", async () => {
  const hub = new Hub({ connection: { batching: false } });
  try {
    const [, live] = connect(hub, "alice");
    await tick();
    live.frames.length = 0;
    const before = hub.clock.current();
    const ids = ["a", "b", "c"].map((text) => hub.publish("alice", delta(text)).id);
    assert.equal(live.frames.length, 3, "each event is sent at once, alone");
    await tick();
    const held = hub.replay.after("alice", before, hub.clock.current());
    assert.ok(held.ok);
    assert.deepEqual(held.frames.map((frame) => frame.count), [3], "kept as one frame");
    assert.equal(`[${live.frames.join(",")}]`, held.frames[0].json, "joined from the sent texts");
    const [again, socket] = connect(hub, "alice");
    hub.resume(again, ids[0]);
    await tick();
    const frames = socket.frames.slice(1);
    assert.deepEqual(frames.map((frame) => (JSON.parse(frame) as ServerEvent).id), ids.slice(1));
  } finally {
    await hub.close();
  }
});

Deno.test("[realtime] a socket that joined mid-run gets the rest live and the run's start on resume, once", async () => {
  for (const batching of [false, true]) {
    const hub = new Hub({ connection: { batching } });
    try {
      const [, first] = connect(hub, "alice");
      await tick();
      const before = hub.publish("alice", delta("before")).id;
      await tick();
      const a = hub.publish("alice", delta("a")).id;
      const [joined, socket] = connect(hub, "alice");
      const b = hub.publish("alice", delta("b")).id;
      await tick();
      hub.resume(joined, before);
      await tick();
      const ids = socket.events().slice(1).map((event) => event.id).sort();
      assert.deepEqual(ids, [a, b], `batching ${batching}: each event once`);
      assert.ok(first.events().some((event) => event.id === b));
    } finally {
      await hub.close();
    }
  }
});

Deno.test("[realtime] an event that cannot be serialised is logged and left out; its run still goes", async () => {
  for (const batching of [true, false]) await serialisationFailure(batching);
});

async function serialisationFailure(batching: boolean): Promise<void> {
  const hub = new Hub({ connection: { batching } });
  try {
    const [, socket] = connect(hub, "alice");
    await tick();
    socket.frames.length = 0;
    const warnings = await captureWarnings(async () => {
      const before = hub.publish("alice", delta("before"));
      // A producer's bug: a value JSON cannot hold.
      hub.publish("alice", { ...delta("bad"), delta: 1n } as unknown as ReturnType<typeof delta>);
      const after = hub.publish("alice", delta("after"));
      await tick();
      assert.deepEqual(socket.events().map((event) => event.id), [before.id, after.id]);
    });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /Event not sent: it cannot be serialised/);
  } finally {
    await hub.close();
  }
}

Deno.test("[realtime] a socket that opens and resumes while a run is under way gets all of it, once", async () => {
  for (const batching of [false, true]) {
    const hub = new Hub({ connection: { batching } });
    try {
      connect(hub, "alice");
      const start = hub.publish("alice", delta("start"));
      await tick();
      // Two continuations of one event-loop turn: a producer's, then the new socket's.
      const socket = new FakeSocket();
      await Promise.all([
        Promise.resolve().then(() => hub.publish("alice", delta("a"))),
        Promise.resolve().then(() => {
          const connection = hub.connect({ userId: "alice" }, socket);
          assert.ok(typeof connection !== "string");
          hub.resume(connection, start.id);
        }),
      ]);
      hub.publish("alice", delta("b"));
      await tick();
      const deltas = deltaTexts(socket.events());
      assert.deepEqual(deltas, ["a", "b"], `batching ${batching}`);
    } finally {
      await hub.close();
    }
  }
});

Deno.test("[realtime] an event from another instance that arrives live before resume does not cut the replay short", async () => {
  const bus = new ManualBus();
  const hub = new Hub({ bus, instanceId: "aaaaaaaa" });
  try {
    const start = hub.publish("alice", delta("start"));
    await tick();
    // Instance B stamps its event before it hears of this instance's next two.
    const other = new EventClock({ instanceId: "bbbbbbbb" });
    other.observe(start.id);
    const concurrent = { ...delta("b"), id: other.next(), ts: new Date().toISOString() };
    hub.publish("alice", delta("e1"));
    hub.publish("alice", delta("e2"));
    await tick();
    const socket = new FakeSocket();
    const connection = hub.connect({ userId: "alice" }, socket);
    assert.ok(typeof connection !== "string");
    bus.deliver({
      kind: "events",
      origin: "bbbbbbbb",
      groups: [{ user_id: "alice", events: [concurrent] }],
    });
    hub.resume(connection, start.id);
    // Resuming again replays nothing this socket already has.
    hub.resume(connection, start.id);
    await tick();
    const deltas = deltaTexts(socket.events());
    assert.deepEqual(deltas.sort(), ["b", "e1", "e2"]);
  } finally {
    await hub.close();
  }
});

Deno.test("[realtime] events lost on the way out: the sender says so, the others stop vouching for them", async () => {
  const busA = new ManualBus();
  const busB = new ManualBus();
  const a = new Hub({ bus: busA, instanceId: "aaaaaaaa" });
  const b = new Hub({ bus: busB, instanceId: "bbbbbbbb" });
  try {
    const seen = a.publish("alice", delta("reached b"));
    await tick();
    for (const data of busA.sent) busB.deliver(parseBusMessage(data)!);
    busA.sent = [];
    // A's transport drops the next events, then works again.
    const lost = a.publish("alice", delta("never reached b"));
    await tick();
    busA.sent = [];
    busA.recoverFromDrops();
    const announced = parseBusMessage(busA.sent.at(-1)!);
    assert.ok(announced?.kind === "control" && announced.control.type === "events_lost");
    assert.ok(announced.control.up_to >= lost.id, "it covers every event A stamped");
    busB.deliver(announced);

    // On B a resume from before the loss cannot be complete: resync instead of a hole.
    const [onB, socketB] = connect(b, "alice");
    b.resume(onB, seen.id);
    await tick();
    assert.ok(socketB.events().some((event) => event.event_type === "resync_required"));
    // A holds its own events: a resume there still replays them.
    const [onA, socketA] = connect(a, "alice");
    a.resume(onA, seen.id);
    await tick();
    assert.deepEqual(
      socketA.events().flatMap((event) => event.event_type === "message_delta" ? [event.id] : []),
      [lost.id],
    );
    // Events after the announcement are held on B as before.
    const later = a.publish("alice", delta("after"));
    await tick();
    for (const data of busA.sent) {
      const message = parseBusMessage(data);
      if (message?.kind === "events") busB.deliver(message);
    }
    const [again, socketAgain] = connect(b, "alice");
    b.resume(again, announced.control.up_to);
    await tick();
    assert.deepEqual(
      socketAgain.events().flatMap((event) =>
        event.event_type === "message_delta" ? [event.id] : []
      ),
      [later.id],
    );
  } finally {
    await a.close();
    await b.close();
  }
});

Deno.test("[realtime] hub without batching sends at once when nothing waits, in order behind waiting events", async () => {
  const hub = new Hub({ connection: { batching: false } });
  try {
    const [, socket] = connect(hub, "alice");
    // connection_established still waits for its flush: these queue behind it.
    hub.publish("alice", delta("a"));
    assert.equal(socket.frames.length, 0);
    await tick();
    assert.deepEqual(socket.events().map((e) => e.event_type), [
      "connection_established",
      "message_delta",
    ]);
    // Nothing waits now: sent within publish, one frame each, no flush needed.
    hub.publish("alice", delta("b"));
    hub.publish("alice", delta("c"));
    assert.equal(socket.frames.length, 4);
    // A large delta goes out too, and the runtime cannot drain it at once.
    const large = "x".repeat(64 * 1024);
    hub.publish("alice", delta(large));
    assert.equal(socket.frames.length, 5);
    socket.bufferedAmount = socket.frames[4].length;
    // Behind: queued (and merged) instead, sent in order once the runtime drains.
    hub.publish("alice", delta("d"));
    hub.publish("alice", delta("e"));
    assert.equal(socket.frames.length, 5);
    socket.bufferedAmount = 0;
    hub.publish("alice", delta("f")); // queued behind d+e, not sent ahead of them
    assert.equal(socket.frames.length, 5);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const deltas = socket.events().filter((e) => e.event_type === "message_delta");
    assert.deepEqual(deltas.map((e) => (e as { delta: string }).delta), [
      "a",
      "b",
      "c",
      large,
      "de",
      "f",
    ]);
    const ids = deltas.map((e) => e.id);
    assert.deepEqual([...ids].sort(), ids);
  } finally {
    await hub.close();
  }
});

Deno.test("[realtime] hub refuses the socket over the per-user limit", async () => {
  const hub = new Hub({ maxSocketsPerUser: 2 });
  try {
    connect(hub, "alice");
    const [second] = connect(hub, "alice");
    assert.equal(hub.connect({ userId: "alice" }, new FakeSocket()), "too_many_sockets");
    second.close();
    assert.equal(hub.socketCount("alice"), 1);
    assert.ok(typeof hub.connect({ userId: "alice" }, new FakeSocket()) !== "string");
  } finally {
    await hub.close();
  }
});

Deno.test("[realtime] a slow socket is cut off with 1013, a fast one keeps getting everything", async () => {
  const hub = new Hub({ connection: { maxBufferedBytes: 10_000 } });
  try {
    const [, slow] = connect(hub, "alice");
    const [, fast] = connect(hub, "alice");
    await tick(); // connection_established written: the runtime's buffer grows only by sends
    slow.bufferedAmount = 64 * 1024; // the runtime still holds data for it
    for (let i = 0; i < 100; i++) {
      hub.publish("alice", { ...delta("x".repeat(200)), run_id: `r${i}` });
    }
    await tick();
    assert.equal(slow.closed?.code, CLOSE.TRY_AGAIN_LATER);
    assert.equal(fast.events().filter((e) => e.event_type === "message_delta").length, 100);
    assert.equal(hub.socketCount("alice"), 1);
  } finally {
    await hub.close();
  }
});

Deno.test("[realtime] a burst asks the runtime for bufferedAmount once per send, and still sees a socket fall behind", async () => {
  /** Counts reads of `bufferedAmount`, which grows by what is sent (like the runtime's). */
  class CountingSocket implements SocketLike {
    readyState: number = READY_STATE.OPEN;
    frames: string[] = [];
    reads = 0;
    buffered = 0;
    get bufferedAmount(): number {
      this.reads++;
      return this.buffered;
    }
    send(data: string) {
      this.frames.push(data);
      this.buffered += data.length;
    }
    close() {
      this.readyState = READY_STATE.CLOSED;
    }
  }
  const hub = new Hub({ connection: { lowWaterBytes: 1000, maxBufferedBytes: 1_000_000 } });
  try {
    const socket = new CountingSocket();
    assert.ok(typeof hub.connect({ userId: "alice" }, socket) !== "string");
    await tick();
    socket.buffered = 0;
    socket.reads = 0;
    for (let i = 0; i < 20; i++) hub.publish("alice", delta(`${i}`));
    await tick();
    assert.equal(socket.reads, 1, "one read for the whole burst");
    assert.equal(socket.frames.length, 2, "the burst went as one frame");
    // That frame left the runtime holding data (more than the low-water mark): behind now.
    socket.buffered = 5000;
    hub.publish("alice", delta("a"));
    await tick();
    hub.publish("alice", delta("b"));
    await tick();
    assert.equal(socket.frames.length, 2, "nothing written while behind");
    socket.buffered = 0;
    await new Promise((resolve) => setTimeout(resolve, 30));
    const last = JSON.parse(socket.frames.at(-1) ?? "null") as { delta: string };
    assert.equal(last.delta, "ab", "deltas merged while behind");
  } finally {
    await hub.close();
  }
});

Deno.test("[realtime] deltas of one run merge for a socket that is behind; lifecycle events stay", async () => {
  const hub = new Hub();
  try {
    const [, socket] = connect(hub, "alice");
    await tick();
    socket.frames.length = 0;
    socket.bufferedAmount = 64 * 1024;
    // Three publish runs (a stream's deltas arrive in separate ticks): three frames to merge.
    hub.publish("alice", delta("Hel"));
    await Promise.resolve();
    hub.publish("alice", delta("lo"));
    await Promise.resolve();
    const done = hub.publish("alice", {
      event_type: "agent_done",
      run_id: "r1",
      conversation_id: "c",
      message_id: "m",
      response: "Hello",
    });
    await tick();
    assert.equal(socket.frames.length, 0, "nothing written while the socket is behind");
    socket.bufferedAmount = 0;
    await new Promise((resolve) => setTimeout(resolve, 30));
    const events = socket.events();
    assert.deepEqual(events.map((e) => e.event_type), ["message_delta", "agent_done"]);
    assert.equal((events[0] as { delta: string }).delta, "Hello");
    assert.equal(events[1].id, done.id);
    assert.ok(events[0].id < done.id);
  } finally {
    await hub.close();
  }
});

Deno.test("[realtime] resume replays the missed events once, then live ones follow", async () => {
  const hub = new Hub();
  try {
    const [first] = connect(hub, "alice");
    const seen = hub.publish("alice", delta("a"));
    await tick();
    first.close();
    const missed = [hub.publish("alice", delta("b")), hub.publish("alice", delta("c"))];
    await tick();
    const [again, socket] = connect(hub, "alice");
    hub.resume(again, seen.id);
    const live = hub.publish("alice", delta("d"));
    await tick();
    const ids = socket.events().slice(1).map((e) => e.id);
    assert.deepEqual(ids, [...missed.map((e) => e.id), live.id]);
  } finally {
    await hub.close();
  }
});

Deno.test("[realtime] resume after live delivery started does not duplicate", async () => {
  const hub = new Hub();
  try {
    const seen = hub.publish("alice", delta("a"));
    await tick();
    const missed = hub.publish("alice", delta("b"));
    await tick();
    const [connection, socket] = connect(hub, "alice");
    const live = hub.publish("alice", delta("c"));
    await tick();
    hub.resume(connection, seen.id);
    await tick();
    const ids = socket.events().slice(1).map((e) => e.id).sort();
    assert.deepEqual(ids, [missed.id, live.id]);
  } finally {
    await hub.close();
  }
});

Deno.test("[realtime] resume from an unknown id answers resync_required", async () => {
  const hub = new Hub();
  try {
    const [connection, socket] = connect(hub, "alice");
    hub.resume(connection, "unknown-0");
    hub.resume(connection, "000000000000001-000000-aaaaaaaa");
    await tick();
    const types = socket.events().map((e) => e.event_type);
    assert.deepEqual(types, ["connection_established", "resync_required", "resync_required"]);
  } finally {
    await hub.close();
  }
});

Deno.test("[realtime] session revocation closes only that token's sockets with 4401", async () => {
  const hub = new Hub();
  try {
    const [, revoked] = connect(hub, "alice", "old");
    const [, kept] = connect(hub, "alice", "new");
    hub.control({ type: "session_revoked", user_id: "alice", jti: "old" });
    assert.equal(revoked.closed?.code, CLOSE.UNAUTHENTICATED);
    assert.equal(kept.closed, undefined);
  } finally {
    await hub.close();
  }
});

Deno.test("[realtime] two hubs on one BroadcastChannel share events, resume and control", async () => {
  const name = `test-${crypto.randomUUID()}`;
  const a = new Hub({ bus: new BroadcastChannelBus(name) });
  const b = new Hub({ bus: new BroadcastChannelBus(name) });
  try {
    const cancels: string[] = [];
    b.onControl((message) => message.type === "run_cancel" && cancels.push(message.run_id));
    const [, onB] = connect(b, "alice");
    // b holds nothing from before it started; an event of the same millisecond from
    // another instance may order before b's start, so let the clock move on first.
    await tick();
    const first = a.publish("alice", delta("from a"));
    const second = a.publish("alice", delta("again"));
    a.control({ type: "run_cancel", user_id: "alice", run_id: "r9" });
    await eventually(() => onB.events().length === 3 && cancels.length === 1, "a's events on b");
    assert.deepEqual(onB.events().slice(1).map((e) => e.id), [first.id, second.id]);
    assert.deepEqual(cancels, ["r9"]);
    const [resumer, socket] = connect(b, "alice");
    b.resume(resumer, first.id);
    const local = b.publish("alice", delta("from b"));
    assert.ok(local.id > second.id, "b's clock moved past a's ids");
    await eventually(() => socket.events().length >= 3, "replay and the live event");
    assert.deepEqual(
      socket.events().slice(1).map((e) => `${e.event_type}:${e.id}`),
      [`message_delta:${second.id}`, `message_delta:${local.id}`],
    );
  } finally {
    await a.close();
    await b.close();
  }
});

/** A bus whose incoming messages the test hands over itself (another instance, at will). */
class ManualBus implements Bus {
  #handlers?: BusHandlers;
  sent: string[] = [];
  publish(data: string) {
    this.sent.push(data);
  }
  /** The transport works again after dropping this instance's messages. */
  recoverFromDrops() {
    this.#handlers?.unsent();
  }
  subscribe(handlers: BusHandlers) {
    this.#handlers = handlers;
  }
  deliver(message: BusMessage) {
    this.#handlers?.message(message);
  }
  close() {
    return Promise.resolve();
  }
}

/** A bus that records what the hub sends (no other instance). */
class RecordingBus implements Bus {
  sent: string[] = [];
  publish(data: string) {
    this.sent.push(data);
  }
  subscribe() {}
  close() {
    return Promise.resolve();
  }
}

Deno.test("[realtime] hub coalesces one publish run into one bus message, controls after its events", async () => {
  const bus = new RecordingBus();
  const hub = new Hub({ bus });
  try {
    const ids = ["alice", "alice", "bob", "alice"].map((user, i) =>
      hub.publish(user, delta(String(i))).id
    );
    assert.equal(bus.sent.length, 0, "nothing is sent before the producer's run ends");
    await Promise.resolve();
    assert.equal(bus.sent.length, 1);
    const message = parseBusMessage(bus.sent[0]);
    assert.ok(message?.kind === "events");
    // One group per user: a user's events of the run travel together, in order.
    assert.deepEqual(message.groups.map((group) => group.user_id), ["alice", "bob"]);
    const sentIds = message.groups.flatMap((group) =>
      group.events.map((event) => (event as ServerEvent).id)
    );
    assert.deepEqual(sentIds, [ids[0], ids[1], ids[3], ids[2]]);
    // A control message never overtakes events published before it.
    hub.publish("alice", delta("before the cancel"));
    hub.control({ type: "run_cancel", user_id: "alice", run_id: "r1" });
    assert.deepEqual(bus.sent.slice(1).map((data) => parseBusMessage(data)?.kind), [
      "events",
      "control",
    ]);
  } finally {
    await hub.close();
  }
});

Deno.test("[realtime] hub splits a large publish run into bus messages of at most 64 KiB, in order", async () => {
  const bus = new RecordingBus();
  const hub = new Hub({ bus });
  try {
    const ids: Record<string, string[]> = {};
    for (let i = 0; i < 1000; i++) {
      const user = `u${i % 7}`;
      (ids[user] ??= []).push(hub.publish(user, delta("x".repeat(300))).id);
    }
    await Promise.resolve();
    assert.ok(bus.sent.length > 1, "split");
    for (const data of bus.sent) assert.ok(data.length <= BUS_MESSAGE_MAX_BYTES + 256);
    const sentIds: Record<string, string[]> = {};
    for (const data of bus.sent) {
      const message = parseBusMessage(data);
      assert.ok(message?.kind === "events");
      for (const group of message.groups) {
        for (const event of group.events) {
          (sentIds[group.user_id] ??= []).push((event as ServerEvent).id);
        }
      }
    }
    assert.deepEqual(sentIds, ids, "every event once, each user's in order");
  } finally {
    await hub.close();
  }
});

Deno.test("[realtime] a coalesced bus message delivers every event in order on the other hub, text intact", async () => {
  const name = `test-${crypto.randomUUID()}`;
  const a = new Hub({ bus: new BroadcastChannelBus(name) });
  const b = new Hub({ bus: new BroadcastChannelBus(name) });
  try {
    const [, alice] = connect(b, "alice");
    const [, bob] = connect(b, "bob");
    await tick();
    const published: Record<string, string[]> = { alice: [], bob: [] };
    for (let i = 0; i < 600; i++) {
      const user = i % 3 === 0 ? "bob" : "alice";
      published[user].push(a.publish(user, delta(`${i} "quoted" ✓`)).id);
    }
    await eventually(
      () => alice.events().length === 401 && bob.events().length === 201,
      "600 events on b",
    );
    assert.deepEqual(alice.events().slice(1).map((e) => e.id), published.alice);
    assert.deepEqual(bob.events().slice(1).map((e) => e.id), published.bob);
    // b keeps a's exact text for resume.
    const onA = a.replay.after("alice", published.alice[0], a.clock.current());
    const onB = b.replay.after("alice", published.alice[0], b.clock.current());
    assert.ok(onA.ok && onB.ok);
    const events = (frames: StampedFrame[]) => frames.map(frameBody).join(",");
    assert.equal(JSON.parse(`[${events(onB.frames)}]`).length, 399);
    assert.equal(events(onB.frames), events(onA.frames));
  } finally {
    await a.close();
    await b.close();
  }
});

Deno.test("[realtime] a malformed bus envelope is dropped with a warning; a malformed event in a good one is skipped", async () => {
  const name = `test-${crypto.randomUUID()}`;
  const hub = new Hub({ bus: new BroadcastChannelBus(name) });
  const sender = new BroadcastChannel(name);
  try {
    const [, socket] = connect(hub, "alice");
    await tick();
    const good = (n: number) => ({
      ...delta(String(n)),
      id: `${"9".repeat(15)}-00000${n}-zzzzzzzz`,
      ts: new Date().toISOString(),
    });
    const warnings = await captureWarnings(async () => {
      sender.postMessage("{not json");
      sender.postMessage(JSON.stringify({ kind: "events", origin: "other001", groups: [{}] }));
      sender.postMessage(
        JSON.stringify({
          kind: "events",
          origin: "other001",
          groups: [{ user_id: "alice", events: [good(1), { event_type: "nope" }, good(2)] }],
        }),
      );
      await eventually(() => socket.events().length === 3, "the two good events");
    });
    assert.deepEqual(
      socket.events().slice(1).map((e) => e.event_type === "message_delta" && e.delta),
      ["1", "2"],
    );
    assert.equal(warnings.filter((line) => line.includes("malformed bus message")).length, 2);
    assert.equal(
      warnings.filter((line) => line.includes("malformed event from the bus")).length,
      1,
    );
  } finally {
    sender.close();
    await hub.close();
  }
});

Deno.test("[realtime] shutdown closes every socket with 1001 and refuses new ones", async () => {
  const hub = new Hub();
  const [, socket] = connect(hub, "alice");
  hub.shutdown();
  assert.equal(socket.closed?.code, CLOSE.GOING_AWAY);
  assert.equal(hub.connect({ userId: "alice" }, new FakeSocket()), "shutting_down");
  await hub.close();
});

/** A socket the runtime drains one macrotask after each send, like a reader that keeps up. */
class DrainingSocket extends FakeSocket {
  override send(data: string) {
    super.send(data);
    this.bufferedAmount += data.length;
    setTimeout(() => this.bufferedAmount = 0, 0);
  }
}

Deno.test("[realtime] a socket that keeps draining gets a long stream of large events without 1013", async () => {
  const hub = new Hub();
  try {
    const socket = new DrainingSocket();
    assert.ok(typeof hub.connect({ userId: "alice" }, socket) !== "string");
    // 8 MB, 200 KB every 20 ms: far more per tick than the 64 KiB the socket takes at once. (The
    // hub drains it on timers, so a loaded machine whose timers run late drains more slowly; the
    // rate leaves room for timers four times late.)
    for (let round = 0; round < 40; round++) {
      for (let i = 0; i < 20; i++) {
        hub.publish("alice", { ...delta("z".repeat(10_000)), run_id: `r${round}-${i}` });
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await eventually(() => socket.events().length === 801 || socket.closed !== undefined, "all");
    assert.equal(socket.events().length, 801);
    assert.equal(socket.closed, undefined);
  } finally {
    await hub.close();
  }
});

Deno.test("[realtime] a body published twice becomes two events, each with its own id", async () => {
  for (const batching of [true, false]) {
    const hub = new Hub({ connection: { batching } });
    try {
      const [, socket] = connect(hub, "alice");
      const body = delta("same");
      const first = hub.publish("alice", body);
      const second = hub.publish("alice", body);
      assert.notEqual(first.id, second.id);
      await tick();
      const ids = socket.events().filter((e) => e.event_type === "message_delta").map((e) => e.id);
      assert.deepEqual(ids, [first.id, second.id], `batching ${batching}`);
    } finally {
      await hub.close();
    }
  }
});
