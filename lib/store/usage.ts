/**
 * Daily message usage per user, `["usage", userId]`: accepted messages counted
 * in one-minute buckets over a rolling 24 hours. The chat admission checks and
 * writes this record in the same atomic commit that stores the message, so
 * parallel requests can never exceed the limit and refused ones never count.
 */
import { getKv } from "./kv.ts";

/** The rolling window of the daily limit. */
export const USAGE_WINDOW_MS = 24 * 60 * 60 * 1000;
/** How long a usage record is kept: the window and an hour to spare. */
export const USAGE_RECORD_TTL_MS = USAGE_WINDOW_MS + 60 * 60 * 1000;
const BUCKET_MS = 60 * 1000;

/** Accepted messages per minute bucket: `[bucketStartMs, count]`, oldest first. */
export interface Usage {
  buckets: [number, number][];
}

/** The outcome of {@linkcode planUsage}. */
export type UsagePlan =
  | { allowed: true; next: Usage; used: number }
  | { allowed: false; retryAfterSeconds: number; used: number };

/** The KV key of a user's usage record. */
export function usageKey(userId: string): Deno.KvKey {
  return ["usage", userId];
}

/** Reads a user's usage record with its versionstamp. */
export async function getUsageEntry(userId: string): Promise<Deno.KvEntryMaybe<Usage>> {
  const kv = await getKv();
  return await kv.get<Usage>(usageKey(userId));
}

/**
 * Decides whether one more message fits under `limit` at `now`, and returns the
 * record to write when it does (buckets older than the window dropped).
 */
export function planUsage(current: Usage | null, limit: number, now: number): UsagePlan {
  const windowStart = now - USAGE_WINDOW_MS;
  const live = (current?.buckets ?? []).filter(([start]) => start + BUCKET_MS > windowStart);
  const used = live.reduce((sum, [, count]) => sum + count, 0);
  if (used >= limit) {
    // Enough of the oldest buckets must leave the window to make room for one.
    let freed = 0;
    let until = now + BUCKET_MS;
    for (const [start, count] of live) {
      freed += count;
      until = start + BUCKET_MS + USAGE_WINDOW_MS;
      if (used - freed < limit) break;
    }
    return {
      allowed: false,
      used,
      retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)),
    };
  }
  const bucket = now - (now % BUCKET_MS);
  const last = live.at(-1);
  const buckets: [number, number][] = last && last[0] === bucket
    ? [...live.slice(0, -1), [bucket, last[1] + 1]]
    : [...live, [bucket, 1]];
  return { allowed: true, used: used + 1, next: { buckets } };
}

/** How many messages a user sent in the last 24 hours. */
export async function countRecentMessages(
  userId: string,
  now: number = Date.now(),
): Promise<number> {
  const { value } = await getUsageEntry(userId);
  return planUsage(value, Number.MAX_SAFE_INTEGER, now).used - 1;
}
