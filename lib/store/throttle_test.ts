import assert from "node:assert/strict";
import { setConfigForTesting } from "../config.ts";
import { closeKv } from "./kv.ts";
import {
  clearLoginFailures,
  countAttempt,
  FIRST_LOCK_MS,
  LOGIN_FAILURE_LIMIT,
  LOGIN_FAILURE_WINDOW_MS,
  loginLockRemaining,
  MAX_LOCK_MS,
  releaseAttempt,
  releaseLoginAttempt,
  reserveLoginAttempt,
  setFirstLockForTesting,
  type ThrottleState,
} from "./throttle.ts";

const EMPTY: ThrottleState = { failures: [], strikes: 0, locked_until: 0 };

Deno.test("[throttle] the fifth attempt within 15 minutes locks, and locks grow", () => {
  let state = EMPTY;
  let now = 1_000_000;
  const locks: number[] = [];
  for (let round = 0; round < 8; round++) {
    for (let i = 0; i < LOGIN_FAILURE_LIMIT; i++) {
      state = countAttempt(state, now, `attempt-${round}-${i}`);
      if (i < LOGIN_FAILURE_LIMIT - 1) assert.ok(state.locked_until <= now, `${round}/${i}`);
      else locks.push(state.locked_until - now);
      now += 1000;
    }
    now = state.locked_until;
  }
  assert.deepEqual(locks.slice(0, 3), [FIRST_LOCK_MS, 2 * FIRST_LOCK_MS, 4 * FIRST_LOCK_MS]);
  assert.equal(locks.at(-1), MAX_LOCK_MS);
});

Deno.test("[throttle] attempts older than the window do not count", () => {
  let state = EMPTY;
  for (let i = 0; i < LOGIN_FAILURE_LIMIT - 1; i++) state = countAttempt(state, i, `a${i}`);
  const later = countAttempt(state, LOGIN_FAILURE_WINDOW_MS + 10, "late");
  assert.equal(later.locked_until, 0);
  assert.deepEqual(later.failures, [LOGIN_FAILURE_WINDOW_MS + 10]);
});

Deno.test("[throttle] releasing the attempt that locked lifts its lock and its count", () => {
  let state = EMPTY;
  for (let i = 0; i < LOGIN_FAILURE_LIMIT - 1; i++) state = countAttempt(state, 100 + i, `a${i}`);
  const locked = countAttempt(state, 200, "last");
  assert.equal(locked.locked_until, 200 + FIRST_LOCK_MS);
  const released = releaseAttempt(locked, { id: "last", at: 200 });
  assert.deepEqual(released, { ...state, locked_until: 0 });
  // Another attempt's release keeps the lock and drops only that count.
  const other = releaseAttempt(locked, { id: "a0", at: 100 });
  assert.equal(other.locked_until, locked.locked_until);
  assert.deepEqual(other.failures, [101, 102, 103, 200]);
});

Deno.test("[throttle] per subject in KV: reserve counts atomically, locks, releases, clears", async () => {
  setConfigForTesting({ KV_PATH: ":memory:", LOG_LEVEL: "silent" });
  try {
    const account = { kind: "account", id: "a@example.test" } as const;
    const address = { kind: "address", id: "10.0.0.1" } as const;
    const other = { kind: "account", id: "b@example.test" } as const;
    const reservations = await Promise.all(
      Array.from(
        { length: 3 * LOGIN_FAILURE_LIMIT },
        () => reserveLoginAttempt([account, address]),
      ),
    );
    const granted = reservations.filter((r) => r.ok);
    assert.equal(granted.length, LOGIN_FAILURE_LIMIT, "only the limit gets through a burst");
    for (const refused of reservations.filter((r) => !r.ok)) {
      assert.ok(refused.retryAfterMs > 0 && refused.retryAfterMs <= FIRST_LOCK_MS);
    }
    const left = await loginLockRemaining([account]);
    assert.ok(left > FIRST_LOCK_MS - 5000 && left <= FIRST_LOCK_MS, String(left));
    assert.ok(await loginLockRemaining([other, address]) > 0, "the address is locked too");
    assert.equal(await loginLockRemaining([other]), 0);
    const refused = await reserveLoginAttempt([other, address]);
    assert.equal(refused.ok, false, "a locked address refuses any account");
    await clearLoginFailures(account);
    assert.equal(await loginLockRemaining([account]), 0);

    // The attempt that locked gives its count back: the lock goes.
    const first = await reserveLoginAttempt([other]);
    assert.ok(first.ok);
    for (let i = 1; i < LOGIN_FAILURE_LIMIT; i++) {
      assert.ok((await reserveLoginAttempt([other])).ok);
    }
    assert.ok(await loginLockRemaining([other]) > 0);
    await releaseLoginAttempt(first.attempt, other);
    assert.ok(await loginLockRemaining([other]) > 0, "an earlier attempt's release keeps it");
  } finally {
    await closeKv();
  }
});

Deno.test("[throttle] a shortened first lock ends on time", async () => {
  setConfigForTesting({ KV_PATH: ":memory:", LOG_LEVEL: "silent" });
  setFirstLockForTesting(50);
  try {
    const subject = { kind: "account", id: "short@example.test" } as const;
    for (let i = 0; i < LOGIN_FAILURE_LIMIT; i++) {
      assert.ok((await reserveLoginAttempt([subject])).ok);
    }
    const refused = await reserveLoginAttempt([subject]);
    assert.ok(!refused.ok && refused.retryAfterMs <= 50);
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.ok((await reserveLoginAttempt([subject])).ok, "the lock has ended");
    assert.throws(() => setFirstLockForTesting(0), RangeError);
  } finally {
    setFirstLockForTesting(undefined);
    await closeKv();
  }
});
