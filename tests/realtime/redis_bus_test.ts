import assert from "node:assert/strict";
import { RedisBus } from "../../lib/realtime/bus_redis.ts";
import { captureWarnings, withLogLevel } from "../helpers/console.ts";
import { freePort } from "../helpers/net.ts";
import { redisAvailable, startRedis } from "../helpers/redis.ts";
import { serveSockets, TestClient, testToken } from "./helpers.ts";

const available = await redisAvailable("the Redis bus tests");

const delta = (text: string) =>
  ({ event_type: "message_delta", run_id: "r1", delta: text }) as const;

Deno.test({
  name: "[realtime] two instances over Redis: fan-out, resume, cancel, and a Redis restart",
  ignore: !available,
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  let redis = await startRedis();
  const { port, url } = redis;
  const busA = new RedisBus(url, { maxRetryDelayMs: 100 });
  const busB = new RedisBus(url, { maxRetryDelayMs: 100 });
  const a = serveSockets({ hub: { bus: busA } });
  const b = serveSockets({ hub: { bus: busB } });
  const clients: TestClient[] = [];
  try {
    await Promise.all([busA.ready(), busB.ready()]);
    await new Promise((resolve) => setTimeout(resolve, 100)); // SUBSCRIBE acknowledged
    const onB = new TestClient(b.wsUrl("alice", testToken("alice")));
    const bob = new TestClient(b.wsUrl("bob", testToken("bob")));
    clients.push(onB, bob);
    await Promise.all([onB.established(), bob.established()]);

    const first = a.hub.publish("alice", delta("from A"));
    await onB.until(() => onB.of("message_delta").length === 1, "event from instance A");
    assert.equal(onB.of("message_delta")[0].id, first.id);
    const onA = new TestClient(a.wsUrl("alice", testToken("alice")));
    clients.push(onA);
    await onA.established();
    const fromB = b.hub.publish("alice", delta("from B"));
    assert.ok(fromB.id > first.id, "B's ids follow A's");
    // Ids follow causality: once A has seen B's event, A's next ids are greater.
    await onA.until(() => onA.events.some((e) => e.id === fromB.id), "B's event on A");

    // Resume on B from an event published on A.
    const missed = [a.hub.publish("alice", delta("1")).id, a.hub.publish("alice", delta("2")).id];
    await onB.until(() => onB.of("message_delta").length === 4, "A's events on B");
    const resumer = new TestClient(b.wsUrl("alice", testToken("alice")));
    clients.push(resumer);
    await resumer.established();
    resumer.send({ type: "resume", last_event_id: fromB.id });
    await resumer.until(() => resumer.of("message_delta").length === 2, "replay on B");
    assert.deepEqual(resumer.of("message_delta").map((e) => e.id), missed);
    assert.equal(bob.events.length, 1, "nothing for another user");

    // A cancel requested on B reaches A.
    const cancels: string[] = [];
    a.hub.onControl((message) => message.type === "run_cancel" && cancels.push(message.run_id));
    b.hub.control({ type: "run_cancel", user_id: "alice", run_id: "run-7" });
    const deadline = Date.now() + 3000;
    while (cancels.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.deepEqual(cancels, ["run-7"]);

    // Redis restarts: both buses re-subscribe; resuming across the gap asks for resync.
    const beforeGap = onB.events.at(-1)!.id;
    await redis.stop();
    redis = await startRedis(port);
    await Promise.all([busA.ready(10_000), busB.ready(10_000)]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const afterRestart = a.hub.publish("alice", delta("after restart"));
    await onB.until(
      () => onB.events.some((e) => e.id === afterRestart.id),
      "event after Redis restart",
      5000,
    );
    const late = new TestClient(b.wsUrl("alice", testToken("alice")));
    clients.push(late);
    await late.established();
    late.send({ type: "resume", last_event_id: beforeGap });
    await late.until(() => late.of("resync_required").length === 1, "resync after a bus gap");
  } finally {
    await Promise.all(clients.map((client) => client.close()));
    await a.close();
    await b.close();
    await redis.stop();
  }
});

Deno.test({
  name: "[realtime] Redis unreachable: an outage is logged once, not per retry or per message",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  const bus = new RedisBus(`redis://127.0.0.1:${freePort()}`, { maxRetryDelayMs: 20 });
  const lines = await withLogLevel("info", () =>
    captureWarnings(async () => {
      try {
        await new Promise((resolve) => setTimeout(resolve, 300)); // several reconnection attempts
        for (let i = 0; i < 500; i++) bus.publish(`{"kind":"control","n":${i}}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      } finally {
        await bus.close();
      }
    }));
  const messages = lines.map((line) => JSON.parse(line).msg as string);
  assert.deepEqual(messages.filter((m) => m === "Redis bus unreachable; reconnecting").length, 2);
  assert.deepEqual(
    messages.filter((m) => m === "Bus messages dropped until Redis is back").length,
    1,
  );
  assert.ok(messages.length <= 3, messages.join("\n"));
});

Deno.test({
  name: "[realtime] Redis back after messages were dropped: the bus reports them as unsent, once",
  ignore: !available,
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await withLogLevel("silent", async () => {
    const port = freePort();
    const bus = new RedisBus(`redis://127.0.0.1:${port}`, { maxRetryDelayMs: 20 });
    let unsent = 0;
    bus.subscribe({ message: () => {}, gap: () => {}, unsent: () => unsent++ });
    let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
    try {
      for (let i = 0; i < 10; i++) bus.publish(`{"kind":"control","n":${i}}`);
      redis = await startRedis(port);
      await bus.ready();
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(unsent, 1);
      bus.publish('{"kind":"control"}');
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(unsent, 1, "nothing more was dropped");
    } finally {
      await bus.close();
      await redis?.stop();
    }
  });
});

Deno.test({
  name: "[realtime] a quick Redis reconnection that dropped messages still reports them as unsent",
  ignore: !available,
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await withLogLevel("silent", async () => {
    const redis = await startRedis();
    const bus = new RedisBus(redis.url, { maxRetryDelayMs: 20 });
    let unsent = 0;
    bus.subscribe({ message: () => {}, gap: () => {}, unsent: () => unsent++ });
    try {
      await bus.ready();
      // The server drops the publishing connection (a normal client); ioredis reconnects at once.
      const admin = await Deno.connect({ hostname: "127.0.0.1", port: redis.port });
      await admin.write(new TextEncoder().encode("CLIENT KILL TYPE normal\r\n"));
      const deadline = Date.now() + 2000;
      for (let i = 0; unsent === 0 && Date.now() < deadline; i++) {
        bus.publish(`{"kind":"control","n":${i}}`);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      admin.close();
      assert.equal(unsent, 1);
    } finally {
      await bus.close();
      await redis.stop();
    }
  });
});
