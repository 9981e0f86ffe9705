/**
 * Conversations in Deno KV: `["conversations", userId, conversationId]`.
 * Each write renews `expireIn` (RETENTION_DAYS after the last activity); reads
 * also drop expired ones because KV expiry is lazy.
 */
import { getKv } from "./kv.ts";
import { deleteMessages } from "./messages.ts";
import { isExpired, retentionMs } from "./retention.ts";

/** A conversation as stored and as sent on the wire. */
export interface Conversation {
  id: string;
  title: string;
  created_at: string;
  updated_at: string;
}

/** Longest conversation title kept (characters). */
export const CONVERSATION_TITLE_MAX = 80;

/** The KV key of one conversation. */
export function conversationKey(userId: string, conversationId: string): Deno.KvKey {
  return ["conversations", userId, conversationId];
}

/** A conversation title from its first message: trimmed, one line, at most 80 characters. */
export function titleFromMessage(message: string): string {
  const line = message.trim().replace(/\s+/g, " ");
  if (line.length <= CONVERSATION_TITLE_MAX) return line;
  return line.slice(0, CONVERSATION_TITLE_MAX - 1).trimEnd() + "…";
}

/** Reads one conversation of `userId` with its versionstamp; null when missing or expired. */
export async function getConversationEntry(
  userId: string,
  conversationId: string,
): Promise<Deno.KvEntryMaybe<Conversation>> {
  const kv = await getKv();
  const entry = await kv.get<Conversation>(conversationKey(userId, conversationId));
  if (entry.value && isExpired(entry.value.updated_at)) {
    return { key: entry.key, value: null, versionstamp: null };
  }
  return entry;
}

/** One conversation of `userId`, or null. */
export async function getConversation(
  userId: string,
  conversationId: string,
): Promise<Conversation | null> {
  return (await getConversationEntry(userId, conversationId)).value;
}

/** The user's conversations, most recently active first. */
export async function listConversations(userId: string): Promise<Conversation[]> {
  const kv = await getKv();
  const out: Conversation[] = [];
  for await (const entry of kv.list<Conversation>({ prefix: ["conversations", userId] })) {
    if (!isExpired(entry.value.updated_at)) out.push(entry.value);
  }
  return out.sort((a, b) => b.updated_at.localeCompare(a.updated_at) || b.id.localeCompare(a.id));
}

/** Marks a conversation active now (its reply was stored); no-op when it was deleted. */
export async function touchConversation(userId: string, conversationId: string): Promise<void> {
  const kv = await getKv();
  for (let attempt = 0; attempt < 10; attempt++) {
    const entry = await getConversationEntry(userId, conversationId);
    if (!entry.value) return;
    const next = { ...entry.value, updated_at: new Date().toISOString() };
    const result = await kv.atomic().check(entry).set(entry.key, next, {
      expireIn: retentionMs(),
    }).commit();
    if (result.ok) return;
  }
}

/** Deletes a conversation and its messages; false when it did not exist. */
export async function deleteConversation(userId: string, conversationId: string): Promise<boolean> {
  const entry = await getConversationEntry(userId, conversationId);
  if (!entry.value) return false;
  const kv = await getKv();
  await kv.delete(entry.key);
  await deleteMessages(conversationId);
  return true;
}
