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
  /** The sentence the live timeline showed at the end ("Added “Buy milk”"). */
  message?: string;
  /** How long the call took. */
  duration_ms?: number;
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

/** Longest stored message text; KV values must stay under 64 KiB. */
export const STORED_CONTENT_MAX_CHARS = 16_000;
/** Longest stored tool result, as JSON text; longer ones keep a preview. */
export const STORED_RESULT_MAX_CHARS = 4_000;
/** Budget for all tool results of one message, as JSON text. */
const STORED_RESULTS_BUDGET_CHARS = 32_000;

/**
 * A message cut to fit one KV value: the text at most
 * {@linkcode STORED_CONTENT_MAX_CHARS}, each tool result at most
 * {@linkcode STORED_RESULT_MAX_CHARS} of JSON (a `{ truncated, preview }`
 * stands in for longer ones), and results past the message's budget dropped
 * to `{ truncated: true }`. Oversized arguments keep a preview the same way.
 */
export function fitForStorage(message: StoredMessage): StoredMessage {
  const content = message.content.length > STORED_CONTENT_MAX_CHARS
    ? `${message.content.slice(0, STORED_CONTENT_MAX_CHARS)}… (truncated)`
    : message.content;
  if (!message.tool_calls) return { ...message, content };
  let budget = STORED_RESULTS_BUDGET_CHARS;
  const tool_calls = message.tool_calls.map((asked) => {
    const call = { ...asked, arguments: preview(asked.arguments) };
    if (!("result" in call)) return call;
    const json = JSON.stringify(call.result ?? null);
    let result: unknown = call.result;
    if (json.length > budget) result = { truncated: true };
    else if (json.length > STORED_RESULT_MAX_CHARS) {
      result = { truncated: true, preview: json.slice(0, STORED_RESULT_MAX_CHARS) };
    }
    budget -= Math.min(json.length, STORED_RESULT_MAX_CHARS);
    return { ...call, result };
  });
  return { ...message, content, tool_calls };
}

function preview(value: unknown): unknown {
  const json = JSON.stringify(value ?? null);
  return json.length > STORED_RESULT_MAX_CHARS
    ? { truncated: true, preview: json.slice(0, STORED_RESULT_MAX_CHARS) }
    : value;
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
