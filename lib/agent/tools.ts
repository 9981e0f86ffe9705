/**
 * The assistant's task tools. Each tool is one zod schema (the model's JSON
 * schema is generated from it), a human sentence for its start, and a function
 * that calls the task service for the signed-in user. The user id always comes
 * from the server's context: unknown argument fields (a `user_id` the model
 * made up) are stripped by the schema.
 */
import { z } from "zod";
import type { ChatCompletionFunctionTool } from "openai/resources/chat/completions";
import { TaskDescription, TaskSearch, TaskStatus, TaskTitle } from "../tasks/schemas.ts";
import {
  createTask,
  deleteTask,
  deleteTasks,
  getTask,
  listTasks,
  setAllTasksCompleted,
  setTaskCompleted,
  updateTask,
} from "../tasks/service.ts";
import type { TaskWire } from "../realtime/events.ts";
import { plural } from "../text.ts";
import { type JsonSchema, portableSchema } from "./tool_schema.ts";

/** What a tool knows about the run it serves. */
export interface ToolContext {
  /** The signed-in user; the only user a tool may touch. */
  userId: string;
  /** Reports progress ("Found 3 tasks"), sent as `tool_progress`. */
  progress(message: string, count?: number): void;
  /** The user's newest message says yes to deleting every task (the server checks, not the model). */
  deleteAllConfirmed: boolean;
}

/** A tool failure with a code the model and the UI can read. */
export class ToolCallError extends Error {
  override name = "ToolCallError";
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/** What a tool returns: the structured result for the model and a sentence for people. */
export interface ToolOutcome {
  result: Record<string, unknown>;
  message: string;
  /** The task the call was about, when there is exactly one. */
  task_id?: number;
}

/** One tool: schema, description, start sentence and implementation. */
export interface AgentTool<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  schema: S;
  starting(args: z.output<S>): string;
  run(args: z.output<S>, ctx: ToolContext): Promise<ToolOutcome>;
}

const TaskId = z.number({ error: "task_id must be a number" })
  .int("task_id must be a whole number")
  .positive("task_id must be a task number from 1")
  .describe("The task's number, as shown in the list (1, 2, 3…)");

/** “title” in typographic quotes, as the sentences show it. */
export function quote(title: string): string {
  return `“${title}”`;
}

function defineTool<S extends z.ZodType>(tool: AgentTool<S>): AgentTool<S> {
  return tool;
}

const addTask = defineTool({
  name: "add_task",
  description: "Create a new task for the user.",
  schema: z.object({ title: TaskTitle, description: TaskDescription.optional() }),
  starting: (args) => `Adding ${quote(args.title)}…`,
  async run(args, ctx) {
    const task = await createTask(ctx.userId, args);
    return { result: { task }, message: `Added ${quote(task.title)}`, task_id: task.id };
  },
});

const listTasksTool = defineTool({
  name: "list_tasks",
  description:
    "List the user's tasks, ordered by number. Filter by status and, optionally, by text in the title or description.",
  schema: z.object({
    status: TaskStatus.default("all").describe("all, pending (not done) or completed"),
    search: TaskSearch.optional()
      .describe("Case-insensitive text to look for in titles and descriptions"),
  }),
  starting: (args) =>
    args.search ? `Searching tasks for ${quote(args.search)}…` : "Searching tasks…",
  async run(args, ctx) {
    const tasks = await listTasks(ctx.userId, {
      status: args.status,
      search: args.search || undefined,
    });
    const kind = args.status === "all" ? "task" : `${args.status} task`;
    const found = `Found ${plural(tasks.length, kind)}`;
    ctx.progress(found, tasks.length);
    return {
      result: { status: args.status, search: args.search ?? null, count: tasks.length, tasks },
      message: found,
    };
  },
});

const getTaskTool = defineTool({
  name: "get_task",
  description: "Read one task by its number: title, description (note) and whether it is done.",
  schema: z.object({ task_id: TaskId }),
  starting: (args) => `Reading task ${args.task_id}…`,
  async run(args, ctx) {
    const task = await getTask(ctx.userId, args.task_id);
    return { result: { task }, message: `Read ${quote(task.title)}`, task_id: task.id };
  },
});

