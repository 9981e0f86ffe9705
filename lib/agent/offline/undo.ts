/**
 * Taking changes back: "undo", "oops, not the passport", and bringing a
 * deleted task back.
 */
import { matchesSearch } from "../../tasks/schemas.ts";
import { isBack, REPLIES, severalMatch } from "./replies.ts";
import {
  type CallResult,
  type Context,
  lastChange,
  lastTurnChanges,
  type PlannedCall,
  PlannerTask,
  type Step,
  taskOf,
  ToolError,
  versionBefore,
} from "./transcript.ts";

/** "Undo": reverses the conversation's latest change to tasks. */
export function undoLast(done: CallResult[][], ctx: Context): Step {
  // The change to undo: the latest one before this undo's own calls.
  return undoChange(lastChange(ctx, done.flat()), done, ctx);
}

/**
 * Reverses one change: a completion is reopened (and the other way round), a
 * task just added is deleted, a rename or note goes back to what the
 * conversation saw before, a deleted task comes back (done if it was).
 */
function undoChange(change: CallResult | undefined, done: CallResult[][], ctx: Context): Step {
  const task = change ? taskOf(change.value) : null;
  if (done.length) {
    const restored = taskOf(done[0][0].value);
    // A deleted task that was done comes back done.
    if (change?.name === "delete_task" && task?.completed && restored && done.length === 1) {
      return {
        calls: [{ name: "complete_task", arguments: { task_id: restored.id, done: true } }],
      };
    }
    return { reply: describeUndo(done[done.length - 1][0], change?.name) };
  }
  if (change?.name === "complete_task" && task) {
    return {
      calls: [{ name: "complete_task", arguments: { task_id: task.id, done: !task.completed } }],
    };
  }
  if (change?.name === "add_task" && task) {
    return { calls: [{ name: "delete_task", arguments: { task_id: task.id } }] };
  }
  if (change?.name === "update_task" && task) {
    // A rename or a new note: back to the task as the conversation saw it before.
    const before = versionBefore(ctx, change, task.id);
    if (before) {
      return {
        calls: [{
          name: "update_task",
          arguments: {
            task_id: task.id,
            title: before.title,
            description: before.description ?? null,
          },
        }],
      };
    }
  }
  if (change?.name === "delete_task" && task) return { calls: [restoreCall(task)] };
  return { reply: REPLIES.cannotUndo };
}

/**
 * "Oops, not the passport" after "finished both": the change the last turn made
 * to the task matching `text` is undone, and the rest stands.
 */
export function undoOneOf(text: string, done: CallResult[][], ctx: Context): Step {
  const own = done.flat();
  const changes = lastTurnChanges(ctx, own);
  const hits = changes.filter((change) => {
    const task = taskOf(change.value);
    return task !== null && matchesSearch(task, text);
  });
  if (hits.length === 1) return undoChange(hits[0], done, ctx);
  if (hits.length === 0) {
    return { reply: `“${text}” wasn't part of what I just did, so nothing changed.` };
  }
  return { reply: severalMatch(hits.map((hit) => taskOf(hit.value)!), text) };
}

/** Adds a deleted task again, with its note. Task numbers are never reused: it gets a new one. */
export function restoreCall(task: PlannerTask): PlannedCall {
  const args: Record<string, unknown> = { title: task.title };
  if (task.description) args.description = task.description;
  return { name: "add_task", arguments: args };
}

function describeUndo(result: CallResult, undone: string | undefined): string {
  const error = ToolError.safeParse(result.value);
  if (error.success) return `I couldn't undo that: ${error.data.error.message}`;
  const task = taskOf(result.value);
  if (!task) return "Done.";
  if (result.name === "update_task") {
    const note = task.description ? `, with the note: ${task.description}` : ", with no note";
    return `Undone: task ${task.id} is “${task.title}” again${note}.`;
  }
  if (undone === "delete_task") return `Undone: ${isBack(task)}`;
  if (result.name === "delete_task") return `Undone: removed “${task.title}” again.`;
  return task.completed
    ? `Undone: “${task.title}” is done again.`
    : `Undone: reopened “${task.title}”.`;
}
