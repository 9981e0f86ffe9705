/**
 * The one task service: used by the REST routes, the task page and the
 * agent's tools. Inputs are validated with the schemas in `schemas.ts`; every
 * change is published as a `task_changed` event through {@linkcode publishTaskChange}.
 */
import { AppError } from "../errors.ts";
import { broadcastProgress } from "../realtime/broadcast.ts";
import type { TaskWire } from "../realtime/events.ts";
import { insertTask, modifyTask, readAllTasks, readTask, removeTask } from "../store/tasks.ts";
import { parseInput } from "../http.ts";
import {
  matchesSearch,
  TaskCreate,
  TaskListQuery,
  type TaskStatus,
  TaskUpdate,
} from "./schemas.ts";

/** A task, as the API and the events carry it. */
export type Task = TaskWire;

type Change = "created" | "updated" | "deleted";

/** Creates a task with the user's next number. Throws AppError `invalid_request` on bad input. */
export async function createTask(userId: string, input: TaskCreate): Promise<Task> {
  const fields = parseInput(TaskCreate, input);
  const task = await insertTask(userId, {
    title: fields.title,
    description: emptyToNull(fields.description),
  });
  publishTaskChange(userId, "created", task);
  return task;
}

/**
 * Lists a user's tasks ordered by number, filtered by status (default all) and
 * by `search`, a case-insensitive substring of the title or description.
 */
export async function listTasks(userId: string, query: TaskListQuery = {}): Promise<Task[]> {
  const { status, search } = parseInput(TaskListQuery, query);
  return (await readAllTasks(userId)).filter((task) =>
    (status === "all" || task.completed === (status === "completed")) &&
    (!search || matchesSearch(task, search))
  );
}

/** One task of the user. Throws AppError `not_found` when it is not theirs or does not exist. */
export async function getTask(userId: string, taskId: number): Promise<Task> {
  return await readTask(userId, taskId) ?? throwTaskNotFound(taskId);
}

/** Updates title, description and/or completion; an update that changes nothing writes nothing. */
export async function updateTask(userId: string, taskId: number, input: TaskUpdate): Promise<Task> {
  return (await applyUpdate(userId, taskId, parseInput(TaskUpdate, input))).task;
}

/** Completes (`true`) or reopens (`false`) a task; `changed` is false when it already was. */
export async function setTaskCompleted(
  userId: string,
  taskId: number,
  completed: boolean,
): Promise<{ task: Task; changed: boolean }> {
  return await applyUpdate(userId, taskId, { completed });
}

/** Deletes a task and returns it. Throws AppError `not_found`. */
export async function deleteTask(userId: string, taskId: number): Promise<Task> {
  const task = await removeTask(userId, taskId) ?? throwTaskNotFound(taskId);
  publishTaskChange(userId, "deleted", task);
  return task;
}

/**
 * Completes (`true`) or reopens (`false`) every task; returns the tasks it
 * changed, in order. A task deleted meanwhile is skipped.
 */
export async function setAllTasksCompleted(userId: string, completed: boolean): Promise<Task[]> {
  const changed: Task[] = [];
  const status = completed ? "pending" : "completed";
  for (const task of await listTasks(userId, { status })) {
    try {
      const result = await applyUpdate(userId, task.id, { completed });
      if (result.changed) changed.push(result.task);
    } catch (error) {
      if (!(error instanceof AppError && error.code === "not_found")) throw error;
    }
  }
  return changed;
}

/** Deletes the user's tasks with that status (`all`: every one); returns how many it deleted. */
export async function deleteTasks(userId: string, status: TaskStatus): Promise<number> {
  let deleted = 0;
  for (const task of await listTasks(userId, { status })) {
    const removed = await removeTask(userId, task.id);
    if (!removed) continue;
    deleted++;
    publishTaskChange(userId, "deleted", removed);
  }
  return deleted;
}

/** The one place task changes are published to the user's sockets. */
function publishTaskChange(userId: string, change: Change, task: Task): void {
  broadcastProgress(
    userId,
    change === "deleted"
      ? { event_type: "task_changed", change, task_id: task.id }
      : { event_type: "task_changed", change, task },
  );
}

async function applyUpdate(
  userId: string,
  taskId: number,
  update: TaskUpdate,
): Promise<{ task: Task; changed: boolean }> {
  const result = await modifyTask(userId, taskId, (task) => {
    const next: Task = {
      ...task,
      title: update.title ?? task.title,
      description: update.description === undefined
        ? task.description
        : emptyToNull(update.description),
      completed: update.completed ?? task.completed,
    };
    const same = next.title === task.title && next.description === task.description &&
      next.completed === task.completed;
    return same ? task : { ...next, updated_at: new Date().toISOString() };
  }) ?? throwTaskNotFound(taskId);
  if (result.changed) publishTaskChange(userId, "updated", result.task);
  return result;
}

function emptyToNull(description: string | null | undefined): string | null {
  return description ? description : null;
}

/** The one answer for a task that is not the user's, does not exist, or is not a task number. */
export function taskNotFound(taskId: number | string): AppError {
  return new AppError("not_found", `Task ${taskId} was not found`);
}

function throwTaskNotFound(taskId: number): never {
  throw taskNotFound(taskId);
}