const updateTaskTool = defineTool({
  name: "update_task",
  description: "Rename a task or change its description.",
  schema: z.object({
    task_id: TaskId,
    title: TaskTitle.optional(),
    description: TaskDescription.optional(),
  }).refine((args) => args.title !== undefined || args.description !== undefined, {
    message: "Send a new title or description",
  }),
  starting: (args) => `Updating task ${args.task_id}…`,
  async run(args, ctx) {
    const task = await updateTask(ctx.userId, args.task_id, {
      title: args.title,
      description: args.description,
    });
    const message = args.title !== undefined
      ? `Renamed task ${task.id} to ${quote(task.title)}`
      : task.description
      ? `Updated the note on ${quote(task.title)}`
      : `Removed the note from ${quote(task.title)}`;
    return { result: { task }, message, task_id: task.id };
  },
});

const completeTask = defineTool({
  name: "complete_task",
  description: "Mark a task as done (done: true) or reopen it (done: false).",
  schema: z.object({
    task_id: TaskId,
    done: z.boolean({ error: "done must be true or false" }).default(true)
      .describe("true marks it done, false reopens it"),
  }),
  starting: (args) =>
    args.done ? `Marking task ${args.task_id} as done…` : `Reopening task ${args.task_id}…`,
  async run(args, ctx) {
    const { task, changed } = await setTaskCompleted(ctx.userId, args.task_id, args.done);
    const message = !changed
      ? `${quote(task.title)} was ${args.done ? "already done" : "not done"}`
      : args.done
      ? `Marked ${quote(task.title)} as done`
      : `Reopened ${quote(task.title)}`;
    return { result: { task, changed }, message, task_id: task.id };
  },
});

const deleteTaskTool = defineTool({
  name: "delete_task",
  description: "Delete one task.",
  schema: z.object({ task_id: TaskId }),
  starting: (args) => `Deleting task ${args.task_id}…`,
  async run(args, ctx) {
    const task = await deleteTask(ctx.userId, args.task_id);
    return { result: { deleted: task }, message: `Deleted ${quote(task.title)}`, task_id: task.id };
  },
});

const completeAll = defineTool({
  name: "complete_all_tasks",
  description: "Mark every pending task as done.",
  schema: z.object({}),
  starting: () => "Completing all pending tasks…",
  async run(_args, ctx) {
    const tasks: TaskWire[] = await setAllTasksCompleted(ctx.userId, true);
    return {
      result: { completed: tasks.length, tasks },
      message: `Marked ${plural(tasks.length, "task")} as done`,
    };
  },
});

const deleteAll = defineTool({
  name: "delete_all_tasks",
  description:
    "Delete ALL of the user's tasks. Only after the user explicitly confirmed in the conversation; then pass confirm: true.",
  schema: z.object({
    confirm: z.literal(true, {
      error: "confirm must be true, and only after the user has confirmed deleting everything",
    }).describe("true, only after the user confirmed"),
  }),
  starting: () => "Deleting all tasks…",
  async run(_args, ctx) {
    if (!ctx.deleteAllConfirmed) {
      throw new ToolCallError(
        "confirmation_required",
        "The user has not confirmed deleting every task: ask them first, saying how many tasks " +
          "it would delete, and call delete_all_tasks only after they reply yes",
      );
    }
    const deleted = await deleteTasks(ctx.userId, "all");
    return { result: { deleted }, message: `Deleted ${plural(deleted, "task")}` };
  },
});

/** Every tool the assistant has, by name. */
export const TOOLS: ReadonlyMap<string, AgentTool> = new Map(
  ([
    addTask,
    listTasksTool,
    getTaskTool,
    updateTaskTool,
    completeTask,
    deleteTaskTool,
    completeAll,
    deleteAll,
  ] as AgentTool[]).map((tool) => [tool.name, tool]),
);

/** A tool's function definition for the chat-completions `tools` parameter. */
export function toolDefinition(tool: AgentTool): ChatCompletionFunctionTool {
  const parameters = portableSchema(
    z.toJSONSchema(tool.schema, { io: "input", unrepresentable: "any" }) as JsonSchema,
  );
  return {
    type: "function",
    function: { name: tool.name, description: tool.description, parameters },
  };
}

/** The `tools` parameter for every tool. */
export function toolDefinitions(tools: ReadonlyMap<string, AgentTool> = TOOLS) {
  return [...tools.values()].map(toolDefinition);
}
