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
import { parseIntents } from "./grammar.ts";
import type { Intent, TaskRef } from "./intent.ts";
import { parseRef } from "./refs.ts";
import { splitTitles } from "./titles.ts";
import { capitalize, cleanTitle, isQuestion } from "./words.ts";
import { choose, eachNamed, fuzzyMatches, narrow } from "./matching.ts";
import {
  alreadyListed,
  andList,
  askDeleteAll,
  askDeleteExcept,
  combineReplies,
  correctionQuestion,
  describeAdds,
  describeBulk,
  describeDeleted,
  describeDuplicates,
  describeList,
  describeNotes,
  describeTask,
  isBack,
  isDeleteAllQuestion,
  isNotFound,
  keptByDeleteExceptQuestion,
  numbersHint,
  offeredTitle,
  offerQuestion,
  QUESTIONS,
  REPLIES,
  sentence,
  severalMatch,
  titleKey,
  whichPrefix,
} from "./replies.ts";
import {
  byUserMessage,
  type CallResult,
  CHANGING_TOOLS,
  type Context,
  deletedTasks,
  lastChange,
  lastList,
  lastShownList,
  lastSingleTask,
  type PlannedCall,
  PlannerMessage,
  PlannerTask,
  resultBatches,
  shownList,
  shownTasks,
  type Step,
  taskOf,
  tasksOf,
  textOf,
  ToolError,
} from "./transcript.ts";
import { restoreCall, undoLast, undoOneOf } from "./undo.ts";

/** The next assistant turn. */
export type Plan = { kind: "text"; text: string } | { kind: "tools"; calls: PlannedCall[] };

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
  const question = isDeleteAllQuestion(asked) || keptByDeleteExceptQuestion(asked) !== null ||
    offeredTitle(asked) !== null || Object.values(QUESTIONS).some((q) => asked.endsWith(q)) ||
    /\?\s*$/.test(asked);
  // "cancel that" answers a question with no; after a change it takes the change back.
  if (only?.type === "cancel") return [{ type: question ? "no" : "undo" }];
  // "wait, no, not yet" right after a change (no question asked): that change is taken back.
  // ("remove bread? no wait keep it" takes back its own message, not the turn before.)
  const previousUser = messages.slice(0, userAt).findLastIndex((m) => m.role === "user");
  const lastTurn = ctx.turns.at(-1);
  const changedJustNow = lastTurn?.user === previousUser &&
    lastTurn.results.some((result) => CHANGING_TOOLS.has(result.name));
  if (only?.type === "no" && !only.takenBack && !question && changedJustNow) {
    return [{ type: "undo" }];
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
    // "to water the plants" answers "What should the new task say?" with the errand; "milk,
    // eggs and bread" with three.
    const titles = splitTitles(text.replace(/^\s*(?:to|about)\s+/i, ""));
    if (titles.length) return [{ type: "add", titles }];
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
      return [{ ...target, title: capitalize(title) }];
    }
  }
  const offered = offeredTitle(asked);
  if (offered !== null && only?.type === "yes") return [{ type: "add", titles: [offered] }];
  // "2 too", "and the milk one", "same for 3": the previous request again, on another task.
  const again = followUp(text);
  // "and the balloons" after "the cake is ordered": the same request, not a new task. (After an
  // add, or with a verb of its own, "and eggs" / "and add eggs" stays what it says.)
  const bareItem = only?.type === "add" && again !== null &&
    parseIntents(again).every((intent) => intent.type === "off_topic");
  if ((only?.type === "off_topic" || bareItem) && again) {
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
  if (!said || words.length > 5 || /[?]/.test(said)) return null;
  // "k", "ok!": too short to be a task anyone would add by naming it.
  if ((said.match(/\p{L}/gu) ?? []).length < 3) return null;
  if (NOT_A_TITLE.test(said) || /\b(?:me|you|your|yourself)\b/i.test(said)) return null;
  // Keyboard mash ("asdfghjkl", "xkcd qwrtz"): a run of consonants no word has.
  if (/[bcdfghjklmnpqrstvwxz]{5,}/i.test(said)) return null;
  // A sentence ("the gym was closed", "the dentist cancelled") says what happened, not what to do.
  if (
    /\b(?:is|are|was|were|am|got|gets|has|have|had|been|isn't|aren't|wasn't|weren't|it's)\b/i
      .test(said) || (words.length > 1 && /[a-z]{3}ed$/i.test(words[words.length - 1]))
  ) {
    return null;
  }
  const title = cleanTitle(said);
  return title ? capitalize(title) : null;
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
        offer: intent.errand,
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
    case "noted":
      return { reply: REPLIES.noted };
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

type Action =
  & {
    verb: string;
    /** Which tasks win when a description matches several. */
    prefer?: "pending" | "completed";
    describe(task: PlannerTask): string;
    /** The answer when the task, known before the call, is already as asked (no call then). */
    already?(task: PlannerTask): string | null;
    /** A title to offer as a new task when no task matches the words ("cancel netflix"). */
    offer?: string;
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
  if (chosen === null) {
    const none = `I couldn't find a task matching “${text}”.`;
    return { reply: action.offer ? `${none} ${offerQuestion(action.offer)}` : none };
  }
  if (Array.isArray(chosen)) return { reply: severalMatch(chosen, text) };
  // "Remove the stain" said word for word is that task restated, not a request to delete it.
  if (action.offer?.toLowerCase() === chosen.title.toLowerCase() && done.length === used) {
    return { reply: alreadyListed([chosen]) };
  }
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
