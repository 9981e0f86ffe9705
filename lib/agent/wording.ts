/**
 * Questions every model asks in the same words: the offline model says them,
 * the system prompt asks LLMs to, and the chat recognises them to offer answer
 * buttons (`lib/ui/quick_replies.ts`).
 */

/** Ends the question before deleting every task. */
export const CONFIRM_DELETE_ALL = "Reply “yes” to confirm, or “no” to keep them.";

/** Ends a numbered list of tasks that all match what the user said. */
export const WHICH_ONE = "Which one do you mean? Tell me its number.";
