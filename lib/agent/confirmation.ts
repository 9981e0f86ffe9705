/**
 * The confirmation turn before deleting everything, checked by the server
 * whatever the model: `delete_all_tasks` runs only when the user's newest
 * message says yes to an assistant message that asked about deleting every
 * task. The system prompt asks models to do this; this holds them to it.
 */
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";

/**
 * A whole reply that says yes (lower case, without trailing punctuation):
 * "yes", "sure", "do it", "yes, delete them all". The offline model's grammar
 * reads yes with it too.
 */
export const AFFIRMATIVE =
  /^(?:yes|yeah|yep|yup|sure|ok|okay|confirm(?:ed)?|do it|go ahead|absolutely|of course|correct|yes,? (?:please|i'm sure|i am sure|delete (?:them|it|everything|them all|all)|do it|go ahead))$/;

/** Whether a user's message, as a whole, says yes. */
export function isAffirmative(text: string): boolean {
  return AFFIRMATIVE.test(
    text.toLowerCase().replace(/[’‘]/g, "'").trim().replace(/[\s.!?,]+$/, ""),
  );
}

/**
 * Whether an assistant message asks about deleting every task: a deleting
 * verb, a word for all of them, and a question or a call to confirm ("Are you
 * sure you want to delete all 5 tasks?", "This will delete all 3 tasks…
 * Reply “yes” to confirm").
 */
export function asksToDeleteEverything(text: string): boolean {
  const lower = text.toLowerCase();
  return /\b(?:delete|remove|clear|erase|wipe)\b/.test(lower) &&
    /\b(?:all|every|everything|entire|whole)\b/.test(lower) &&
    /\?|\bconfirm\b/.test(lower);
}

/**
 * Whether the conversation's newest message (the user's) confirms deleting
 * every task: it says yes, and the assistant's message just before it asked.
 */
export function confirmsDeleteAll(history: readonly ChatCompletionMessageParam[]): boolean {
  const user = history.at(-1);
  if (user?.role !== "user" || !isAffirmative(messageText(user.content))) return false;
  const asked = history.slice(0, -1).findLast((message) =>
    message.role === "assistant" && messageText(message.content) !== ""
  );
  return asked !== undefined && asksToDeleteEverything(messageText(asked.content));
}

/** The text of a chat message's content: a string, or the text of its parts. */
export function messageText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((part: { text?: unknown } | null) =>
    typeof part?.text === "string" ? part.text : ""
  ).join("");
}
