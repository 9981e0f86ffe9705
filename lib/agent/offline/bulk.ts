/**
 * The offline grammar's requests on many tasks at once, or on what tasks do
 * not have (dates, priority, order): delete or complete all, completed,
 * matching, duplicates, oldest and newest.
 */
import { type Intent, type StatusFilter } from "./intent.ts";
import {
  ALL_OF_THEM,
  cleanSearch,
  DELETE_VERBS,
  LIST_WORDS,
  pick,
  stripTrailing,
  WHEN,
} from "./words.ts";

/** "clear completed", "delete the ones I finished": every completed task. */
export function parseDeleteCompleted(lower: string): Intent[] | null {
  const finished = String
    .raw`(?:completed|complete|done|finished|checked(?: off)?|ticked(?: off)?)`;
  const re = new RegExp(
    String
      .raw`^${DELETE_VERBS} (?:(?:all(?: of)? )?(?:the |my )?(?:${finished}|old)(?: ones| ${LIST_WORDS}| items| stuff)?|(?:everything|all(?: of)?(?: the| my)?(?: ${LIST_WORDS}| ones| items)?|the (?:ones|${LIST_WORDS}|items)) (?:that's |that is |that are |that were |that was |i've |i have |i |i already |already )?(?:${finished}|did|ticked off|checked off|crossed off))$`,
  );
  return re.test(stripTrailing(lower)) ? [{ type: "delete_completed" }] : null;
}

/**
 * "what's my oldest task?", "show me the newest one", "what was the last task I
 * added?": by number. ("the last one" alone stays a place in the list just shown.)
 */
export function parseExtreme(lower: string): Intent[] | null {
  const match = stripTrailing(lower).match(
    /^(?:(?:what(?:'s| is| was)|which is|show(?: me)?|tell me|read(?: me)?) )?(?:my |the )?(?:(oldest|newest|latest|most recent)(?: (pending|open|unfinished|done|completed|finished))? (?:task|one|item|thing|to-?do)(?: (?:i (?:added|created|wrote down|put (?:on|in))|on my (?:list|to-?do list)|i have|i've got))?|(last|first) (?:task|thing|one|item) i (?:added|created|wrote down|put (?:on|in)(?: my list)?))$/,
  );
  if (!match) return null;
  const word = match[1] ?? match[3];
  const which = /^(?:oldest|first)$/.test(word) ? "oldest" : "newest";
  const state = match[2];
  const status: StatusFilter = !state
    ? "all"
    : /^(?:done|completed|finished)$/.test(state)
    ? "completed"
    : "pending";
  return [{ type: "extreme", which, status }];
}

/** "do I have duplicates?", "any doubles on my list?", "show the duplicates". */
export function parseFindDuplicates(lower: string): Intent[] | null {
  const re = new RegExp(
    String
      .raw`^(?:(?:do i have|are there|is there|have i got|got|any|show(?: me)?|list|find|check(?: for)?|look for|see)(?: the| any| my)?(?: (?:any|some))? )?(?:duplicates?|duplicate (?:tasks?|ones?|entries|items|titles)|doubles|repeats|repeated (?:tasks|ones)|tasks? (?:twice|more than once))(?: (?:on|in) (?:my |the )?${LIST_WORDS})?$|^(?:did i add|have i added) (?:anything|something|a task|tasks?) twice$`,
  );
  return re.test(stripTrailing(lower)) ? [{ type: "find_duplicates" }] : null;
}

/** "delete the duplicates", "dedupe my list". */
export function parseDeleteDuplicates(lower: string): Intent[] | null {
  const re = new RegExp(
    String
      .raw`^(?:${DELETE_VERBS}|dedupe|de-duplicate|deduplicate) (?:the |any |all(?: the)? |my )?(?:duplicates?|duplicate (?:tasks?|ones?|entries|items)|doubles|repeats|repeated (?:tasks|ones))(?: (?:from|on|in) (?:my |the )?${LIST_WORDS})?$|^(?:dedupe|de-duplicate|deduplicate)(?: (?:my |the )?${LIST_WORDS})?$`,
  );
  return re.test(stripTrailing(lower)) ? [{ type: "delete_duplicates" }] : null;
}

