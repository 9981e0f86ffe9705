/**
 * The Deno KV key layout of accounts, tasks and sessions, in one place.
 * `specs/storage.md` describes each key, its value and its lifetime.
 */

/** Top-level key prefixes (the first key part). */
export const KEY_PREFIX = {
  users: "users",
  usersByEmail: "users_by_email",
  tasks: "tasks",
  taskCounter: "task_counter",
  revokedJti: "revoked_jti",
  loginThrottle: "login_throttle",
  secrets: "secrets",
} as const;

/** `["users", userId]` → the user record. */
export function userKey(userId: string): Deno.KvKey {
  return [KEY_PREFIX.users, userId];
}

/** `["users_by_email", lowercasedEmail]` → the user id (unique email index). */
export function userByEmailKey(email: string): Deno.KvKey {
  return [KEY_PREFIX.usersByEmail, normalizeEmail(email)];
}

/** `["tasks", userId, taskId]` → one task. */
export function taskKey(userId: string, taskId: number): Deno.KvKey {
  return [KEY_PREFIX.tasks, userId, taskId];
}

/** `["tasks", userId]`: the prefix of every task of one user, ordered by number. */
export function tasksPrefix(userId: string): Deno.KvKey {
  return [KEY_PREFIX.tasks, userId];
}

/** `["task_counter", userId]` → the last task number handed out (a `Deno.KvU64`). */
export function taskCounterKey(userId: string): Deno.KvKey {
  return [KEY_PREFIX.taskCounter, userId];
}

/** `["revoked_jti", jti]` → when the revoked token would have expired. */
export function revokedJtiKey(jti: string): Deno.KvKey {
  return [KEY_PREFIX.revokedJti, jti];
}

/** `["login_throttle", "account" | "address", subject]` → recent failures of one subject. */
export function loginThrottleKey(kind: "account" | "address", subject: string): Deno.KvKey {
  return [KEY_PREFIX.loginThrottle, kind, subject];
}

/** `["secrets", name]` → a generated secret (the JWT key when `JWT_SECRET` is unset). */
export function secretKey(name: string): Deno.KvKey {
  return [KEY_PREFIX.secrets, name];
}

/** Emails are case-insensitive: stored and looked up trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
