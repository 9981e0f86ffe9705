/** Live task-list updates, as `useTaskChanges` hands them to a task list. */
import type { TaskWire } from "../realtime/events.ts";

/** One change from `task_changed`, or a full list after a resync. */
export type TaskUpdate =
  | {
    type: "changed";
    change: "created" | "updated" | "deleted";
    task?: TaskWire;
    task_id?: number;
  }
  | { type: "reload"; tasks: TaskWire[] };

/** Applies an update to a list ordered by id; returns a new list. */
export function applyTaskUpdate(tasks: readonly TaskWire[], update: TaskUpdate): TaskWire[] {
  if (update.type === "reload") return [...update.tasks].sort((a, b) => a.id - b.id);
  const id = update.task?.id ?? update.task_id;
  if (id === undefined) return [...tasks];
  const rest = tasks.filter((task) => task.id !== id);
  if (update.change === "deleted" || !update.task) return rest;
  return [...rest, update.task].sort((a, b) => a.id - b.id);
}
