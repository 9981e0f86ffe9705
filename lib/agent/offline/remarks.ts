/**
 * Remarks that sound like a change to a task and are not one: the end of the
 * day, a mistake, nothing done, work in progress, what someone else did, a
 * task still needed. Reading a completion (`parseComplete`) asks here first.
 */
import { type Intent } from "./intent.ts";
import { capitalize, cleanSearch, cleanTitle, isQuestion, pick, stripTrailing } from "./words.ts";

/** "I made a mistake", "I'm working on it", "the plumber called"…: what it is; else null. */
export function parseRemark(clause: string, lower: string): Intent[] | null {
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
  // "the plumber called", "mom texted": the person did it, to the user; no task of theirs is done.
  if (
    /^(?:the |my |our )?\S+(?: \S+)? (?:called|phoned|rang|emailed|texted|messaged|visited|wrote|replied|answered|came|came by|dropped by|showed up|got back to me)(?: (?:back|me|earlier|today|again|just now))?$/
      .test(said) && !isQuestion(said)
  ) {
    return [{ type: "noted" }];
  }
  return null;
}
