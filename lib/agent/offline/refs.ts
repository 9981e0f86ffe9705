/**
 * How the offline grammar reads a reference to a task (a number, a place in
 * the list shown, "it", "both", words to search) and expands one request
 * over several numbers or places.
 */
import { type Intent, type TaskRef } from "./intent.ts";
import { cleanSearch, cleanTitle, NUMBER_WORDS, ORDINALS } from "./words.ts";

const NUMBER_LIST =
  /^(?:(?:tasks?|numbers?|items?)\s+)?#?\d{1,9}(?:\s*(?:,\s*and|,|and|&)\s*#?\d{1,9})+$/i;
const NUMBER_RANGE =
  /^(?:(?:tasks?|numbers?|items?)\s+)?#?(\d{1,9})\s*(?:-|–|to|through|thru|until)\s*#?(\d{1,9})$/i;
const ORDINAL_WORD = String.raw`\b(?:first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last)\b`;
/** "the second and third (ones)", "first, third and last" → one intent per place. */
const ORDINAL_LIST = new RegExp(
  String
    .raw`^(?:the )?${ORDINAL_WORD}(?:\s*(?:,\s*and|,|and|&)\s*(?:the )?${ORDINAL_WORD})+(?: ones?| tasks?| items?)?$`,
  "i",
);
/** Most tasks one range names ("1 to 3"); a wider one is read as words. */
const RANGE_MAX = 20;

/** "mark 1 and 3 as done", "delete 2 to 4" → one intent per task number, in the order given. */
export function expandNumberList(intent: Intent): Intent[] {
  if (!("ref" in intent) || intent.ref?.kind !== "text" || intent.type === "rename") {
    return [intent];
  }
  const range = intent.ref.text.match(NUMBER_RANGE);
  if (range) {
    const [from, to] = [Number(range[1]), Number(range[2])];
    if (from <= to && to - from < RANGE_MAX) {
      return Array.from({ length: to - from + 1 }, (_, i) => ({
        ...intent,
        ref: { kind: "number", id: from + i },
      }));
    }
  }
  // "the vet one and the flowers": two tasks, each named as one.
  const pair = intent.ref.text.match(/^(?:the )?(.+?) (?:one|task),? (?:and|&) (?:the )?(.+?)$/i);
  if (pair) {
    return [pair[1], pair[2]].map((text) => ({
      ...intent,
      ref: { kind: "text", text: cleanSearch(text) },
    }));
  }
  // "the dishes and the laundry", "the milk, the eggs and the bread": each "the" names a task.
  // (The reference has lost its own leading "the" by now.)
  if (/^\S.*?(?:,|\s(?:and|&)) the \S/i.test(intent.ref.text)) {
    const parts = intent.ref.text.replace(/^the\s+/i, "")
      .split(/\s*(?:,\s*(?:and\s+|&\s+)?|\s(?:and|&)\s+)the\s+/i);
    return parts.map((text) => ({ ...intent, ref: { kind: "text", text: cleanSearch(text) } }));
  }
  // "the first two", "the last three": that many places from the top or the bottom.
  const run = intent.ref.text.match(
    /^(?:the )?(first|top|last|bottom) (two|three|four|five|[2-9])(?: ones| tasks| items)?$/i,
  );
  if (run) {
    const count = NUMBER_WORDS[run[2].toLowerCase()] ?? Number(run[2]);
    const fromEnd = /^(?:last|bottom)$/i.test(run[1]);
    return Array.from({ length: count }, (_, i) => ({
      ...intent,
      ref: { kind: "ordinal", index: fromEnd ? i - count : i },
    }));
  }
  const places = intent.ref.text.match(ORDINAL_LIST);
  if (places) {
    const indexes = intent.ref.text.match(new RegExp(ORDINAL_WORD, "g"))!.map((word) =>
      ORDINALS[word]
    );
    return [...new Set(indexes)].map((index) => ({ ...intent, ref: { kind: "ordinal", index } }));
  }
  if (!NUMBER_LIST.test(intent.ref.text)) return [intent];
  const ids = [...new Set(intent.ref.text.match(/\d+/g)!.map(Number))];
  return ids.map((id) => ({ ...intent, ref: { kind: "number", id } }));
}

/** Reads a task reference: a number, "it", an ordinal, or words of a title. */
export function parseRef(named: string): TaskRef | null {
  // "the eggs, not the milk": the task named, without the one ruled out.
  const raw = named.replace(/,\s*(?:but\s+)?not\s+\S.*$/i, "")
    // "task 1's note": the task.
    .replace(/['’]s$/i, "");
  const text = cleanTitle(raw).toLowerCase().replace(/[’‘]/g, "'");
  // "finish your sentence", "rename yourself", "drop me a line": the assistant or the user, not a task.
  if (/^(?:your|yourself|you|me|myself)\b/.test(text)) return null;
  const number = text.match(
    /^(?:task|item|number|no\.?|#)?\s*(?:number|no\.?|#)?\s*(\d{1,9})(?:st|nd|rd|th)?$/,
  );
  if (number) return { kind: "number", id: Number(number[1]) };
  const word = text.match(/^(?:task |item |number |#)?(?:number )?([a-z]+)$/);
  if (word && word[1] in NUMBER_WORDS) return { kind: "number", id: NUMBER_WORDS[word[1]] };
  if (
    /^(?:it|that|this|that one|this one|that task|this task|the task|that last one|that last task|the one i just added|the last one i added|the one you just added|the same one)$/
      .test(text)
  ) {
    return { kind: "last" };
  }
  const ordinal = text.match(
    /^(?:the )?(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last)(?: one| task| item)?$/,
  );
  if (ordinal) return { kind: "ordinal", index: ORDINALS[ordinal[1]] };
  // "the top one", "the bottom one": places in the list; "the new one": the one just added.
  const edge = text.match(/^(?:the )?(top|bottom)(?: one| task| item)?$/);
  if (edge) return { kind: "ordinal", index: edge[1] === "top" ? 0 : -1 };
  if (/^(?:the )?(?:new|newest|latest|most recent|recent) (?:one|task|item)$/.test(text)) {
    return { kind: "last" };
  }
  // "the rest", "whatever": no task named (asked which).
  if (
    /^(?:the )?(?:rest|others|other ones|whatever|something|anything|everything else|some|one)$/
      .test(text)
  ) {
    return null;
  }
  if (
    /^(?:both|both of (?:them|those|these)|them both|the two(?: of them)?|those two|these two|both (?:tasks|ones))$/
      .test(text)
  ) {
    return { kind: "both" };
  }
  const search = cleanSearch(
    raw.replace(/^(?:the|my|a|an)\s+/i, "").replace(/\s+(?:task|one|item|thing)s?$/i, ""),
  );
  if (!search || /^(?:a |the )?(?:task|one|item|thing)$/i.test(search)) return null;
  return { kind: "text", text: search };
}
