/** What the chat service answers: a finished run, a conversation as a page shows it. */
import type { StoredMessage, StoredToolCall } from "../store/messages.ts";

/** `{ conversation_id, run_id, message_id, response, tool_calls }` */
export interface ChatResult {
  conversation_id: string;
  run_id: string;
  /** The assistant reply's message id. */
  message_id: string;
  response: string;
  tool_calls: StoredToolCall[];
}

/** A run in flight: enough for a page to show it working and offer Stop. */
export interface RunInFlight {
  run_id: string;
  started_at: string;
}

/** `GET …/conversations/{id}/messages`: `{ messages, active_run }`. */
export interface ConversationView {
  /** Oldest first, each with the `run_id` of the run that stored it. */
  messages: StoredMessage[];
  /** The run in flight in the conversation, or null. */
  active_run: RunInFlight | null;
}
