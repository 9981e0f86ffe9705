/**
 * Idempotent chat requests: `["chat_requests", userId, clientMessageId]`
 * remembers, for 10 minutes, which run a `client_message_id` started and how
 * it ended, so a retried request answers with the same run instead of a new one.
 */
import { AppError, type ErrorCode } from "../errors.ts";
import { getKv } from "../store/kv.ts";
import type { ChatResult } from "./result.ts";
import { IDEMPOTENCY_WINDOW_MS } from "./limits.ts";

/** What one `client_message_id` led to. */
export interface ChatRequestRecord {
  run_id: string;
  conversation_id: string;
  message_id: string;
  created_at: string;
  state: "running" | "done" | "failed";
  result?: ChatResult;
  error?: { code: ErrorCode; message: string };
}

/** `["chat_requests", userId, clientMessageId]` */
export function idempotencyKey(userId: string, clientMessageId: string): Deno.KvKey {
  return ["chat_requests", userId, clientMessageId];
}

/** Records how the run of a `client_message_id` ended. */
export async function settleRequest(
  userId: string,
  clientMessageId: string,
  outcome: Pick<ChatRequestRecord, "state" | "result" | "error">,
): Promise<void> {
  const kv = await getKv();
  const key = idempotencyKey(userId, clientMessageId);
  const entry = await kv.get<ChatRequestRecord>(key);
  if (!entry.value) return;
  const left = Date.parse(entry.value.created_at) + IDEMPOTENCY_WINDOW_MS - Date.now();
  if (left <= 0) return;
  await kv.set(key, { ...entry.value, ...outcome }, { expireIn: left });
}

/** Options for {@linkcode awaitSettled}. */
export interface AwaitSettledOptions {
  /** Give up after this long (ms). */
  timeoutMs: number;
  /** @default 100 */
  pollMs?: number;
}

/**
 * Waits until the run of a repeated request has ended (it may run on another
 * instance, so this polls KV), then returns its result or throws its error.
 */
export async function awaitSettled(
  userId: string,
  clientMessageId: string,
  options: AwaitSettledOptions,
): Promise<ChatResult> {
  const kv = await getKv();
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const { value } = await kv.get<ChatRequestRecord>(idempotencyKey(userId, clientMessageId));
    if (value?.state === "done" && value.result) return value.result;
    if (value?.state === "failed" && value.error) {
      throw new AppError(value.error.code, value.error.message);
    }
    if (!value || Date.now() > deadline) {
      throw new AppError(
        "ai_unavailable",
        "The earlier attempt of this message did not finish in time. Please try again",
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 100));
  }
}
