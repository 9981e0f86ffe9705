import assert from "node:assert/strict";
import FakeTimers from "@sinonjs/fake-timers";
import { setConfigForTesting } from "../config.ts";
import { AppError } from "../errors.ts";
import { onProgressForTesting } from "../realtime/broadcast.ts";
import type { EventBody } from "../realtime/events.ts";
import { closeKv } from "../store/kv.ts";
import {
  createTask,
  deleteTask,
  deleteTasks,
  getTask,
  listTasks,
  setAllTasksCompleted,
  setTaskCompleted,
  updateTask,
} from "./service.ts";

/** Runs `fn` against a fresh in-memory KV and collects the published events. */
function withStore(
  name: string,
  fn: (events: { userId: string; event: EventBody }[]) => Promise<void>,
) {
  Deno.test(name, async () => {
    setConfigForTesting({ KV_PATH: ":memory:", RETENTION_DAYS: 90, LOG_LEVEL: "silent" });
    const events: { userId: string; event: EventBody }[] = [];
    const stop = onProgressForTesting((userId, event) => events.push({ userId, event }));
    try {
      await fn(events);
    } finally {
      stop();
      await closeKv();
    }
  });
}

async function rejectsWith(promise: Promise<unknown>, code: string) {
  await assert.rejects(promise, (error) => error instanceof AppError && error.code === code);
}

withStore("[tasks] createTask numbers tasks per user and trims the title", async () => {
  const a1 = await createTask("alice", { title: "  buy milk  ", description: "2 litres" });
  const a2 = await createTask("alice", { title: "call mum" });
  const b1 = await createTask("bob", { title: "walk dog", description: "" });
  assert.deepEqual([a1.id, a2.id, b1.id], [1, 2, 1]);
  assert.equal(a1.title, "buy milk");
  assert.equal(a1.description, "2 litres");
  assert.equal(a2.description, null);
  assert.equal(b1.description, null, "an empty description is stored as null");
  assert.equal(a1.completed, false);
  assert.equal(a1.created_at, a1.updated_at);
  assert.ok(!Number.isNaN(Date.parse(a1.created_at)));
});

withStore("[tasks] 20 concurrent creates get the distinct numbers 1..20", async () => {
  const tasks = await Promise.all(
    Array.from({ length: 20 }, (_, i) => createTask("alice", { title: `task ${i}` })),
  );
  assert.deepEqual(
    tasks.map((t) => t.id).sort((x, y) => x - y),
    [...Array(20)].map((_, i) => i + 1),
  );
  assert.equal((await listTasks("alice")).length, 20);
});

withStore("[tasks] numbers are never reused after a delete", async () => {
  await createTask("alice", { title: "one" });
  const two = await createTask("alice", { title: "two" });
  assert.equal((await deleteTask("alice", two.id)).title, "two");
  assert.equal((await createTask("alice", { title: "three" })).id, 3);
  await rejectsWith(getTask("alice", 2), "not_found");
});

withStore("[tasks] concurrent updates of different fields lose nothing", async () => {
  const task = await createTask("alice", { title: "draft" });
  const updates = [
    updateTask("alice", task.id, { title: "final" }),
    updateTask("alice", task.id, { description: "details" }),
    setTaskCompleted("alice", task.id, true),
  ];
  for (let i = 0; i < 10; i++) updates.push(updateTask("alice", task.id, { title: "final" }));
  await Promise.all(updates);
  const stored = await getTask("alice", task.id);
  assert.equal(stored.title, "final");
  assert.equal(stored.description, "details");
  assert.equal(stored.completed, true);
});

withStore("[tasks] another user's task number is not_found", async () => {
  const task = await createTask("alice", { title: "secret" });
  await rejectsWith(getTask("bob", task.id), "not_found");
  await rejectsWith(updateTask("bob", task.id, { title: "pwned" }), "not_found");
  await rejectsWith(deleteTask("bob", task.id), "not_found");
  assert.equal((await getTask("alice", task.id)).title, "secret");
});

withStore("[tasks] listTasks filters by status and searches title and description", async () => {
  await createTask("alice", { title: "Buy MILK" });
  await createTask("alice", { title: "Call the bank", description: "ask about milk prices" });
  await createTask("alice", { title: "Read" });
  await setTaskCompleted("alice", 1, true);
  const ids = (tasks: { id: number }[]) => tasks.map((t) => t.id);
  assert.deepEqual(ids(await listTasks("alice")), [1, 2, 3]);
  assert.deepEqual(ids(await listTasks("alice", { status: "pending" })), [2, 3]);
  assert.deepEqual(ids(await listTasks("alice", { status: "completed" })), [1]);
  assert.deepEqual(ids(await listTasks("alice", { search: "milk" })), [1, 2]);
  assert.deepEqual(ids(await listTasks("alice", { status: "pending", search: "Milk" })), [2]);
  await rejectsWith(listTasks("alice", { status: "done" as "all" }), "invalid_request");
});

withStore("[tasks] invalid input is invalid_request with a message naming the field", async () => {
  await rejectsWith(createTask("alice", { title: "   " }), "invalid_request");
  await rejectsWith(createTask("alice", { title: "x".repeat(201) }), "invalid_request");
  await rejectsWith(
    createTask("alice", { title: "ok", description: "d".repeat(2001) }),
    "invalid_request",
  );
  assert.equal((await createTask("alice", { title: "x".repeat(200) })).title.length, 200);
  await assert.rejects(
    updateTask("alice", 1, {}),
    /at least one of title, description or completed/,
  );
  await assert.rejects(
    createTask("alice", { title: 5 as unknown as string }),
    /title must be a string/,
  );
});

