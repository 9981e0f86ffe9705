/**
 * Requests on one task (or a few named): complete or reopen, notes, show,
 * rename, replace words, delete; and what only sounds like one ("I got
 * nothing done", "I'm working on it", "I made a mistake").
 */
import { type Intent } from "./intent.ts";
import { parseRef } from "./refs.ts";
import { parseRemark } from "./remarks.ts";
import {
  capitalize,
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
  stripTrailing,
  UNDONE_WORDS,
} from "./words.ts";

/** "I bought milk", "mark 2 done", "reopen it" (and what only sounds like a completion); else null. */
export function parseComplete(clause: string, lower: string): Intent[] | null {
  const remark = parseRemark(clause, lower);
  if (remark) return remark;
  // "did both", "done both": the two tasks just shown ("did …" is otherwise a question).
  if (
    !lower.trim().endsWith("?") &&
    /^(?:i )?(?:did|done|finished|completed) (?:both|them both|both of them)$/.test(
      stripTrailing(lower),
    )
  ) {
    return [{ type: "complete", ref: { kind: "both" }, done: true }];
  }
  // A question about the list is never a change; "count …" asks for a number.
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
    // "we already have milk": nothing left to get; "mom bought the milk": done, by someone else.
    /^(?:i|we)(?:'ve| have)? already (?:have|got) (?:the |some |enough )?(.+)$/,
    /^(?:i|we) have (?:the |some |enough )?(.+?) already$/,
    new RegExp(
      String
        .raw`^(?!(?:i|we|just|already|finally|also|then|so|and|ok|okay|well|actually|yesterday|today|earlier|recently|now)\b)(?:[a-z]+|my [a-z]+) (?:${PAST_VERB_ALTERNATION}) (?:the|my|our|his|her|their) (.+)$`,
    ),
    new RegExp(
      String
        .raw`^(?:i(?:'ve| have)? )?(?:just |already |finally )?(?:finished|completed|done|did|${PAST_VERB_ALTERNATION}) (?!with )(.+?)(?: already| today| earlier)?$`,
    ),
    new RegExp(
      String
        .raw`^(?!(?:let|tell|remind|when|once|if|after|before|as soon as)\b)(.+?) (?:is|are|was|were|'s) (?:now |all |already |also )?${DONE_WORDS}(?: too| as well| also| now)?(?:(?:,|;| -| –| —) (?!(?:and|except)\b).*)?$`,
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

/** "add a note to 2: …", "remove the note": a task's note; else null. */
export function parseNote(clause: string, lower: string): Intent[] | null {
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
export function parseShow(clause: string, lower: string): Intent[] | null {
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
export function parseReplace(clause: string, lower: string): Intent[] | null {
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

/** "rename 2 to …", "I meant …", "fix the typo": a task's title; else null. */
export function parseRename(clause: string, lower: string): Intent[] | null {
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

/** "delete the milk", "take it off my list": one task deleted; else null. */
export function parseDelete(clause: string, lower: string): Intent[] | null {
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
  // "drop", "bin", "scrap"… delete only a task pointed at: "drop off the parcel", "bin day" and
  // "scrap metal" are errands.
  const match = stripTrailing(lower).match(
    new RegExp(
      String
        .raw`^(?:delete|remove|erase|get rid of|cancel|throw (?:away|out)|forget(?: about)?|cross out|(?:drop|scrap|scratch|trash|bin|ditch)(?= (?:the|my|that|this|it|those|these|them|task|number|#|\d)\b)) (.+?)(?: from (?:my |the )?${LIST_WORDS})?$`,
    ),
  );
  if (match) {
    const ref = parseRef(pick(clause, lower, match, 1));
    // "cancel netflix", "remove the stain": maybe a new task, when no task has those words.
    const errand = ref?.kind === "text" &&
        !new RegExp(String.raw`\b(?:task|tasks|one|item|${LIST_WORDS})$`).test(stripTrailing(lower))
      ? capitalize(cleanTitle(clause))
      : undefined;
    return [{ type: "delete", ref, ...(errand ? { errand } : {}) }];
  }
  // "I don't need the milk anymore", "the milk task can go": not needed any more, so deleted.
  const unneeded = stripTrailing(lower).match(
    /^(?:i|we) (?:don't|do not|no longer) need (?:to )?(.+?)(?: anymore| any more| after all| now)?$|^no need (?:for|to) (.+)$|^(.+?) (?:is|are) no longer needed$|^(.+?) (?:isn't|aren't|is not|are not) needed(?: anymore| any more)?$|^never ?mind (?:the |about )?(?!(?:it|that|this|them)$)(.+)$|^(.+?) can go$/,
  );
  if (!unneeded) return null;
  const group = [1, 2, 3, 4, 5, 6].find((index) => unneeded[index] !== undefined)!;
  return [{ type: "delete", ref: parseRef(pick(clause, lower, unneeded, group)) }];
}
