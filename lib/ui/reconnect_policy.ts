/**
 * When the socket client tries again after a close, by close code
 * (protocol.md, "Close codes and limits"). Pure: the client owns the timers.
 */
import { CLOSE } from "../realtime/constants.ts";
import { backoffDelayMs } from "./backoff.ts";

/** Least wait after the server closed with 4429 (too many sockets / flooding). */
export const RATE_LIMITED_DELAY_MS = 15_000;

/** What to do after a close: give up for good, or try again after `delayMs`. */
export type ReconnectDecision = { retry: false } | { retry: true; delayMs: number };

/** Options for {@linkcode reconnectDecision}. */
export interface ReconnectPolicyOptions {
  /** Least wait after 4429. @default {RATE_LIMITED_DELAY_MS} */
  rateLimitedDelayMs?: number;
  /** Source of randomness in [0, 1) for jitter. @default {Math.random} */
  random?: () => number;
}

/**
 * The decision after the socket closed with `code`, on the `attempt`-th
 * retry in a row (0 after the socket was live):
 * - 4401/4403: never again without new credentials (the session expired);
 * - 4429: the rate-limit wait plus backoff, so a flood of tabs calms down;
 * - 1001 (server restarting): promptly, within the first backoff step, with
 *   full jitter so a restart's clients do not all come back in the same instant;
 * - anything else (1006, 1011, 1013 too slow, the client's own timeout):
 *   exponential backoff with full jitter.
 *
 * @example
 * ```ts
 * reconnectDecision(4401, 0); // { retry: false }
 * reconnectDecision(1001, 5); // { retry: true, delayMs: 0..500 }
 * ```
 */
export function reconnectDecision(
  code: number,
  attempt: number,
  options: ReconnectPolicyOptions = {},
): ReconnectDecision {
  const { rateLimitedDelayMs = RATE_LIMITED_DELAY_MS, random = Math.random } = options;
  switch (code) {
    case CLOSE.UNAUTHENTICATED:
    case CLOSE.FORBIDDEN:
      return { retry: false };
    case CLOSE.TOO_MANY:
      return { retry: true, delayMs: rateLimitedDelayMs + backoffDelayMs(attempt, { random }) };
    case CLOSE.GOING_AWAY:
      return { retry: true, delayMs: backoffDelayMs(0, { random }) };
    default:
      return { retry: true, delayMs: backoffDelayMs(attempt, { random }) };
  }
}
