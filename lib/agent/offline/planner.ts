/**
 * The offline model's planner: reads a chat-completions conversation and
 * decides the next assistant turn, either tool calls or the final text. It is
 * stateless: the intents come from the last user message (and the question
 * the assistant asked just before it), and the progress of the current turn
 * from the tool results that follow that message.
 */
import { z } from "zod";
import { matchesSearch } from "../../tasks/schemas.ts";
import { plural } from "../../text.ts";
import { messageText } from "../confirmation.ts";
import { parseIntents } from "./grammar.ts";
import type { Intent, TaskRef } from "./intent.ts";
import { parseRef } from "./refs.ts";
import { cleanTitle, isQuestion, isTaskVerb } from "./words.ts";

/** One tool call the planner wants. */
export interface PlannedCall {
  name: string;
  arguments: Record<string, unknown>;
}

/** The next assistant turn. */
export type Plan = { kind: "text"; text: string } | { kind: "tools"; calls: PlannedCall[] };

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

const PlannerTask = z.object({
  id: z.number(),
  title: z.string(),
  description: z.string().nullish(),
  completed: z.boolean(),
}).loose();
type PlannerTask = z.infer<typeof PlannerTask>;
const ToolError = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** The clarifying questions the planner asks; it recognises them in the next turn. */
export const QUESTIONS = {
  title: "What should the new task say?",
  which: "Which one do you mean? Tell me its number.",
  whichTask: "Which task do you mean? You can give its number or a few words of its title.",
  whichTwo: "Which two tasks do you mean? You can give their numbers, like “1 and 3”.",
  deleteAll: "Reply “yes” to confirm, or “no” to keep them.",
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
  yourCall:
    "That's your call: I change tasks when you tell me to, like “delete task 2” or “mark the report done”.",
  nothingDone: "That's okay: everything is still on your list. Say “what's left?” to see it.",
  cannotUndo:
    "I can only undo the last task I added, changed, marked done or deleted in this conversation. You can still rename, reopen or delete tasks by number (“reopen task 2”).",
} as const;

interface CallResult {
  name: string;
  arguments: Record<string, unknown>;
  /** The parsed tool message content. */
  value: unknown;
}

type Step = { calls: PlannedCall[] } | { reply: string };

