/**
 * Task storage in Deno KV: `["tasks", userId, taskId]` with numbers from the
 * per-user counter `["task_counter", userId]`. Every write refreshes `expireIn`
 * (retention since the last change); reads hide tasks past retention.
 */
import { TaskWire } from "../realtime/events.ts";
import { RETRY, withAtomicRetry } from "./atomic.ts";
import { getKv } from "./kv.ts";
import { taskCounterKey, taskKey, tasksPrefix } from "./keys.ts";
import { isExpired, retentionMs } from "./retention.ts";

/** The fields a new task starts with. */
export interface NewTaskFields {
  title: string;
  description: string | null;
}

/**
 * Stores a new task under the user's next number. The counter and the task are
 * written in one atomic commit checked against the counter's versionstamp, so
 * concurrent creates get distinct numbers and a number is never reused.
 */
export async function insertTask(userId: string, fields: NewTaskFields): Promise<TaskWire> {
  const kv = await getKv();
  const counterKey = taskCounterKey(userId);
  return await withAtomicRetry(async () => {
    const counter = await kv.get<number>(counterKey);
    const id = (counter.value ?? 0) + 1;
    const now = new Date().toISOString();
    const task: TaskWire = { id, ...fields, completed: false, created_at: now, updated_at: now };
    const result = await kv.atomic()
      .check(counter)
      .check({ key: taskKey(userId, id), versionstamp: null })
      // The counter never expires: numbers must not be reused after tasks age out.
      .set(counterKey, id)
      .set(taskKey(userId, id), task, { expireIn: retentionMs() })
      .commit();
    return result.ok ? task : RETRY;
  });
}

/** One task, or null when it does not exist or is past retention. */
export async function readTask(userId: string, taskId: number): Promise<TaskWire | null> {
  const kv = await getKv();
  const entry = await kv.get(taskKey(userId, taskId));
  return liveTask(entry.value);
}

/** Every live task of a user, ordered by number. */
export async function readAllTasks(userId: string): Promise<TaskWire[]> {
  const kv = await getKv();
  const tasks: TaskWire[] = [];
  for await (const entry of kv.list({ prefix: tasksPrefix(userId) })) {
    const task = liveTask(entry.value);
    if (task) tasks.push(task);
  }
  return tasks;
}

/**
 * Applies `change` to the current task and writes the result, retrying when
 * another write got there first, so concurrent updates lose nothing. `change`
 * returns the same object to mean "nothing to write". Returns null when the
 * task does not exist, else `{ task, changed }`.
 */
export async function modifyTask(
  userId: string,
  taskId: number,
  change: (task: TaskWire) => TaskWire,
): Promise<{ task: TaskWire; changed: boolean } | null> {
  const kv = await getKv();
  const key = taskKey(userId, taskId);
  return await withAtomicRetry(async () => {
    const entry = await kv.get(key);
    const current = liveTask(entry.value);
    if (!current) return null;
    const next = change(current);
    if (next === current) return { task: current, changed: false };
    const task: TaskWire = { ...next, id: current.id, created_at: current.created_at };
    const result = await kv.atomic()
      .check(entry)
      .set(key, task, { expireIn: retentionMs() })
      .commit();
    return result.ok ? { task, changed: true } : RETRY;
  });
}

/** Deletes a task; returns it, or null when there was none to delete. */
export async function removeTask(userId: string, taskId: number): Promise<TaskWire | null> {
  const kv = await getKv();
  const key = taskKey(userId, taskId);
  return await withAtomicRetry(async () => {
    const entry = await kv.get(key);
    const current = liveTask(entry.value);
    if (!current) return null;
    const result = await kv.atomic().check(entry).delete(key).commit();
    return result.ok ? current : RETRY;
  });
}

function liveTask(value: unknown): TaskWire | null {
  if (value === null) return null;
  const task = TaskWire.parse(value);
  return isExpired(task.updated_at) ? null : task;
}
