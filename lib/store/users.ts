/**
 * Accounts in Deno KV: `["users", userId]` holds the record and
 * `["users_by_email", email]` the id, written together with an atomic check so
 * an email (case-insensitive) belongs to one account. Accounts are not subject
 * to retention: they last until deleted.
 */
import { z } from "zod";
import { AppError } from "../errors.ts";
import type { SessionUser } from "../state.ts";
import { getKv } from "./kv.ts";
import { normalizeEmail, userByEmailKey, userKey } from "./keys.ts";

/** A stored account. */
export const UserRecord = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  password_hash: z.string(),
  created_at: z.string(),
});
/** A stored account. */
export type UserRecord = z.infer<typeof UserRecord>;

/** The fields of a new account. */
export interface NewUserFields {
  email: string;
  name: string;
  passwordHash: string;
}

/**
 * Stores a new account with a random URL-safe id. Throws AppError `email_taken`
 * when the email (in any case) already has an account.
 */
export async function insertUser(fields: NewUserFields): Promise<UserRecord> {
  const kv = await getKv();
  const user: UserRecord = {
    id: crypto.randomUUID(),
    email: normalizeEmail(fields.email),
    name: fields.name,
    password_hash: fields.passwordHash,
    created_at: new Date().toISOString(),
  };
  const emailKey = userByEmailKey(user.email);
  const result = await kv.atomic()
    .check({ key: emailKey, versionstamp: null })
    .check({ key: userKey(user.id), versionstamp: null })
    .set(userKey(user.id), user)
    .set(emailKey, user.id)
    .commit();
  if (!result.ok) throw new AppError("email_taken", "An account with this email already exists");
  return user;
}

/** The account with this id, or null. */
export async function findUserById(userId: string): Promise<UserRecord | null> {
  const kv = await getKv();
  const entry = await kv.get(userKey(userId));
  return entry.value === null ? null : UserRecord.parse(entry.value);
}

/** The account with this email (case-insensitive), or null. */
export async function findUserByEmail(email: string): Promise<UserRecord | null> {
  const kv = await getKv();
  const index = await kv.get<string>(userByEmailKey(email));
  return typeof index.value === "string" ? await findUserById(index.value) : null;
}

/** What of an account may leave the server. */
export function publicUser(user: UserRecord): SessionUser {
  return { id: user.id, email: user.email, name: user.name };
}
