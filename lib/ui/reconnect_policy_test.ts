import assert from "node:assert/strict";
import { RATE_LIMITED_DELAY_MS, reconnectDecision } from "./reconnect_policy.ts";
import { BACKOFF_BASE_MS } from "./backoff.ts";

const half = () => 0.5;

Deno.test("[reconnect policy] 4401 and 4403 never retry", () => {
  for (const code of [4401, 4403]) {
    assert.deepEqual(reconnectDecision(code, 0, { random: half }), { retry: false });
    assert.deepEqual(reconnectDecision(code, 7, { random: half }), { retry: false });
  }
});

Deno.test("[reconnect policy] 4429 waits the rate-limit delay plus backoff", () => {
  assert.deepEqual(reconnectDecision(4429, 0, { random: half }), {
    retry: true,
    delayMs: RATE_LIMITED_DELAY_MS + BACKOFF_BASE_MS / 2,
  });
  assert.deepEqual(reconnectDecision(4429, 1, { random: () => 0, rateLimitedDelayMs: 100 }), {
    retry: true,
    delayMs: 100,
  });
});

Deno.test("[reconnect policy] 1001 comes back within the first step, jittered", () => {
  const delays = [0, 0.25, 0.999].map((r) => reconnectDecision(1001, 6, { random: () => r }));
  for (const decision of delays) {
    assert.ok(decision.retry && decision.delayMs < BACKOFF_BASE_MS, JSON.stringify(decision));
  }
  const distinct = new Set(delays.map((d) => d.retry && d.delayMs));
  assert.equal(distinct.size, 3, "jitter spreads the clients of one restart");
});

Deno.test("[reconnect policy] 1013, 1006 and 1011 back off exponentially", () => {
  for (const code of [1006, 1011, 1013]) {
    assert.deepEqual(reconnectDecision(code, 0, { random: half }), { retry: true, delayMs: 250 });
    assert.deepEqual(reconnectDecision(code, 3, { random: half }), { retry: true, delayMs: 2000 });
  }
});
