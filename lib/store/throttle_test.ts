import assert from "node:assert/strict";
import { setConfigForTesting } from "../config.ts";
import { closeKv } from "./kv.ts";
import {
  clearLoginFailures,
  FIRST_LOCK_MS,
  LOGIN_FAILURE_LIMIT,
  LOGIN_FAILURE_WINDOW_MS,
  loginLockRemaining,
  MAX_LOCK_MS,
  nextState,
  recordLoginFailure,
} from "./throttle.ts";

const EMPTY = { failures: [] as number[], strikes: 0, locked_until: 0 };

Deno.test("[throttle] the fifth failure within 15 minutes locks, and locks grow", () => {
  let state = EMPTY;
  let now = 1_000_000;
  const locks: number[] = [];
  for (let round = 0; round < 8; round++) {
    for (let i = 0; i < LOGIN_FAILURE_LIMIT; i++) {
      const next = nextState(state, now);
      state = next.state;
      if (i < LOGIN_FAILURE_LIMIT - 1) assert.equal(next.lockMs, 0);
      else locks.push(next.lockMs);
      now += 1000;
    }
    now = state.locked_until;
  }
  assert.deepEqual(locks.slice(0, 3), [FIRST_LOCK_MS, 2 * FIRST_LOCK_MS, 4 * FIRST_LOCK_MS]);
  assert.equal(locks.at(-1), MAX_LOCK_MS);
});

Deno.test("[throttle] failures older than the window do not count", () => {
  let state = EMPTY;
  for (let i = 0; i < LOGIN_FAILURE_LIMIT - 1; i++) state = nextState(state, i).state;
  const later = nextState(state, LOGIN_FAILURE_WINDOW_MS + 10);
  assert.equal(later.lockMs, 0);
  assert.equal(later.state.failures.length, 1);
});

Deno.test("[throttle] per subject in KV: locks, reports time left, clears", async () => {
  setConfigForTesting({ KV_PATH: ":memory:", LOG_LEVEL: "silent" });
  try {
    const account = { kind: "account", id: "a@example.test" } as const;
    const address = { kind: "address", id: "10.0.0.1" } as const;
    const other = { kind: "account", id: "b@example.test" } as const;
    const locks = await Promise.all(
      Array.from({ length: LOGIN_FAILURE_LIMIT }, () => recordLoginFailure([account, address])),
    );
    assert.equal(locks.filter((ms) => ms > 0).length, 1, "exactly one failure locks");
    const left = await loginLockRemaining([account]);
    assert.ok(left > FIRST_LOCK_MS - 5000 && left <= FIRST_LOCK_MS, String(left));
    assert.ok(await loginLockRemaining([other, address]) > 0, "the address is locked too");
    assert.equal(await loginLockRemaining([other]), 0);
    await clearLoginFailures(account);
    assert.equal(await loginLockRemaining([account]), 0);
  } finally {
    await closeKv();
  }
});
