/**
 * What the offline planner reads from a conversation: the messages, the tool
 * calls with their results, the tasks they show, and what changed.
 */
import { z } from "zod";
import { messageText } from "../confirmation.ts";

/** One tool call the planner wants. */
export interface PlannedCall {
  name: string;
  arguments: Record<string, unknown>;
}

/** A chat message as the planner reads it (the request's `messages`). */
export const PlannerMessage = z.object({
  role: z.enum(["system", "developer", "user", "assistant", "tool"]),
  content: z.union([
    z.string(),
    z.null(),
    z.array(z.object({ type: z.string(), text: z.string().optional() }).loose()),
  ]).optional(),
  tool_calls: z.array(z.object({
    id: z.string(),
    type: z.literal("function").optional(),
    function: z.object({ name: z.string(), arguments: z.string() }),
  })).optional(),
  tool_call_id: z.string().optional(),
}).loose();
/** A chat message as the planner reads it. */
export type PlannerMessage = z.infer<typeof PlannerMessage>;

/** A task as tool results show it. */
export const PlannerTask = z.object({
  id: z.number(),
  title: z.string(),
  description: z.string().nullish(),
  completed: z.boolean(),
}).loose();
/** A task as tool results show it. */
export type PlannerTask = z.infer<typeof PlannerTask>;
/** A tool's error result. */
export const ToolError = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** One tool call of the conversation with its parsed result. */
export interface CallResult {
  name: string;
  arguments: Record<string, unknown>;
  /** The parsed tool message content. */
  value: unknown;
}

/** What one intent needs next: tool calls, or its reply. */
export type Step = { calls: PlannedCall[] } | { reply: string };

/** Everything a step may look at. */
export interface Context {
  /** Tool results before the current user message, oldest first. */
  earlier: CallResult[];
  /** `earlier`, grouped by the user message it answered (its index), oldest first. */
  turns: ToolBatch[];
  /** Tool results of this turn consumed so far, oldest first. */
  current: CallResult[];
  /** Intents of this message still to come after the one being planned. */
  later?: number;
  /**
   * The list the user last saw: the last result of an earlier turn, when it
   * was a list (a search made to act on a task, followed by the change, is not shown).
   */
  shown?: CallResult;
}

/** Tools that change tasks (what "undo" and "I meant …" look back at). */
export const CHANGING_TOOLS = new Set([
  "add_task",
  "complete_task",
  "update_task",
  "delete_task",
  "complete_all_tasks",
  "delete_all_tasks",
]);

/** The conversation's latest change to tasks before this turn's own calls (`own`). */
export function lastChange(ctx: Context, own: CallResult[] = []): CallResult | undefined {
  return [...ctx.earlier, ...ctx.current].findLast((result) =>
    !own.includes(result) && CHANGING_TOOLS.has(result.name)
  );
}

/** The changes of this message so far (before `own`), else of the latest earlier turn that made any. */
export function lastTurnChanges(ctx: Context, own: CallResult[]): CallResult[] {
  const changes = (results: CallResult[]) =>
    results.filter((result) => !own.includes(result) && CHANGING_TOOLS.has(result.name));
  for (const turn of [...ctx.turns.map((batch) => batch.results), ctx.current].reverse()) {
    const changed = changes(turn);
    if (changed.length > 0) return changed;
  }
  return [];
}

/** Tool batches merged per user message they answered, oldest first. */
export function byUserMessage(batches: ToolBatch[]): ToolBatch[] {
  const turns: ToolBatch[] = [];
  for (const batch of batches) {
    const last = turns.at(-1);
    if (last?.user === batch.user) last.results.push(...batch.results);
    else turns.push({ user: batch.user, results: [...batch.results] });
  }
  return turns;
}

/**
 * Tasks deleted one by one in this conversation and not added again since
 * (by undo or "bring … back"), oldest first.
 */
export function deletedTasks(ctx: Context): PlannerTask[] {
  const deleted: PlannerTask[] = [];
  for (const result of [...ctx.earlier, ...ctx.current]) {
    const task = taskOf(result.value);
    if (!task) continue;
    if (result.name === "delete_task") deleted.push(task);
    if (result.name === "add_task") {
      const again = deleted.findIndex((gone) => gone.title === task.title);
      if (again >= 0) deleted.splice(again, 1);
    }
  }
  return deleted;
}

/** The task as a result before `change` showed it (a list, a read, the call that made it). */
export function versionBefore(
  ctx: Context,
  change: CallResult,
  id: number,
): PlannerTask | undefined {
  const results = [...ctx.earlier, ...ctx.current];
  const upTo = results.indexOf(change);
  for (let i = upTo - 1; i >= 0; i--) {
    const found = [taskOf(results[i].value), ...tasksOf(results[i])].find((t) => t?.id === id);
    if (found) return found;
  }
  return undefined;
}

/**
 * The list the user has in front of them: one this message showed (an earlier
 * request in it), else the one last shown. The step's own results (`own`) do
 * not count: its list read is the whole list, not one shown.
 */
