import assert from "node:assert/strict";
import {
  allCompleted,
  applyTaskUpdate,
  sameContent,
  withoutCompleted,
  withoutSaved,
} from "./task_updates.ts";

const task = (id: number, title = `t${id}`) => ({
  id,
  title,
  description: null,
  completed: false,
  created_at: "2025-01-01T00:00:00.000Z",
  updated_at: "2025-01-01T00:00:00.000Z",
});

Deno.test("[task updates] create, update and delete keep the list ordered by id", () => {
  let list = applyTaskUpdate([task(1), task(3)], {
    type: "changed",
    change: "created",
    task: task(2),
  });
  assert.deepEqual(list.map((t) => t.id), [1, 2, 3]);
  list = applyTaskUpdate(list, { type: "changed", change: "updated", task: task(2, "renamed") });
  assert.deepEqual(list.map((t) => t.title), ["t1", "renamed", "t3"]);
  list = applyTaskUpdate(list, { type: "changed", change: "deleted", task_id: 1 });
  assert.deepEqual(list.map((t) => t.id), [2, 3]);
});

Deno.test("[task updates] a reload replaces the list", () => {
  const list = applyTaskUpdate([task(1)], { type: "reload", tasks: [task(9), task(4)] });
  assert.deepEqual(list.map((t) => t.id), [4, 9]);
});

Deno.test("[task updates] whole-list actions as shown at once leave rows being created alone", () => {
  const creating = { ...task(-5, "new"), completed: false };
  const done = { ...task(2), completed: true };
  const list = [task(1), done, task(3), creating];
  assert.deepEqual(allCompleted(list).map((t) => [t.id, t.completed]), [
    [1, true],
    [2, true],
    [3, true],
    [-5, false],
  ]);
  assert.deepEqual(withoutCompleted(list).map((t) => t.id), [1, 3, -5]);
  assert.deepEqual(withoutSaved(list).map((t) => t.id), [-5]);
});

Deno.test("[task updates] same content ignores timestamps", () => {
  const later = { ...task(1), updated_at: "2026-01-01T00:00:00.000Z" };
  assert.ok(sameContent(task(1), later));
  assert.ok(!sameContent(task(1), { ...later, completed: true }));
  assert.ok(!sameContent(task(1), { ...later, description: "note" }));
});
