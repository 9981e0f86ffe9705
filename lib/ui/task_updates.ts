/**
 * Task-list state changes, as pure functions: live updates as `useTaskChanges`
 * hands them over, and how the whole-list actions show before the server
 * answers. A task with a negative id is a row being created (not saved yet).
 */
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

/** A saved task (not a row still being created). */
export function isSaved(task: TaskWire): boolean {
  return task.id > 0;
}

/** Whether two versions of a task say the same (title, note, done); timestamps aside. */
export function sameContent(a: TaskWire, b: TaskWire): boolean {
  return a.title === b.title && a.description === b.description && a.completed === b.completed;
}

/** The list as "Mark all done" shows it at once. */
export function allCompleted(tasks: readonly TaskWire[]): TaskWire[] {
  return tasks.map((task) =>
    isSaved(task) && !task.completed ? { ...task, completed: true } : task
  );
}

/** The list as "Clear completed" shows it at once. */
export function withoutCompleted(tasks: readonly TaskWire[]): TaskWire[] {
  return tasks.filter((task) => !(isSaved(task) && task.completed));
}

/** The list as "Delete all" shows it at once: only rows still being created stay. */
export function withoutSaved(tasks: readonly TaskWire[]): TaskWire[] {
  return tasks.filter((task) => !isSaved(task));
}