export function shownList(ctx: Context, own: CallResult[]): CallResult | undefined {
  const current = ctx.current.filter((result) =>
    !own.includes(result) && result.name === "list_tasks"
  );
  return current.at(-1) ?? ctx.shown;
}

/**
 * The tasks of {@linkcode shownList} as the conversation last saw each (a task
 * changed since the list was shown is taken as changed); none when no list
 * was shown or one of them was deleted since.
 */
export function shownTasks(ctx: Context, own: CallResult[]): PlannerTask[] {
  const shown = shownList(ctx, own);
  if (!shown) return [];
  const results = [...ctx.earlier, ...ctx.current].filter((result) => !own.includes(result));
  const after = results.slice(results.indexOf(shown) + 1);
  const latest: PlannerTask[] = [];
  for (const task of tasksOf(shown)) {
    let now: PlannerTask | null = task;
    for (const result of after) {
      const changed = taskOf(result.value);
      if (changed?.id !== task.id) continue;
      now = result.name === "delete_task" ? null : changed;
    }
    if (!now) return [];
    latest.push(now);
  }
  return latest;
}

/** The one task a result holds (`{ task }` or `{ deleted }`), else null. */
export function taskOf(value: unknown): PlannerTask | null {
  const shaped = z.object({ task: PlannerTask }).safeParse(value);
  if (shaped.success) return shaped.data.task;
  const deleted = z.object({ deleted: PlannerTask }).safeParse(value);
  return deleted.success ? deleted.data.deleted : null;
}

/** The tasks a list result holds, else none. */
export function tasksOf(result: CallResult): PlannerTask[] {
  const shaped = z.object({ tasks: z.array(PlannerTask) }).safeParse(result.value);
  return shaped.success ? shaped.data.tasks : [];
}

/** The task the conversation was last about: the latest single-task result. */
export function lastSingleTask(results: CallResult[]): number | null {
  // A task deleted since it was talked about is not "it" any more.
  const deleted = new Set<number>();
  for (let i = results.length - 1; i >= 0; i--) {
    const result = results[i];
    const task = taskOf(result.value);
    if (result.name === "delete_task") {
      if (task) deleted.add(task.id);
      continue;
    }
    if (task && !deleted.has(task.id)) return task.id;
    if (result.name === "list_tasks") {
      const tasks = tasksOf(result).filter((listed) => !deleted.has(listed.id));
      if (tasks.length === 1) return tasks[0].id;
    }
  }
  return null;
}

/** The last result of the latest earlier turn that ended with a list (see `Context.shown`). */
export function lastShownList(batches: ToolBatch[]): CallResult | undefined {
  for (let i = batches.length - 1; i >= 0; i--) {
    // The last batch of its user turn: what that turn ended with.
    if (i < batches.length - 1 && batches[i + 1].user === batches[i].user) continue;
    const results = batches[i].results;
    const last = results.at(-1);
    if (last?.name === "list_tasks") return last;
    // "Added 2 tasks:", "Marked “A” and “B” as done": the tasks that turn named are the list shown.
    const named = results.map((result) =>
      result.name === "delete_task" ? null : taskOf(result.value)
    );
    if (named.length > 1 && named.every((task) => task !== null)) {
      return { name: "list_tasks", arguments: { status: "all" }, value: { tasks: named } };
    }
  }
  return undefined;
}

/** The tasks of the latest list result, else none. */
export function lastList(results: CallResult[]): PlannerTask[] {
  for (let i = results.length - 1; i >= 0; i--) {
    if (results[i].name === "list_tasks") return tasksOf(results[i]);
  }
  return [];
}

/** The tool calls of one assistant message with their results, and the user message it answers. */
export interface ToolBatch {
  user: number;
  results: CallResult[];
}

/**
 * Tool calls and their results between two message indexes, one batch per
 * assistant message (one pass: the answers are looked up by call id).
 */
export function resultBatches(messages: PlannerMessage[], from: number, to: number): ToolBatch[] {
  const answers = new Map<string, PlannerMessage>();
  for (let i = from; i < to; i++) {
    const message = messages[i];
    if (message.role === "tool" && message.tool_call_id && !answers.has(message.tool_call_id)) {
      answers.set(message.tool_call_id, message);
    }
  }
  const batches: ToolBatch[] = [];
  let user = from - 1;
  for (let i = from; i < to; i++) {
    const message = messages[i];
    if (message.role === "user") user = i;
    if (message.role !== "assistant" || !message.tool_calls?.length) continue;
    const results: CallResult[] = [];
    for (const call of message.tool_calls) {
      const answer = answers.get(call.id);
      if (!answer) continue;
      results.push({
        name: call.function.name,
        arguments: parseObject(call.function.arguments),
        value: parseJson(textOf(answer)),
      });
    }
    if (results.length) batches.push({ user, results });
  }
  return batches;
}

/** A message's text, whether its content is a string or parts. */
export function textOf(message: PlannerMessage): string {
  return messageText(message.content);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function parseObject(text: string): Record<string, unknown> {
  const value = parseJson(text);
  return value && typeof value === "object" && !Array.isArray(value)
    ? value as Record<string, unknown>
    : {};
}
