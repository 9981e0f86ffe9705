/**
 * Register, log in, log out: the account operations behind both the JSON API
 * (`/api/auth/*`) and the no-JavaScript forms (`/register`, `/login`, `/logout`).
 */
import { z } from "zod";
import { AppError } from "../errors.ts";
import { parseInput } from "../http.ts";
import { log } from "../log.ts";
import { announceSessionRevoked } from "../realtime/control.ts";
import type { Session, SessionUser } from "../state.ts";
import { normalizeEmail } from "../store/keys.ts";
import { limitChars } from "../text.ts";
import {
  clearLoginFailures,
  type LoginAttempt,
  releaseLoginAttempt,
  reserveLoginAttempt,
  type ThrottleSubject,
} from "../store/throttle.ts";
import { revokeJti } from "../store/tokens.ts";
import { findUserByEmail, insertUser, publicUser } from "../store/users.ts";
import { issueToken } from "./jwt.ts";
import {
  hashPassword,
  PASSWORD_MAX,
  PASSWORD_MIN,
  verifyAgainstDummy,
  verifyPassword,
} from "./password.ts";

const NAME_MAX = 100;
const EMAIL_MAX = 254;

const Email = limitChars(z.string({ error: "email must be a string" }).trim(), {
  max: EMAIL_MAX,
  tooLong: `email must be at most ${EMAIL_MAX} characters`,
}).pipe(z.email({ error: "email must be a valid email address" }));

/** Body of a registration. */
export const RegisterInput = z.object({
  email: Email,
  password: limitChars(z.string({ error: "password must be a string" }), {
    min: PASSWORD_MIN,
    max: PASSWORD_MAX,
    tooShort: `password must be at least ${PASSWORD_MIN} characters`,
    tooLong: `password must be at most ${PASSWORD_MAX} characters`,
  }),
  name: limitChars(z.string({ error: "name must be a string" }).trim(), {
    max: NAME_MAX,
    tooLong: `name must be at most ${NAME_MAX} characters`,
  }).optional(),
});
/** A registration as callers pass it. */
export type RegisterInput = z.input<typeof RegisterInput>;

/** Body of a login. */
export const LoginInput = z.object({
  email: limitChars(z.string({ error: "email must be a string" }).trim(), {
    min: 1,
    max: EMAIL_MAX,
    tooShort: "email is required",
    tooLong: `email must be at most ${EMAIL_MAX} characters`,
  }),
  password: limitChars(z.string({ error: "password must be a string" }), {
    min: 1,
    max: PASSWORD_MAX,
    tooShort: "password is required",
    tooLong: `password must be at most ${PASSWORD_MAX} characters`,
  }),
});
/** A login as callers pass it. */
export type LoginInput = z.input<typeof LoginInput>;

/** A signed-in user with a fresh token. */
export interface SignedIn {
  user: SessionUser;
  token: string;
  session: Session;
}

/** The one message for a wrong email or a wrong password. */
export const BAD_CREDENTIALS_MESSAGE = "Email or password is incorrect";

/**
 * Creates an account and signs it in. Throws AppError `invalid_request` for
 * bad input, `email_taken` when the email already has an account.
 */
export async function registerAccount(input: RegisterInput): Promise<SignedIn> {
  const fields = parseInput(RegisterInput, input);
  const email = normalizeEmail(fields.email);
  const name = fields.name || email.split("@")[0];
  const user = await insertUser({ email, name, passwordHash: await hashPassword(fields.password) });
  log.info("Account registered", { user_id: user.id });
  return await signIn(publicUser(user));
}

/**
 * Checks credentials and signs in. Wrong email and wrong password take the
 * same time and give the same 401. Throttled per account and per client
 * address: each attempt is counted before its password is checked (so parallel
 * guesses cannot overtake the count), and a locked subject answers 429
 * `too_many_requests` with a retry delay, even for the right password.
 */
export async function logIn(input: LoginInput, clientAddress?: string): Promise<SignedIn> {
  const { email: rawEmail, password } = parseInput(LoginInput, input);
  const email = normalizeEmail(rawEmail);
  const subjects: ThrottleSubject[] = [{ kind: "account", id: email }];
  if (clientAddress) subjects.push({ kind: "address", id: clientAddress });
  const reservation = await reserveLoginAttempt(subjects);
  if (!reservation.ok) throw tooManyAttempts(reservation.retryAfterMs);
  const user = await findUserByEmail(email);
  const ok = user
    ? await verifyPassword(password, user.password_hash)
    : await verifyAgainstDummy(password);
  if (!user || !ok) {
    log.info("Login failed", { reason: user ? "wrong_password" : "unknown_email" });
    throw new AppError("unauthenticated", BAD_CREDENTIALS_MESSAGE);
  }
  await settleSuccessfulAttempt(reservation.attempt);
  return await signIn(publicUser(user));
}

/**
 * The owner proved themselves: the account starts afresh, while an address
 * (possibly shared by many people) only gets this attempt's count back.
 */
async function settleSuccessfulAttempt(attempt: LoginAttempt): Promise<void> {
  await Promise.all(
    attempt.subjects.map((subject) =>
      subject.kind === "account"
        ? clearLoginFailures(subject)
        : releaseLoginAttempt(attempt, subject)
    ),
  );
}

/**
 * Revokes the session's token until it would expire and closes the sockets
 * opened with it, on every instance.
 */
export async function logOut(session: Session): Promise<void> {
  await revokeJti(session.jti, session.expiresAt);
  announceSessionRevoked(session.user.id, session.jti);
}

async function signIn(user: SessionUser): Promise<SignedIn> {
  const issued = await issueToken(user);
  return {
    user,
    token: issued.token,
    session: { user, jti: issued.jti, expiresAt: issued.expiresAt },
  };
}

function tooManyAttempts(remainingMs: number): AppError {
  const seconds = Math.ceil(remainingMs / 1000);
  return new AppError(
    "too_many_requests",
    `Too many failed logins. Try again in ${seconds} seconds`,
    { retryAfterSeconds: seconds },
  );
}