withStore("[tasks] every change publishes one task_changed event", async (events) => {
  const task = await createTask("alice", { title: "a" });
  await updateTask("alice", task.id, { title: "b" });
  await updateTask("alice", task.id, { title: "b" }); // no change: no event
  await setTaskCompleted("alice", task.id, true);
  await deleteTask("alice", task.id);
  assert.deepEqual(
    events.map((
      { userId, event },
    ) => [userId, event.event_type, "change" in event && event.change]),
    [
      ["alice", "task_changed", "created"],
      ["alice", "task_changed", "updated"],
      ["alice", "task_changed", "updated"],
      ["alice", "task_changed", "deleted"],
    ],
  );
  const deleted = events[3].event;
  assert.ok(deleted.event_type === "task_changed" && deleted.task_id === 1 && !deleted.task);
  const created = events[0].event;
  assert.ok(created.event_type === "task_changed" && created.task?.title === "a");
});

withStore(
  "[tasks] setAllTasksCompleted returns what it changed; deleteTasks counts",
  async (events) => {
    await createTask("alice", { title: "a" });
    await createTask("alice", { title: "b" });
    await createTask("alice", { title: "c" });
    await setTaskCompleted("alice", 2, true);
    const changed = await setAllTasksCompleted("alice", true);
    assert.deepEqual(changed.map((t) => t.id), [1, 3]);
    assert.ok(changed.every((t) => t.completed));
    assert.deepEqual(await setAllTasksCompleted("alice", true), []);
    await createTask("bob", { title: "bob's" });
    const before = events.length;
    assert.equal(await deleteTasks("alice", "all"), 3);
    assert.equal(events.length - before, 3);
    assert.deepEqual(await listTasks("alice"), []);
    assert.equal((await listTasks("bob")).length, 1);
    assert.equal(await deleteTasks("alice", "all"), 0);
  },
);

withStore("[tasks] setAllTasksCompleted(false) reopens every done task", async (events) => {
  await createTask("alice", { title: "a" });
  await createTask("alice", { title: "b" });
  await createTask("alice", { title: "c" });
  await setAllTasksCompleted("alice", true);
  await setTaskCompleted("alice", 2, false);
  const before = events.length;
  const reopened = await setAllTasksCompleted("alice", false);
  assert.deepEqual(reopened.map((t) => [t.id, t.completed]), [[1, false], [3, false]]);
  assert.equal(events.length - before, 2);
  assert.deepEqual((await listTasks("alice", { status: "pending" })).map((t) => t.id), [1, 2, 3]);
});

withStore("[tasks] deleteTasks by status deletes only those, each published", async (events) => {
  for (const title of ["a", "b", "c", "d"]) await createTask("alice", { title });
  await setTaskCompleted("alice", 2, true);
  await setTaskCompleted("alice", 4, true);
  const before = events.length;
  assert.equal(await deleteTasks("alice", "completed"), 2);
  const published = events.slice(before).map(({ event }) =>
    event.event_type === "task_changed" ? [event.change, event.task_id] : []
  );
  assert.deepEqual(published, [["deleted", 2], ["deleted", 4]]);
  assert.deepEqual((await listTasks("alice")).map((t) => t.id), [1, 3]);
  assert.equal(await deleteTasks("alice", "pending"), 2);
  assert.deepEqual(await listTasks("alice"), []);
});

withStore("[tasks] retention hides tasks untouched for RETENTION_DAYS", async () => {
  setConfigForTesting({ RETENTION_DAYS: 1 });
  const clock = FakeTimers.withGlobal(globalThis).install({ toFake: ["Date"], now: Date.now() });
  try {
    const old = await createTask("alice", { title: "old" });
    clock.tick(12 * 60 * 60 * 1000);
    const fresh = await createTask("alice", { title: "fresh" });
    clock.tick(13 * 60 * 60 * 1000); // "old" is now 25 h old, "fresh" 13 h
    assert.deepEqual((await listTasks("alice")).map((t) => t.id), [fresh.id]);
    await rejectsWith(getTask("alice", old.id), "not_found");
    await rejectsWith(updateTask("alice", old.id, { title: "revive" }), "not_found");
    // An update refreshes retention.
    await updateTask("alice", fresh.id, { title: "fresher" });
    clock.tick(20 * 60 * 60 * 1000);
    assert.equal((await getTask("alice", fresh.id)).title, "fresher");
    // The counter outlives expired tasks: numbers are not reused.
    assert.equal((await createTask("alice", { title: "new" })).id, 3);
  } finally {
    clock.uninstall();
  }
});

withStore(
  "[tasks] titles are one line: newlines and control characters become a space",
  async () => {
    const task = await createTask("alice", { title: "  buy\n\nmilk\t\u0007now " });
    assert.equal(task.title, "buy milk now");
    const renamed = await updateTask("alice", task.id, { title: "a\r\nb" });
    assert.equal(renamed.title, "a b");
    await rejectsWith(createTask("alice", { title: "\n\t\u0000" }), "invalid_request");
  },
);