/** "delete all the milk tasks": every task mentioning the words. */
export function parseDeleteMatching(clause: string, lower: string): Intent[] | null {
  const match = stripTrailing(lower).match(
    new RegExp(
      String
        .raw`^${DELETE_VERBS} (?:all(?: of)?|every) (?:the |my )?(?:(?!(?:the|my|of|our|these|those)\b)(.+?) (?:tasks|ones|items|to-?dos)|(?:tasks|ones|items|to-?dos|things) (?:about|with|mentioning|containing|for|related to|that (?:mention|contain|say)|saying) (.+?))$`,
    ),
  );
  if (!match) return null;
  const search = cleanSearch(pick(clause, lower, match, match[1] === undefined ? 2 : 1));
  return search ? [{ type: "delete_matching", search }] : null;
}

/** "delete everything" (asked first), or "… except milk". */
export function parseDeleteAll(clause: string, lower: string): Intent[] | null {
  const everything = String
    .raw`(?:all(?: of)?(?: my| the)? ${LIST_WORDS}|${ALL_OF_THEM}|everything|every task|the lot|my (?:whole |entire )?${LIST_WORDS}|the (?:whole |entire )?${LIST_WORDS}|all)`;
  // "delete everything except milk": the words name the tasks that stay.
  const except = stripTrailing(lower).match(
    new RegExp(
      String
        .raw`^(?:delete|remove|erase|clear(?: out)?|wipe(?: out)?|get rid of|drop|nuke|scrap|trash|ditch) ${everything},? (?:except(?: for)?|but keep|but(?: not)?|apart from|other than|besides|save for) (.+)$`,
    ),
  );
  if (except) {
    const keep = cleanSearch(pick(clause, lower, except, 1));
    if (keep) return [{ type: "delete_except", keep }];
  }
  // The whole message: "delete all the milk tasks" or "delete everything that's done" is not this.
  const re = new RegExp(
    String
      .raw`^(?:(?:delete|remove|erase|clear(?: out)?|wipe(?: out)?|get rid of|drop|empty|nuke|scrap|trash|ditch) ${everything}(?: (?:on|from|in) (?:my|the) (?:whole |entire )?${LIST_WORDS})?|(?:clear|wipe|empty|reset)(?: out)?(?: my| the)?(?: whole| entire)? ${LIST_WORDS}|reset (?:everything|it all|all)|start (?:over|fresh|again)(?: with an empty list)?)$`,
  );
  return re.test(stripTrailing(lower)) ? [{ type: "delete_all" }] : null;
}

/** "mark everything done" ("… except the invites"). */
export function parseCompleteAll(clause: string, lower: string): Intent[] | null {
  const all = String
    .raw`(?:(?:mark|check off|tick off|set) (?:all(?: of)?(?: my| the)?(?: ${LIST_WORDS})?|everything|${ALL_OF_THEM}) (?:as )?(?:done|complete|completed|finished)|(?:complete|finish|check off|tick off) (?:all(?: of)?(?: my| the)?(?: ${LIST_WORDS})?|everything|${ALL_OF_THEM})|i(?:'ve| have)? (?:finished|completed|done|did) (?:all(?: of)?(?: my| the)?(?: ${LIST_WORDS})?|everything|${ALL_OF_THEM}))`;
  const text = stripTrailing(lower);
  if (
    new RegExp(String.raw`^${all}(?: today| for today)?$`).test(text) ||
    /^(?:everything(?:'s| is)(?: now| all)? (?:done|finished|complete)|(?:i'm |i am )?done with (?:everything|all of (?:it|them)|all my tasks))$/
        .test(text) && !lower.trim().endsWith("?")
  ) {
    return [{ type: "complete_all" }];
  }
  // "mark everything done except the invites": the words name the tasks that stay open.
  const except = text.match(
    new RegExp(
      String
        .raw`^${all},? (?:except(?: for)?|but(?: not)?|apart from|other than|besides|save for) (.+)$`,
    ),
  );
  if (!except) return null;
  const search = cleanSearch(pick(clause, lower, except, 1));
  return search ? [{ type: "complete_all", except: search }] : null;
}

