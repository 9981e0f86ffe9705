/**
 * The offline grammar's vocabulary (verbs, list words, done words, times, number
 * words) and the small text helpers every parser shares.
 */

const TRAILING = /[\s,]*(?:please|pls|thanks|thank you|for me|now|right now)?[\s.!?]*$/i;
/** Words for the list itself: "list", "tasks", "to-do list", "agenda"… */
export const LIST_WORDS = String
  .raw`(?:to-?do(?:\s+list)?|todo(?:\s+list)?|list|tasks?|task list|reminders|agenda)`;

/** "all of them", "them all", "it all", "all of it": every task, said as a pronoun. */
export const ALL_OF_THEM = String.raw`(?:all of them|them all|it all|all of it)`;

/** Verbs that delete (or hide) tasks. */
export const DELETE_VERBS = String
  .raw`(?:delete|remove|clear(?: out)?|get rid of|erase|wipe(?: out)?|drop|purge|archive|hide)`;

/** Words that say a task is done. */
export const DONE_WORDS = String.raw`(?:done|complete|completed|finished|checked off|ticked off)`;
/** A task pointed at rather than named: "it", "that one", "task 2", "#2". */
export const POINTED_REF = String
  .raw`it|that|this|(?:that|this|the last|the first) one|(?:task |number |no\.? ?|#)\d+`;
/** Words that say a task is not done. */
export const UNDONE_WORDS = String
  .raw`(?:not done|undone|incomplete|not complete|not completed|unfinished|pending|open|to ?do|not finished)`;

/**
 * True when a message asks something ("how many are done?", "did I get the
 * milk?", "which one is it?") rather than asks for a change.
 */
export function isQuestion(text: string): boolean {
  return /^\s*(?:how|what|which|who|when|where|why|did|do|does|is|are|was|were|have|has|can|could)\b/i
    .test(text);
}

/** Past forms that report a task as done ("I picked up the milk"), with their present form. */
export const PAST_VERBS: Record<string, string> = {
  bought: "buy",
  "picked up": "pick up",
  got: "get",
  grabbed: "grab",
  ordered: "order",
  called: "call",
  phoned: "phone",
  rang: "ring",
  emailed: "email",
  texted: "text",
  paid: "pay",
  booked: "book",
  scheduled: "schedule",
  sent: "send",
  mailed: "mail",
  posted: "post",
  submitted: "submit",
  cleaned: "clean",
  washed: "wash",
  fixed: "fix",
  repaired: "repair",
  renewed: "renew",
  returned: "return",
  watered: "water",
  walked: "walk",
  fed: "feed",
  cooked: "cook",
  baked: "bake",
  wrote: "write",
  printed: "print",
  signed: "sign",
  collected: "collect",
  "dropped off": "drop off",
  visited: "visit",
  packed: "pack",
  "went to": "go to",
  took: "take",
  made: "make",
  met: "meet",
  "met with": "meet with",
  saw: "see",
  attended: "attend",
  brought: "bring",
};
/** {@linkcode PAST_VERBS}' past forms as a regex alternation, longest first. */
export const PAST_VERB_ALTERNATION = Object.keys(PAST_VERBS).sort((a, b) => b.length - a.length)
  .join("|");
/** {@linkcode PAST_VERBS}' present forms as a regex alternation, longest first. */
export const PRESENT_VERB_ALTERNATION = [...new Set(Object.values(PAST_VERBS))]
  .sort((a, b) => b.length - a.length).join("|");

/** Verbs a task title often starts with; "buy milk and eggs" gives each noun the verb. */
export const TASK_VERBS = String
  .raw`buy|get|grab|pick up|order|call|phone|ring|email|text|pay|book|schedule|send|mail|post|submit|clean|wash|fix|repair|renew|return|water|walk|feed|cook|bake|make|write|print|sign|collect|drop off|visit|pack|read|finish|prepare|plan|study|review|organi[sz]e|tidy|vacuum|iron|bring|take|ask|meet|check|do|see|watch|practi[cs]e|learn|find|sort|file|charge|cancel|reply to|answer|invite|thank`;
/** A title that starts with a task verb. */
export const STARTS_WITH_VERB = new RegExp(String.raw`^(?:${TASK_VERBS})\b`, "i");
const VERB_WORD = new RegExp(
  String.raw`^(?:${TASK_VERBS}|${PAST_VERB_ALTERNATION}|taken|done|doing|gotten|went|go|going)$`,
);

