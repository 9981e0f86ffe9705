/**
 * How the offline planner finds the task words name: exact titles first, then
 * shared words (never a shared verb alone), then asking which.
 */
import { matchesSearch } from "../../tasks/schemas.ts";
import type { TaskRef } from "./intent.ts";
import { isTaskVerb } from "./words.ts";
import { PlannerTask } from "./transcript.ts";

/** Narrows a "which one" answer given in words to the candidates offered. */
export function narrow(candidates: PlannerTask[], text: string): TaskRef {
  const needle = text.toLowerCase();
  const hits = candidates.filter((task) => task.title.toLowerCase().includes(needle));
  return hits.length === 1 ? { kind: "number", id: hits[0].id } : { kind: "text", text };
}

/**
 * The tasks "dentist and insurance" or "milk, eggs" name when each part names
 * exactly one task, and different ones; `null` otherwise (then the words are
 * matched as a whole).
 */
export function eachNamed(tasks: PlannerTask[], text: string): PlannerTask[] | null {
  const parts = text.split(/\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+/)
    .map((part) => part.replace(/^(?:the|my)\s+/i, "").trim());
  if (parts.length < 2 || parts.some((part) => !part)) return null;
  const named: PlannerTask[] = [];
  for (const part of parts) {
    const matches = tasks.filter((task) => matchesSearch(task, part));
    if (matches.length !== 1 || named.includes(matches[0])) return null;
    named.push(matches[0]);
  }
  return named;
}

/**
 * The task `text` names among `tasks`: the only one, the one titled exactly so,
 * the one in the `prefer`red state; all of them when that does not decide;
 * null when none.
 */
export function choose(
  tasks: PlannerTask[],
  text: string,
  prefer?: "pending" | "completed",
): PlannerTask | PlannerTask[] | null {
  if (tasks.length === 0) return null;
  if (tasks.length === 1) return tasks[0];
  const exact = tasks.filter((task) => task.title.toLowerCase() === text.toLowerCase());
  if (exact.length === 1) return exact[0];
  if (prefer) {
    const preferred = tasks.filter((task) => task.completed === (prefer === "completed"));
    if (preferred.length === 1) return preferred[0];
  }
  return tasks;
}

/** Tasks sharing the most significant word stems with `text` ("buying milk" finds "Buy milk"). */
export function fuzzyMatches(tasks: PlannerTask[], text: string): PlannerTask[] {
  const wanted = stems(text);
  // A shared verb alone is no match: "I took a break" is not "Take out the trash".
  const wantedThings = thingStems(text);
  if (wantedThings.size === 0) return [];
  let best = 0;
  let hits: { task: PlannerTask; extra: number }[] = [];
  for (const task of tasks) {
    const have = stems(task.title);
    const things = [...wantedThings].filter((stem) => thingStems(task.title).has(stem)).length;
    if (things === 0) continue;
    // Things first; a shared verb breaks a tie ("I bought milk": “Buy milk” before “Drink milk”).
    const shared = [...wanted].filter((stem) => have.has(stem)).length;
    const score = things * 100 + shared;
    const hit = { task, extra: have.size - shared };
    if (score > best) {
      best = score;
      hits = [hit];
    } else if (score === best && score > 0) hits.push(hit);
  }
  // "I bought the milk" means "Buy milk" rather than "Buy oat milk": fewest words left over.
  const fewest = Math.min(...hits.map((hit) => hit.extra));
  return hits.filter((hit) => hit.extra === fewest).map((hit) => hit.task);
}

const STOP_WORDS = new Set(
  "a an the my to of for and or on in at with task tasks one item thing list this that it some"
    .split(" "),
);

/** {@linkcode stems} of the words that are not task verbs: what a task is about. */
function thingStems(text: string): Set<string> {
  return stems(text.split(/[^A-Za-z0-9']+/).filter((word) => !isTaskVerb(word)).join(" "));
}

function stems(text: string): Set<string> {
  return new Set(
    text.toLowerCase().split(/[^a-z0-9]+/).filter((word) => word && !STOP_WORDS.has(word))
      .map((word) => word.replace(/(?:ing|ed|es|s)$/, "").replace(/(.)\1$/, "$1")),
  );
}
