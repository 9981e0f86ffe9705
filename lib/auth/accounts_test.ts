import assert from "node:assert/strict";
import { setConfigForTesting } from "../config.ts";
import { AppError } from "../errors.ts";
import { closeHub } from "../realtime/hub_instance.ts";
import { closeKv } from "../store/kv.ts";
import { LOGIN_FAILURE_LIMIT } from "../store/throttle.ts";
import { BAD_CREDENTIALS_MESSAGE, logIn, logOut, registerAccount } from "./accounts.ts";
import { setPasswordCostForTesting } from "./password.ts";
import { authenticateToken } from "./session.ts";

function accountTest(name: string, fn: () => Promise<void>) {
  Deno.test(name, async () => {
    setConfigForTesting({
      KV_PATH: ":memory:",
      JWT_SECRET: "accounts-test-secret-0123456789abcdef012345",
      LOG_LEVEL: "silent",
    });
    setPasswordCostForTesting(10);
    try {
      await fn();
    } finally {
      setPasswordCostForTesting(undefined);
      await closeHub();
      await closeKv();
    }
  });
}

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<AppError> {
  let caught: unknown;
  await assert.rejects(promise, (error) => {
    caught = error;
    return error instanceof AppError && error.code === code;
  });
  return caught as AppError;
}

accountTest("[accounts] register normalizes the email and signs in", async () => {
  const signedIn = await registerAccount({ email: "  Ada@Example.TEST ", password: "long enough" });
  assert.equal(signedIn.user.email, "ada@example.test");
  assert.equal(signedIn.user.name, "ada", "the name defaults to the email's local part");
  assert.match(signedIn.user.id, /^[\w-]{20,}$/);
  const session = await authenticateToken(signedIn.token);
  assert.deepEqual(session?.user, signedIn.user);
  const named = await registerAccount({
    email: "b@example.test",
    password: "long enough",
    name: " Bo ",
  });
  assert.equal(named.user.name, "Bo");
});

accountTest("[accounts] an email is unique in any case", async () => {
  await registerAccount({ email: "ada@example.test", password: "long enough" });
  await rejectsWith(
    registerAccount({ email: "ADA@example.test", password: "other password" }),
    "email_taken",
  );
  const results = await Promise.allSettled(
    Array.from(
      { length: 5 },
      () => registerAccount({ email: "race@example.test", password: "long enough" }),
    ),
  );
  assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
});

accountTest("[accounts] register validates email and password length", async () => {
  for (
    const input of [
      { email: "not-an-email", password: "long enough" },
      { email: "a@example.test", password: "short" },
      { email: "a@example.test", password: "x".repeat(257) },
      { email: "a@example.test", password: 12345678 },
      { email: "a@example.test" },
    ]
  ) {
    await rejectsWith(registerAccount(input as never), "invalid_request");
  }
  await registerAccount({ email: "a@example.test", password: "x".repeat(256) });
  // Lengths are characters: four emoji are 8 UTF-16 units but 4 characters.
  await rejectsWith(
    registerAccount({ email: "b@example.test", password: "🔑".repeat(4) }),
    "invalid_request",
  );
  await rejectsWith(
    registerAccount({ email: "b@example.test", password: "🔑".repeat(257) }),
    "invalid_request",
  );
  await registerAccount({ email: "b@example.test", password: "🔑".repeat(256) });
  await registerAccount({
    email: "c@example.test",
    password: "🔑".repeat(8),
    name: "🦊".repeat(100),
  });
  await rejectsWith(
    registerAccount({ email: "d@example.test", password: "long enough", name: "🦊".repeat(101) }),
    "invalid_request",
  );
});

accountTest("[accounts] wrong password and unknown email give the same 401", async () => {
  await registerAccount({ email: "ada@example.test", password: "long enough" });
  const ok = await logIn({ email: "ADA@example.test", password: "long enough" });
  assert.equal(ok.user.email, "ada@example.test");
  const wrong = await rejectsWith(
    logIn({ email: "ada@example.test", password: "wrong password" }),
    "unauthenticated",
  );
  const unknown = await rejectsWith(
    logIn({ email: "nobody@example.test", password: "wrong password" }),
    "unauthenticated",
  );
  assert.equal(wrong.message, BAD_CREDENTIALS_MESSAGE);
  assert.equal(unknown.message, wrong.message);
});

accountTest(
  "[accounts] five failures lock the account with a retry delay, even for the right password",
  async () => {
    await registerAccount({ email: "ada@example.test", password: "long enough" });
    for (let i = 0; i < LOGIN_FAILURE_LIMIT; i++) {
      await rejectsWith(
        logIn({ email: "ada@example.test", password: "wrong password" }, `10.0.0.${i}`),
        "unauthenticated",
      );
    }
    const locked = await rejectsWith(
      logIn({ email: "ada@example.test", password: "long enough" }, "10.0.0.99"),
      "too_many_requests",
    );
    assert.ok(locked.retryAfterSeconds && locked.retryAfterSeconds > 0);
    // Another account from a fresh address is unaffected.
    await registerAccount({ email: "bo@example.test", password: "long enough" });
    await logIn({ email: "bo@example.test", password: "long enough" }, "10.0.1.1");
  },
);

accountTest("[accounts] one address failing on many accounts is throttled", async () => {
  for (let i = 0; i < LOGIN_FAILURE_LIMIT; i++) {
    await rejectsWith(
      logIn({ email: `user${i}@example.test`, password: "wrong password" }, "192.0.2.7"),
      "unauthenticated",
    );
  }
  await rejectsWith(
    logIn({ email: "someone@example.test", password: "wrong password" }, "192.0.2.7"),
    "too_many_requests",
  );
});

accountTest("[accounts] a right password gives back its count on a shared address", async () => {
  await registerAccount({ email: "ada@example.test", password: "long enough" });
  for (let i = 0; i < LOGIN_FAILURE_LIMIT - 1; i++) {
    await rejectsWith(
      logIn({ email: `user${i}@example.test`, password: "wrong password" }, "192.0.2.8"),
      "unauthenticated",
    );
  }
  // This attempt is the address's fifth: counted first, then given back.
  await logIn({ email: "ada@example.test", password: "long enough" }, "192.0.2.8");
  await logIn({ email: "ada@example.test", password: "long enough" }, "192.0.2.8");
  await rejectsWith(
    logIn({ email: "bo@example.test", password: "wrong password" }, "192.0.2.8"),
    "unauthenticated",
  );
  await rejectsWith(
    logIn({ email: "ada@example.test", password: "long enough" }, "192.0.2.8"),
    "too_many_requests",
  );
});

accountTest("[accounts] logout revokes the token; other sessions stay valid", async () => {
  const first = await registerAccount({ email: "ada@example.test", password: "long enough" });
  const second = await logIn({ email: "ada@example.test", password: "long enough" });
  await logOut(first.session);
  assert.equal(await authenticateToken(first.token), null);
  assert.ok(await authenticateToken(second.token));
});
