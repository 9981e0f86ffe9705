/**
 * Task input schemas, shared by the REST routes, the task page and the agent's
 * tools. Unknown fields are stripped (zod's default), never an error.
 */
import { z } from "zod";
import { limitChars } from "../text.ts";
import { DESCRIPTION_MAX, TITLE_MAX } from "./limits.ts";

/**
 * A task title: one line (runs of whitespace and control characters become one
 * space), trimmed, 1–200 characters. One line keeps a title from passing for
 * a paragraph of the assistant's own text when a reply lists it.
 */
export const TaskTitle = limitChars(
  z.string({ error: "title must be a string" }).overwrite(oneLine),
  {
    min: 1,
    max: TITLE_MAX,
    tooShort: "title must not be empty",
    tooLong: `title must be at most ${TITLE_MAX} characters`,
  },
).describe("Short task title, 1-200 characters");

function oneLine(text: string): string {
  // deno-lint-ignore no-control-regex
  return text.replace(/[\s\u0000-\u001f\u007f]+/g, " ").trim();
}

/** A task description: trimmed, at most 2,000 characters; `null` or "" clears it. */
export const TaskDescription = limitChars(
  z.string({ error: "description must be a string or null" }).trim(),
  { max: DESCRIPTION_MAX, tooLong: `description must be at most ${DESCRIPTION_MAX} characters` },
).nullable()
  .describe("Optional longer description, up to 2000 characters");

/** Body of a task creation. */
export const TaskCreate = z.object({
  title: TaskTitle,
  description: TaskDescription.optional(),
});
/** A validated task creation. */
export type TaskCreate = z.infer<typeof TaskCreate>;

/** Body of a task update: any of title, description, completed, at least one. */
export const TaskUpdate = z.object({
  title: TaskTitle.optional(),
  description: TaskDescription.optional(),
  completed: z.boolean({ error: "completed must be true or false" })
    .optional()
    .describe("true to mark the task done, false to reopen it"),
}).refine(
  (update) =>
    update.title !== undefined || update.description !== undefined ||
    update.completed !== undefined,
  { message: "Send at least one of title, description or completed" },
);
/** A validated task update. */
export type TaskUpdate = z.infer<typeof TaskUpdate>;

/** Text to find in titles and descriptions: trimmed, at most 200 characters. */
export const TaskSearch = limitChars(z.string({ error: "search must be a string" }).trim(), {
  max: TITLE_MAX,
  tooLong: `search must be at most ${TITLE_MAX} characters`,
});

/** Which tasks a list shows. */
export const TaskStatus = z.enum(["all", "pending", "completed"], {
  error: 'status must be "all", "pending" or "completed"',
});
/** A list filter status. */
export type TaskStatus = z.infer<typeof TaskStatus>;

/** Options of a task list: status filter and a case-insensitive search text. */
export const TaskListQuery = z.object({
  status: TaskStatus.default("all"),
  search: TaskSearch.optional()
    .describe("Case-insensitive text to find in titles and descriptions"),
});
/** Options of a task list, as callers pass them. */
export type TaskListQuery = z.input<typeof TaskListQuery>;

/** Whether a task is found by a list's `search`: the text anywhere in its title or description, any case. */
export function matchesSearch(
  task: { title: string; description?: string | null },
  search: string,
): boolean {
  return `${task.title}\n${task.description ?? ""}`.toLowerCase().includes(search.toLowerCase());
}

/**
 * Body of `PATCH /api/{userId}/tasks`: completes (`true`) or reopens (`false`)
 * every task at once. Only `completed` applies to every task: a title or
 * description sent with it is refused rather than silently dropped.
 */
export const TaskBulkUpdate = z.object({
  completed: z.boolean({ error: "completed must be true or false" }),
  title: z.never({ error: "title cannot be changed for every task at once" }).optional(),
  description: z.never({ error: "description cannot be changed for every task at once" })
    .optional(),
});
/** A validated bulk update. */
export type TaskBulkUpdate = z.infer<typeof TaskBulkUpdate>;

/**
 * Query of `DELETE /api/{userId}/tasks`: which tasks to delete. Required, so a
 * bare `DELETE` on the list never empties it by accident.
 */
export const TaskBulkDeleteQuery = z.object({
  status: z.enum(["all", "pending", "completed"], {
    error: 'status is required: "all", "pending" or "completed"',
  }),
});

/** A task number as it appears in a path: a positive integer without sign or leading zero. */
export const TaskIdParam = z.string()
  .regex(/^[1-9][0-9]{0,14}$/, "task id must be a positive integer")
  .transform(Number);
