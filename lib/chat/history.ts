/**
 * What the model sees of a conversation: the last 30 stored messages within a
 * size budget, with each assistant message's tool calls and results replayed
 * as `tool_calls` and `tool` messages so follow-ups ("mark it done") work.
 */
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import type { StoredMessage } from "../store/messages.ts";
import { toolResultContent } from "../agent/execute.ts";

/** Messages of the conversation sent to the model. */
export const HISTORY_MAX_MESSAGES = 30;
/** Total characters of history sent to the model. */
export const HISTORY_MAX_CHARS = 32_000;
/** Longest tool result kept in history, in characters. */
const TOOL_RESULT_MAX_CHARS = 4_000;

/** Turns stored messages (oldest first) into model messages within the budget. */
export function toModelHistory(stored: StoredMessage[]): ChatCompletionMessageParam[] {
  const groups: ChatCompletionMessageParam[][] = [];
  let size = 0;
  // Newest first, so the budget keeps the most recent turns; always keep the newest.
  for (const message of stored.slice(-HISTORY_MAX_MESSAGES).reverse()) {
    const group = toModelMessages(message);
    const groupSize = group.reduce((sum, item) => sum + JSON.stringify(item).length, 0);
    if (groups.length > 0 && size + groupSize > HISTORY_MAX_CHARS) break;
    groups.push(group);
    size += groupSize;
  }
  const out = groups.reverse().flat();
  // A history must not start with an orphaned assistant/tool turn.
  while (out.length > 1 && out[0].role !== "user") out.shift();
  return out;
}

function toModelMessages(message: StoredMessage): ChatCompletionMessageParam[] {
  if (message.role === "user") return [{ role: "user", content: message.content }];
  const calls = message.tool_calls ?? [];
  if (calls.length === 0) return [{ role: "assistant", content: message.content }];
  return [
    {
      role: "assistant",
      content: null,
      tool_calls: calls.map((call) => ({
        id: call.call_id,
        type: "function" as const,
        function: { name: call.tool, arguments: JSON.stringify(call.arguments ?? {}) },
      })),
    },
    ...calls.map((call) => ({
      role: "tool" as const,
      tool_call_id: call.call_id,
      content: truncate(toolResultContent(call)),
    })),
    { role: "assistant", content: message.content },
  ];
}

function truncate(text: string): string {
  return text.length <= TOOL_RESULT_MAX_CHARS
    ? text
    : `${text.slice(0, TOOL_RESULT_MAX_CHARS)}… (truncated)`;
}
