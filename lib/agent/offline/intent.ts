/**
 * What the offline model's grammar reads a message as: intents, and how a
 * message points at a task.
 */

/** How a message points at a task. */
export type TaskRef =
  | { kind: "number"; id: number }
  | { kind: "text"; text: string }
  /** "it", "that one": the task the conversation was last about. */
  | { kind: "last" }
  /** "the first one", "the second one": a place in the last list shown. */
  | { kind: "ordinal"; index: number }
  /** "both", "both of them": the two tasks of the last list shown. */
  | { kind: "both" };

/** A task status filter. */
export type StatusFilter = "all" | "pending" | "completed";

/** One thing the user asked for. */
export type Intent =
  /** `description`: a note said with a single new task ("… with the note …"). */
  | { type: "add"; titles: string[]; description?: string }
  | { type: "ask_title" }
  | { type: "list"; status: StatusFilter; search?: string; count: boolean }
  /** "what do I have tomorrow?": tasks have no dates; the pending ones that mention the day. */
  | { type: "due"; when: string }
  | { type: "complete"; ref: TaskRef | null; done: boolean }
  /** "mark everything done (except the invites)": `except`, words of the tasks left open. */
  | { type: "complete_all"; except?: string }
  | { type: "rename"; ref: TaskRef | null; title: string | null }
  /** Sets a task's note (its description); `null` text asks for it, "" removes it. */
  /** `change`: the note replaces one ("change the note on X to Y"), said as such. */
  | { type: "note"; ref: TaskRef | null; text: string | null; change?: boolean }
  /** "show task 2", "what was the second one?": one task with its note. */
  | { type: "show"; ref: TaskRef | null }
  /**
   * `errand`: the whole request as a task title, when it could be one ("cancel
   * netflix", "remove the stain"); offered when no task matches.
   */
  | { type: "delete"; ref: TaskRef | null; errand?: string }
  | { type: "delete_all" }
  | { type: "delete_completed" }
  /** "delete all the milk tasks": every task whose title or note mentions the words. */
  | { type: "delete_matching"; search: string }
  /** "delete the duplicates": every task whose title an earlier task already has. */
  | { type: "delete_duplicates" }
  /** "do I have duplicates?": which titles appear more than once. */
  | { type: "find_duplicates" }
  /** "which tasks have notes?": the tasks with a description, and it. */
  | { type: "list_notes" }
  /**
   * "bring milk back": restores a task of that name deleted in this conversation,
   * else reopens a done one; with neither, it is a new task.
   */
  | { type: "bring_back"; text: string; title: string }
  /** "what did I delete?": the tasks deleted in this conversation. */
  | { type: "recall_deleted" }
  /** "delete everything except milk": every task but those matching `keep` (asked first). */
  | { type: "delete_except"; keep: string }
  /** "I meant doctor appointment": the task just added should say this instead. */
  | { type: "correction"; title: string }
  /** "what's my oldest task?", "the last one I added": by number (numbers follow creation). */
  | { type: "extreme"; which: "oldest" | "newest"; status: StatusFilter }
  /** "reopen everything": every completed task back to pending. */
  | { type: "reopen_all" }
  /** "move milk to the top", "sort by name": tasks keep their numbers; said so. */
  | { type: "reorder" }
  /** "push flights to next week": tasks have no dates; said so, with what can be done instead. */
  | { type: "reschedule" }
  /** "mark 1 as important": tasks have no priority; said so, with what can be done instead. */
  | { type: "prioritise" }
  /** "what's urgent?", "which is most important?": no priorities; what is left, with words that say so. */
  | { type: "priority_question" }
  /** "change sarah to Sara in task 1": words replaced within one task's title. */
  | { type: "replace"; ref: TaskRef | null; from: string; to: string }
  /** "undo that": reverse the conversation's last change to one task. */
  | { type: "undo" }
  /** "I made a mistake", "that's wrong": something should change, but what is asked. */
  | { type: "mistake" }
  /** "I'm working on the report", "I called but no answer": not done yet; nothing changes. */
  | { type: "in_progress" }
  /** "delete milk or not?", "should I delete the gym?": the user's call; nothing changes. */
  | { type: "your_call" }
  /** "the plumber called": news, not a task done; which task it settles is asked. */
  | { type: "noted" }
  /** "I need a break": nothing changes; the list waits. */
  | { type: "pause" }
  /** "I got nothing done today": nothing changes; the list is still there. */
  | { type: "nothing_done" }
  /** "milk", "dentist tomorrow": a few words that may be a task; whether to add it is asked. */
  | { type: "offer_add"; title: string }
  /** "cancel that": declines the question just asked, else undoes the last change. */
  | { type: "cancel" }
  /** "oops, not the passport": the last turn's change to that task is undone, the rest stands. */
  | { type: "undo_one"; text: string }
  | { type: "yes" }
  /** `takenBack`: a later clause retracted the message's own request ("remove bread? no wait"). */
  | { type: "no"; takenBack?: boolean }
  | { type: "greeting" }
  | { type: "thanks" }
  | { type: "goodbye" }
  | { type: "help" }
  /** "delete this conversation", "clear the chat": the chat, not tasks; said how. */
  | { type: "about_chat" }
  /** "delete my account", "remove me": not something the assistant does; said so. */
  | { type: "about_account" }
  | { type: "off_topic" };
