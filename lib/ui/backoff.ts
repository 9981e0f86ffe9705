/** First reconnect delay cap, in milliseconds. */
export const BACKOFF_BASE_MS = 500;
/** Largest reconnect delay, in milliseconds. */
export const BACKOFF_MAX_MS = 20_000;

/** Options for {@linkcode backoffDelayMs}. */
export interface BackoffOptions {
  /** Cap of the first attempt. @default {BACKOFF_BASE_MS} */
  baseMs?: number;
  /** Largest cap. @default {BACKOFF_MAX_MS} */
  maxMs?: number;
  /** Source of randomness in [0, 1). @default {Math.random} */
  random?: () => number;
}

/**
 * Exponential backoff with full jitter: a uniform delay between 0 and
 * `min(maxMs, baseMs * 2^attempt)`, so many tabs do not reconnect in step.
 *
 * @example
 * ```ts
 * backoffDelayMs(0); // 0..500
 * backoffDelayMs(10); // 0..20000
 * ```
 */
export function backoffDelayMs(attempt: number, options: BackoffOptions = {}): number {
  if (!Number.isInteger(attempt) || attempt < 0) {
    throw new RangeError(
      `Cannot compute backoff for attempt "${attempt}": expected an integer >= 0`,
    );
  }
  const { baseMs = BACKOFF_BASE_MS, maxMs = BACKOFF_MAX_MS, random = Math.random } = options;
  // 2 ** attempt overflows to Infinity for large attempts; min() keeps it capped.
  const cap = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.floor(random() * cap);
}
