/** The body of a finished `POST /api/{userId}/chat`. */
import type { StoredToolCall } from "../store/messages.ts";

/** `{ conversation_id, run_id, message_id, response, tool_calls }` */
export interface ChatResult {
  conversation_id: string;
  run_id: string;
  /** The assistant reply's message id. */
  message_id: string;
  response: string;
  tool_calls: StoredToolCall[];
}
