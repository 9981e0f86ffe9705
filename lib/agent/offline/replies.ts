/**
 * The offline planner's words: its questions and fixed replies, and the
 * sentences that describe tool results (one tone: short, titles in typographic
 * quotes, lists numbered by task number).
 */
import { CONFIRM_DELETE_ALL, WHICH_ONE } from "../wording.ts";
import { z } from "zod";
import { matchesSearch } from "../../tasks/schemas.ts";
import { plural } from "../../text.ts";
import {
  type CallResult,
  type Context,
  deletedTasks,
  PlannerTask,
  taskOf,
  tasksOf,
  ToolError,
} from "./transcript.ts";

/** The clarifying questions the planner asks; it recognises them in the next turn. */
export const QUESTIONS = {
  title: "What should the new task say?",
  which: WHICH_ONE,
  whichTask: "Which task do you mean? You can give its number or a few words of its title.",
  whichTwo: "Which two tasks do you mean? You can give their numbers, like “1 and 3”.",
  deleteAll: CONFIRM_DELETE_ALL,
  newTitle: "What should the new title be? For example: “rename task 2 to buy oat milk”.",
  note: "What should the note say? For example: “add a note to task 2: ask for the blue one”.",
} as const;

/** Short fixed answers. */
export const REPLIES = {
  aboutChat:
    "I only change tasks, not this chat. To delete a conversation, use its delete button in the list of conversations; “New conversation” starts a fresh one.",
  aboutAccount:
    "I only manage your tasks; I can't change your account. “Log out” is at the top of the page.",
  offTopic:
    "I can only help with your to-do list: adding, listing, completing, renaming and deleting tasks. Try “add a task to buy milk” or “what's left?”.",
  greeting:
    "Hi! I manage your to-do list. Tell me what to add, ask what's left, or tell me what you finished.",
  help:
    "I can add tasks (“remind me to call mom”), list them (“what's left?”), mark them done or reopen them (“I finished task 2”), rename them (“rename task 2 to buy oat milk”), add notes (“add a note to task 2: ask for the blue one”) and delete them (“delete the milk one”).",
  thanks: "You're welcome! Anything else for your list?",
  goodbye: "Bye! Your list is saved; it will be here when you come back.",
  cannotReorder:
    "I can't reorder tasks: they keep the numbers they were given. You can rename one, or add a note such as “urgent” (“add a note to task 2: urgent”).",
  noPriorities: "Tasks here have no priority, so I can't say which is most urgent.",
  cannotPrioritise:
    "Tasks here have no priority or flags. You can put it in the title (“rename task 2 to URGENT: call the bank”) or in a note (“add a note to task 2: important”).",
  cannotReschedule:
    "Tasks here have no dates, so I can't move one to a day. You can put the day in its title (“rename task 2 to call mom on friday”) or in a note (“add a note to task 2: friday”).",
  yesWithoutQuestion: "Okay. What would you like to do with your tasks?",
  noDuplicates: "You have no duplicate tasks: every title is different.",
  correctionOfTarget:
    "I'm not sure what to change. Say “undo” to reverse what I just did, then tell me again.",
  noNotes:
    "None of your tasks has a note. Add one with “add a note to task 2: ask for the blue one”.",
  dedupeHint: "Say “delete the duplicates” to keep only the first of each.",
  declined: "Okay, I won't change anything.",
  inProgress: "Okay, it stays on your list. Tell me when it's done and I'll mark it.",
  pause: "Take your time: your list will be here when you're back.",
  noted: "Noted. If that settles a task, tell me which one and I'll mark it done.",
  yourCall:
    "That's your call: I change tasks when you tell me to, like “delete task 2” or “mark the report done”.",
  nothingDone: "That's okay: everything is still on your list. Say “what's left?” to see it.",
  cannotUndoDeleteAll:
    "Deleting everything can't be undone: those tasks are gone. You can add them again (“add milk, eggs and bread”).",
  cannotUndo:
    "I can only undo tasks I added, changed, marked done or deleted one by one in this conversation. You can still rename, reopen or delete tasks by number (“reopen task 2”).",
} as const;

/** A reply about one task that reads well merged with its neighbours of the same kind. */
const ONE_TASK_REPLY = /^(Marked|Reopened|Deleted) (“[^”\n]*”)( as done)?\.$/;

/**
 * Merges consecutive one-task replies of the same kind ("mark 1 and 2 as
 * done"): “Marked “Buy milk” and “Call mom” as done.” instead of two
 * paragraphs; other replies stay as they are, in order, a repeated one once.
 */