/** Everything a step may look at. */
interface Context {
  /** Tool results before the current user message, oldest first. */
  earlier: CallResult[];
  /** `earlier`, one list per user message it answered, oldest first. */
  turns: CallResult[][];
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

/** Decides the next assistant turn for a conversation. */
export function planTurn(messages: PlannerMessage[]): Plan {
  const userAt = messages.findLastIndex((message) => message.role === "user");
  if (userAt < 0) return { kind: "text", text: REPLIES.greeting };
  const batches = resultBatches(messages, userAt + 1, messages.length).map((turn) => turn.results);
  const earlier = resultBatches(messages, 0, userAt);
  const ctx: Context = {
    earlier: earlier.flatMap((turn) => turn.results),
    turns: byUserMessage(earlier),
    current: [],
    shown: lastShownList(earlier),
  };
  const intents = intentsFor(messages, userAt, ctx);
  const replies: string[] = [];
  let next = 0;
  for (const [index, intent] of intents.entries()) {
    ctx.later = intents.length - index - 1;
    const done: CallResult[][] = [];
    for (;;) {
      const step = stepFor(intent, done, ctx);
      if ("reply" in step) {
        replies.push(step.reply);
        break;
      }
      const batch = batches[next];
      if (!batch || batch.length !== step.calls.length) return { kind: "tools", calls: step.calls };
      next++;
      done.push(batch);
      ctx.current.push(...batch);
    }
  }
  return { kind: "text", text: combineReplies(replies).join("\n\n") };
}

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
function titleKey(task: { title: string }): string {
  return task.title.trim().toLowerCase();
}

/** The tasks with a note, each with it; or how to add one. */
function describeNotes(tasks: PlannerTask[]): string {
  const noted = tasks.filter((task) => task.description);
  if (noted.length === 0) return REPLIES.noNotes;
  const head = noted.length === 1 ? "1 task has a note" : `${noted.length} tasks have notes`;
  const lines = noted.map((task) => `${task.id}. ${task.title}: ${task.description}`);
  return `${head}:\n${lines.join("\n")}`;
}

/** Which titles appear more than once, with their numbers; or that none does. */
function describeDuplicates(tasks: PlannerTask[]): string {
  const byTitle = Map.groupBy(tasks, titleKey);
  const twice = [...byTitle.values()].filter((group) => group.length > 1);
  if (twice.length === 0) return REPLIES.noDuplicates;
  const lines = twice.map((group) =>
    `“${group[0].title}”: tasks ${andList(group.map((task) => String(task.id)))}`
  );
  const what = twice.length === 1 ? "One title is" : `${twice.length} titles are`;
  return `${what} on your list more than once:\n${lines.join("\n")}\n${REPLIES.dedupeHint}`;
}

function andList(items: string[]): string {
  return andFormat.format(items);
}

/** Intents that only make conversation: left out of a message that also asks about tasks. */
const SMALL_TALK = new Set<Intent["type"]>(["greeting", "thanks", "help", "goodbye"]);

/** The intents of the current message, read in the light of the question asked before it. */
function intentsFor(messages: PlannerMessage[], userAt: number, ctx: Context): Intent[] {
  const text = textOf(messages[userAt]);
  const parsed = parseIntents(text);
  // "hmm, what's the weather, and show my list": answer the part about tasks; "Hi! Can you help
  // me plan? I need to …" or "Great. Also remind me …": the tasks are the answer, not a greeting.
  const onTopic = parsed.filter((intent) => intent.type !== "off_topic");
  const tasks = onTopic.filter((intent) => !SMALL_TALK.has(intent.type));
  const intents = tasks.length ? tasks : onTopic.length ? onTopic : parsed;
  const askedAt = messages.slice(0, userAt).findLastIndex(
    (message) => message.role === "assistant" && textOf(message) !== "",
  );
  const asked = askedAt >= 0 ? textOf(messages[askedAt]) : "";
  const only = intents.length === 1 ? intents[0] : undefined;
  if (only?.type === "cancel") {
    // "cancel that" answers a question with no; after a change it takes the change back.
    const question = isDeleteAllQuestion(asked) || keptByDeleteExceptQuestion(asked) !== null ||
      Object.values(QUESTIONS).some((q) => asked.endsWith(q)) || /\?\s*$/.test(asked);
    return [{ type: question ? "no" : "undo" }];
  }
  if (isDeleteAllQuestion(asked)) {
    if (only?.type === "yes") {
      return [{ type: "delete_all", confirmed: true } as ConfirmedDeleteAll];
    }
    if (only?.type === "no") return [{ type: "no" }];
  }
  const keep = keptByDeleteExceptQuestion(asked);
  if (keep !== null) {
    if (only?.type === "yes") {
      return [{ type: "delete_except", keep, confirmed: true } as ConfirmedDeleteExcept];
    }
    if (only?.type === "no") return [{ type: "no" }];
  }
  if (asked.endsWith(QUESTIONS.title) && only?.type === "off_topic") {
    // "to water the plants" answers "What should the new task say?" with the errand.
    const title = cleanTitle(text.replace(/^\s*(?:to|about)\s+/i, ""));
    if (title) return [{ type: "add", titles: [title.charAt(0).toUpperCase() + title.slice(1)] }];
  }
  if (
    (asked.endsWith(QUESTIONS.which) || asked.endsWith(QUESTIONS.whichTask)) &&
    // A question of the user's own is not an answer; "which milk?" still narrows it down.
    only?.type === "off_topic" && (!isQuestion(text) || /^\s*which\b/i.test(text))
  ) {
    const ref = parseRef(
      text.replace(/^(?:i mean|i meant|the one (?:called|about)|number)\s+/i, ""),
    );
    if (ref) {
      const target = askedAbout(messages, askedAt);
      if (target) {
        const candidates = lastList(ctx.earlier);
        const resolved = ref.kind === "text" && candidates.length
          ? narrow(candidates, ref.text)
          : ref;
        return [{ ...target, ref: resolved }];
      }
    }
  }
  // "fix the typo" → "What should the new title be?" → "milk": the rename asked about.
  if (asked.endsWith(QUESTIONS.newTitle) && only?.type === "off_topic" && !isQuestion(text)) {
    const target = askedAbout(messages, askedAt);
    const title = cleanTitle(text);
    if (target?.type === "rename" && title) {
      return [{ ...target, title: title.charAt(0).toUpperCase() + title.slice(1) }];
    }
  }
  const offered = offeredTitle(asked);
  if (offered !== null && only?.type === "yes") return [{ type: "add", titles: [offered] }];
  // "2 too", "and the milk one", "same for 3": the previous request again, on another task.
  const again = followUp(text);
  if (only?.type === "off_topic" && again) {
    const ref = parseRef(again);
    const previous = previousRequest(messages, userAt);
    // "and the last one?" asks: it repeats a question ("what was the second one?"), never a change.
    const asks = /\?\s*$/.test(text);
    if (ref && previous && (!asks || previous.type === "show")) return [{ ...previous, ref }];
  }
  // "milk", "dentist tomorrow": maybe a task; asked rather than refused or added unasked.
  const title = only?.type === "off_topic" ? offerableTitle(text) : null;
  if (title) return [{ type: "offer_add", title }];
  return intents;
}

/** Words that start a question, a request to the assistant, or mere noise: never offered as a task. */
const NOT_A_TITLE =
  /^(?:(?:make|call|name|do) (?:it|that|this)\b|tell|explain|who|what|whats|when|where|why|how|can|could|would|should|is|are|do|does|did|will|i|i'm|im|you|we|it|this|that|lol|haha|hmm+|ok|okay|wow|huh|test|testing|hi|hey|yo|please|sing|play|write|give|say|let's|lets|just|yes|no|maybe|sure|idk|ugh|meh|nothing|everything|something|anything)\b/i;

/** A short message that could be a task title ("milk", "dentist tomorrow"), capitalised; else null. */
function offerableTitle(text: string): string | null {
  const said = text.trim().replace(/[\s.!]+$/, "");
  const words = said.split(/\s+/);
  if (!said || words.length > 5 || /[?]/.test(said) || !/\p{L}/u.test(said)) return null;
  if (NOT_A_TITLE.test(said) || /\b(?:me|you|your|yourself)\b/i.test(said)) return null;
  // Keyboard mash ("asdfghjkl", "xkcd qwrtz"): a run of consonants no word has.
  if (/[bcdfghjklmnpqrstvwxz]{5,}/i.test(said)) return null;
  const title = cleanTitle(said);
  return title ? title.charAt(0).toUpperCase() + title.slice(1) : null;
}

function offerQuestion(title: string): string {
  return `Should I add “${title}” to your list? Reply “yes” to add it.`;
}

/** The title the last reply offered to add, when it was {@linkcode offerQuestion} exactly; else null. */
function offeredTitle(reply: string): string | null {
  const offered = reply.match(/^Should I add “(.+)” to your list\? Reply “yes” to add it\.$/s);
  return offered && reply === offerQuestion(offered[1]) ? offered[1] : null;
}

/** The task named by a follow-up ("2 too", "and the milk one", "same for 3"), else null. */
function followUp(text: string): string | null {
  const match = text.trim().replace(/[\s.!?]+$/, "").match(
    /^(?:(?:ok(?:ay)?|so|alright),?\s+)?(?:(?:and|also|same (?:for|with)|now) (.+?)|(.+?),? (?:too|as well|also))$/i,
  );
  return match ? match[1] ?? match[2] : null;
}

/**
 * The request on one task the user made last (through any follow-ups since),
 * if their latest request was one: what "2 too" repeats.
 */
function previousRequest(
  messages: PlannerMessage[],
  userAt: number,
): Extract<Intent, { type: "complete" | "delete" | "show" }> | null {
  for (let at = userAt - 1; at >= 0; at--) {
    if (messages[at].role !== "user") continue;
    const text = textOf(messages[at]);
    const parsed = parseIntents(text);
    const [intent] = parsed;
    if (parsed.length === 1 && intent.type === "off_topic" && followUp(text)) continue;
    if (parsed.length !== 1) return null;
    return intent.type === "complete" || intent.type === "delete" || intent.type === "show"
      ? intent
      : null;
  }
  return null;
}

/**
 * The request a "which one?" question is about: the latest user message
 * before it that names a task (an answer that only asked again, "which
 * milk?", is passed over; at most a few messages back).
 */
function askedAbout(
  messages: PlannerMessage[],
  askedAt: number,
): Extract<Intent, { ref: TaskRef | null }> | undefined {
  let looked = 0;
  for (let i = askedAt - 1; i >= 0 && looked < 4; i--) {
    if (messages[i].role !== "user") continue;
    looked++;
    const target = parseIntents(textOf(messages[i])).find((intent) => "ref" in intent);
    if (target && "ref" in target) return target;
  }
  return undefined;
}

type ConfirmedDeleteAll = { type: "delete_all"; confirmed: true };
type ConfirmedDeleteExcept = { type: "delete_except"; keep: string; confirmed: true };

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

/** Narrows a "which one" answer given in words to the candidates offered. */
function narrow(candidates: PlannerTask[], text: string): TaskRef {
  const needle = text.toLowerCase();
  const hits = candidates.filter((task) => task.title.toLowerCase().includes(needle));
  return hits.length === 1 ? { kind: "number", id: hits[0].id } : { kind: "text", text };
}

function stepFor(
  intent: Intent | ConfirmedDeleteAll | ConfirmedDeleteExcept,
  done: CallResult[][],
  ctx: Context,
): Step {
  switch (intent.type) {
    case "add":
      if (!done.length) {
        return {
          calls: intent.titles.map((title) => ({
            name: "add_task",
            arguments: intent.description ? { title, description: intent.description } : { title },
          })),
        };
      }
      return { reply: describeAdds(done[0]) };
    case "ask_title":
      return { reply: QUESTIONS.title };
    case "list": {
      const query: Record<string, unknown> = { status: intent.status };
      if (intent.search) query.search = intent.search;
      return afterList(done, query, (listed) => describeList(listed, intent.count, intent.search));
    }
    case "complete":
      return actOnRef(intent.ref, done, ctx, {
        verb: intent.done ? "mark as done" : "reopen",
        prefer: intent.done ? "pending" : "completed",
        call: (id) => ({ name: "complete_task", arguments: { task_id: id, done: intent.done } }),
        describe: (task) =>
          intent.done
            ? (task.completed ? `Marked “${task.title}” as done.` : `“${task.title}” is open.`)
            : `Reopened “${task.title}”.`,
        already: (task) =>
          task.completed !== intent.done
            ? null
            : intent.done
            ? `“${task.title}” is already done.`
            : `“${task.title}” isn't done, so there is nothing to reopen.`,
      });
    case "correction": {
      // Only a task just added is corrected by "I meant …"; anything else is asked about.
      const last = lastChange(ctx, done.flat());
      const added = last?.name === "add_task" ? taskOf(last.value) : null;
      if (!added) return { reply: correctionQuestion(intent.title) };
      if (!done.length) {
        return {
          calls: [{ name: "update_task", arguments: { task_id: added.id, title: intent.title } }],
        };
      }
      const renamed = taskOf(done[0][0].value);
      return {
        reply: renamed
          ? `Changed task ${renamed.id} to “${renamed.title}”.`
          : `I couldn't change task ${added.id}.`,
      };
    }
    case "rename":
      if (intent.title === null) return { reply: QUESTIONS.newTitle };
      return actOnRef(intent.ref, done, ctx, {
        verb: "rename",
        call: (id) => ({ name: "update_task", arguments: { task_id: id, title: intent.title } }),
        describe: (task) => `Renamed task ${task.id} to “${task.title}”.`,
      });
    case "note":
      if (intent.text === null) return { reply: QUESTIONS.note };
      return actOnRef(intent.ref, done, ctx, {
        verb: "add a note to",
        call: (id) => ({
          name: "update_task",
          arguments: { task_id: id, description: intent.text || null },
        }),
        describe: (task) =>
          !task.description
            ? `Removed the note from “${task.title}”.`
            : intent.change
            ? `The note on “${task.title}” now reads: ${sentence(task.description)}`
            : `Added a note to “${task.title}”: ${sentence(task.description)}`,
      });
    case "show":
      return actOnRef(intent.ref, done, ctx, {
        verb: "show",
        call: (id) => ({ name: "get_task", arguments: { task_id: id } }),
        describe: describeTask,
      });
    case "delete":
      return actOnRef(intent.ref, done, ctx, {
        verb: "delete",
        call: (id) => ({ name: "delete_task", arguments: { task_id: id } }),
        describe: (task) => `Deleted “${task.title}”.`,
      });
    case "complete_all":
      if (intent.except !== undefined) {
        const except = intent.except;
        return eachListed(done, {
          query: { status: "pending" },
          keep: (task) => !matchesSearch(task, except),
          call: (id) => ({ name: "complete_task", arguments: { task_id: id, done: true } }),
          none: `Nothing to mark as done: every pending task matches “${intent.except}”.`,
          failed: "I couldn't mark those tasks as done.",
          verb: "Marked",
          what: "task",
          suffix: " as done",
        });
      }
      if (!done.length) return { calls: [{ name: "complete_all_tasks", arguments: {} }] };
      return { reply: describeBulk(done[0][0], "completed", "Marked", "as done") };
    case "delete_all":
      if ("confirmed" in intent) {
        if (!done.length) {
          return { calls: [{ name: "delete_all_tasks", arguments: { confirm: true } }] };
        }
        return { reply: describeBulk(done[0][0], "deleted", "Deleted", "") };
      }
      return afterList(done, { status: "all" }, askDeleteAll);
    case "bring_back": {
      // A task of that name deleted in this conversation comes back; else a done one is
      // reopened, and a pending one is already there; none means the words are an errand to add.
      if (!done.length) {
        const deleted = deletedTasks(ctx).findLast((task) => matchesSearch(task, intent.text));
        if (deleted) return { calls: [restoreCall(deleted)] };
        return {
          calls: [{ name: "list_tasks", arguments: { status: "all", search: intent.text } }],
        };
      }
      const first = done[0][0];
      if (first.name === "add_task") {
        const restored = taskOf(first.value);
        return { reply: restored ? isBack(restored) : describeAdds([first]) };
      }
      if (done.length === 1) {
        const matches = tasksOf(first);
        const completed = matches.filter((task) => task.completed);
        if (completed.length > 1) return { reply: severalMatch(completed, intent.text) };
        if (completed.length === 1) {
          return {
            calls: [{
              name: "complete_task",
              arguments: { task_id: completed[0].id, done: false },
            }],
          };
        }
        if (matches.length > 0) return { reply: alreadyListed(matches) };
        return { calls: [{ name: "add_task", arguments: { title: intent.title } }] };
      }
      const result = done[1][0];
      if (result.name === "add_task") return { reply: describeAdds([result]) };
      const task = taskOf(result.value);
      return { reply: task ? `Reopened “${task.title}”.` : "I couldn't reopen that task." };
    }
    case "delete_except": {
      const gone = (task: PlannerTask) => !matchesSearch(task, intent.keep);
      if ("confirmed" in intent) {
        return eachListed(done, {
          query: { status: "all" },
          keep: gone,
          call: (id) => ({ name: "delete_task", arguments: { task_id: id } }),
          none: `Every task matches “${intent.keep}”: there is nothing else to delete.`,
          failed: "I couldn't delete those tasks.",
          verb: "Deleted",
          what: "task",
        });
      }
      return afterList(
        done,
        { status: "all" },
        (listed) => askDeleteExcept(tasksOf(listed), intent.keep),
      );
    }
    case "delete_completed":
      return eachListed(done, {
        query: { status: "completed" },
        call: (id) => ({ name: "delete_task", arguments: { task_id: id } }),
        none: "You have no completed tasks to clear.",
        failed: "I couldn't delete your completed tasks.",
        verb: "Deleted",
        what: "completed task",
      });
    case "extreme":
      return afterList(done, { status: intent.status }, (listed) => {
        const tasks = tasksOf(listed);
        if (tasks.length === 0) return describeList(listed, false);
        const task = intent.which === "oldest" ? tasks[0] : tasks[tasks.length - 1];
        const kind = intent.status === "all" ? "" : `${intent.status} `;
        return `Your ${intent.which} ${kind}task is ${task.id}. ${task.title}${
          task.completed ? " (done)" : ""
        }.`;
      });
    case "list_notes":
      return afterList(done, { status: "all" }, (listed) => describeNotes(tasksOf(listed)));
    case "find_duplicates":
      return afterList(done, { status: "all" }, (listed) => describeDuplicates(tasksOf(listed)));
    case "delete_duplicates": {
      // The first task with a title stays; later ones with the same title (any case) go.
      const seen = new Set<string>();
      return eachListed(done, {
        query: { status: "all" },
        keep: (task) => {
          const title = titleKey(task);
          if (!seen.has(title)) {
            seen.add(title);
            return false;
          }
          return true;
        },
        call: (id) => ({ name: "delete_task", arguments: { task_id: id } }),
        none: REPLIES.noDuplicates,
        failed: "I couldn't delete the duplicates.",
        verb: "Deleted",
        what: "duplicate",
      });
    }
    case "delete_matching":
      return eachListed(done, {
        query: { status: "all", search: intent.search },
        call: (id) => ({ name: "delete_task", arguments: { task_id: id } }),
        none: `No tasks match “${intent.search}”.`,
        failed: "I couldn't delete those tasks.",
        verb: "Deleted",
        what: "task",
      });
    case "reopen_all":
      return eachListed(done, {
        query: { status: "completed" },
        call: (id) => ({ name: "complete_task", arguments: { task_id: id, done: false } }),
        none: "You have no completed tasks to reopen.",
        failed: "I couldn't reopen your completed tasks.",
        verb: "Reopened",
        what: "task",
      });
    case "due":
      return dueTasks(intent.when, done);
    case "reorder":
      return { reply: REPLIES.cannotReorder };
    case "reschedule":
      return { reply: REPLIES.cannotReschedule };
    case "prioritise":
      return { reply: REPLIES.cannotPrioritise };
    case "priority_question":
      return afterList(done, { status: "pending" }, (listed) => {
        const left = describeList(listed, false);
        return tasksOf(listed).length ? `${REPLIES.noPriorities} ${left}` : left;
      });
    case "replace":
      // "change sarah to Sara in task 1": the words replaced in the title, whatever their case.
      return actOnRef(intent.ref, done, ctx, {
        verb: "change",
        edit: (task) => {
          const at = task.title.toLowerCase().indexOf(intent.from.toLowerCase());
          const title = task.title.slice(0, at) + intent.to +
            task.title.slice(at + intent.from.length);
          return { name: "update_task", arguments: { task_id: task.id, title } };
        },
        already: (task) =>
          task.title.toLowerCase().includes(intent.from.toLowerCase())
            ? null
            : `“${task.title}” doesn't contain “${intent.from}”.`,
        describe: (task) => `Renamed task ${task.id} to “${task.title}”.`,
      });
    case "undo":
      return undoLast(done, ctx);
    case "undo_one":
      return undoOneOf(intent.text, done, ctx);
    case "recall_deleted":
      return { reply: describeDeleted(ctx) };
    case "yes":
      return { reply: REPLIES.yesWithoutQuestion };
    case "no":
    case "cancel":
      return { reply: REPLIES.declined };
    case "greeting":
      return { reply: REPLIES.greeting };
    case "thanks":
      return { reply: REPLIES.thanks };
    case "goodbye":
      return { reply: REPLIES.goodbye };
    case "help":
      return { reply: REPLIES.help };
    case "offer_add":
      return { reply: offerQuestion(intent.title) };
    case "mistake":
      return { reply: REPLIES.correctionOfTarget };
    case "in_progress":
      return { reply: REPLIES.inProgress };
    case "pause":
      return { reply: REPLIES.pause };
    case "your_call":
      return { reply: REPLIES.yourCall };
    case "nothing_done":
      return { reply: REPLIES.nothingDone };
    case "about_chat":
      return { reply: REPLIES.aboutChat };
    case "about_account":
      return { reply: REPLIES.aboutAccount };
    case "off_topic":
      return { reply: REPLIES.offTopic };
  }
}

/** What to do with every completed task, and what to say. */
interface EachListed {
  /** The `list_tasks` arguments that find the tasks. */
  query: Record<string, unknown>;
  call(id: number): PlannedCall;
  none: string;
  failed: string;
  verb: string;
  /** What one of them is called in the reply ("completed task"). */
  what: string;
  /** After the count in the reply (" as done"). */
  suffix?: string;
  /** Which listed tasks to act on (all when absent); `none` is said when it leaves none. */
  keep?(task: PlannerTask): boolean;
}

/** Lists tasks (the completed ones, those matching words), acts on each in one parallel batch, says which. */
function eachListed(done: CallResult[][], action: EachListed): Step {
  if (!done.length) return { calls: [{ name: "list_tasks", arguments: action.query }] };
  const listed = tasksOf(done[0][0]).filter((task) => action.keep?.(task) ?? true);
  if (listed.length === 0) return { reply: action.none };
  if (done.length === 1) return { calls: listed.map((task) => action.call(task.id)) };
  const changed = done[1].map((result) => taskOf(result.value)).filter((task) => task !== null);
  if (changed.length === 0) return { reply: action.failed };
  const titles = andList(changed.map((task) => `“${task.title}”`));
  const what = changed.length === 1 ? action.what : `${action.what}s`;
  return { reply: `${action.verb} ${changed.length} ${what}${action.suffix ?? ""}: ${titles}.` };
}

/**
 * Reverses the last change made to one task in this conversation: a completion
 * is reopened (and the other way round), a task just added is deleted.
 */
/** Tools that change tasks (what "undo" and "I meant …" look back at). */
const CHANGING_TOOLS = new Set([
  "add_task",
  "complete_task",
  "update_task",
  "delete_task",
  "complete_all_tasks",
  "delete_all_tasks",
]);

/** The conversation's latest change to tasks before this turn's own calls (`own`). */
function lastChange(ctx: Context, own: CallResult[] = []): CallResult | undefined {
  return [...ctx.earlier, ...ctx.current].findLast((result) =>
    !own.includes(result) && CHANGING_TOOLS.has(result.name)
  );
}

/** Asked when "I meant …" follows something other than adding a task. */
function correctionQuestion(title: string): string {
  // "I meant 2" after a change to task 1: another task, not a new title.
  if (/^(?:task |number |#)?\d+$/i.test(title)) return REPLIES.correctionOfTarget;
  return `Which task should say “${title}”? You can say “rename task 2 to ${title}”.`;
}

function undoLast(done: CallResult[][], ctx: Context): Step {
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
function undoOneOf(text: string, done: CallResult[][], ctx: Context): Step {
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

/** The changes of this message so far (before `own`), else of the latest earlier turn that made any. */
function lastTurnChanges(ctx: Context, own: CallResult[]): CallResult[] {
  const changes = (results: CallResult[]) =>
    results.filter((result) => !own.includes(result) && CHANGING_TOOLS.has(result.name));
  for (const turn of [...ctx.turns, ctx.current].reverse()) {
    const changed = changes(turn);
    if (changed.length > 0) return changed;
  }
  return [];
}

/** Tool batches grouped by the user message they answered, oldest first. */
function byUserMessage(batches: ToolBatch[]): CallResult[][] {
  const turns: CallResult[][] = [];
  let user = -1;
  for (const batch of batches) {
    if (batch.user !== user || turns.length === 0) turns.push([]);
    user = batch.user;
    turns[turns.length - 1].push(...batch.results);
  }
  return turns;
}

/** Adds a deleted task again, with its note. Task numbers are never reused: it gets a new one. */
function restoreCall(task: PlannerTask): PlannedCall {
  const args: Record<string, unknown> = { title: task.title };
  if (task.description) args.description = task.description;
  return { name: "add_task", arguments: args };
}

/** "Bring milk back" when milk is still to do. */
function alreadyListed(pending: PlannerTask[]): string {
  if (pending.length === 1) {
    return `“${pending[0].title}” is already on your list, as task ${pending[0].id}.`;
  }
  const named = andList(pending.map((task) => `“${task.title}” (task ${task.id})`));
  return `Those are already on your list: ${named}.`;
}

function isBack(task: PlannerTask): string {
  return `“${task.title}” is back, as task ${task.id}.`;
}

/**
 * Tasks deleted one by one in this conversation and not added again since
 * (by undo or "bring … back"), oldest first.
 */
function deletedTasks(ctx: Context): PlannerTask[] {
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

/** "What did I delete?": from this conversation's tool results. */
function describeDeleted(ctx: Context): string {
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

/** The task as a result before `change` showed it (a list, a read, the call that made it). */
function versionBefore(ctx: Context, change: CallResult, id: number): PlannerTask | undefined {
  const results = [...ctx.earlier, ...ctx.current];
  const upTo = results.indexOf(change);
  for (let i = upTo - 1; i >= 0; i--) {
    const found = [taskOf(results[i].value), ...tasksOf(results[i])].find((t) => t?.id === id);
    if (found) return found;
  }
  return undefined;
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

type Action =
  & {
    verb: string;
    /** Which tasks win when a description matches several. */
    prefer?: "pending" | "completed";
    describe(task: PlannerTask): string;
    /** The answer when the task, known before the call, is already as asked (no call then). */
    already?(task: PlannerTask): string | null;
  }
  & (
    /** The call, given the task's number. */
    | { call(id: number): PlannedCall; edit?: never }
    /** The call, given the task as it is (read first when it is named by number). */
    | { edit(task: PlannerTask): PlannedCall; call?: never }
  );

/** The action on a task known before the call: its answer when already as asked, else its call. */
function actOn(task: PlannerTask, action: Action): Step {
  const already = action.already?.(task);
  if (already) return { reply: already };
  return { calls: [action.edit !== undefined ? action.edit(task) : action.call(task.id)] };
}

/**
 * Acts on the task a reference names: a number acts at once; words search
 * first (then, if nothing matches, look at every title word by word), then act
 * on the single match, or ask which when several match.
 */
function actOnRef(ref: TaskRef | null, done: CallResult[][], ctx: Context, action: Action): Step {
  if (ref?.kind === "both") {
    const pair = shownTasks(ctx, done.flat());
    if (pair.length !== 2 || !action.call) return { reply: QUESTIONS.whichTwo };
    return actOnEach(pair, done, action);
  }
  const resolved = resolveRef(ref, ctx, done.flat());
  if (resolved === null) return { reply: `${whichPrefix(action.verb)} ${QUESTIONS.whichTask}` };
  if (typeof resolved === "object") {
    if ("index" in resolved) return actOnPlace(resolved.index, done, action);
    return {
      reply: resolved.shown === 0
        ? "The last list I showed was empty."
        : `The last list I showed has only ${resolved.shown} ${
          resolved.shown === 1 ? "task" : "tasks"
        }.`,
    };
  }
  if (typeof resolved === "number") {
    if (!done.length) {
      const first = action.edit === undefined
        ? action.call(resolved)
        : { name: "get_task", arguments: { task_id: resolved } };
      return { calls: [first] };
    }
    if (isNotFound(done[0][0])) {
      // More changes follow ("delete 1-4" with no 3): a list read now would be stale by the reply.
      if (ctx.later) return { reply: `There is no task ${resolved} on your list.` };
      // No such number: read the list to say which numbers there are.
      if (done.length === 1) {
        return { calls: [{ name: "list_tasks", arguments: { status: "all" } }] };
      }
      return {
        reply: `There is no task ${resolved} on your list. ${numbersHint(tasksOf(done[1][0]))}`,
      };
    }
    // An edit read the task first; it acts now, then its result is described.
    const read = action.edit !== undefined ? taskOf(done[0][0].value) : null;
    if (read && done.length === 1) return actOn(read, action);
    return { reply: describeAction(done[read ? 1 : 0][0], action, resolved) };
  }
  const text = resolved;
  if (!done.length) {
    return { calls: [{ name: "list_tasks", arguments: { status: "all", search: text } }] };
  }
  let tasks = tasksOf(done[0][0]);
  let used = 1;
  if (tasks.length === 0) {
    if (done.length < 2) return { calls: [{ name: "list_tasks", arguments: { status: "all" } }] };
    // "delete dentist and insurance": no task says all of it, but each part names one.
    const each = action.call ? eachNamed(tasksOf(done[1][0]), text) : null;
    if (each) return actOnEach(each, done.slice(2), action);
    tasks = fuzzyMatches(tasksOf(done[1][0]), text);
    used = 2;
  }
  const chosen = choose(tasks, text, action.prefer);
  if (chosen === null) return { reply: `I couldn't find a task matching “${text}”.` };
  if (Array.isArray(chosen)) return { reply: severalMatch(chosen, text) };
  if (done.length === used) return actOn(chosen, action);
  return { reply: describeAction(done[used][0], action, chosen.id) };
}

/** Reads the list (`query`), then answers from it: the intents that only look. */
function afterList(
  done: CallResult[][],
  query: Record<string, unknown>,
  answer: (listed: CallResult) => string,
): Step {
  if (!done.length) return { calls: [{ name: "list_tasks", arguments: query }] };
  return { reply: answer(done[0][0]) };
}

/**
 * The tasks "dentist and insurance" or "milk, eggs" name when each part names
 * exactly one task, and different ones; `null` otherwise (then the words are
 * matched as a whole).
 */
function eachNamed(tasks: PlannerTask[], text: string): PlannerTask[] | null {
  const parts = text.split(/\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+/)
    .map((part) => part.replace(/^(?:the|my)\s+/i, "").trim());
  if (parts.length < 2 || parts.some((part) => !part)) return null;
  const named: PlannerTask[] = [];
  for (const part of parts) {
    const matches = tasks.filter((task) => matchesSearch(task, part));
    if (matches.length !== 1 || named.includes(matches[0])) return null;
    named.push(matches[0]);
  }
  return named;
}

/** Acts on each of several tasks in one turn; one merged reply when their calls are back. */
function actOnEach(tasks: PlannerTask[], rest: CallResult[][], action: Action): Step {
  const call = action.call!;
  const asIs = (task: PlannerTask) => action.already?.(task) ?? null;
  const toCall = tasks.filter((task) => asIs(task) === null);
  if (rest.length === 0 && toCall.length > 0) {
    return { calls: toCall.map((task) => call(task.id)) };
  }
  const results = rest[0] ?? [];
  const replies = tasks.map((task) => {
    const already = asIs(task);
    if (already !== null) return already;
    const result = results[toCall.indexOf(task)];
    return result
      ? describeAction(result, action, task.id)
      : `I couldn't ${action.verb} task ${task.id}.`;
  });
  return { reply: combineReplies(replies).join("\n\n") };
}

/** “Several tasks match …”, the matches, and which one is meant. */
function severalMatch(tasks: PlannerTask[], text: string): string {
  const list = tasks.map((task) => `${task.id}. ${task.title}${task.completed ? " (done)" : ""}`)
    .join("\n");
  return `Several tasks match “${text}”:\n${list}\n${QUESTIONS.which}`;
}

/**
 * "The second one" when no list was shown yet: reads the whole list, then acts
 * on the task at that place.
 */
function actOnPlace(index: number, done: CallResult[][], action: Action): Step {
  if (!done.length) return { calls: [{ name: "list_tasks", arguments: { status: "all" } }] };
  const tasks = tasksOf(done[0][0]);
  const task = index < 0 ? tasks.at(index) : tasks[index];
  if (!task) {
    return {
      reply: tasks.length === 0
        ? "Your list is empty."
        : `Your list has only ${plural(tasks.length, "task")}.`,
    };
  }
  if (done.length === 1) return actOn(task, action);
  return { reply: describeAction(done[1][0], action, task.id) };
}

/**
 * A task number, words to search, a place in the whole list (when no list was
 * shown), the length of the list shown (a place past its end), or null when
 * the reference cannot be resolved.
 */
function resolveRef(
  ref: TaskRef | null,
  ctx: Context,
  own: CallResult[],
): number | string | { index: number } | { shown: number } | null {
  if (ref === null) return null;
  switch (ref.kind) {
    case "number":
      return ref.id;
    case "text":
      return ref.text;
    case "last":
      // The step's own results do not count: "delete it" must still find the task it deleted.
      return lastSingleTask([...ctx.earlier, ...ctx.current].filter((r) => !own.includes(r)));
    case "ordinal": {
      const shown = shownList(ctx, own);
      if (!shown) return { index: ref.index };
      const list = tasksOf(shown);
      const task = ref.index < 0 ? list.at(ref.index) : list[ref.index];
      return task ? task.id : { shown: list.length };
    }
    case "both":
      return null;
  }
}

/**
 * The list the user has in front of them: one this message showed (an earlier
 * request in it), else the one last shown. The step's own results (`own`) do
 * not count: its list read is the whole list, not one shown.
 */
function shownList(ctx: Context, own: CallResult[]): CallResult | undefined {
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
function shownTasks(ctx: Context, own: CallResult[]): PlannerTask[] {
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

function choose(
  tasks: PlannerTask[],
  text: string,
  prefer?: "pending" | "completed",
): PlannerTask | PlannerTask[] | null {
  if (tasks.length === 0) return null;
  if (tasks.length === 1) return tasks[0];
  const exact = tasks.filter((task) => task.title.toLowerCase() === text.toLowerCase());
  if (exact.length === 1) return exact[0];
  if (prefer) {
    const preferred = tasks.filter((task) => task.completed === (prefer === "completed"));
    if (preferred.length === 1) return preferred[0];
  }
  return tasks;
}

/** Tasks sharing the most significant word stems with `text` ("buying milk" finds "Buy milk"). */
function fuzzyMatches(tasks: PlannerTask[], text: string): PlannerTask[] {
  const wanted = stems(text);
  // A shared verb alone is no match: "I took a break" is not "Take out the trash".
  const wantedThings = thingStems(text);
  if (wantedThings.size === 0) return [];
  let best = 0;
  let hits: { task: PlannerTask; extra: number }[] = [];
  for (const task of tasks) {
    const have = stems(task.title);
    const things = [...wantedThings].filter((stem) => thingStems(task.title).has(stem)).length;
    if (things === 0) continue;
    // Things first; a shared verb breaks a tie ("I bought milk": “Buy milk” before “Drink milk”).
    const shared = [...wanted].filter((stem) => have.has(stem)).length;
    const score = things * 100 + shared;
    const hit = { task, extra: have.size - shared };
    if (score > best) {
      best = score;
      hits = [hit];
    } else if (score === best && score > 0) hits.push(hit);
  }
  // "I bought the milk" means "Buy milk" rather than "Buy oat milk": fewest words left over.
  const fewest = Math.min(...hits.map((hit) => hit.extra));
  return hits.filter((hit) => hit.extra === fewest).map((hit) => hit.task);
}

const STOP_WORDS = new Set(
  "a an the my to of for and or on in at with task tasks one item thing list this that it some"
    .split(" "),
);

/** {@linkcode stems} of the words that are not task verbs: what a task is about. */
function thingStems(text: string): Set<string> {
  return stems(text.split(/[^A-Za-z0-9']+/).filter((word) => !isTaskVerb(word)).join(" "));
}

function stems(text: string): Set<string> {
  return new Set(
    text.toLowerCase().split(/[^a-z0-9]+/).filter((word) => word && !STOP_WORDS.has(word))
      .map((word) => word.replace(/(?:ing|ed|es|s)$/, "").replace(/(.)\1$/, "$1")),
  );
}

function whichPrefix(verb: string): string {
  return `I'm not sure which task to ${verb}.`;
}

function isNotFound(result: CallResult): boolean {
  const error = ToolError.safeParse(result.value);
  return error.success && error.data.error.code === "not_found";
}

/** Which task numbers exist, briefly: the list itself is one “show my list” away. */
function numbersHint(tasks: PlannerTask[]): string {
  if (tasks.length === 0) return "Your list is empty.";
  const ids = tasks.map((task) => task.id).sort((a, b) => a - b);
  if (ids.length === 1) return `Your only task is number ${ids[0]}, “${short(tasks[0].title)}”.`;
  if (ids.length <= 6) return `Your task numbers are ${andList(ids.map(String))}.`;
  return `Your task numbers run from ${ids[0]} to ${ids.at(-1)}; say “show my list” to see them.`;
}

function describeAction(result: CallResult, action: Action, id: number): string {
  const error = ToolError.safeParse(result.value);
  if (error.success) {
    return error.data.error.code === "not_found"
      ? `There is no task ${id} on your list.`
      : `I couldn't ${action.verb} task ${id}: ${error.data.error.message}`;
  }
  const task = taskOf(result.value);
  if (!task) return "Done.";
  // The tool changed nothing (by number, the task's state was not known before the call).
  const unchanged = z.object({ changed: z.literal(false) }).safeParse(result.value).success;
  return (unchanged && action.already?.(task)) || action.describe(task);
}

/** “Added “Buy milk” as task 3.”, or a numbered list when several were added. */
function describeAdds(results: CallResult[]): string {
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
function describeTask(task: PlannerTask): string {
  const state = task.completed ? "done" : "not done yet";
  const note = task.description ? `\nNote: ${task.description}` : "";
  return `Task ${task.id} is “${task.title}” (${state}).${note}`;
}

const QUOTE_MAX = 60;

/** A user's text shortened for quoting back (a 5,000-character title is not read twice). */
function short(text: string): string {
  const chars = [...text];
  return chars.length > QUOTE_MAX ? `${chars.slice(0, QUOTE_MAX - 1).join("").trimEnd()}…` : text;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function describeList(result: CallResult, count: boolean, search?: string): string {
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

/**
 * "What do I have tomorrow?": the pending tasks that mention the day; when none
 * does, says tasks have no dates and shows what is left.
 */
function dueTasks(when: string, done: CallResult[][]): Step {
  if (!done.length) {
    return { calls: [{ name: "list_tasks", arguments: { status: "pending", search: when } }] };
  }
  if (tasksOf(done[0][0]).length > 0) return { reply: describeList(done[0][0], false, when) };
  if (done.length === 1) {
    return { calls: [{ name: "list_tasks", arguments: { status: "pending" } }] };
  }
  const left = tasksOf(done[1][0]);
  const none = `Tasks here have no dates, and none of your pending tasks mentions “${when}”.`;
  if (left.length === 0) return { reply: `${none} You have nothing left to do.` };
  return { reply: `${none} ${describeList(done[1][0], false)}` };
}

function describeBulk(result: CallResult, field: string, verb: string, suffix: string): string {
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
function askDeleteExcept(tasks: PlannerTask[], keep: string): string {
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
function keptByDeleteExceptQuestion(reply: string): string | null {
  const last = reply.split("\n\n").at(-1) ?? "";
  const asked = last.match(/^This will delete (\d{1,9}) tasks?: all but those matching “(.+)”\. /);
  if (!asked) return null;
  return last === deleteExceptQuestion(Number(asked[1]), asked[2]) ? asked[2] : null;
}

function askDeleteAll(result: CallResult): string {
  const n = tasksOf(result).length;
  return n === 0 ? "Your list is already empty." : deleteAllQuestion(n);
}

function taskOf(value: unknown): PlannerTask | null {
  const shaped = z.object({ task: PlannerTask }).safeParse(value);
  if (shaped.success) return shaped.data.task;
  const deleted = z.object({ deleted: PlannerTask }).safeParse(value);
  return deleted.success ? deleted.data.deleted : null;
}

function tasksOf(result: CallResult): PlannerTask[] {
  const shaped = z.object({ tasks: z.array(PlannerTask) }).safeParse(result.value);
  return shaped.success ? shaped.data.tasks : [];
}

/** The task the conversation was last about: the latest single-task result. */
function lastSingleTask(results: CallResult[]): number | null {
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
function lastShownList(batches: ToolBatch[]): CallResult | undefined {
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

function lastList(results: CallResult[]): PlannerTask[] {
  for (let i = results.length - 1; i >= 0; i--) {
    if (results[i].name === "list_tasks") return tasksOf(results[i]);
  }
  return [];
}

/** The tool calls of one assistant message with their results, and the user message it answers. */
interface ToolBatch {
  user: number;
  results: CallResult[];
}

/**
 * Tool calls and their results between two message indexes, one batch per
 * assistant message (one pass: the answers are looked up by call id).
 */
function resultBatches(messages: PlannerMessage[], from: number, to: number): ToolBatch[] {
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

function textOf(message: PlannerMessage): string {
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
