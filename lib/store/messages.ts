/**
 * Chat messages in Deno KV: `["messages", conversationId, messageId]`, with
 * sortable message ids so a prefix listing is the conversation in order.
 * Each message expires RETENTION_DAYS after it was written.
 */
import { getKv } from "./kv.ts";
import { isExpired, retentionMs } from "./retention.ts";

/** One tool call as stored with an assistant message and sent on the wire. */
export interface StoredToolCall {
  call_id: string;
  tool: string;
  arguments: unknown;
  result?: unknown;
  error?: { code: string; message: string };
}

/** A message as stored and as sent on the wire. */
export interface StoredMessage {
  id: string;
  role: "user" | "assistant";
  content: string;
  created_at: string;
  tool_calls?: StoredToolCall[];
  /** The run that produced or consumed it. */
  run_id?: string;
}

/** The KV key of one message. */
export function messageKey(conversationId: string, messageId: string): Deno.KvKey {
  return ["messages", conversationId, messageId];
}

/** Stores one message (the assistant's reply; user messages are stored by the chat admission). */
export async function appendMessage(conversationId: string, message: StoredMessage): Promise<void> {
  const kv = await getKv();
  await kv.set(messageKey(conversationId, message.id), message, { expireIn: retentionMs() });
}

/** Options for {@linkcode listMessages}. */
export interface ListMessagesOptions {
  /** Only the newest `last` messages (still returned oldest first). @default all */
  last?: number;
}

/** The messages of a conversation, oldest first (expired ones left out). */
export async function listMessages(
  conversationId: string,
  options: ListMessagesOptions = {},
): Promise<StoredMessage[]> {
  const kv = await getKv();
  const out: StoredMessage[] = [];
  const iter = kv.list<StoredMessage>({ prefix: ["messages", conversationId] }, {
    reverse: options.last !== undefined,
    limit: options.last,
  });
  for await (const entry of iter) {
    if (!isExpired(entry.value.created_at)) out.push(entry.value);
  }
  return options.last !== undefined ? out.reverse() : out;
}

/** Deletes every message of a conversation. */
export async function deleteMessages(conversationId: string): Promise<void> {
  const kv = await getKv();
  let batch = kv.atomic();
  let size = 0;
  for await (const entry of kv.list({ prefix: ["messages", conversationId] })) {
    batch.delete(entry.key);
    if (++size === 500) {
      await batch.commit();
      batch = kv.atomic();
      size = 0;
    }
  }
  if (size > 0) await batch.commit();
}
