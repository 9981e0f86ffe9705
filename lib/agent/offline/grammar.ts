/**
 * The offline model's grammar: turns one user message into the intents it
 * asks for, in order. Deterministic and pure. `specs/assistant.md` lists the
 * phrasings it understands. Titles keep the user's words; text after a colon
 * or inside quotes is taken literally (it is data, never a command).
 */

import {
  parseCompleteAll,
  parseDeleteAll,
  parseDeleteCompleted,
  parseDeleteDuplicates,
  parseDeleteMatching,
  parseDue,
  parseExtreme,
  parseFindDuplicates,
  parsePriority,
  parseReopenAll,
  parseReorder,
  parseReschedule,
} from "./bulk.ts";
import { type Intent } from "./intent.ts";
import { expandNumberList, parseRef } from "./refs.ts";
import { splitList, splitTitles } from "./titles.ts";
import {
  capitalize,
  cleanSearch,
  cleanTitle,
  isQuestion,
  LIST_WORDS,
  pick,
  STARTS_WITH_VERB,
  stripTrailing,
  WHEN,
} from "./words.ts";
import {
  parseComplete,
  parseDelete,
  parseNote,
  parseRename,
  parseReplace,
  parseShow,
} from "./edits.ts";
import { parseList } from "./questions.ts";
import { parseConversational } from "./talk.ts";