export function combineReplies(replies: string[]): string[] {
  const out: string[] = [];
  let group: { verb: string; suffix: string; titles: string[] } | null = null;
  /** Other answers met while a group is open ("There is no task 3…"): said after it. */
  let aside: string[] = [];
  const say = (reply: string) => {
    if (out.at(-1) !== reply) out.push(reply); // the same answer twice is said once
  };
  const close = () => {
    if (group) out.push(`${group.verb} ${andList(group.titles)}${group.suffix}.`);
    group = null;
    for (const reply of aside) say(reply);
    aside = [];
  };
  for (const reply of replies) {
    const match = reply.match(ONE_TASK_REPLY);
    const suffix = match?.[3] ?? "";
    if (match && group?.verb === match[1] && group.suffix === suffix) {
      group.titles.push(match[2]);
      continue;
    }
    if (!match && group) {
      aside.push(reply);
      continue;
    }
    close();
    if (match) group = { verb: match[1], suffix, titles: [match[2]] };
    else say(reply);
  }
  close();
  return out;
}

/** "A", "A and B", "A, B, and C". */
const andFormat = new Intl.ListFormat("en", { style: "long", type: "conjunction" });
/** Titles that count as the same task: any case, outer spaces aside. */
export function titleKey(task: { title: string }): string {
  return task.title.trim().toLowerCase();
}

/** The tasks with a note, each with it; or how to add one. */
export function describeNotes(tasks: PlannerTask[]): string {
  const noted = tasks.filter((task) => task.description);
  if (noted.length === 0) return REPLIES.noNotes;
  const head = noted.length === 1 ? "1 task has a note" : `${noted.length} tasks have notes`;
  const lines = noted.map((task) => `${task.id}. ${task.title}: ${task.description}`);
  return `${head}:\n${lines.join("\n")}`;
}

/** Which titles appear more than once, with their numbers; or that none does. */
export function describeDuplicates(tasks: PlannerTask[]): string {
  const byTitle = Map.groupBy(tasks, titleKey);
  const twice = [...byTitle.values()].filter((group) => group.length > 1);
  if (twice.length === 0) return REPLIES.noDuplicates;
  const lines = twice.map((group) =>
    `“${group[0].title}”: tasks ${andList(group.map((task) => String(task.id)))}`
  );
  const what = twice.length === 1 ? "One title is" : `${twice.length} titles are`;
  return `${what} on your list more than once:\n${lines.join("\n")}\n${REPLIES.dedupeHint}`;
}

/** "a, b and c". */
export function andList(items: string[]): string {
  return andFormat.format(items);
}

/** "Should I add “Milk” to your list?…": asked when a few words may be a task. */
export function offerQuestion(title: string): string {
  return `Should I add “${title}” to your list? Reply “yes” to add it.`;
}

/**
 * The title the last reply offered to add, when it was {@linkcode offerQuestion}
 * exactly, alone or after "I couldn't find a task matching …"; else null.
 */
