import assert from "node:assert/strict";
import { BroadcastChannelBus } from "../../lib/realtime/bus_broadcast_channel.ts";
import { CLOSE } from "../../lib/realtime/constants.ts";
import { serveSockets, TestClient, type TestServer, testToken } from "./helpers.ts";
import { RawClient } from "./raw_client.ts";

const delta = (text: string, run = "r1") =>
  ({ event_type: "message_delta", run_id: run, delta: text }) as const;

/** Close codes the contract allows a server to answer a reconnecting client with. */
const CONTRACT_CLOSE_CODES = new Set<number>([
  CLOSE.GOING_AWAY,
  CLOSE.TRY_AGAIN_LATER,
  CLOSE.TOO_MANY,
]);

const userEvents = (client: TestClient) =>
  client.events.filter((event) => event.event_type === "message_delta");

Deno.test("[realtime] 500 clients reconnecting at once after a restart: each gets the contract's answer, resume loses nothing", async () => {
  const channel = `fault-${crypto.randomUUID()}`;
  const USERS = 100;
  const TABS = 5;
  let a: TestServer | undefined = serveSockets({ hub: { bus: new BroadcastChannelBus(channel) } });
  const b = serveSockets({ hub: { bus: new BroadcastChannelBus(channel) } });
  const port = Number(new URL(a.url).port);
  const users = Array.from({ length: USERS }, (_, i) => `user${i}`);
  const first: TestClient[] = [];
  const second: TestClient[] = [];
  let probe: TestClient | undefined;
  try {
    for (const user of users) {
      for (let t = 0; t < TABS; t++) first.push(new TestClient(a.wsUrl(user, testToken(user))));
    }
    await Promise.all(first.map((client) => client.established()));
    for (const user of users) for (let i = 0; i < 3; i++) a.hub.publish(user, delta(`before ${i}`));
    await Promise.all(
      first.map((client) => client.until(() => userEvents(client).length === 3, "3")),
    );
    const lastSeen = first.map((client) => userEvents(client).at(-1)!.id);

    // The restart: every socket on A is told to reconnect (1001).
    await a.close();
    a = undefined;
    await Promise.all(first.map((client) => client.until(() => client.closed !== null, "1001")));
    assert.ok(first.every((client) => client.closeCode === CLOSE.GOING_AWAY));
    // While A is down, B goes on publishing.
    const missed = new Map(
      users.map((user) => [user, [0, 1].map((i) => b.hub.publish(user, delta(`missed ${i}`)).id)]),
    );
    a = serveSockets({ port, hub: { bus: new BroadcastChannelBus(channel) } });

    // All 500 at once: even tabs back to the restarted A, odd ones to B; each resumes first thing.
    first.forEach((_old, index) => {
      const user = users[Math.floor(index / TABS)];
      const server = index % 2 === 0 ? a! : b;
      const client = new TestClient(server.wsUrl(user, testToken(user)));
      client.socket.addEventListener("open", () => {
        client.send({ type: "resume", last_event_id: lastSeen[index] });
      });
      second.push(client);
    });
    await Promise.all(second.map((client, index) =>
      client.until(
        () =>
          client.closed !== null ||
          (index % 2 === 0
            ? client.of("resync_required").length === 1
            : userEvents(client).length === 2),
        "the answer to resume",
        15_000,
      )
    ));
    for (const [index, client] of second.entries()) {
      if (client.closed) {
        assert.ok(CONTRACT_CLOSE_CODES.has(client.closed.code), `close code ${client.closed.code}`);
        continue;
      }
      assert.equal(client.events[0].event_type, "connection_established");
      const user = users[Math.floor(index / TABS)];
      if (index % 2 === 0) {
        // The restarted instance holds nothing from before it started: resync, not a gap.
        assert.equal(userEvents(client).length, 0);
      } else {
        assert.deepEqual(userEvents(client).map((event) => event.id), missed.get(user));
      }
    }
    const connected = second.filter((client) => !client.closed);
    assert.equal(connected.length, 500, "nobody was refused: 5 tabs per user stay under the limit");

    // Live events still reach every tab, on both instances.
    for (const user of users) a.hub.publish(user, delta("after the restart"));
    await Promise.all(connected.map((client) =>
      client.until(
        () =>
          userEvents(client).some((event) =>
            "delta" in event && event.delta === "after the restart"
          ),
        "a live event after the restart",
      )
    ));
    probe = new TestClient(a.wsUrl("late", testToken("late")));
    await probe.established();
    probe.send({ type: "ping" });
    await probe.until(() => probe!.of("pong").length === 1, "pong from the restarted server");
  } finally {
    await Promise.all([...first, ...second, probe].map((client) => client?.close()));
    await a?.close();
    await b.close();
  }
});

