import assert from "node:assert/strict";
import { CLOSE } from "../../lib/realtime/constants.ts";
import { handleChatSocket } from "../../lib/realtime/socket_handler.ts";
import { parseConfig } from "../../lib/config.ts";
import { serveSockets, TestClient, testToken } from "./helpers.ts";
import { RawClient } from "./raw_client.ts";

const delta = (text: string, run = "r1") =>
  ({ event_type: "message_delta", run_id: run, delta: text }) as const;

Deno.test("[realtime] opening rules: 426, 403 origin, 4401, 4403, established first", async () => {
  const server = serveSockets();
  const clients: TestClient[] = [];
  const open = (url: string) => {
    const client = new TestClient(url);
    clients.push(client);
    return client;
  };
  try {
    const plain = await fetch(`${server.url}/ws/alice/chat`);
    assert.equal(plain.status, 426);
    assert.equal((await plain.json()).error.code, "upgrade_required");

    const foreign = handleChatSocket(
      new Request(`${server.url}/ws/alice/chat`, {
        headers: { upgrade: "websocket", origin: "https://evil.example" },
      }),
      "alice",
      {
        authenticate: () => Promise.resolve(null),
        chat: server.chat,
        hub: () => server.hub,
        config: () => parseConfig({}),
      },
    );
    assert.equal(foreign.status, 403);
    assert.equal((await foreign.json()).error.code, "forbidden");

    const none = open(server.wsUrl("alice"));
    const expired = open(server.wsUrl("alice", testToken("alice", { ttlMs: -1000 })));
    const someoneElse = open(server.wsUrl("alice", testToken("bob")));
    for (const client of [none, expired, someoneElse]) {
      await client.until(() => client.closed !== null, "close");
    }
    assert.equal(none.closeCode, CLOSE.UNAUTHENTICATED);
    assert.equal(expired.closeCode, CLOSE.UNAUTHENTICATED);
    assert.equal(someoneElse.closeCode, CLOSE.FORBIDDEN);
    for (const client of [none, expired, someoneElse]) assert.equal(client.events.length, 0);

    const ok = open(server.wsUrl("alice", testToken("alice")));
    await ok.established();
    assert.equal(ok.events[0].event_type, "connection_established");
    assert.equal((ok.events[0] as { user_id: string }).user_id, "alice");
  } finally {
    await Promise.all(clients.map((client) => client.close()));
    await server.close();
  }
});

Deno.test("[realtime] the 11th socket of a user gets 4429, the other ten stay", async () => {
  const server = serveSockets();
  const clients: TestClient[] = [];
  try {
    for (let i = 0; i < 11; i++) {
      const client = new TestClient(server.wsUrl("alice", testToken("alice")));
      clients.push(client);
      await client.until(() => client.events.length > 0 || client.closed !== null, "open/close");
    }
    assert.deepEqual(clients.map((c) => c.closeCode ?? null).filter(Boolean), [CLOSE.TOO_MANY]);
    assert.equal(clients[10].closeCode, CLOSE.TOO_MANY);
    assert.equal(server.hub.socketCount("alice"), 10);
  } finally {
    await Promise.all(clients.map((client) => client.close()));
    await server.close();
  }
});

Deno.test("[realtime] frames: ping, garbage, binary, chat and cancel errors, 1009", async () => {
  const server = serveSockets();
  const client = new TestClient(server.wsUrl("alice", testToken("alice")));
  try {
    await client.established();
    client.send({ type: "ping" });
    await client.until(() => client.of("pong").length === 1, "pong");
    client.send("{not json");
    client.send({ type: "no_such_type" });
    client.send({ type: "resume" });
    client.socket.send(new Uint8Array([1, 2, 3]));
    client.send({ type: "chat", message: "", client_message_id: "empty-1" });
    client.send({ type: "cancel", run_id: "no-such-run" });
    client.send({ type: "cancel", run_id: "known-run" });
    client.send({ type: "chat", message: "add milk", client_message_id: "m1" });
    await client.until(() => client.of("error").length >= 6, "six error events");
    const codes = client.of("error").map((e) => (e as { error: { code: string } }).error.code);
    assert.deepEqual(codes.slice(0, 4), Array(4).fill("invalid_request"));
    assert.deepEqual(codes.slice(4).sort(), ["message_empty", "not_found"]);
    // Errors that answer a frame with an id say which one.
    const answered = client.of("error").slice(4).map((e) => [
      (e as { error: { code: string } }).error.code,
      (e as { client_message_id?: string }).client_message_id ?? (e as { run_id?: string }).run_id,
    ]).sort();
    assert.deepEqual(answered, [["message_empty", "empty-1"], ["not_found", "no-such-run"]]);
    assert.deepEqual(server.chatCalls.at(-1), { message: "add milk", client_message_id: "m1" });
    assert.ok(client.closed === null);
    client.send({ type: "chat", message: "x".repeat(70 * 1024) });
    await client.until(() => client.closed !== null, "close");
    assert.equal(client.closeCode, CLOSE.TOO_BIG);
  } finally {
    await client.close();
    await server.close();
  }
});

Deno.test("[realtime] flooding over the frame rate gets 4429", async () => {
  const server = serveSockets({ config: { WS_MAX_FRAMES_PER_SECOND: 20 } });
  const port = Number(new URL(server.url).port);
  const raw = await RawClient.open(port, `/ws/alice/chat?token=${testToken("alice")}`);
  try {
    // The burst allowed is 2 s worth (40); the 41st frame is refused. Nothing is
    // sent after it: Deno drops a connection that keeps sending after a close frame.
    for (let i = 0; i < 41; i++) await raw.sendText(JSON.stringify({ type: "ping" }));
    assert.equal(await raw.readCloseCode(), CLOSE.TOO_MANY);
  } finally {
    raw.close();
    await server.close();
  }
});

