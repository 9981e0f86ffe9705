/**
 * Login throttling in KV, per account and per client address
 * (`["login_throttle", kind, subject]`). After {@linkcode LOGIN_FAILURE_LIMIT}
 * failures within 15 minutes the subject is locked; each lock lasts twice the
 * previous one (1 min, 2 min, 4 min … at most 1 h) while strikes are remembered.
 */
import { z } from "zod";
import { RETRY, withAtomicRetry } from "./atomic.ts";
import { getKv } from "./kv.ts";
import { loginThrottleKey } from "./keys.ts";

/** Failures within the window that lock a subject. */
export const LOGIN_FAILURE_LIMIT = 5;
/** The window failures are counted in. */
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** The first lock's length; each further lock doubles it. */
export const FIRST_LOCK_MS = 60 * 1000;
/** The longest lock. */
export const MAX_LOCK_MS = 60 * 60 * 1000;
/** How long past strikes still make the next lock longer. */
const STRIKE_MEMORY_MS = 24 * 60 * 60 * 1000;

/** Who is being throttled: an account (its email) or a client address. */
export interface ThrottleSubject {
  kind: "account" | "address";
  id: string;
}

const ThrottleState = z.object({
  /** Times of recent failures (ms), inside the window. */
  failures: z.array(z.number()),
  /** Locks so far (within the strike memory). */
  strikes: z.number().int().nonnegative(),
  /** Locked until this time (ms); 0 when not locked. */
  locked_until: z.number(),
});
type ThrottleState = z.infer<typeof ThrottleState>;

const EMPTY: ThrottleState = { failures: [], strikes: 0, locked_until: 0 };

/** Milliseconds until the most locked of `subjects` may try again; 0 when none is locked. */
export async function loginLockRemaining(subjects: ThrottleSubject[]): Promise<number> {
  const kv = await getKv();
  const now = Date.now();
  const entries = await kv.getMany(subjects.map((s) => loginThrottleKey(s.kind, s.id)));
  return Math.max(0, ...entries.map((entry) => parseState(entry.value).locked_until - now));
}

/**
 * Counts one failed login against every subject. Returns the lock length (ms)
 * if this failure locked any of them, else 0.
 */
export async function recordLoginFailure(subjects: ThrottleSubject[]): Promise<number> {
  const locks = await Promise.all(subjects.map((subject) => recordFailure(subject)));
  return Math.max(0, ...locks);
}

/** Forgets the failures of a subject (after a successful login). */
export async function clearLoginFailures(subject: ThrottleSubject): Promise<void> {
  const kv = await getKv();
  await kv.delete(loginThrottleKey(subject.kind, subject.id));
}

async function recordFailure(subject: ThrottleSubject): Promise<number> {
  const kv = await getKv();
  const key = loginThrottleKey(subject.kind, subject.id);
  return await withAtomicRetry(async () => {
    const entry = await kv.get(key);
    const now = Date.now();
    const { state, lockMs } = nextState(parseState(entry.value), now);
    const keepFor = Math.max(state.locked_until - now, LOGIN_FAILURE_WINDOW_MS) +
      (state.strikes > 0 ? STRIKE_MEMORY_MS : 0);
    const result = await kv.atomic().check(entry).set(key, state, { expireIn: keepFor }).commit();
    return result.ok ? lockMs : RETRY;
  });
}

/** The pure throttle rule: one more failure at `now`. Exported for tests. */
export function nextState(
  previous: ThrottleState,
  now: number,
): { state: ThrottleState; lockMs: number } {
  const failures = [...previous.failures.filter((at) => now - at < LOGIN_FAILURE_WINDOW_MS), now];
  if (failures.length < LOGIN_FAILURE_LIMIT) {
    return { state: { ...previous, failures }, lockMs: 0 };
  }
  const strikes = previous.strikes + 1;
  const lockMs = Math.min(FIRST_LOCK_MS * 2 ** (strikes - 1), MAX_LOCK_MS);
  return { state: { failures: [], strikes, locked_until: now + lockMs }, lockMs };
}

function parseState(value: unknown): ThrottleState {
  const parsed = ThrottleState.safeParse(value);
  return parsed.success ? parsed.data : EMPTY;
}
