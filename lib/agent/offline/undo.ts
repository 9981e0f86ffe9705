/**
 * Taking changes back: "undo", "oops, not the passport", and bringing a
 * deleted task back.
 */
import { matchesSearch } from "../../tasks/schemas.ts";
import { andList, isBack, REPLIES, severalMatch } from "./replies.ts";
import {
  type CallResult,
  type Context,
  lastChange,
  lastTurnChanges,
  type PlannedCall,
  PlannerTask,
  type Step,
  taskOf,
  tasksOf,
  ToolError,
  versionBefore,
} from "./transcript.ts";

/**
 * "Undo": reverses the conversation's latest change to tasks; when the turn
 * that made it changed several tasks ("add milk and eggs", "finished both"),
 * all of them.
 */
export function undoLast(done: CallResult[][], ctx: Context): Step {
  const own = done.flat();
  const changes = lastTurnChanges(ctx, own);
  // "Mark all done" names the tasks it changed: each is reopened (a delete-all names none).
  const markedAll = changes.length === 1 && changes[0].name === "complete_all_tasks"
    ? tasksOf(changes[0])
    : [];
  if (markedAll.length > 0) return reopenEach(markedAll, done);
  if (changes.length > 1 && changes.every((change) => reverseCall(change, ctx) !== null)) {
    return undoAll(changes, done, ctx);
  }
  // The change to undo: the latest one before this undo's own calls.
  return undoChange(lastChange(ctx, own), done, ctx);
}

/**
 * Reverses one change: a completion is reopened (and the other way round), a
 * task just added is deleted, a rename or note goes back to what the
 * conversation saw before, a deleted task comes back (done if it was).
 */
function undoChange(change: CallResult | undefined, done: CallResult[][], ctx: Context): Step {
  if (!done.length) {
    if (change?.name === "delete_all_tasks") return { reply: REPLIES.cannotUndoDeleteAll };
    const call = change && reverseCall(change, ctx);
    return call ? { calls: [call] } : { reply: REPLIES.cannotUndo };
  }
  const again = comesBackDone(change, done[0][0]);
  if (again && done.length === 1) return { calls: [again] };
  return { reply: describeUndo(done[done.length - 1][0], change?.name) };
}

/** Several changes of one turn reversed together, in one reply. */
function undoAll(changes: CallResult[], done: CallResult[][], ctx: Context): Step {
  if (!done.length) return { calls: changes.map((change) => reverseCall(change, ctx)!) };
  const reversed = done[0];
  if (done.length === 1) {
    const again = changes.map((change, i) => comesBackDone(change, reversed[i]))
      .filter((call) => call !== null);
    if (again.length) return { calls: again };
  }
  const lines = changes.map((change, i) => describeUndo(reversed[i], change.name));
  return { reply: mergeUndone(lines) };
}

/** Reopens the tasks a "mark all done" completed, in one turn, with one reply. */
function reopenEach(tasks: PlannerTask[], done: CallResult[][]): Step {
  if (!done.length) {
    return {
      calls: tasks.map((task) => ({
        name: "complete_task",
        arguments: { task_id: task.id, done: false },
      })),
    };
  }
  return { reply: mergeUndone(done[0].map((result) => describeUndo(result, "complete_task"))) };
}

/** The call that reverses a change; null for a change undo cannot reverse. */
function reverseCall(change: CallResult, ctx: Context): PlannedCall | null {
  const task = taskOf(change.value);
  if (!task) return null;
  switch (change.name) {
    case "complete_task":
      return { name: "complete_task", arguments: { task_id: task.id, done: !task.completed } };
    case "add_task":
      return { name: "delete_task", arguments: { task_id: task.id } };
    case "delete_task":
      return restoreCall(task);
    case "update_task": {
      // A rename or a new note: back to the task as the conversation saw it before.
      const before = versionBefore(ctx, change, task.id);
      if (!before) return null;
      return {
        name: "update_task",
        arguments: {
          task_id: task.id,
          title: before.title,
          description: before.description ?? null,
        },
      };
    }
  }
  return null;
}

/** A deleted task that was done, once added back: the call that makes it done again. */
function comesBackDone(change: CallResult | undefined, restoredBy: CallResult): PlannedCall | null {
  const task = change ? taskOf(change.value) : null;
  const restored = taskOf(restoredBy.value);
  if (change?.name !== "delete_task" || !task?.completed || !restored) return null;
  return { name: "complete_task", arguments: { task_id: restored.id, done: true } };
}

/** "Undone: reopened “A”." and "Undone: reopened “B”." → "Undone: reopened “A” and “B”." */
function mergeUndone(lines: string[]): string {
  const forms = [
    /^Undone: reopened (“[^”\n]*”)\.$/,
    /^Undone: removed (“[^”\n]*”) again\.$/,
  ];
  for (const [i, form] of forms.entries()) {
    const titles = lines.map((line) => line.match(form)?.[1]);
    if (titles.every((title) => title !== undefined)) {
      const all = andList(titles as string[]);
      return i === 0 ? `Undone: reopened ${all}.` : `Undone: removed ${all} again.`;
    }
  }
  return lines.join("\n");
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
