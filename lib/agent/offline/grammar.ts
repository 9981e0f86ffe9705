/**
 * The offline model's grammar: turns one user message into the intents it
 * asks for, in order. Deterministic and pure. `specs/assistant.md` lists the
 * phrasings it understands. Titles keep the user's words; text after a colon
 * or inside quotes is taken literally (it is data, never a command).
 */

import { AFFIRMATIVE } from "../confirmation.ts";
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
import { type Intent, type StatusFilter } from "./intent.ts";
import { expandNumberList, parseRef } from "./refs.ts";
import { splitList, splitTitles } from "./titles.ts";
import {
  capitalize,
  cleanSearch,
  cleanTitle,
  DONE_WORDS,
  isQuestion,
  LIST_WORDS,
  NOTE_WORDS,
  PAST_VERB_ALTERNATION,
  PAST_VERBS,
  pick,
  POINTED_REF,
  PRESENT_VERB_ALTERNATION,
  STARTS_WITH_VERB,
  stripTrailing,
  TASK_VERBS,
  UNDONE_WORDS,
  WHEN,
} from "./words.ts";

const POLITE =
  /^(?:(?:hey|hi|ok(?:ay)?|so|and|also|now|then|oh|well|wait|actually|alright|um+|hmm+|please|pls|kindly|oops|whoops|oh no|sorry|my bad|yay|woo+hoo+|woo+|phew|whew|finally|hooray|hurray)[\s,!.]+|(?:can|could|would|will) (?:you|u|ya)(?: please| pls| plz)?\s+|i(?:'d| would) like you to\s+|i want you to\s+|go ahead and\s+|let's\s+|lets\s+)+/i;
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
      intents.push({ type: "no" });
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
export function splitClauses(message: string): string[] {
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

function parseConversational(lower: string): Intent[] | null {
  const bare = lower.replace(/[\s.!?,]+$/g, "");
  if (AFFIRMATIVE.test(bare)) return [{ type: "yes" }];
  if (
    /^(?:no|nope|nah|cancel|stop|never ?mind|nvm|don't|do not|not yet|wait|hold on|hang on|forget (?:it|that|about it)|(?:oh )?(?:well|ok(?:ay)?),? never ?mind|no,? (?:thanks|thank you|don't|keep them|cancel|not yet|wait|no|stop|hold on|forget it|never ?mind))$/
      .test(bare)
  ) {
    return [{ type: "no" }];
  }
  if (/^(?:hi|hello|hey|hey there|hi there|good (?:morning|afternoon|evening)|yo)$/.test(bare)) {
    return [{ type: "greeting" }];
  }
  if (
    /^(?:(?:(?:great|perfect|awesome|cool|nice|ok|okay|k|kk|brilliant|excellent|lovely|wonderful|amazing)[,!.]?\s+)?(?:thanks|thank you|thx|ty|cheers|tysm|tnx)(?: (?:so much|a lot|very much))?|great|perfect|awesome|cool|nice|👍|👌|🙏|🙌|(?:ok(?:ay)?,? )?got it(?:,? (?:thanks|thank you|thx))?|(?:ok(?:ay)?,? )?understood|makes sense|i see|i saw that)$/u
      .test(bare)
  ) {
    return [{ type: "thanks" }];
  }
  if (
    /^(?:(?:thanks|thank you|thx|ty|cheers|great|perfect|ok|okay|cool|nice|awesome|alright|all right)[,!.]?\s+){0,2}(?:bye|goodbye|good bye|bye bye|see you(?: later| soon| tomorrow)?|see ya|later|good night|night|that's all(?: for (?:now|today))?|that's it(?: for (?:now|today))?|that is all|i'm (?:all )?done(?: for (?:now|today)| here| with you| talking)?|you're done|we're done(?: here)?|are we done|that's all i needed|i am done(?: for (?:now|today))?|i'm finished(?: for (?:now|today))?|done for (?:now|today)|(?:i have |i've got |there's )?nothing (?:else|more)(?: to add)?|no more|that's everything)(?:,? (?:thanks|thank you)(?: so much)?)?$/
      .test(bare)
  ) {
    return [{ type: "goodbye" }];
  }
  if (
    /^(?:help|what can you do|how does this work|what do you do|how do i use (?:this|you)|(?:can you |could you |will you )?help me(?: (?:organi[sz]e|plan|manage|sort out|keep track of|get on top of)(?: .*)?)?)\??$/
      .test(bare) ||
    // "how do I delete a task?", "can you mark things done?": how, not a request on a task.
    /^(?:how (?:do|can|would|should) (?:i|you|we)|can (?:i|you)|could (?:i|you)|is it possible to|am i able to) (?:delete|remove|add|create|complete|finish|mark|tick off|check off|rename|edit|change|reopen|undo|clear|note)(?: (?:a|the|my|some|any|several|more than one|multiple))? ?(?:tasks?|things?|items?|to-?dos?|notes?|something|stuff)?(?: (?:as )?(?:done|complete|completed))?$/
        .test(bare) && /\?\s*$|^how\b/.test(lower)
  ) {
    return [{ type: "help" }];
  }
  return null;
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

function parseComplete(clause: string, lower: string): Intent[] | null {
  const said = stripTrailing(lower);
  // "done with work", "I'm done for the day": the day, not a task.
  if (
    /^(?:i'm |i am )?(?:done|finished) (?:with work|with today|for the day|with the day)$/.test(
      said,
    )
  ) {
    return [{ type: "goodbye" }];
  }
  // "I made a mistake": something should change; which is asked (undo is offered).
  if (
    /^(?:(?:oops|sorry|ugh|hmm)[,!.]?\s+)*(?:i made a mistake|i messed (?:that |it )?up|my (?:mistake|bad)|that(?:'s| is| was) (?:wrong|not right|a mistake|not what i (?:meant|wanted))|wrong (?:one|task)|you got (?:it|that) wrong)$/
      .test(said)
  ) {
    return [{ type: "mistake" }];
  }
  if (
    /^(?:i (?:did|finished|completed|got|have done|'ve done|didn't do|did not do|haven't done|have not done|didn't finish|didn't get) (?:nothing|anything|my best|none of (?:it|them)|much)(?: done)?|i got nothing done|nothing (?:got )?(?:done|finished))(?: today| yet| at all| so far)?$/
      .test(said)
  ) {
    return [{ type: "nothing_done" }];
  }
  // "I called mom but she didn't answer", "I'm working on the report": not done yet.
  if (
    /\bbut (?:she|he|they|it|nobody|no one|there)?\s*(?:didn't|did not|wasn't|was not|couldn't|could not|isn't|won't|hasn't|haven't|no)\b|\bbut (?:no answer|no reply|it's not done|not done|not finished)\b/
      .test(said) ||
    /^(?:i'm |i am )?(?:done|finished) with .+ for (?:now|today)[\s.!]*$/.test(lower.trim()) ||
    /^i(?:'m| am) (?:still )?(?:working on|doing|in the middle of|halfway through|busy with|on)\b|^i (?:started|began|tried|almost|nearly|half|partly|partially)\b|^(?:still )?working on\b|^i(?:'ve| have)? got (?:this|it covered|this covered)$|^i can do (?:this|it)$/
      .test(said)
  ) {
    return [{ type: "in_progress" }];
  }
  // "I still need to call mom": on the list if it is not there; reopened if done.
  const still = said.match(/^i (?:still|also still) (?:need|have|got|gotta|must) (?:to )?(.+)$/);
  if (still) {
    const text = cleanSearch(pick(clause, lower, still, 1));
    const title = capitalize(cleanTitle(pick(clause, lower, still, 1)));
    if (text && title) return [{ type: "bring_back", text, title }];
  }
  // A question about the list is never a change; "count …" asks for a number.
  // "did both", "done both": the two tasks just shown ("did …" is otherwise a question).
  if (
    !lower.trim().endsWith("?") &&
    /^(?:i )?(?:did|done|finished|completed) (?:both|them both|both of them)$/.test(
      stripTrailing(lower),
    )
  ) {
    return [{ type: "complete", ref: { kind: "both" }, done: true }];
  }
  if (isQuestion(lower) || /^count\b/.test(lower)) return null;
  // "done" on its own: which task is asked.
  if (
    /^(?:done|finished|completed|did it|i did it|done and done|done done|all done and dusted)$/
      .test(stripTrailing(lower))
  ) {
    return [{ type: "complete", ref: null, done: true }];
  }
  // "it's not done (yet)", "not done": the task just talked about.
  if (
    /^(?:it's |it is |that's |that is )?not (?:done|finished|complete|completed)(?: yet)?$/.test(
      stripTrailing(lower),
    )
  ) {
    return [{ type: "complete", ref: { kind: "last" }, done: false }];
  }
  // Reopen first: "mark 2 as not done" must not read as done.
  const reopen = [
    new RegExp(
      String
        .raw`^(?:mark|set|flag|move) (.+?) (?:as |to )?(?:${UNDONE_WORDS}|back to (?:pending|open|to ?do))$`,
    ),
    new RegExp(String.raw`^make (${POINTED_REF}) (?:as |to )?${UNDONE_WORDS}$`),
    /^(?:reopen|re-open|uncheck|untick|unmark|undo|restore|un-complete|uncomplete) (.+?)$/,
    /^(.+?) (?:is|was|isn't|wasn't) (?:not |actually not |actually )?(?:done|finished|complete|completed) (?:yet|after all)$/,
    /^(.+?) (?:isn't|wasn't|is not|was not|isn't actually|is not actually) (?:done|finished|complete|completed)(?: yet| after all)?$/,
    /^i (?:didn't|did not|haven't|have not) (?:actually )?(?:finish(?:ed)?|do(?:ne)?|complete(?:d)?) (.+?)(?: yet| after all)?$/,
  ];
  for (const re of reopen) {
    const match = stripTrailing(lower).match(re);
    if (match) {
      return [{ type: "complete", ref: parseRef(pick(clause, lower, match, 1)), done: false }];
    }
  }
  // "I didn't get the eggs", "I haven't called mom yet": the errand, searched as a task is named.
  const notYet = stripTrailing(lower).match(
    new RegExp(
      String
        .raw`^i (?:didn't|did not|haven't|have not) (?:actually |really )?(${PRESENT_VERB_ALTERNATION}|${PAST_VERB_ALTERNATION}|taken|take) (.+?)(?: yet| after all| actually)?$`,
    ),
  );
  if (notYet) {
    const verb = PAST_VERBS[notYet[1]] ?? notYet[1];
    const target = pick(clause, lower, notYet, 2);
    return [{ type: "complete", ref: parseRef(`${verb} ${target}`), done: false }];
  }
  // "mark call mom done and email dad too": two tasks.
  const two = stripTrailing(lower).match(
    new RegExp(
      String
        .raw`^(?:mark|set|flag) (.+?) (?:as |to )?${DONE_WORDS},? (?:and|&) (.+?)(?: too| as well| also)$`,
    ),
  );
  if (two) {
    return [1, 2].map((group) => ({
      type: "complete" as const,
      ref: parseRef(pick(clause, lower, two, group)),
      done: true,
    }));
  }
  const done = [
    new RegExp(String.raw`^(?:mark|set|flag) (.+?) (?:as |to )?${DONE_WORDS}$`),
    // "make it done": only a pointed-at task ("make the report done" is rare, "make sure…" is not this).
    new RegExp(String.raw`^make (${POINTED_REF}) (?:as )?${DONE_WORDS}$`),
    // "mark rent as paid", "mark the dentist as sorted"
    new RegExp(
      String
        .raw`^(?:mark|set|flag) (.+?) as (?:${PAST_VERB_ALTERNATION}|sorted|handled|taken care of|dealt with)$`,
    ),
    /^(?:cross|tick|check|strike|knock) (.+?) off(?: (?:my |the )?(?:to-?do |todo |task )?(?:list|tasks?))?$/,
    /^(?:complete|finish|check off|tick off|cross off|check|tick|close|strike(?: off)?) (.+?)(?: off)?$/,
    /^(?:i(?:'ve| have)? )?(?:got|knocked) (.+?) (?:done|out)$/,
    new RegExp(
      String
        .raw`^(?:i(?:'ve| have)? )?(?:just |already |finally )?(?:finished|completed|done|did|${PAST_VERB_ALTERNATION}) (?!with )(.+?)(?: already| today| earlier)?$`,
    ),
    new RegExp(
      String
        .raw`^(?!(?:let|tell|remind|when|once|if|after|before|as soon as)\b)(.+?) (?:is|are|was|were|'s) (?:now |all |already |also )?${DONE_WORDS}(?: too| as well| also| now)?$`,
    ),
    /^(?:i'm |i am )?done with (.+?)$/,
    // "milk done", "stamps bought", "the parcel is posted": a statement, not a question or a request.
    new RegExp(
      String
        .raw`^(?!(?:add|create|put|remind|new|make|what|which|who|how|when|why|did|do|does|have|has|is|are|was|were|am|can|could|should|show|list|tell|everything|all|anything|nothing|delete|remove|clear|erase|drop|wipe|get rid of|purge|let|tell|remind|when|once|if|after|before|as soon as|mark|set|flag)\b)(.+?) (?:(?:is|are|was|were|has been|have been|got) )?(?:now |all |already |finally )?(?:${DONE_WORDS}|${PAST_VERB_ALTERNATION}|sorted|handled|taken care of)$`,
    ),
  ];
  // "everything is done?", "milk done?": asked, not said (the status questions answer them).
  const asked = lower.trim().endsWith("?");
  const statements = done.length - 3;
  for (const [index, re] of done.entries()) {
    if (asked && index >= statements) continue;
    const match = stripTrailing(lower).match(re);
    if (!match) continue;
    const target = pick(clause, lower, match, 1);
    // "done tasks", "completed ones": the list of them, not a task to complete.
    if (/^(?:the |my |all )?(?:tasks?|ones?|items?|things?|to-?dos?)$/i.test(target.trim())) {
      return [{ type: "list", status: "completed", count: false }];
    }
    // "got it done", "finished task 2": the task named, not words to search.
    const named = parseRef(target);
    if (named && named.kind !== "text") return [{ type: "complete", ref: named, done: true }];
    // "I bought milk" searches for "buy milk": the verb's present form and its object.
    const verb = lower.match(
      new RegExp(
        String.raw`^(?:i(?:'ve| have)? )?(?:just |already |finally )?(${PAST_VERB_ALTERNATION}) `,
      ),
    );
    if (!verb) return [{ type: "complete", ref: parseRef(target), done: true }];
    // "I bought eggs and bread": each short item is a task done.
    const items = target.split(/\s*,\s*(?:and\s+)?|\s+and\s+/).filter(Boolean);
    const each = items.length > 1 && items.every((item) => item.split(/\s+/).length <= 3)
      ? items
      : [target];
    return each.map((item) => ({
      type: "complete" as const,
      ref: parseRef(`${PAST_VERBS[verb[1]]} ${item}`),
      done: true,
    }));
  }
  return null;
}

/**
 * Verbs that make a bare imperative a new task ("buy milk and eggs"); the
 * ones that mean something else here (finish, check, cancel…) are left out.
 */
const BARE_TASK_VERB = new RegExp(
  String
    .raw`^(?:make (?:dinner|lunch|breakfast)|do (?:laundry|homework|taxes|dishes))\b|^(?:buy|get(?! rid\b)|grab|pick up|order|call|phone|email|text|pay|book|schedule|send|mail|post|submit|clean|wash|fix|repair|renew|return|water|walk|feed|cook|bake|write|print|sign|collect|drop off|visit|pack|prepare|study|review|organi[sz]e|tidy|vacuum|iron|bring|practi[cs]e|charge|invite|thank|take (?:out|in)|take (?:the|my|our|a|an|some)(?! (?:tasks?|list|first|second|third|last|next|other|one)\b)|make (?:a|an|some|the)(?! (?:tasks?|list|note|new task|first|second|third|last|next|other|one)\b)|do (?:the|my|our|some)(?! (?:tasks?|list|first|second|third|last|next|other|one|rest)\b)) (?!(?:me|us|you|him|her|them)\b)\S`,
);

function parseNote(clause: string, lower: string): Intent[] | null {
  const text = lower.replace(/[\s.!?]+$/, "");
  // "add a note: back tyre is flat", "update the note to both tyres": the task just talked about.
  const onLast = text.match(
    new RegExp(
      String
        .raw`^(?:(?:add|put|attach|leave|write)(?: a| the)? ${NOTE_WORDS}\s*:|(?:update|change|edit|set|replace) (?:the|its|that) ${NOTE_WORDS}(?:\s*:| to))\s*(.+)$`,
    ),
  );
  if (onLast) {
    const note = cleanTitle(pick(clause, lower, onLast, 1));
    const change = !/^(?:add|put|attach|leave|write)\b/.test(text);
    if (note) return [{ type: "note", ref: { kind: "last" }, text: note, change }];
  }
  const withText = [
    new RegExp(
      String
        .raw`^(?:add|put|attach|write|leave|set)(?: a| the)? ${NOTE_WORDS} (?:to|on|for|in) (.+?)(?::\s*|\s+(?:saying|that says|reading)\s+)(.+)$`,
    ),
    new RegExp(String.raw`^(?:a )?${NOTE_WORDS} (?:for|on|to) (.+?):\s*(.+)$`),
    new RegExp(
      String
        .raw`^(?:set|change|update|make|edit) the ${NOTE_WORDS} (?:of|on|for) (.+?) to (.+)$`,
    ),
    new RegExp(
      String.raw`^(?:set|change|update|edit) (?:the |my )?(.+?) ${NOTE_WORDS}(?::\s*| to )(.+)$`,
    ),
    /^add to (task (?:number |#)?\d+|it|that one|this one):\s*(.+)$/,
    /^describe (.+?) as (.+)$/,
  ];
  for (const [index, re] of withText.entries()) {
    const match = text.match(re);
    if (!match) continue;
    const note = cleanTitle(pick(clause, lower, match, 2));
    const ref = parseRef(pick(clause, lower, match, 1));
    return [{ type: "note", ref, text: note || null, change: index === 2 || index === 3 }];
  }
  const removal = text.match(
    new RegExp(
      String
        .raw`^(?:remove|delete|clear|drop|erase) the ${NOTE_WORDS} (?:from|on|of|for|in) (.+)$`,
    ),
  );
  if (removal) return [{ type: "note", ref: parseRef(pick(clause, lower, removal, 1)), text: "" }];
  // "remove the note", "clear its note": on the task just talked about.
  if (
    /^(?:remove|delete|clear|drop|erase) (?:the|its|that) (?:note|description|comment)$/.test(text)
  ) {
    return [{ type: "note", ref: { kind: "last" }, text: "" }];
  }
  const bare = text.match(
    new RegExp(
      String.raw`^(?:add|put|attach|write|leave)(?: a| the)? ${NOTE_WORDS} (?:to|on|for) (.+)$`,
    ),
  );
  if (bare) return [{ type: "note", ref: parseRef(pick(clause, lower, bare, 1)), text: null }];
  return null;
}

/** "show task 2", "what was the second one?", "what does it say": one task, by number or place. */
function parseShow(clause: string, lower: string): Intent[] | null {
  const match = stripTrailing(lower).match(
    /^(?:show(?: me)?|view|display|open|read(?: me)?|tell me about|what(?:'s| is| was| were)|which (?:is|was)|what does|details(?: of| for| on)?)\s+(?:the (?:details|note|notes|description) (?:of|on|for) |more about |about )?(.+?)(?: again| say| says| about)?$/,
  );
  const ref = match && parseRef(pick(clause, lower, match, 1));
  if (ref && ref.kind !== "text") return [{ type: "show", ref }];
  // Words name a task only in forms that ask about one task ("what's left" is a list).
  const named = stripTrailing(lower).match(
    /^what(?:'s| is| was) the (?:note|notes|description|details)( on (?:it|that|this)(?: one)?)?$|^(?:what does|what did|what(?:'s| is)|whats) (?:the |my )?(.+?) (?:task |one |item |note )?(?:say|says|read|mean)$|^(?:what(?:'s| is) the (?:status|state) of|how(?:'s| is)(?: it going with)?|(?:what|how) about) (?:the |my )?(.+? (?:task|one|item))$|^(?:what|how) about (?:the |my )(?!(?:weather|news|time|day|week|weekend)$)(.+)$|^what(?:'s| is| was) (?:the )?(?:note|notes|description|details) (?:of|on|for|about) (?:the |my )?(.+?)(?: task| one| item)?$|^(?:show(?: me)?|open|view|display|tell me about) (?:the |my )?(.+?) (?:task|one|item|reminder)$/,
  );
  if (!named) return null;
  const group = [2, 3, 4, 5, 6].find((index) => named[index] !== undefined);
  // "what's the note?": on the task just talked about.
  if (group === undefined) return [{ type: "show", ref: { kind: "last" } }];
  const text = parseRef(pick(clause, lower, named, group));
  return text ? [{ type: "show", ref: text }] : null;
}

/** "change sarah to Sara in task 1", "replace 3pm with 4pm in the dentist one". */
function parseReplace(clause: string, lower: string): Intent[] | null {
  const match =
    /^(?:change|replace|swap|correct|fix) (?:the word |the name |the text )?["“'‘]?(.+?)["”'’]? (?:to|with|into|by|->|→) ["“'‘]?(.+?)["”'’]? in (.+)$/d
      .exec(stripTrailing(lower));
  if (!match?.indices || lower.length !== clause.length) return null;
  // The words as the user wrote them (the match ran on the lower-case copy; `to` may be inside `from`).
  const original = (group: number) => clause.slice(...match.indices![group]!);
  const target = original(3);
  const ref = parseRef(target);
  // "… in the afternoon" is part of a new title, not a task: a task is named as one.
  if (!ref || (ref.kind === "text" && !/\b(?:task|one|item)$/i.test(target.trim()))) return null;
  return [{ type: "replace", ref, from: original(1), to: original(2) }];
}

/** "task 2's title", "the milk one's name", "its title": the task they belong to. */
function renameTarget(text: string): string {
  return text.replace(/'s (?:title|name|text)$/i, "").replace(/^its (?:title|name|text)$/i, "it");
}

/** One rename of `target` to `raw` (a quoted title kept exactly, else capitalised as added titles are). */
function renamed(target: string, raw: string): Intent[] {
  const title = cleanTitle(raw);
  const kept = /^\s*["“'‘]/.test(raw) ? title : capitalize(title);
  return [{ type: "rename", ref: parseRef(target), title: kept || null }];
}

function parseRename(clause: string, lower: string): Intent[] | null {
  // "no wait, I meant doctor appointment": a correction of what was just said.
  const meant = stripTrailing(lower).match(
    /^(?:no[,!.]?\s+)?(?:wait[,!.]?\s+)?(?:sorry[,!.]?\s+)?i meant(?: to say| to write)?:? (.+)$/,
  );
  if (meant) {
    const title = cleanTitle(pick(clause, lower, meant, 1));
    if (title) return [{ type: "correction", title: capitalize(title) }];
  }
  const said = stripTrailing(lower);
  // "call it a day": goodbye; "call it done": the task just talked about is done.
  if (/^(?:let's |lets )?call it (?:a day|a night|quits)$/.test(said)) return [{ type: "goodbye" }];
  if (/^call (?:it|that) (?:done|finished|complete)$/.test(said)) {
    return [{ type: "complete", ref: { kind: "last" }, done: true }];
  }
  // "fix the typo", "fix it": a new title for the task just talked about, asked for.
  if (/^(?:fix|correct) (?:it|that|this|the (?:typo|spelling|title|name|wording))$/.test(said)) {
    return [{ type: "rename", ref: { kind: "last" }, title: null }];
  }
  // "make it quick", "make it better", "name it better": how, not a new title.
  if (
    /^(?:make|name|call) (?:it|that|this)(?: one)? (?:(?:a )?(?:quick|quicker|snappy|so|better|shorter|longer|bold|bigger|smaller|clearer|simpler|nicer|pretty|prettier|work|happen|count|last|stop|habit|thing|rule|point|deal)|something else|different(?:ly)?)$/
      .test(said)
  ) {
    return [{ type: "off_topic" }];
  }
  const patterns = [
    /^(?:rename|retitle) (.+?) (?:to|as|into) (.+)$/,
    // "make that book dentist for tuesday" (not "make it urgent": tasks have no priority)
    /^(?:make|change) (that|it|this)(?: one)? (?:to |into |say |read )?(?!(?:one )?(?:as |to )?(?:important|urgent|high[- ]priority|a priority|top priority|priority|done|complete|completed|finished|not done|undone|incomplete|pending)$)(.+)$/,
    // "make the bins task say put the bins out"
    /^(?:make|change) (?:the |my )?(.+? (?:task|one|item)) (?:say|read|to say|to read|into) (.+)$/,
    /^(?:change|update|edit|set) (?:the (?:title|name|text) of )?(.+?) (?:to|into|so it says|so it reads) (.+)$/,
    /^(?:call|name) (task (?:number |#|no\.? )?\d+|it|that(?: one)?) (.+)$/,
    /^(?:rename|retitle) ((?:task )?(?:number |#|no\.? )?\d+|it|that(?: one)?) (["“'‘].+)$/,
  ];
  for (const re of patterns) {
    const match = stripTrailing(lower).match(re);
    if (!match) continue;
    const target = renameTarget(pick(clause, lower, match, 1));
    const raw = pick(clause, lower, match, 2);
    // "rename 1 to Alpha and 3 to Gamma": two renames (only by number, so "and" stays in titles).
    const next = parseRef(target)?.kind === "number"
      ? raw.match(/^(.+?),? and (?:task |number |#)?(\d+) (?:to|as|into) (.+)$/i)
      : null;
    if (next) {
      return [
        ...renamed(target, next[1]),
        ...renamed(next[2], next[3]),
      ];
    }
    return renamed(target, raw);
  }
  const bare = stripTrailing(lower).match(/^(?:rename|retitle) (.+)$/);
  if (bare) {
    return [{
      type: "rename",
      ref: parseRef(renameTarget(pick(clause, lower, bare, 1))),
      title: null,
    }];
  }
  return null;
}

function parseDelete(clause: string, lower: string): Intent[] | null {
  // "take the dentist off my list": deleted (crossing one off is doing it).
  // "take it off", "take task 2 off": off the list when the task is pointed at.
  const takeOff = stripTrailing(lower).match(
    new RegExp(
      String
        .raw`^(?:take|get) (?:(.+?) off (?:my |the )?(?:to-?do |todo |task )?(?:list|tasks?)|(${POINTED_REF}|the (?:second|third) one) off)$`,
    ),
  );
  if (takeOff) {
    const group = takeOff[1] === undefined ? 2 : 1;
    return [{ type: "delete", ref: parseRef(pick(clause, lower, takeOff, group)) }];
  }
  // "delete" on its own: which task is asked.
  if (
    /^(?:delete|remove|erase|delete (?:a|one)(?: task)?|remove (?:a|one)(?: task)?)$/.test(
      stripTrailing(lower),
    )
  ) {
    return [{ type: "delete", ref: null }];
  }
  const match = stripTrailing(lower).match(
    new RegExp(
      String
        .raw`^(?:delete|remove|erase|drop|get rid of|cancel|scrap|scratch|trash|throw (?:away|out)|bin|ditch|forget(?: about)?|cross out) (.+?)(?: from (?:my |the )?${LIST_WORDS})?$`,
    ),
  );
  if (!match) return null;
  return [{ type: "delete", ref: parseRef(pick(clause, lower, match, 1)) }];
}

function parseList(clause: string, lower: string): Intent[] | null {
  const text = stripTrailing(lower);
  if (
    /^(?:(?:which|what|any|show(?: me)?|list|do i have|are there)(?: of)?(?: my| the| any)? (?:tasks?|ones?|items?) (?:have|has|with|that have|come with)(?: a| any)? (?:notes?|descriptions?|details)|(?:show|list|read)(?: me)?(?: all)? (?:my |the )?(?:notes|descriptions)|what (?:notes|descriptions) do i have)$/
      .test(text)
  ) {
    return [{ type: "list_notes" }];
  }

  // "show me", "show them": the list (what "show" alone can mean here).
  if (/^(?:show|show me|show them|show me them|show all of them)$/.test(text)) {
    return [{ type: "list", status: "all", count: false }];
  }
  const count =
    /\bhow many\b|\bcount\b|\bnumber of\b|^how (?:long|big) is\b|^how am i doing\b|^how(?:'s| is) my progress\b|^(?:what's |what is )?my progress$/
      .test(text);
  // "done and pending", "open and completed": both, so all of them.
  const both =
    /\b(?:done|completed|finished)\b.*\b(?:and|&|plus|vs\.?|versus|or)\b.*\b(?:pending|open|undone|unfinished|not done|left)\b|\b(?:pending|open|unfinished|not done)\b.*\b(?:and|&|plus|vs\.?|versus|or)\b.*\b(?:done|completed|finished)\b/
      .test(text);
  const status: StatusFilter = both
    ? "all"
    : /\b(?:done|completed|complete|finished|checked off|ticked off|accomplished)\b|\b(?:did|have) i (?:finish|complete|accomplish|get done|do|tick off|check off)\b/
        .test(text) &&
        !/\b(?:not|still|left|remaining|to do|to-do|haven't|hasn't|didn't|yet|including|incl|plus|and|with|even)\b.*\b(?:done|completed|finished)\b|\b(?:done|completed|finished) yet\b|\bhave to do\b/
          .test(text)
    ? "completed"
    : /\b(?:left|pending|remaining|open|outstanding|unfinished|incomplete|not done|(?:haven't|have not|hasn't|didn't|did not)(?: i| you| we)? (?:done|finished|completed|do|finish|complete|got to|gotten to)|not (?:done|finished|completed) yet|still (?:to do|need|have)|to do today|do i (?:still )?(?:need|have) to do|do i (?:still )?need|what's next|next up|next (?:one|task|thing)|(?:which|what)(?: one| task| thing)? (?:first|next)|should i do|shall i do|can i do|work on|tackle|start with|else)\b/
        .test(text)
    ? "pending"
    : "all";
  const asked = parseStatusQuestion(clause, lower, text);
  if (asked) return asked;
  const mention = text.match(
    /^(?:which|what|any|show(?: me)?|list)(?: of my)? (?:tasks?|ones?|items?) (?:mention|mentions|contain|contains|include|includes|say|says|are about|is about|have|has|with)\s+(.+)$/,
  );
  if (mention) {
    const term = cleanSearch(pick(clause, lower, mention, 1));
    if (term) return [{ type: "list", status, search: term, count }];
  }
  const search = text.match(
    /^(?:search|find|look|look up|look for|search for|find tasks?(?: about| with| for| containing| mentioning)?|do i have (?:a |any )?tasks? (?:about|for|with|to|mentioning|containing|called|named)|is there (?:a |any )?tasks? (?:about|for|with|to|mentioning|called|named)|(?:do i have |is there )?(?:any|anything|something) (?:tasks? )?(?:about|for|with|mentioning|to do with))\s+(?:for\s+)?(.+)$/,
  );
  if (search && !/^(?:my |the |all )?(?:tasks?|list|everything)$/.test(search[1])) {
    const term = cleanSearch(pick(clause, lower, search, 1));
    if (term) return [{ type: "list", status, search: term, count }];
  }
  // "how many vet tasks", "how many tasks about the vet": a count of a search.
  const countOf = text.match(
    /^(?:how many|count)(?: of)?(?: my| the)? (?!(?:all|my|the|done|completed|finished|pending|open|remaining|other|left|outstanding|unfinished|incomplete|tasks|items|things|more|of)\b)([a-z][\w'-]*(?: [a-z][\w'-]*)?) (?:tasks|ones|items|to-?dos|things|errands|chores)(?: (?:do i have|are there|have i got|are on my list))?$|^how many (?:tasks|ones|items|to-?dos|things) (?:about|mention|mentioning|mentions|with|for|say|saying) (?:the |my )?(.+?)(?: do i have| are there)?$/,
  );
  if (countOf) {
    const term = cleanSearch(pick(clause, lower, countOf, countOf[1] === undefined ? 2 : 1));
    if (term) return [{ type: "list", status, search: term, count: true }];
  }
  const listy = new RegExp(
    String
      .raw`^(?:show|list|display|view|see|print|read|give me|tell me|let me see|what(?:'s| is| are| do| have| did)?|which|how many|count|any|anything|do i have|is there|are there|my|all|pending|completed|open|remaining|get)\b.*(?:\b${LIST_WORDS}\b|\bleft\b|\bpending\b|\bdone\b|\bcompleted\b|\bfinished\b|\bremaining\b|\bto do\b|\bon my plate\b|\bagenda\b|\bplate\b|\bnext\b|\bopen\b|\boutstanding\b|\bdid i (?:finish|complete|do|get done)\b)|^${LIST_WORDS}$|^what (?:should|shall|can|do) i (?:do|work on|tackle|start with)(?: first| next| now| today| first today)?$|^(?:which|what) (?:one |task |thing )?(?:first|next)$|^which (?:of (?:these|them|those|my tasks)|ones?|tasks?) (?:can|should|could|shall) i (?:do|work on|tackle|start with|get done)(?: first| next| now| today)?$|^(?:anything|something) else(?: to do)?$|^(?:list|show|display)(?: me)? (?:everything|all)$|^what(?:'s| is) (?:left|next|pending|remaining|on my plate|up)$|^how(?:'s| is| does) (?:my|the) (?:to-?do |todo |task )?(?:list|tasks?|day|plate)(?: (?:look|looking|going))?(?: today)?$|^what (?:haven't|didn't|have not|did not) i (?:done|do|finished|finish|completed|complete|gotten to|got to|get to)\b|^how many(?: (?:have i got|do i have|are there|is that|in total|altogether|things|items))?$|^is (?:my|the) (?:to-?do |todo |task )?list empty$|^how am i doing(?: with (?:my|the) (?:tasks|list|to-?dos?))?(?: today| so far)?$|^how(?:'s| is) my progress(?: going)?$|^(?:what's |what is )?my progress$|^what do i (?:still )?(?:need|have) to do|^what (?:do i|have i)(?: still)? (?:have|got)(?: left| on my (?:list|plate))?$|^what do i (?:still )?need\b|^how (?:long|big) is (?:my|the) (?:to-?do |todo |task )?list|^what (?:have|did) i (?:done|do|finished|finish|completed|complete|accomplished|accomplish|get done|tick off|check off)|^what (?:have|did) (?:i|you|we) (?:just )?(?:add(?:ed)?|put (?:on|in)|create(?:d)?|note(?:d)? down|write down|written down|wrote down|save(?:d)?)\b|^what(?:'s| has) been added\b`,
  );
  if (
    listy.test(text) &&
    !/^(?:what|how|tell me)\b.*\b(?:weather|time is it|joke|capital|news|recipe|president|meaning of)\b/
      .test(text)
  ) {
    return [{ type: "list", status, count }];
  }
  // "mom stuff?", "work tasks": a search by the word or two before.
  const topic = text.match(
    /^(?:any |my |the )?(?!(?:all|my|the|done|completed|finished|pending|open|remaining|other|some|any|new|old|these|those|which|what|more|add|create|put|remind|delete|remove|mark|complete|finish|clear|show|list|find|search)\b)([a-z][\w'-]*(?: [a-z][\w'-]*)?) (?:stuff|things|tasks|items|to-?dos|errands|jobs|chores)$/,
  );
  if (topic) {
    const term = cleanSearch(pick(clause, lower, topic, 1));
    if (term) return [{ type: "list", status: "all", search: term, count: false }];
  }
  return null;
}

/**
 * "is the milk one done?", "did I finish task 2?": the task's state (a search,
 * or the task itself for a number or "it"); "did I finish everything?": what is left.
 */
function parseStatusQuestion(clause: string, lower: string, text: string): Intent[] | null {
  // "everything is done?", "milk done?": a statement asked as a question.
  if (lower.trim().endsWith("?")) {
    if (
      /^(?:everything|all of it|all my tasks)(?:'s| is| are)? (?:all )?(?:done|finished|complete)$/
        .test(text)
    ) {
      return [{ type: "list", status: "pending", count: true }];
    }
    const said = text.match(
      new RegExp(
        String
          .raw`^(?!(?:what|which|how|who|why|when|where|is|are|was|were|did|do|does|has|have|can|could|should)\b)(?:the |my )?(.+?) (?:(?:is|are|was|were|'s|has been|have been) )?(?:now |already |all )?(?:${DONE_WORDS}|${PAST_VERB_ALTERNATION})$`,
      ),
    );
    const ref = said && parseRef(pick(clause, lower, said, 1));
    if (ref?.kind === "text") {
      const term = cleanSearch(ref.text);
      if (term) return [{ type: "list", status: "all", search: term, count: false }];
    } else if (ref) return [{ type: "show", ref }];
  }
  // "everything done?", "am I done for today?": what is left.
  if (
    /^(?:is )?(?:everything|all(?: of it)?) (?:done|finished|complete)(?: yet| now| for today)?$|^am i (?:all )?(?:done|finished)(?: yet| now| for (?:today|now|the day))?$|^(?:are|is) (?:all )?(?:my )?(?:tasks|to-?dos|list) (?:all )?(?:done|finished|complete)(?: yet)?$/
      .test(text)
  ) {
    return [{ type: "list", status: "pending", count: true }];
  }
  // "is the leak fixed?", "was the rent paid?": the task's state, by its words.
  const participle = text.match(
    new RegExp(
      String
        .raw`^(?:is|are|was|were|has|have) (?:the |my )?(.+?) (?:been )?(?:already )?(?:${PAST_VERB_ALTERNATION}|written|taken|seen|sorted|handled|taken care of|ready)(?: yet| already)?$`,
    ),
  );
  if (participle) {
    const ref = parseRef(pick(clause, lower, participle, 1));
    if (ref?.kind === "text") {
      const term = cleanSearch(ref.text);
      if (term) return [{ type: "list", status: "all", search: term, count: false }];
    } else if (ref) return [{ type: "show", ref }];
  }
  const match = text.match(
    new RegExp(
      String
        .raw`^(?:(?:is|are|was|were) (?:the |my )?(.+?)(?: ones?| tasks?)? (?:already |all )?${DONE_WORDS}(?: yet| already)?|(?:did|have) i (?:already |actually )?(?:finish(?:ed)?|complete(?:d)?|do(?:ne)?|tick(?:ed)? off|check(?:ed)? off) (?:the |my )?(.+?)(?: ones?| tasks?)?(?: yet| already)?)$`,
    ),
  );
  // "did I buy the milk?": what was bought is searched for ("milk").
  const withVerb = match ? null : text.match(
    new RegExp(
      String.raw`^did i (?:already |actually )?(?:${TASK_VERBS}) (.+?)(?: yet| already)?$`,
    ),
  );
  if (!match && !withVerb) return null;
  const target = withVerb
    ? pick(clause, lower, withVerb, 1)
    : pick(clause, lower, match!, match![1] === undefined ? 2 : 1);
  if (
    /^(?:everything|all(?: of them| of it)?|anything|them|my (?:tasks|list)|the (?:tasks|list))$/i
      .test(target)
  ) {
    return [{ type: "list", status: "pending", count: true }];
  }
  const ref = parseRef(target);
  if (!ref) return null;
  if (ref.kind !== "text") return [{ type: "show", ref }];
  const term = cleanSearch(ref.text);
  return term ? [{ type: "list", status: "all", search: term, count: false }] : null;
}

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