const POLITE =
  /^(?:(?:hey|hi|ok(?:ay)?|so|and|also|now|then|oh|well|wait|actually|alright|um+|hmm+|please|pls|kindly|oops|whoops|oh no|sorry|my bad|yay|woo+hoo+|woo+|phew|whew|finally|hooray|hurray)[\s,!.]+|(?:great|perfect|cool|nice|awesome|thanks|thank you|excellent|good|lovely|brilliant|right|sure)[,!.]+\s+|(?:can|could|would|will) (?:you|u|ya)(?: please| pls| plz)?\s+|i(?:'d| would) like you to\s+|i want you to\s+|go ahead and\s+|let's\s+|lets\s+)+/i;
/** Splits a message into intents, in the order the user gave them. */
export function parseIntents(said: string): Intent[] {
  // "ADD GROCERIES" (caps lock) is read, and titled, as "add groceries".
  const letters = said.replace(/[^\p{L}]/gu, "");
  const message = letters.length > 3 && letters === letters.toUpperCase() &&
      letters !== letters.toLowerCase()
    ? said.toLowerCase()
    : said;
  const intents: Intent[] = [];
  for (const clause of splitClauses(listIntroToAdd(message))) {
    // "remove bread? no wait, keep it": what came before in this message is taken back.
    if (intents.length > 0 && RETRACTION.test(stripTrailing(clause.toLowerCase()))) {
      intents.length = 0;
      intents.push({ type: "no", takenBack: true });
      continue;
    }
    const parsed = parseClause(clause);
    const previous = intents.at(-1);
    if (previous?.type === "add" && continuesErrands(clause, parsed)) {
      previous.titles.push(capitalize(cleanTitle(clause)));
      continue;
    }
    // "add eggs; flour; sugar": short pieces after semicolons are more items.
    if (
      previous?.type === "add" && !previous.description && message.includes(";") &&
      parsed.length === 1 && parsed[0].type === "off_topic" && !clause.includes("?") &&
      clause.trim().split(/\s+/).length <= 4
    ) {
      const title = capitalize(cleanTitle(clause));
      if (title) {
        previous.titles.push(title);
        continue;
      }
    }
    // "I have a dentist appt, and I gotta renew my license": one add, one reply.
    const [next] = parsed;
    if (
      previous?.type === "add" && !previous.description && parsed.length === 1 &&
      next.type === "add" && !next.description
    ) {
      previous.titles.push(...next.titles);
      continue;
    }
    intents.push(...parsed);
  }
  return intents.length ? intents : [{ type: "off_topic" }];
}

/**
 * "I need to: buy stamps, post the parcel" introduces errands, not a literal
 * title (the text after a colon is otherwise kept as written): it is read as
 * "add buy stamps, post the parcel".
 */
function listIntroToAdd(message: string): string {
  const intro = message.match(
    /^\s*(?:i (?:need|have|must|gotta|should|want) to|i've got to|remind me to|to-?dos?|to do(?: list)?|things to do(?: today)?)\s*:\s*(\S[\s\S]*)$/i,
  );
  return intro ? `add ${intro[1]}` : message;
}

/** A later clause that takes back what the same message asked before it. */
const RETRACTION =
  /^(?:no|nope|oh no)?[,!.]?\s*(?:wait|hold on|hang on|actually|sorry)?[,!.]?\s*(?:(?:no[,.]?\s+)?(?:keep (?:it|that|them|that one)|don't(?: do that| delete (?:it|that|them))?|do not|never ?mind|cancel (?:that|it)|forget (?:it|that)|scratch that|leave (?:it|them|that)(?: alone)?))$|^(?:(?:actually|wait|hmm+|on second thought|second thoughts?)[,!.]?\s*)*(?:no|nope|nah|not|don't)$|^on second thoughts?$/;

/**
 * "I need to buy groceries, call the plumber and finish my tax return": after
 * new tasks, "finish X" (a bare verb and words, no number or "it") is one more
 * task, not a request to complete one.
 */
function continuesErrands(clause: string, parsed: Intent[]): boolean {
  const [intent] = parsed;
  return parsed.length === 1 && intent.type === "complete" && intent.done &&
    intent.ref?.kind === "text" && /^(?:finish|complete|do)\s/i.test(clause.trim());
}

/**
 * Splits on sentence ends and on "and (then)"/"then"/"also" before a new
 * command. Text after a colon or inside quotes is never split.
 */
function splitClauses(message: string): string[] {
  const { masked, restore } = maskLiterals(message.trim());
  const parts = masked.split(
    /(?:[.;!?]+\s+|\s*,?\s+(?:and then|then|and also|and|also|after that|afterwards)\s+(?=(?:please\s+)?(?:add|create|put|remind|show|list|display|what|how many|mark|complete|finish|check|tick|cross|reopen|uncheck|unmark|delete|remove|erase|drop|get rid|rename|change|update|clear|wipe|tell me|give me|i (?:need|have|must|gotta|should|also need) to|i gotta)\b))/i,
  );
  return parts.map((part) => restore(part).trim()).filter((part) => part.replace(/[.!?\s]/g, ""));
}

/** Replaces quoted text and everything after "task:" style colons with placeholders. */
function maskLiterals(text: string): { masked: string; restore(part: string): string } {
  const saved: string[] = [];
  const keep = (value: string) => `\uE000${saved.push(value) - 1}\uE000`;
  let masked = text.replace(/(["“'‘])([^"”'’]*?)(["”'’])(?=$|[\s,.!?;:])/g, (all) => keep(all));
  masked = masked.replace(
    /(:\s*)(.+)$/s,
    (_all, colon: string, rest: string) => colon + keep(rest),
  );
  const restore = (part: string) => {
    let out = part;
    while (out.includes("\uE000")) {
      out = out.replace(/\uE000(\d+)\uE000/g, (_all, index: string) => saved[Number(index)]);
    }
    return out;
  };
  return { masked, restore };
}

/** Shorthands and common typos, rewritten before parsing ("whats" → "what's", "plz" → "please"). */
const SHORTHANDS: [RegExp, string][] = [
  [/\bwhats\b/gi, "what's"],
  // Only at the start, where a question begins: a title may hold these letters.
  [/^(\s*)(?:wat'?s|wuts|whta'?s|waht'?s)\b/i, "$1what's"],
  [/^(\s*)(?:wat|wut|whta|waht)\b/i, "$1what"],
  [/\b(?:tmrw|tmrrw|tmr|2moro|2morrow)\b/gi, "tomorrow"],
  [/\bwhat is\b/gi, "what's"],
  [/\b(?:plz|pls|plse)\b/gi, "please"],
  [/\bu\b/gi, "you"],
  [/\b(?:delet|delte|dlete|deleet)\b/gi, "delete"],
  [/\b(?:remvoe|rmeove|remov)\b/gi, "remove"],
  // "rm 2", "del 2": command-line habits, at the start only ("del" may be in a title).
  [/^(\s*)rm(?= +\S)/i, "$1remove"],
  [/^(\s*)del(?= +(?:#?\d|task|the|it|that)\b)/i, "$1delete"],
  [/\b(?:tasl|taks|tsak)\b/gi, "task"],
  [/\b(?:tasls|tsaks)\b/gi, "tasks"],
  [/\b(?:todo's|todos)\b/gi, "tasks"],
  [/\bi\s*'?m\b/gi, "i'm"],
  [/\b(?:ive)\b/gi, "i've"],
  [/\b(?:dont)\b/gi, "don't"],
  [/\b(?:didnt)\b/gi, "didn't"],
  [/\b(?:isnt)\b/gi, "isn't"],
];

function normalize(text: string): string {
  let out = text.replace(/[’‘]/g, "'");
  for (const [re, replacement] of SHORTHANDS) out = out.replace(re, replacement);
  return out;
}

function parseClause(raw: string): Intent[] {
  const whole = normalize(raw).replace(/^[\s,]+/, "").trim();
  const clause = whole.replace(POLITE, "").replace(/^[\s,]+/, "").trim();
  const lower = clause.toLowerCase();
  // "delete milk or not?", "should I delete the gym?": asking for advice, not asking for it done.
  if (
    /\bor not\??$/.test(lower) ||
    /^(?:should|shall|must) i (?:delete|remove|complete|finish|mark|rename|drop|clear|keep|cancel|reopen)\b|^(?:do you think|would you say) i should\b|^what if i\b|^i wonder if i should\b|^is it (?:ok|okay|fine|wise) (?:to|if i)\b/
      .test(lower)
  ) {
    return [{ type: "your_call" }];
  }
  // "I want to delete the milk but not yet": later, so nothing now.
  if (/\bbut not (?:yet|now|today|right now|just yet)[\s.!]*$/.test(lower)) {
    return [{ type: "in_progress" }];
  }
  // "hey there" is a greeting before "hey" is taken for a filler word.
  const intents = parseConversational(whole.toLowerCase()) ?? parseConversational(lower) ??
    parseCommand(clause, lower) ?? parseMoreItems(whole) ??
    [{ type: "off_topic" as const }];
  return intents.flatMap(expandNumberList);
}

/** "also bread", "and toilet paper": more things for the list, said on their own. */
function parseMoreItems(whole: string): Intent[] | null {
  const more = whole.match(/^(?:also|and|plus|and also|oh,? and|oh,? also)\s+(.+)$/is);
  if (!more) return null;
  const items = more[1].replace(POLITE, "").trim();
  if (/\?\s*$/.test(items) || isQuestion(items) || items.split(/\s+/).length > 6) return null;
  // "and the vacuum one", "and 2": a task named, not a new one (the previous request again).
  const ref = parseRef(items);
  if (ref && ref.kind !== "text" || /\b(?:one|task)$/i.test(items)) return null;
  const titles = splitTitles(items);
  return titles.length ? [{ type: "add", titles }] : null;
}

function parseCommand(clause: string, lower: string): Intent[] | null {
  if (
    /^(?:what|which(?: tasks?| ones?)?) (?:did|have) (?:i|you|we) (?:just )?(?:delete|deleted|remove|removed|erase|erased|get rid of|got rid of)(?: so far| today)?$|^what (?:got|was|has been|have been|did you) (?:deleted|removed|delete|remove)$/
      .test(stripTrailing(lower))
  ) {
    return [{ type: "recall_deleted" }];
  }
  // "bring milk back", "put the eggs back on my list" ("put it back" is undo, below).
  const back = stripTrailing(lower).match(
    /^(?:bring|put|get) (?!(?:it|that|this|that one|them)\b)(.+?) back(?: (?:on|onto|to|in) (?:my |the )?(?:to-?do |todo )?list)?$|^(?:bring|put) back (?!(?:it|that|this|them)\b)(.+)$/,
  );
  if (back) {
    const group = back[1] === undefined ? 2 : 1;
    const text = cleanSearch(pick(clause, lower, back, group));
    // "…back on my list" names a task; "bring the umbrella back" may be an errand.
    const title = /\blist$/.test(stripTrailing(lower))
      ? capitalize(text)
      : capitalize(cleanTitle(clause));
    if (text) return [{ type: "bring_back", text, title }];
  }
  // Messages, conversations and the account are not tasks: a task that mentions them stays.
  if (
    /^(?:(?:delete|remove|clear|erase|wipe|reset)(?: out)? (?:this|the|my|that|our|these|those|all(?: of)?(?: my| the| this)?) ?(?:whole |entire )?(?:conversations?|chats?|messages?|history|chat history|screen|last message)|clear (?:chat|history|chat history|conversation|messages)|(?:start|open|begin) (?:a )?(?:new|fresh|another) (?:chat|conversation)|(?:delete|erase|clear|wipe|reset|forget) (?:your|the|this) (?:memory|history|context|conversation)|forget (?:everything|all of (?:this|it)|what i (?:said|told you)|this conversation|what we (?:said|talked about)))$/
      .test(stripTrailing(lower))
  ) {
    return [{ type: "about_chat" }];
  }
  if (
    /^(?:(?:delete|remove|close|cancel|deactivate) (?:my |the )?(?:account|profile|user|login|data)|(?:delete|remove) me|sign me out|log me out|unsubscribe|cancel (?:my |the )?(?:subscription|plan|membership))$/
      .test(stripTrailing(lower))
  ) {
    return [{ type: "about_account" }];
  }
  if (/^cancel (?:that|it|this)$/.test(stripTrailing(lower))) {
    return [{ type: "cancel" }];
  }
  const notThat = stripTrailing(lower).match(
    /^(?:(?:oops|whoops|no|wait|sorry|hang on|hold on)[,!.]?\s+)*(?:but )?not (?:the |my )?(?!(?:yet|now|today|really|sure|that|it|this|all|everything|done)\b)(.+?)(?: one| task)?(?:,? though)?$/,
  );
  if (notThat) {
    const text = cleanSearch(pick(clause, lower, notThat, 1));
    if (text) return [{ type: "undo_one", text }];
  }
  if (
    /^(?:undo(?: (?:that|it|this|the last (?:one|change|thing)|what you (?:just )?did))?|scratch that|oops|whoops|(?:put|bring) (?:it|that|that one|this) back|restore (?:it|that|that one)|undelete(?: (?:it|that|that one))?)$/
      .test(stripTrailing(lower))
  ) {
    return [{ type: "undo" }];
  }
  return parseDeleteCompleted(lower) ?? parseDeleteDuplicates(lower) ??
    parseFindDuplicates(lower) ?? parseDeleteMatching(clause, lower) ??
    parseDeleteAll(clause, lower) ?? parseCompleteAll(clause, lower) ??
    parseReopenAll(lower) ?? parseExtreme(lower) ?? parseNote(clause, lower) ??
    parseShow(clause, lower) ??
    parseReplace(clause, lower) ?? parseRename(clause, lower) ?? parseComplete(clause, lower) ??
    parsePriority(lower) ?? parseReschedule(lower) ?? parseReorder(lower) ?? parseDue(lower) ??
    parseDelete(clause, lower) ?? parseList(clause, lower) ?? parseAdd(clause, lower);
}

/**
 * Verbs that make a bare imperative a new task ("buy milk and eggs"); the
 * ones that mean something else here (finish, check, cancel…) are left out.
 */
const BARE_TASK_VERB = new RegExp(
  String
    .raw`^(?:make (?:dinner|lunch|breakfast)|do (?:laundry|homework|taxes|dishes))\b|^(?:buy|get(?! rid\b)|grab|pick up|order|call|phone|email|text|pay|book|schedule|send|mail|post|submit|clean|wash|fix|repair|renew|return|water|walk|feed|cook|bake|write|print|sign|collect|drop off|visit|pack|prepare|study|review|organi[sz]e|tidy|vacuum|iron|bring|practi[cs]e|charge|invite|thank|take (?:out|in)|take (?:the|my|our|a|an|some)(?! (?:tasks?|list|first|second|third|last|next|other|one)\b)|make (?:a|an|some|the)(?! (?:tasks?|list|note|new task|first|second|third|last|next|other|one)\b)|do (?:the|my|our|some)(?! (?:tasks?|list|first|second|third|last|next|other|one|rest)\b)) (?!(?:me|us|you|him|her|them)\b)\S`,
);

/** "I have to go", "gotta run": leaving, not an errand. */
const LEAVING =
  /^(?:i (?:have to|need to|must|gotta|should|got to|'ve got to)|gotta|got to|have to|need to|time to) (?:go|run|leave|head off|head out|get going|log off|sign off|bounce|dash|fly)(?: now| soon| bye)?$|^i should (?:probably )?(?:get going|go|head off)$/;

/** "I need a break", "I need more time": about the user, not a task. */
const NOT_AN_ERRAND =
  /^i (?:need|want|could use) (?:a break|more time|a minute|a moment|a second|some time|a rest|some rest|a nap|to think|to focus|to breathe|to relax|to calm down|space)$/;

/**
 * "I need to see my list", "I need you to delete the milk", "remind me what's on
 * my list": another request, said as a need. Null when the rest is an errand.
 */
function needRequest(clause: string, lower: string): Intent[] | null {
  const text = stripTrailing(lower);
  if (LEAVING.test(text)) return [{ type: "goodbye" }];
  if (NOT_AN_ERRAND.test(text)) return [{ type: "pause" }];
  if (/^i need (?:your )?help$|^i need you to help(?: me)?$/.test(text)) return [{ type: "help" }];
  if (
    /^i (?:have to|must|need to|gotta) say(?: thanks| thank you| you're (?:great|awesome|the best))?$/
      .test(text)
  ) {
    return [{ type: "thanks" }];
  }
  const need = text.match(
    /^(?:i (?:need|want|have|would like|'d like)(?: you)? to|i need you to|remind me|tell me|let me) (?:(?:see|know|check|look at|hear|view|read) )?(.+)$/,
  );
  if (!need) return null;
  const rest = pick(clause, lower, need, 1);
  const restLower = rest.toLowerCase();
  // Only the requests that are not an errand in their own right: a list, a change by name.
  if (
    /^(?:what|which|how many|whats|my (?:list|tasks|to-?dos?)|the list|everything|all my tasks)\b/
      .test(restLower)
  ) {
    return parseList(rest, restLower);
  }
  if (/^(?:delete|remove|mark|complete|rename|reopen|clear|undo)\b/.test(restLower)) {
    const intents = parseCommand(rest, restLower);
    return intents?.some((intent) => intent.type !== "add") ? intents : null;
  }
  return null;
}

function parseAdd(clause: string, lower: string): Intent[] | null {
  const needed = needRequest(clause, lower);
  if (needed) return needed;
  const text = stripTrailing(lower);
  // "add 2 tasks", "add some things": how many, not what; what they say is asked.
  if (
    new RegExp(
      String
        .raw`^(?:add|create|make|new)(?: (?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|some|a few|several|more|multiple|a couple of))? (?:new |more )?(?:tasks|to-?dos|items|things|reminders)(?: (?:to|on|onto) (?:my |the )?${LIST_WORDS})?$`,
    ).test(text)
  ) {
    return [{ type: "ask_title" }];
  }
  const list = text.match(
    /^(?:add|create|make|put|save|new)(?: (?:these|the following|\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|some|a few|several|multiple))?(?: new)? (?:tasks|to-?dos|todos|items|things|reminders)(?: (?:to|on|onto) (?:my |the )?(?:to-?do |todo |task )?list)?\s*:\s*(.+)$/s,
  );
  if (list) {
    // An announced list ("add three tasks: a, b, c") is one task per item; the items stay data.
    const titles = splitList(pick(clause, lower, list, 1));
    return titles.length ? [{ type: "add", titles }] : [{ type: "ask_title" }];
  }
  // "add groceries: milk, eggs, bread": a label, then items; the items are the tasks.
  const labelled = text.match(
    /^(?:add|put)(?: (?:my|the|some))? (?!(?:a|an|one|another|new)\b)([a-z' -]{2,30}?)\s*:\s*(.+[,;\n].+)$/s,
  );
  if (labelled && !/\b(?:task|to-?do|todo|item|reminder|entry|note)s?$/.test(labelled[1])) {
    const titles = splitList(pick(clause, lower, labelled, 2));
    if (titles.length > 1) return [{ type: "add", titles }];
  }
  // "add: X" keeps X as written (below), unless X is plainly a list: "add: eggs; flour; sugar",
  // one item per line, or "add: eggs, flour, sugar" (short items).
  const colon = text.match(/^(?:add|new|create)\s*:\s*(.+)$/s);
  if (colon) {
    const body = pick(clause, lower, colon, 1);
    const items = splitList(body);
    const itemLike = items.every((item) =>
      item.split(/\s+/).length <= 4 || STARTS_WITH_VERB.test(item)
    );
    const listed = /[;\n]/.test(body) || (body.split(",").length > 2 && itemLike);
    if (listed && items.length > 1) return [{ type: "add", titles: items }];
  }
  // "we're out of milk", "running low on coffee": something to buy.
  const outOf = text.match(
    /^(?:(?:we're|we are|i'm|i am|we've|i've|we have|i have) )?(?:(?:run|ran|running|almost|nearly) )?(?:out of|low on) (.+)$/,
  );
  if (outOf) {
    const thing = cleanTitle(pick(clause, lower, outOf, 1).replace(/^(?:the|our|my)\s+/i, ""));
    if (thing) return [{ type: "add", titles: [`Buy ${thing}`] }];
  }
  // "remind me tomorrow to X", "tomorrow, remind me to X" → "X tomorrow".
  const later = text.match(new RegExp(String.raw`^remind me (${WHEN}) to (.+)$`)) ??
    text.match(new RegExp(String.raw`^(${WHEN}),? (?:remind me|i need|i have|i've got) to (.+)$`));
  if (later) {
    const title = cleanTitle(`${pick(clause, lower, later, 2)} ${pick(clause, lower, later, 1)}`);
    return title ? [{ type: "add", titles: [capitalize(title)] }] : [{ type: "ask_title" }];
  }
  const patterns: [RegExp, number][] = [
    [
      /^(?:add|create|make|put|save|log|write down|jot down|note|record)(?: a| an| one| another)?(?: new)? (?:task|to-?do|todo|item|reminder|entry)(?: (?:to|for|called|named|titled|that says|saying|about))?[:\s]\s*(.+)$/,
      1,
    ],
    [/^(?:new|another) (?:task|to-?do|todo|item|reminder)[:\s-]\s*(.+)$/, 1],
    [/^(?:add|new|create)\s*:\s*(.+)$/, 1],
    [/^(?:add|create|put)(?: another| one more)?(?: one| thing)\s*:\s*(.+)$/, 1],
    [/^(?:task|to-?do|todo|reminder)[:-]\s*(.+)$/, 1],
    [
      /^(?:remind me|reminder|remember|don't let me forget|do not let me forget|help me remember)(?: to| that i need to| that i have to| about)? (.+)$/,
      1,
    ],
    [/^(?:i|i'll|i will) (?:need|have|must|gotta|should|got) to (.+)$/, 1],
    // "I have a dentist appt on the 5th": an appointment is a task.
    [
      /^i(?:'ve| have)(?: got)? (?:an? )((?:\S+ ){0,2}(?:appt|appointment|meeting|interview|exam|test|class|lesson|flight|deadline|presentation|check-?up)\b.*)$/,
      1,
    ],
    [/^(?:i need|i must|i gotta|i should|need to|have to|must|gotta) (.+)$/, 1],
    [/^(?:don't|do not) (?:let me )?forget (?:to |about )?(.+)$/, 1],
    [/^make sure (?:to |that i |i )(.+)$/, 1],
    [
      new RegExp(
        String
          .raw`^(?:add|put|stick|throw|pop|write|jot|get|save) (.+?) (?:on|onto|to|in|into) (?:my|the)(?: to-?do| todo| shopping| task)? ${LIST_WORDS}$`,
      ),
      1,
    ],
    [/^(?:add|create|put|include)(?: a| an)? (.+)$/, 1],
  ];
  for (const [re, group] of patterns) {
    const match = text.match(re);
    if (!match) continue;
    const said = pick(clause, lower, match, group);
    // "… with the note check photo requirements": the task's note, said with it.
    const withNote = said.match(
      /^(.+?),? with (?:the |a )?(?:note|description|details)(?: that says| saying| reading)?(?::\s*|\s+)(.+)$/is,
    );
    const body = withNote ? withNote[1] : said;
    const description = withNote ? cleanTitle(withNote[2]) : "";
    // "add a task for tomorrow": when, but not what.
    if (new RegExp(String.raw`^(?:for |on |at )?${WHEN}$`, "i").test(cleanTitle(body))) {
      return [{ type: "ask_title" }];
    }
    // "add a task: …": everything after the colon is the one title, word for word.
    const afterColon = clause.match(/^[^:"“]*:\s*(.*)$/s)?.[1];
    const literal = afterColon !== undefined && afterColon.trim() === body.trim();
    const titles = literal || description
      ? [capitalize(cleanTitle(body))].filter(Boolean)
      : splitTitles(body);
    if (titles.length === 0) return [{ type: "ask_title" }];
    return [description ? { type: "add", titles, description } : { type: "add", titles }];
  }
  if (BARE_TASK_VERB.test(text)) {
    const titles = splitTitles(clause.replace(/[\s.!?]+$/, ""));
    if (titles.length) return [{ type: "add", titles }];
  }
  const vague = new RegExp(
    String
      .raw`^(?:add|create|make|new|put)(?: a| an| one| another)?(?: new)?(?: task| to-?do| todo| item| reminder| something| entry| one)?(?: (?:to|on|onto) (?:my |the )?${LIST_WORDS})?$|^(?:remind me|set a reminder|remember)(?: to| about| something)?$|^(?:add|create)(?: one more| another)(?: one| thing| task| item)?$|^(?:i want to|i'd like to|let me|can i) (?:add|create) (?:a |an )?(?:new )?(?:task|to-?do|todo|item|something)$`,
  );
  return vague.test(text) ? [{ type: "ask_title" }] : null;
}