/**
 * True for a verb task titles start with, in its usual forms ("call",
 * "called", "calling", "takes"): a word that says what is done, not to what.
 */
export function isTaskVerb(word: string): boolean {
  const lower = word.toLowerCase();
  return VERB_WORD.test(lower) || VERB_WORD.test(lower.replace(/(?:ing|ed|s)$/, "")) ||
    VERB_WORD.test(lower.replace(/(?:ing|ed)$/, "e"));
}
/** A title's task verb and its article: "buy the" of "buy the milk". */
export const LEADING_VERB = new RegExp(
  String.raw`^(${TASK_VERBS})\s+((?:the|my|some|our)\s+)?\S`,
  "i",
);
/** A word like "the" or "my" that starts a noun phrase. */
export const DETERMINER = /^(?:the|my|a|an|some|our|his|her|their|your)\s/i;
/** Words for a task's note (its description). */
export const NOTE_WORDS = "(?:note|description|comment|details?)";

/** When: said before an errand ("remind me tomorrow to X" → "X tomorrow"), or where a task is moved to. */
export const WHEN = String
  .raw`(?:today|tonight|tomorrow(?: (?:morning|afternoon|evening|night))?|this (?:morning|afternoon|evening|weekend|week|month)|next (?:week|weekend|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|the weekend|later(?: today)?|in the (?:morning|afternoon|evening)|at \d{1,2}(?::\d\d)?(?: ?[ap]m)?|in (?:a|an|one|two|three|a few|\d+) (?:days?|weeks?|months?|hours?))`;

/** Words that make the items after them part of one title ("dinner with Sam, Alex and Jo"). */
export const LIST_PREPOSITION = /\b(?:with|for|to|at|from|of|about|between|including|like)\b/i;

/** True for a title that names no task: "a task", "something", "it", "me". */
export function isVagueTitle(title: string): boolean {
  return /^(?:(?:a|an|the|one|new|another|more|some)(?:\s+|$))*(?:(?:task|to-?do|todo|item|reminder|something|thing|entry|one|it)s?)?$/i
    .test(title) || /^(?:me|you|us|him|her|them|myself|yourself|this|that)$/i.test(title);
}

/** A title as it goes to add_task: quotes, list suffixes and politeness removed. */
export function cleanTitle(raw: string): string {
  let title = raw.trim()
    .replace(/^["“'‘](.*)["”'’]$/s, "$1")
    .replace(
      new RegExp(
        String.raw`\s+(?:to|on|onto|in|into) (?:my|the)(?: to-?do| todo| task)? ${LIST_WORDS}$`,
        "i",
      ),
      "",
    )
    .replace(/\s+(?:please|pls|for me|thanks|thank you)$/i, "")
    .replace(/[\s.!?]+$/, "")
    .trim();
  title = title.replace(/^["“'‘](.*)["”'’]$/s, "$1").trim();
  return title;
}

/** The title with its first letter in upper case. */
export function capitalize(title: string): string {
  return title.charAt(0).toUpperCase() + title.slice(1);
}

/** Words to search tasks by: the title cleaned, without a leading article. */
export function cleanSearch(raw: string): string {
  return cleanTitle(raw)
    .replace(/^(?:the|a|an|my)\s+/i, "")
    .replace(/\s+(?:task|one|item|thing)s?$/i, "")
    .trim();
}

/** Places in a list by word ("second" → 1); "last" counts from the end. */
export const ORDINALS: Record<string, number> = {
  first: 0,
  "1st": 0,
  second: 1,
  "2nd": 1,
  third: 2,
  "3rd": 2,
  fourth: 3,
  "4th": 3,
  fifth: 4,
  "5th": 4,
  last: -1,
};

/** Numbers by word ("two" → 2). */
export const NUMBER_WORDS: Record<string, number> = Object.fromEntries(
  "one two three four five six seven eight nine ten eleven twelve".split(" ")
    .map((word, index) => [word, index + 1]),
);

/** The original-case text of a match group (the match ran on the lower-case copy). */
export function pick(
  clause: string,
  lower: string,
  match: RegExpMatchArray,
  group: number,
): string {
  const value = match[group] ?? "";
  // The lower-case copy has the same length as the clause, so offsets carry over.
  const start = (match.index ?? 0) + match[0].indexOf(value);
  return lower.length === clause.length ? clause.slice(start, start + value.length) : value;
}

/** A lower-case message without trailing politeness and punctuation ("…, please!"). */
export function stripTrailing(lower: string): string {
  return lower.replace(TRAILING, "");
}
