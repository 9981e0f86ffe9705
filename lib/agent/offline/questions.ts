/**
 * Questions about the list: what is left, how many, what matches, whether a
 * task is done.
 */
import { type Intent, type StatusFilter } from "./intent.ts";
import { parseRef } from "./refs.ts";
import {
  cleanSearch,
  DONE_WORDS,
  LIST_WORDS,
  PAST_VERB_ALTERNATION,
  pick,
  stripTrailing,
  TASK_VERBS,
} from "./words.ts";

/** "what's left?", "how many vet tasks", "mom stuff?", "is the leak fixed?": a read of the list; else null. */
export function parseList(clause: string, lower: string): Intent[] | null {
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
    /\bhow many\b|\bcount\b|\bnumber of\b|^how (?:long|big) is\b|^how am i doing\b|^how(?:'s| is) it going\b|^how(?:'s| is) my progress\b|^(?:what's |what is )?my progress$/
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
      .raw`^(?:show|list|display|view|see|print|read|give me|tell me|let me see|what(?:'s| is| are| do| have| did)?|which|how many|count|any|anything|do i have|is there|are there|my|all|pending|completed|open|remaining|get)\b.*(?:\b${LIST_WORDS}\b|\bleft\b|\bpending\b|\bdone\b|\bcompleted\b|\bfinished\b|\bremaining\b|\bto do\b|\bon my plate\b|\bagenda\b|\bplate\b|\bnext\b|\bopen\b|\boutstanding\b|\bdid i (?:finish|complete|do|get done)\b)|^${LIST_WORDS}$|^what (?:should|shall|can|do) i (?:do|work on|tackle|start with)(?: first| next| now| today| first today)?$|^(?:which|what) (?:one |task |thing )?(?:first|next)$|^which (?:of (?:these|them|those|my tasks)|ones?|tasks?) (?:can|should|could|shall) i (?:do|work on|tackle|start with|get done)(?: first| next| now| today)?$|^(?:anything|something) else(?: to do)?$|^(?:list|show|display)(?: me)? (?:everything|all)$|^what(?:'s| is) (?:left|next|pending|remaining|on my plate|up)$|^how(?:'s| is| does) (?:my|the) (?:to-?do |todo |task )?(?:list|tasks?|day|plate)(?: (?:look|looking|going))?(?: today)?$|^what (?:haven't|didn't|have not|did not) i (?:done|do|finished|finish|completed|complete|gotten to|got to|get to)\b|^how many(?: (?:have i got|do i have|are there|is that|in total|altogether|things|items))?$|^is (?:my|the) (?:to-?do |todo |task )?list empty$|^how am i doing(?: with (?:my|the) (?:tasks|list|to-?dos?))?(?: today| so far)?$|^how(?:'s| is) it going(?: with (?:my|the) (?:tasks|list|to-?dos?))?(?: today| so far)?$|^how(?:'s| is) my progress(?: going)?$|^(?:what's |what is )?my progress$|^what do i (?:still )?(?:need|have) to do|^what (?:do i|have i)(?: still)? (?:have|got)(?: left| on my (?:list|plate))?$|^what do i (?:still )?need\b|^how (?:long|big) is (?:my|the) (?:to-?do |todo |task )?list|^what (?:have|did) i (?:done|do|finished|finish|completed|complete|accomplished|accomplish|get done|tick off|check off)|^what (?:have|did) (?:i|you|we) (?:just )?(?:add(?:ed)?|put (?:on|in)|create(?:d)?|note(?:d)? down|write down|written down|wrote down|save(?:d)?)\b|^what(?:'s| has) been added\b`,
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
