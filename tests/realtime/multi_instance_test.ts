import assert from "node:assert/strict";
import {
  type AppProcess,
  signUpOverHttp,
  startApp,
  type TestAccount,
} from "../helpers/app_process.ts";
import { redisAvailable, startRedis } from "../helpers/redis.ts";
import { TestClient } from "./helpers.ts";

const available = await redisAvailable("the two-process test");

async function createTask(app: AppProcess, user: TestAccount, title: string) {
  const response = await fetch(`${app.url}/api/${user.id}/tasks`, {
    method: "POST",
    headers: { authorization: `Bearer ${user.token}`, "content-type": "application/json" },
    body: JSON.stringify({ title }),
  });
  assert.equal(response.status, 201);
  await response.body?.cancel();
}

Deno.test({
  name: "[realtime] two app processes on one KV file and one Redis: events, resume, logout",
  ignore: !available,
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  const redis = await startRedis();
  const apps: AppProcess[] = [];
  const clients: TestClient[] = [];
  try {
    const dir = await Deno.makeTempDir({ prefix: "rt-multi-" });
    const env = { KV_PATH: `${dir}/app.kv`, REDIS_URL: redis.url };
    apps.push(...await Promise.all([startApp({ env }), startApp({ env })]));
    const [a, b] = apps;
    const user = await signUpOverHttp(a);
    const socket = (app: AppProcess) => {
      const client = new TestClient(`${app.wsUrl}/ws/${user.id}/chat?token=${user.token}`);
      clients.push(client);
      return client;
    };
    const onA = socket(a);
    const onB = socket(b);
    await Promise.all([onA.established(), onB.established()]);
    await new Promise((resolve) => setTimeout(resolve, 200)); // both subscribed

    await createTask(a, user, "made on A");
    await onB.until(() => onB.of("task_changed").length === 1, "task_changed on B");
    await onA.until(() => onA.of("task_changed").length === 1, "task_changed on A");
    assert.equal(onA.of("task_changed")[0].id, onB.of("task_changed")[0].id);

    const lastSeen = onA.of("task_changed")[0].id;
    await onA.close();
    await createTask(a, user, "missed on A");
    await onB.until(() => onB.of("task_changed").length === 2, "second task_changed on B");
    const resumer = socket(b);
    await resumer.established();
    resumer.send({ type: "resume", last_event_id: lastSeen });
    await resumer.until(() => resumer.of("task_changed").length === 1, "replay on B");
    assert.equal(resumer.of("task_changed")[0].id, onB.of("task_changed")[1].id);

    const logout = await fetch(`${a.url}/api/auth/logout`, {
      method: "POST",
      headers: { authorization: `Bearer ${user.token}` },
    });
    assert.equal(logout.status, 204);
    await onB.until(() => onB.closed !== null, "revocation on B", 1500);
    assert.equal(onB.closeCode, 4401);
  } finally {
    await Promise.all(clients.map((client) => client.close()));
    await Promise.all(apps.map((app) => app.stop()));
    await redis.stop();
  }
});
