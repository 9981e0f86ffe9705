/**
 * Admits one chat message in a single atomic KV commit, checked against
 * everything it read: the conversation (created or still there), no live run
 * in that conversation, the user's daily usage, and an unused
 * `client_message_id`. The commit stores the user's message, counts it, takes
 * the run's lease and records the idempotency key, so concurrent requests can
 * never overshoot the daily limit, and refused messages are neither stored nor
 * counted.
 */
import { getConfig } from "../config.ts";
import { AppError } from "../errors.ts";
import { RETRY, withAtomicRetry } from "../store/atomic.ts";
import {
  type Conversation,
  conversationKey,
  getConversationEntry,
  titleFromMessage,
} from "../store/conversations.ts";
import { getKv } from "../store/kv.ts";
import { messageKey, type StoredMessage } from "../store/messages.ts";
import { retentionMs } from "../store/retention.ts";
import { isUlid, ulid } from "../store/ulid.ts";
import { getUsageEntry, planUsage, USAGE_RECORD_TTL_MS, usageKey } from "../store/usage.ts";
import {
  type ActiveRun,
  activeRunKey,
  conversationRunKey,
  isLive,
  newLease,
  RUN_LEASE_MS,
} from "./active_runs.ts";
import { type ChatRequestRecord, idempotencyKey } from "./idempotency.ts";
import { IDEMPOTENCY_WINDOW_MS } from "./limits.ts";

/** What admission decided. */
export type Admission =
  | {
    kind: "admitted";
    runId: string;
    conversation: Conversation;
    message: StoredMessage;
    lease: ActiveRun;
  }
  /** The same `client_message_id` was seen within 10 minutes. */
  | { kind: "repeat"; record: ChatRequestRecord };

/** The request being admitted. */
export interface AdmissionInput {
  userId: string;
  message: string;
  conversationId?: string;
  clientMessageId?: string;
}

/** Admits a message or throws AppError `not_found`, `run_in_progress` or `daily_limit_reached`. */
export async function admitMessage(input: AdmissionInput): Promise<Admission> {
  const kv = await getKv();
  const limit = getConfig().DAILY_MESSAGE_LIMIT;
  return await withAtomicRetry(async () => {
    const now = Date.now();
    const atomic = kv.atomic();
    if (input.clientMessageId) {
      const seen = await kv.get<ChatRequestRecord>(
        idempotencyKey(input.userId, input.clientMessageId),
      );
      if (seen.value && Date.parse(seen.value.created_at) > now - IDEMPOTENCY_WINDOW_MS) {
        return { kind: "repeat" as const, record: seen.value };
      }
      atomic.check(seen);
    }
    let conversation: Conversation;
    const nowIso = new Date(now).toISOString();
    if (input.conversationId !== undefined) {
      // Only ids this server made can name a conversation; anything else never reaches a key.
      if (!isUlid(input.conversationId)) throw conversationNotFound();
      const entry = await getConversationEntry(input.userId, input.conversationId);
      if (!entry.value) throw conversationNotFound();
      const running = await kv.get<ActiveRun>(conversationRunKey(input.userId, entry.value.id));
      if (isLive(running.value, now)) {
        throw new AppError(
          "run_in_progress",
          "The assistant is still answering in this conversation; wait for it or stop it first",
        );
      }
      atomic.check(entry, running);
      conversation = { ...entry.value, updated_at: nowIso };
    } else {
      conversation = {
        id: ulid(now),
        title: titleFromMessage(input.message),
        created_at: nowIso,
        updated_at: nowIso,
      };
      atomic.check({ key: conversationKey(input.userId, conversation.id), versionstamp: null });
    }
    const usage = await getUsageEntry(input.userId);
    const plan = planUsage(usage.value, limit, now);
    if (!plan.allowed) {
      throw new AppError(
        "daily_limit_reached",
        `You have sent ${limit} messages in the last 24 hours, the daily limit. Please try again later`,
        { retryAfterSeconds: plan.retryAfterSeconds },
      );
    }
    const runId = ulid(now);
    const message: StoredMessage = {
      id: ulid(now),
      role: "user",
      content: input.message,
      created_at: nowIso,
      run_id: runId,
    };
    const lease = newLease(runId, conversation.id, now);
    const keep = { expireIn: retentionMs() };
    atomic.check(usage)
      .set(usageKey(input.userId), plan.next, { expireIn: USAGE_RECORD_TTL_MS })
      .set(conversationKey(input.userId, conversation.id), conversation, keep)
      .set(messageKey(conversation.id, message.id), message, keep)
      .set(activeRunKey(input.userId, runId), lease, { expireIn: RUN_LEASE_MS })
      .set(conversationRunKey(input.userId, conversation.id), lease, { expireIn: RUN_LEASE_MS });
    if (input.clientMessageId) {
      const record: ChatRequestRecord = {
        run_id: runId,
        conversation_id: conversation.id,
        message_id: message.id,
        created_at: nowIso,
        state: "running",
      };
      atomic.set(idempotencyKey(input.userId, input.clientMessageId), record, {
        expireIn: IDEMPOTENCY_WINDOW_MS,
      });
    }
    const committed = await atomic.commit();
    if (!committed.ok) return RETRY;
    return { kind: "admitted" as const, runId, conversation, message, lease };
  }, { maxAttempts: 1000 });
}

/** The one answer for a conversation that is not the user's (or does not exist). */
export function conversationNotFound(): AppError {
  return new AppError("not_found", "That conversation does not exist");
}
