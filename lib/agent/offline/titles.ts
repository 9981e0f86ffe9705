/**
 * How the offline grammar cuts what is said into task titles: lists, shared
 * verbs, quoted titles.
 */
import {
  capitalize,
  cleanTitle,
  DETERMINER,
  isVagueTitle,
  LEADING_VERB,
  LIST_PREPOSITION,
  STARTS_WITH_VERB,
} from "./words.ts";

/** "a, b and c", "a; b", one per line → one title per item, whatever their length. */
export function splitList(body: string): string[] {
  const parts = body.split(/\s*[;\n]\s*|\s*,\s*(?:and\s+)?/);
  if (parts.length > 1) parts.push(...parts.pop()!.split(/\s+and\s+/));
  return parts.map(cleanTitle).filter(Boolean).map(capitalize);
}

/** "milk, eggs and bread" → three titles; longer phrases stay one title. */
export function splitTitles(raw: string): string[] {
  // "'Call Mom' and 'Email Dad'": each quoted title, word for word.
  const quoted = [...raw.matchAll(/["“'‘]([^"”'’]+)["”'’]/g)];
  const between = raw.replace(/["“'‘][^"”'’]+["”'’]/g, "").replace(/\s*(?:,|and|&|\s)\s*/gi, "");
  if (quoted.length > 1 && between === "") {
    return quoted.map((match) => cleanTitle(match[1])).filter(Boolean);
  }
  const literal = raw.match(/^\s*["“'‘](.+)["”'’]\s*$/s);
  if (literal) return [cleanTitle(literal[1])].filter(Boolean);
  // "add buy milk again": the task is "buy milk" (quoted titles keep every word).
  const body = raw.replace(/^(\S.*?)\s+(?:again|too|as well)([\s.!?]*)$/is, "$1$2");
  const pieces = body.split(/\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*/i)
    .map((piece) => cleanTitle(piece.replace(/^(?:also|then|and then)\s+/i, ""))).filter(Boolean);
  const title = cleanTitle(body);
  if (pieces.length > 1) {
    const words = (piece: string) => piece.split(/\s+/).length;
    if (pieces.every((piece) => STARTS_WITH_VERB.test(piece))) return pieces.map(capitalize);
    const lead = pieces[0].match(LEADING_VERB);
    const rest = pieces.slice(1);
    // Not when the first item goes on past its object ("pick up kids at 3 and grocery run").
    const firstObject = lead ? pieces[0].slice(lead[1].length) : "";
    if (
      lead && !LIST_PREPOSITION.test(firstObject) &&
      rest.every((piece) => words(piece) <= 3 && !STARTS_WITH_VERB.test(piece))
    ) {
      // "buy milk, eggs and bread": the verb (and its article) goes with every item.
      const [, verb, article = ""] = lead;
      const spread = rest.map((piece) =>
        DETERMINER.test(piece) ? `${verb} ${piece}` : `${verb} ${article}${piece}`
      );
      return [pieces[0], ...spread].map(capitalize);
    }
    if (pieces.every((piece) => words(piece) <= 2)) return pieces.map(capitalize);
    // "milk, eggs and a birthday card for mum": short things, then maybe a longer last one. A
    // short piece with a preposition ("dinner with Sam, Alex and Jo") is one title with its list.
    const short = (piece: string) => words(piece) <= 2 && !LIST_PREPOSITION.test(piece);
    if (
      /,/.test(body) && pieces.slice(0, -1).every(short) && words(pieces.at(-1)!) <= 6 &&
      !pieces.some((piece) => STARTS_WITH_VERB.test(piece))
    ) {
      return pieces.map(capitalize);
    }
    // "gym at 6, standup notes and lunch with priya": three or more things of a few words each
    // (not a preposition's list of names, "dinner with Sam, Alex and Jo").
    const names = LIST_PREPOSITION.test(pieces[0]) && pieces.slice(1).every((p) => words(p) === 1);
    if (/,/.test(body) && pieces.length >= 3 && pieces.every((p) => words(p) <= 4) && !names) {
      return pieces.map(capitalize);
    }
  }
  return title && !isVagueTitle(title) ? [capitalize(title)] : [];
}
