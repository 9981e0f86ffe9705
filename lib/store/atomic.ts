/** Optimistic concurrency for Deno KV: retry a read-check-write until it commits. */

/** Returned by an attempt whose atomic commit lost a race; the attempt runs again. */
export const RETRY: unique symbol = Symbol("retry");

/** Thrown when an atomic write keeps losing races (heavy contention on one key). */
export class StoreConflictError extends Error {
  override name = "StoreConflictError";
  readonly code = "store_conflict";
}

/** Options for {@linkcode withAtomicRetry}. */
export interface AtomicRetryOptions {
  /** Attempts before giving up. @default 100 */
  maxAttempts?: number;
}

/**
 * Runs `attempt` until it returns something other than {@linkcode RETRY}.
 * Each attempt reads, then commits with `.check()` on what it read; a failed
 * commit returns `RETRY`. Waits a short random delay between attempts so that
 * contenders spread out.
 *
 * @example
 * const n = await withAtomicRetry(async () => {
 *   const entry = await kv.get<number>(key);
 *   const res = await kv.atomic().check(entry).set(key, (entry.value ?? 0) + 1).commit();
 *   return res.ok ? (entry.value ?? 0) + 1 : RETRY;
 * });
 */
export async function withAtomicRetry<T>(
  attempt: () => Promise<T | typeof RETRY>,
  options: AtomicRetryOptions = {},
): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 100;
  for (let round = 0; round < maxAttempts; round++) {
    const result = await attempt();
    if (result !== RETRY) return result;
    const ceiling = Math.min(2 ** round, 25);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
  }
  throw new StoreConflictError(`Atomic write still conflicting after ${maxAttempts} attempts`);
}