Deno.test("[realtime] token expiry and revocation close sockets with 4401", async () => {
  const server = serveSockets();
  const expiring = new TestClient(server.wsUrl("alice", testToken("alice", { ttlMs: 400 })));
  const revoked = new TestClient(server.wsUrl("alice", testToken("alice", { jti: "gone" })));
  const kept = new TestClient(server.wsUrl("alice", testToken("alice", { jti: "kept" })));
  try {
    await Promise.all([expiring.established(), revoked.established(), kept.established()]);
    const revokedAt = Date.now();
    server.hub.control({ type: "session_revoked", user_id: "alice", jti: "gone" });
    await revoked.until(() => revoked.closed !== null, "revocation close", 1000);
    assert.ok(Date.now() - revokedAt < 1000);
    assert.equal(revoked.closeCode, CLOSE.UNAUTHENTICATED);
    await expiring.until(() => expiring.closed !== null, "expiry close", 1500);
    assert.equal(expiring.closeCode, CLOSE.UNAUTHENTICATED);
    assert.equal(kept.closed, null);
  } finally {
    await Promise.all([expiring.close(), revoked.close(), kept.close()]);
    await server.close();
  }
});

Deno.test("[realtime] fan-out to every tab and nobody else; ids increase; resume is exact", async () => {
  const server = serveSockets();
  const tab1 = new TestClient(server.wsUrl("alice", testToken("alice")));
  const tab2 = new TestClient(server.wsUrl("alice", testToken("alice")));
  const bob = new TestClient(server.wsUrl("bob", testToken("bob")));
  let again: TestClient | undefined;
  try {
    await Promise.all([tab1.established(), tab2.established(), bob.established()]);
    for (let i = 0; i < 20; i++) server.hub.publish("alice", delta(String(i)));
    for (const tab of [tab1, tab2]) {
      await tab.until(() => tab.of("message_delta").length === 20, "20 deltas");
      const ids = tab.of("message_delta").map((e) => e.id);
      assert.ok(ids.every((id, i) => i === 0 || id > ids[i - 1]), "ids strictly increase");
    }
    assert.deepEqual(
      tab1.of("message_delta").map((e) => e.id),
      tab2.of("message_delta").map((e) => e.id),
    );
    assert.equal(bob.events.length, 1);

    const lastSeen = tab1.events.at(-1)!.id;
    await tab1.close();
    const missed = [0, 1, 2].map((i) => server.hub.publish("alice", delta(`m${i}`)).id);
    again = new TestClient(server.wsUrl("alice", testToken("alice")));
    await again.established();
    again.send({ type: "resume", last_event_id: lastSeen });
    const racing = server.hub.publish("alice", delta("published while resuming")).id;
    await again.until(() => again!.of("message_delta").length >= 4, "replay");
    const live = server.hub.publish("alice", delta("live")).id;
    await again.until(() => again!.of("message_delta").length >= 5, "live");
    await new Promise((resolve) => setTimeout(resolve, 50));
    const received = again.of("message_delta").map((e) => e.id);
    // An event sent live before the resume frame arrived is not sent again.
    assert.deepEqual([...received].sort(), [...missed, racing, live]);
    assert.equal(received.at(-1), live);

    again.send({ type: "resume", last_event_id: "unknown-0" });
    await again.until(() => again!.of("resync_required").length === 1, "resync_required");
  } finally {
    await Promise.all([tab1.close(), tab2.close(), bob.close(), again?.close()]);
    await server.close();
  }
});

Deno.test("[realtime] a client that stops reading is closed with 1013; a fast tab is not delayed", async () => {
  const server = serveSockets({ config: { WS_MAX_BUFFERED_BYTES: 256 * 1024 } });
  const fast = new TestClient(server.wsUrl("alice", testToken("alice")));
  const port = Number(new URL(server.url).port);
  // Opens a socket, then reads nothing until the end.
  const raw = await RawClient.open(port, `/ws/alice/chat?token=${testToken("alice")}`);
  try {
    await fast.established();
    const deadline = Date.now() + 3000;
    while (server.hub.socketCount("alice") < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.equal(server.hub.socketCount("alice"), 2);
    const chunk = "x".repeat(16 * 1024);
    const latencies: number[] = [];
    let sent = 0;
    // ~32 MB in total, paced so the event loop runs between bursts.
    for (let round = 0; round < 100 && server.hub.socketCount("alice") === 2; round++) {
      const publishedAt = performance.now();
      for (let i = 0; i < 20; i++) server.hub.publish("alice", delta(chunk, `run-${round}-${i}`));
      sent += 20;
      await fast.until(() => fast.of("message_delta").length === sent, "fast tab keeps up");
      latencies.push(fast.arrivals.at(-1)! - publishedAt);
    }
    assert.equal(server.hub.socketCount("alice"), 1, "the slow socket was closed");
    latencies.sort((a, b) => a - b);
    const p99 = latencies[Math.floor(latencies.length * 0.99)];
    assert.ok(p99 < 250, `fast tab p99 ${p99.toFixed(1)} ms`);
    assert.equal(await raw.readCloseCode(), CLOSE.TRY_AGAIN_LATER);
  } finally {
    raw.close();
    await fast.close();
    await server.close();
  }
});
