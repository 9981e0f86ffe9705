/**
 * Login throttling in KV, per account and per client address
 * (`["login_throttle", kind, subject]`). Every attempt is reserved, and counted
 * as a failure, atomically BEFORE its password is checked, so a parallel burst
 * cannot slip past the limit; a right password then gives its count back. After
 * {@linkcode LOGIN_FAILURE_LIMIT} counted attempts within 15 minutes the subject
 * is locked; each lock lasts twice the previous one (1 min, 2 min, 4 min … at
 * most 1 h) while strikes are remembered.
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

let firstLockMs = FIRST_LOCK_MS;

/**
 * Shortens (or restores) the first lock, for tests only, so a test can see a
 * lock end without waiting a minute.
 * @param ms the first lock's length; `undefined` restores {@linkcode FIRST_LOCK_MS}.
 */
export function setFirstLockForTesting(ms: number | undefined): void {
  if (ms !== undefined && (!Number.isInteger(ms) || ms < 1 || ms > FIRST_LOCK_MS)) {
    throw new RangeError(`Cannot use a first lock of ${ms} ms: expected 1..${FIRST_LOCK_MS}`);
  }
  firstLockMs = ms ?? FIRST_LOCK_MS;
}

/** Who is being throttled: an account (its email) or a client address. */
export interface ThrottleSubject {
  kind: "account" | "address";
  id: string;
}

const ThrottleState = z.object({
  /** Times (ms) of the attempts counted since the last lock ended, inside the window. */
  failures: z.array(z.number()),
  /** Locks so far (within the strike memory). */
  strikes: z.number().int().nonnegative(),
  /** Locked until this time (ms); 0 when never locked. */
  locked_until: z.number(),
  /** The attempt whose count set the current lock, so that it can give it back. */
  locked_by: z.string().optional(),
  /** `locked_until` before that attempt locked the subject. */
  unlocks_to: z.number().optional(),
});
/** The throttle record of one subject. */
export type ThrottleState = z.infer<typeof ThrottleState>;

const EMPTY: ThrottleState = { failures: [], strikes: 0, locked_until: 0 };

/** An attempt that was counted against its subjects before its password was checked. */
export interface LoginAttempt {
  /** Unique per attempt. */
  id: string;
  /** When it was counted (ms). */
  at: number;
  subjects: ThrottleSubject[];
}

/** The answer of {@linkcode reserveLoginAttempt}. */
export type LoginReservation =
  | { ok: true; attempt: LoginAttempt }
  | { ok: false; retryAfterMs: number };

/** Milliseconds until the most locked of `subjects` may try again; 0 when none is locked. */
export async function loginLockRemaining(subjects: ThrottleSubject[]): Promise<number> {
  const kv = await getKv();
  const now = Date.now();
  const entries = await kv.getMany(subjects.map((s) => loginThrottleKey(s.kind, s.id)));
  return remainingLock(entries.map((entry) => parseState(entry.value)), now);
}

/**
 * Counts one login attempt as a failure against every subject, in one atomic
 * write checked against what was read, unless one of them is locked: then
 * nothing is counted and the answer says how long to wait. The attempt that
 * reaches the limit is itself allowed; the ones after it are not.
 */
export async function reserveLoginAttempt(subjects: ThrottleSubject[]): Promise<LoginReservation> {
  const kv = await getKv();
  const keys = subjects.map((s) => loginThrottleKey(s.kind, s.id));
  const id = crypto.randomUUID();
  return await withAtomicRetry<LoginReservation>(async () => {
    const entries = await kv.getMany(keys);
    const now = Date.now();
    const states = entries.map((entry) => parseState(entry.value));
    const retryAfterMs = remainingLock(states, now);
    if (retryAfterMs > 0) return { ok: false, retryAfterMs };
    const op = kv.atomic();
    states.forEach((state, i) => {
      const next = countAttempt(state, now, id);
      op.check(entries[i]).set(keys[i], next, { expireIn: keepFor(next, now) });
    });
    const result = await op.commit();
    return result.ok ? { ok: true, attempt: { id, at: now, subjects } } : RETRY;
  });
}

/**
 * Gives back the count of `attempt` on `subject` (its password was right),
 * lifting the lock that count set, if it set one.
 */
export async function releaseLoginAttempt(
  attempt: LoginAttempt,
  subject: ThrottleSubject,
): Promise<void> {
  const kv = await getKv();
  const key = loginThrottleKey(subject.kind, subject.id);
  await withAtomicRetry(async () => {
    const entry = await kv.get(key);
    if (entry.versionstamp === null) return true;
    const now = Date.now();
    const next = releaseAttempt(parseState(entry.value), attempt);
    const result = await kv.atomic().check(entry)
      .set(key, next, { expireIn: keepFor(next, now) }).commit();
    return result.ok ? true : RETRY;
  });
}

/** Forgets the failures and strikes of a subject (after a successful login). */
export async function clearLoginFailures(subject: ThrottleSubject): Promise<void> {
  const kv = await getKv();
  await kv.delete(loginThrottleKey(subject.kind, subject.id));
}

/**
 * The pure throttle rule: one more attempt counted at `now` by attempt `id`.
 * Attempts before the last lock ended, or older than the window, no longer
 * count. Exported for tests.
 */
export function countAttempt(
  previous: ThrottleState,
  now: number,
  id: string,
): ThrottleState {
  const failures = [
    ...previous.failures.filter((at) =>
      now - at < LOGIN_FAILURE_WINDOW_MS && at >= previous.locked_until
    ),
    now,
  ];
  if (failures.length < LOGIN_FAILURE_LIMIT) return { ...previous, failures };
  const strikes = previous.strikes + 1;
  return {
    failures,
    strikes,
    locked_until: now + lockLength(strikes),
    locked_by: id,
    unlocks_to: previous.locked_until,
  };
}

/** The pure inverse for one attempt: its count removed, and the lock it set lifted. */
export function releaseAttempt(
  previous: ThrottleState,
  attempt: Pick<LoginAttempt, "id" | "at">,
): ThrottleState {
  const index = previous.failures.indexOf(attempt.at);
  const failures = index < 0 ? previous.failures : previous.failures.toSpliced(index, 1);
  if (previous.locked_by !== attempt.id) return { ...previous, failures };
  return {
    failures,
    strikes: Math.max(0, previous.strikes - 1),
    locked_until: previous.unlocks_to ?? 0,
  };
}

/** The length of the lock of strike number `strikes` (1 for the first). */
function lockLength(strikes: number): number {
  return Math.min(firstLockMs * 2 ** (strikes - 1), MAX_LOCK_MS);
}

function remainingLock(states: ThrottleState[], now: number): number {
  return Math.max(0, ...states.map((state) => state.locked_until - now));
}

/** How long a record matters: its lock or window, plus the strike memory once locked. */
function keepFor(state: ThrottleState, now: number): number {
  return Math.max(state.locked_until - now, LOGIN_FAILURE_WINDOW_MS) +
    (state.strikes > 0 ? STRIKE_MEMORY_MS : 0);
}

function parseState(value: unknown): ThrottleState {
  const parsed = ThrottleState.safeParse(value);
  return parsed.success ? parsed.data : EMPTY;
}