export function offeredTitle(reply: string): string | null {
  const offered = reply.match(
    /^(?:I couldn't find a task matching “(.*?)”\. )?Should I add “(.+)” to your list\? Reply “yes” to add it\.$/s,
  );
  if (!offered) return null;
  const none = offered[1] === undefined ? "" : `I couldn't find a task matching “${offered[1]}”. `;
  return reply === `${none}${offerQuestion(offered[2])}` ? offered[2] : null;
}

/**
 * True when the assistant's last paragraph is exactly the planner's own
 * delete-everything question. A suffix test is not enough: a list reply ends
 * with a task title, and a title could be written to look like the question.
 */
export function isDeleteAllQuestion(reply: string): boolean {
  const last = reply.split("\n\n").at(-1) ?? "";
  if (last === deleteAllQuestion(1)) return true;
  const count = last.match(/^This will delete all (\d{1,9}) /);
  return count !== null && last === deleteAllQuestion(Number(count[1]));
}

function deleteAllQuestion(n: number): string {
  const what = n === 1 ? "the only task" : `all ${n} tasks`;
  return `This will delete ${what} on your list and cannot be undone. ${QUESTIONS.deleteAll}`;
}

/** Asked when "I meant …" follows something other than adding a task. */
export function correctionQuestion(title: string): string {
  // "I meant 2" after a change to task 1: another task, not a new title.
  if (/^(?:task |number |#)?\d+$/i.test(title)) return REPLIES.correctionOfTarget;
  return `Which task should say “${title}”? You can say “rename task 2 to ${title}”.`;
}

/** "Bring milk back" when milk is still to do. */
export function alreadyListed(pending: PlannerTask[]): string {
  if (pending.length === 1) {
    return `“${pending[0].title}” is already on your list, as task ${pending[0].id}.`;
  }
  const named = andList(pending.map((task) => `“${task.title}” (task ${task.id})`));
  return `Those are already on your list: ${named}.`;
}

/** "“Milk” is back, as task 4." */
export function isBack(task: PlannerTask): string {
  return `“${task.title}” is back, as task ${task.id}.`;
}

/** "What did I delete?": from this conversation's tool results. */
export function describeDeleted(ctx: Context): string {
  const cleared = [...ctx.earlier, ...ctx.current]
    .filter((result) => result.name === "delete_all_tasks")
    .map((result) => z.object({ deleted: z.number() }).safeParse(result.value))
    .reduce((sum, parsed) => sum + (parsed.success ? parsed.data.deleted : 0), 0);
  const deleted = deletedTasks(ctx);
  const clearedNote = cleared > 0
    ? ` You also cleared ${plural(cleared, "task")} at once, which I can't name one by one.`
    : "";
  if (deleted.length === 0) {
    const restored = [...ctx.earlier, ...ctx.current].some((result) =>
      result.name === "delete_task" && taskOf(result.value)
    );
    if (restored && cleared === 0) {
      return "Everything you deleted in this conversation is back on your list.";
    }
    return cleared > 0
      ? `You cleared ${
        plural(cleared, "task")
      } at once in this conversation; I can't name them one by one.`
      : "You haven't deleted any tasks in this conversation.";
  }
  const titles = andList(deleted.map((task) => `“${task.title}”`));
  const example = deleted[deleted.length - 1].title.toLowerCase();
  return `In this conversation you deleted ${titles}.${clearedNote} ` +
    `To restore ${deleted.length === 1 ? "it" : "one"}, say “bring back ${example}”.`;
}

/** “Several tasks match …”, the matches, and which one is meant. */
export function severalMatch(tasks: PlannerTask[], text: string): string {
  const list = tasks.map((task) => `${task.id}. ${task.title}${task.completed ? " (done)" : ""}`)
    .join("\n");
  return `Several tasks match “${text}”:\n${list}\n${QUESTIONS.which}`;
}

/** "I'm not sure which task to delete." */
export function whichPrefix(verb: string): string {
  return `I'm not sure which task to ${verb}.`;
}

/** True when a tool answered that the task does not exist. */
export function isNotFound(result: CallResult): boolean {
  const error = ToolError.safeParse(result.value);
  return error.success && error.data.error.code === "not_found";
}

/** Which task numbers exist, briefly: the list itself is one “show my list” away. */
export function numbersHint(tasks: PlannerTask[]): string {
  if (tasks.length === 0) return "Your list is empty.";
  const ids = tasks.map((task) => task.id).sort((a, b) => a - b);
  if (ids.length === 1) return `Your only task is number ${ids[0]}, “${short(tasks[0].title)}”.`;
  if (ids.length <= 6) return `Your task numbers are ${andList(ids.map(String))}.`;
  return `Your task numbers run from ${ids[0]} to ${ids.at(-1)}; say “show my list” to see them.`;
}

/** “Added “Buy milk” as task 3.”, or a numbered list when several were added. */
export function describeAdds(results: CallResult[]): string {
  const added = results.map((result) => taskOf(result.value)).filter((task) => task !== null);
  const failures = results.flatMap((result) => {
    const error = ToolError.safeParse(result.value);
    return error.success
      ? [
        `I couldn't add “${short(String(result.arguments.title ?? ""))}”: ${
          sentence(error.data.error.message)
        }`,
      ]
      : [];
  });
  const lines = added.length === 1
    ? [
      `Added “${added[0].title}” as task ${added[0].id}${
        added[0].description ? `, with the note: ${sentence(added[0].description)}` : "."
      }`,
    ]
    : added.length > 1
    ? [
      `Added ${added.length} tasks:\n${
        added.map((task) => `${task.id}. ${task.title}`).join("\n")
      }`,
    ]
    : [];
  return [...lines, ...failures].join("\n\n") || "I couldn't add that.";
}

/** One task with its state and note. */
export function describeTask(task: PlannerTask): string {
  const state = task.completed ? "done" : "not done yet";
  const note = task.description ? `\nNote: ${task.description}` : "";
  return `Task ${task.id} is “${task.title}” (${state}).${note}`;
}

const QUOTE_MAX = 60;

/** A user's text shortened for quoting back (a 5,000-character title is not read twice). */
export function short(text: string): string {
  const chars = [...text];
  return chars.length > QUOTE_MAX ? `${chars.slice(0, QUOTE_MAX - 1).join("").trimEnd()}…` : text;
}

/** The text as the end of a sentence: with a full stop unless it has one. */
export function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** A list result as a numbered list, or its count (`count`). */
export function describeList(result: CallResult, count: boolean, search?: string): string {
  const error = ToolError.safeParse(result.value);
  if (error.success) return `I couldn't read your tasks: ${error.data.error.message}`;
  const status = String(result.arguments.status ?? "all");
  const tasks = tasksOf(result);
  const kind = status === "all" ? "" : `${status} `;
  const about = search ? ` matching “${search}”` : "";
  if (tasks.length === 0) {
    if (search) return `You have no ${kind}tasks${about}.`;
    if (status === "completed") return "You haven't completed any tasks yet.";
    return status === "all"
      ? "Your list is empty. Tell me what to add, like “add a task to buy milk”."
      : "Nothing left to do: you have no pending tasks.";
  }
  const noun = tasks.length === 1 ? "task" : "tasks";
  if (count) {
    if (status === "completed") return `You've completed ${tasks.length} ${noun}${about}.`;
    if (status === "pending") return `You have ${tasks.length} ${noun} left${about}.`;
    const open = tasks.filter((task) => !task.completed).length;
    // "3 pending and 0 done" reads like a form: a list all one way says so.
    if (open === tasks.length) {
      return `You have ${tasks.length} ${noun}${about}, ${
        tasks.length === 1 ? "not" : "none"
      } done yet.`;
    }
    if (open === 0) {
      return `You have ${tasks.length} ${noun}${about}, ${
        tasks.length === 1 ? "done" : "all done"
      }.`;
    }
    return `You have ${tasks.length} ${noun}${about}: ${open} pending and ${
      tasks.length - open
    } done.`;
  }
  const lines = tasks.map((task) => `${task.id}. ${task.title}${task.completed ? " (done)" : ""}`);
  return `Here ${tasks.length === 1 ? "is" : "are"} your ${tasks.length} ${kind}${noun}${about}:\n${
    lines.join("\n")
  }`;
}

/** A whole-list change's result: "Marked 3 tasks as done.", or why nothing changed. */
export function describeBulk(
  result: CallResult,
  field: string,
  verb: string,
  suffix: string,
): string {
  const error = ToolError.safeParse(result.value);
  if (error.success) return `That didn't work: ${error.data.error.message}`;
  const value = z.object({ [field]: z.number() }).safeParse(result.value);
  const n = value.success ? Number(value.data[field]) : 0;
  if (n === 0) {
    return field === "deleted"
      ? "There was nothing to delete."
      : "Nothing to mark as done: you have no pending tasks.";
  }
  return `${verb} ${plural(n, "task")}${suffix ? ` ${suffix}` : ""}.`;
}

/**
 * Asks before deleting every task but those matching `keep`. A list where
 * nothing matches would lose everything: that is the delete-all question's to ask.
 */
export function askDeleteExcept(tasks: PlannerTask[], keep: string): string {
  const kept = tasks.filter((task) => matchesSearch(task, keep));
  const gone = tasks.length - kept.length;
  if (tasks.length === 0) return "Your list is already empty.";
  if (kept.length === 0) {
    return `No task matches “${keep}”, so that would delete everything. Say “delete everything” if you mean that.`;
  }
  if (gone === 0) return `Every task matches “${keep}”: there is nothing else to delete.`;
  return deleteExceptQuestion(gone, keep);
}

function deleteExceptQuestion(n: number, keep: string): string {
  return `This will delete ${
    plural(n, "task")
  }: all but those matching “${keep}”. ${QUESTIONS.deleteAll}`;
}

/** The words the last question would keep, when it was {@linkcode deleteExceptQuestion} exactly; else null. */
export function keptByDeleteExceptQuestion(reply: string): string | null {
  const last = reply.split("\n\n").at(-1) ?? "";
  const asked = last.match(/^This will delete (\d{1,9}) tasks?: all but those matching “(.+)”\. /);
  if (!asked) return null;
  return last === deleteExceptQuestion(Number(asked[1]), asked[2]) ? asked[2] : null;
}

/** The delete-everything question for the list just read (or that it is empty). */
export function askDeleteAll(result: CallResult): string {
  const n = tasksOf(result).length;
  return n === 0 ? "Your list is already empty." : deleteAllQuestion(n);
}
