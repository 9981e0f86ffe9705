import assert from "node:assert/strict";
import { applyTaskUpdate } from "./task_updates.ts";

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
