import assert from "node:assert/strict";
import { MacrotaskScheduler } from "./macrotask.ts";

Deno.test("[realtime] MacrotaskScheduler runs once per schedule, after microtasks, without timer clamping", async () => {
  const order: string[] = [];
  let runs = 0;
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => done = resolve);
  const scheduler = new MacrotaskScheduler(() => {
    runs++;
    if (runs === 1) order.push("macrotask");
    if (runs < 100) scheduler.schedule();
    else done();
  });
  const started = performance.now();
  scheduler.schedule();
  scheduler.schedule();
  queueMicrotask(() => order.push("microtask"));
  await finished;
  assert.deepEqual(order, ["microtask", "macrotask"]);
  assert.equal(runs, 100);
  // 100 nested setTimeout(0) hops take well over 100 ms here.
  assert.ok(performance.now() - started < 100, "no 1–4 ms clamp per hop");
  assert.equal(scheduler.scheduled, false);
});

Deno.test("[realtime] MacrotaskScheduler.cancel drops a pending run", async () => {
  let runs = 0;
  const scheduler = new MacrotaskScheduler(() => runs++);
  scheduler.schedule();
  scheduler.cancel();
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(runs, 0);
});
