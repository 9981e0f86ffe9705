import assert from "node:assert/strict";
import { RedisBus } from "../../lib/realtime/bus_redis.ts";
import { serveSockets, TestClient, testToken } from "./helpers.ts";

const REDIS = "/usr/bin/redis-server";
const available = await Deno.stat(REDIS).then(() => true, () => false);
if (!available) {
  if (Deno.env.get("CI") === "true") throw new Error(`${REDIS} is required under CI=true`);
  console.warn(`Skipping Redis bus tests: ${REDIS} is not installed`);
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  return port;
}

/** Starts redis-server on `port`; resolves once it answers. */
async function startRedis(port: number): Promise<Deno.ChildProcess> {
  const child = new Deno.Command(REDIS, {
    args: ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    stdout: "null",
    stderr: "null",
  }).spawn();
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    try {
      (await Deno.connect({ hostname: "127.0.0.1", port })).close();
      return child;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  child.kill("SIGKILL");
  throw new Error("redis-server did not start");
}

async function stopRedis(child: Deno.ChildProcess): Promise<void> {
  try {
    child.kill("SIGKILL");
  } catch {
    // already gone
  }
  await child.status;
}

const delta = (text: string) =>
  ({ event_type: "message_delta", run_id: "r1", delta: text }) as const;

Deno.test({
  name: "[realtime] two instances over Redis: fan-out, resume, cancel, and a Redis restart",
  ignore: !available,
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  const port = freePort();
  let redis = await startRedis(port);
  const url = `redis://127.0.0.1:${port}`;
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
    await stopRedis(redis);
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
    await stopRedis(redis);
  }
});