Deno.test("[realtime] a client that never reads gets 1013, nobody else waits, and it resumes after reconnecting", async () => {
  const server = serveSockets({ config: { WS_MAX_BUFFERED_BYTES: 256 * 1024 } });
  const fast = new TestClient(server.wsUrl("alice", testToken("alice")));
  const bob = new TestClient(server.wsUrl("bob", testToken("bob")));
  const port = Number(new URL(server.url).port);
  const raw = await RawClient.open(port, `/ws/alice/chat?token=${testToken("alice")}`);
  let resumed: TestClient | undefined;
  try {
    await Promise.all([fast.established(), bob.established()]);
    const deadline = Date.now() + 3000;
    while (server.hub.socketCount("alice") < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.equal(server.hub.socketCount("alice"), 2);
    // The last event the stuck tab processed before it stopped reading.
    const marker = server.hub.publish("alice", delta("marker", "run-marker")).id;
    const chunk = "y".repeat(16 * 1024);
    const bobLatencies: number[] = [];
    let sent = 0;
    for (let round = 0; round < 100 && server.hub.socketCount("alice") === 2; round++) {
      for (let i = 0; i < 20; i++) server.hub.publish("alice", delta(chunk, `run-${round}-${i}`));
      sent += 20;
      const publishedAt = performance.now();
      server.hub.publish("bob", delta(`tick ${round}`));
      await bob.until(() => userEvents(bob).length === round + 1, "bob keeps getting events");
      bobLatencies.push(bob.arrivals.at(-1)! - publishedAt);
      await fast.until(() => userEvents(fast).length === sent + 1, "the fast tab keeps up");
    }
    assert.equal(server.hub.socketCount("alice"), 1, "the stuck socket was closed");
    assert.equal(await raw.readCloseCode(), CLOSE.TRY_AGAIN_LATER);
    bobLatencies.sort((x, y) => x - y);
    const p99 = bobLatencies[Math.floor(bobLatencies.length * 0.99)];
    assert.ok(p99 < 250, `another user's p99 ${p99.toFixed(1)} ms`);

    // Reconnecting and resuming from the marker replays exactly what the fast tab got after it.
    resumed = new TestClient(server.wsUrl("alice", testToken("alice")));
    await resumed.established();
    resumed.send({ type: "resume", last_event_id: marker });
    const expected = userEvents(fast).slice(1).map((event) => event.id);
    await resumed.until(() => userEvents(resumed!).length >= expected.length, "the replay");
    assert.deepEqual(userEvents(resumed).map((event) => event.id), expected);
  } finally {
    raw.close();
    await Promise.all([fast.close(), bob.close(), resumed?.close()]);
    await server.close();
  }
});

Deno.test("[realtime] binary and garbage frames get error events; the socket stays open and serves on", async () => {
  const server = serveSockets();
  const client = new TestClient(server.wsUrl("alice", testToken("alice")));
  const other = new TestClient(server.wsUrl("bob", testToken("bob")));
  try {
    // Garbage sent before authentication finishes waits and is answered after it.
    client.socket.addEventListener("open", () => client.send("early garbage"));
    await Promise.all([client.established(), other.established()]);
    const garbage: Array<string | Uint8Array<ArrayBuffer>> = [
      "",
      "null",
      "[]",
      "123",
      '"ping"',
      '{"type":1}',
      '{"type":"chat"}',
      '{"type":"cancel","run_id":""}',
      JSON.stringify({ type: "resume", last_event_id: "x".repeat(300) }),
      '{"__proto__":{"type":"ping"}}',
      "[".repeat(20_000) + "]".repeat(20_000),
      "\u0000\uFFFD\uD800",
      new Uint8Array([0xff, 0xfe, 0xfd]),
      new Uint8Array(60 * 1024),
    ];
    for (const frame of garbage) {
      if (typeof frame === "string") client.send(frame);
      else client.socket.send(frame);
    }
    const expected = garbage.length + 1;
    await client.until(() => client.of("error").length === expected, `${expected} error events`);
    for (const event of client.of("error")) {
      const error = (event as { error: { code: string; message: string } }).error;
      assert.equal(error.code, "invalid_request");
      assert.ok(error.message.length > 0 && !error.message.includes("    at "), "no stack trace");
    }
    assert.equal(client.closed, null);
    client.send({ type: "ping" });
    await client.until(() => client.of("pong").length === 1, "pong after the garbage");
    server.hub.publish("bob", delta("unaffected"));
    await other.until(() => userEvents(other).length === 1, "the other user's event");
    assert.equal(other.of("error").length, 0);
  } finally {
    await Promise.all([client.close(), other.close()]);
    await server.close();
  }
});