/** "reopen everything": every completed task back to pending. */
export function parseReopenAll(lower: string): Intent[] | null {
  const everything = String
    .raw`(?:all(?: of)?(?: my| the)?(?: ${LIST_WORDS}| completed| done| finished| ones)?|everything|${ALL_OF_THEM}|the (?:done|completed|finished) ones)`;
  const re = new RegExp(
    String
      .raw`^(?:(?:reopen|re-open|uncheck|untick|unmark|restore|undo) ${everything}|(?:mark|set) ${everything} (?:as |to )?(?:not done|undone|incomplete|pending|open|unfinished))$`,
  );
  return re.test(stripTrailing(lower)) ? [{ type: "reopen_all" }] : null;
}

/** "push flights to next week": tasks have no dates. */
export function parseReschedule(lower: string): Intent[] | null {
  const text = stripTrailing(lower);
  const moved = new RegExp(
    String
      .raw`^(?:push|move|postpone|reschedule|delay|defer|bump|put off|shift|push back|move back) .+? (?:to|until|till|for|back to|off (?:to|until)|by) ${WHEN}$`,
  );
  // "do the dishes later", "I'll do laundry tomorrow": a day for a task, which tasks do not have.
  const later = new RegExp(
    String
      .raw`^(?:i'll |i will |i'm going to |i am going to |gonna |let me )?do .+ (?:${WHEN}|later on)$`,
  );
  return moved.test(text) || later.test(text) ||
      /^(?:postpone|reschedule|delay|defer|put off|push back) \S/.test(text)
    ? [{ type: "reschedule" }]
    : null;
}

/** "what do I have on Friday?": tasks mentioning the day. */
export function parseDue(lower: string): Intent[] | null {
  const match = stripTrailing(lower).match(
    new RegExp(
      String
        .raw`^(?:what|anything|is there anything)(?:'s| is| do i have| have i got| do i (?:need|have) to do| should i do| am i doing| is planned)?(?: (?:on|due|planned|scheduled|left))?(?: (?:for|on))? (${WHEN})$|^what(?:'s| is) my (?:plan|schedule|agenda|list) (?:for )?(${WHEN})$`,
    ),
  );
  if (!match) return null;
  const when = (match[1] ?? match[2]).replace(/^on /, "");
  // Today is what is left: every pending task.
  if (/^(?:today|tonight|later(?: today)?)$/.test(when)) {
    return [{ type: "list", status: "pending", count: false }];
  }
  return [{ type: "due", when }];
}

/** "move milk to the top": tasks keep their numbers. */
export function parseReorder(lower: string): Intent[] | null {
  return /^(?:move|sort|reorder|re-order|rearrange|order|prioriti[sz]e|rank)\b/.test(lower)
    ? [{ type: "reorder" }]
    : null;
}

/** "mark 1 as important", "what's urgent?": tasks have no priority. */
export function parsePriority(lower: string): Intent[] | null {
  if (
    /^(?:what(?:'s| is| are)|which(?: one| task| tasks)?(?: is| are)?|anything|any(?: tasks)?|show(?: me)?(?: the)?|list(?: the)?) (?:the )?(?:most )?(?:urgent|important|high[- ]priority|a priority|top priority|priorit(?:y|ies)|critical)(?: ones?| tasks?| things?| items?)?(?: (?:first|now|today))?$/
      .test(stripTrailing(lower))
  ) {
    return [{ type: "priority_question" }];
  }
  const re =
    /^(?:(?:mark|set|flag|make|tag|label) .+? (?:as |to )?(?:important|urgent|high[- ]priority|a priority|top priority|priority|starred|a favou?rite)|(?:star|pin|flag) .+)$/;
  return re.test(stripTrailing(lower)) ? [{ type: "prioritise" }] : null;
}
