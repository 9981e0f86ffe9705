/**
 * Sentences for tool calls read back from history, where the live event's
 * sentence is not stored: rebuilt from the call's stored result, in the same
 * words the live timeline used ("Added “Buy milk”", "Found 2 tasks").
 */
import type { StoredToolCall } from "../store/messages.ts";

type Fields = Record<string, unknown>;
const isObject = (value: unknown): value is Fields =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const titleOf = (value: unknown) =>
  isObject(value) && typeof value.title === "string" ? `“${value.title}”` : null;
const countOf = (n: unknown, one: string) =>
  typeof n === "number" ? `${n} ${n === 1 ? one : `${one}s`}` : null;

/** The human sentence for a stored tool call (its error message when it failed). */
export function storedCallSentence(call: StoredToolCall): string {
  if (call.error) return call.error.message;
  const result = isObject(call.result) ? call.result : {};
  const fallback = call.tool.replaceAll("_", " ").replace(/^./, (c) => c.toUpperCase());
  let sentence: string | null = null;
  switch (call.tool) {
    case "add_task": {
      const title = titleOf(result.task);
      sentence = title && `Added ${title}`;
      break;
    }
    case "list_tasks": {
      const found = countOf(result.count, "task");
      sentence = found && `Found ${found}`;
      break;
    }
    case "update_task": {
      const title = titleOf(result.task);
      sentence = title && `Updated ${title}`;
      break;
    }
    case "complete_task": {
      const title = titleOf(result.task);
      const done = isObject(result.task) && result.task.completed === true;
      sentence = title && (done ? `Marked ${title} as done` : `Reopened ${title}`);
      break;
    }
    case "delete_task": {
      const title = titleOf(result.deleted);
      sentence = title && `Deleted ${title}`;
      break;
    }
    case "complete_all_tasks": {
      const n = countOf(result.completed, "task");
      sentence = n && `Marked ${n} as done`;
      break;
    }
    case "delete_all_tasks": {
      const n = countOf(result.deleted, "task");
      sentence = n && `Deleted ${n}`;
      break;
    }
  }
  return sentence ?? fallback;
}
