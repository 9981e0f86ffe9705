import assert from "node:assert/strict";
import { planUsage, USAGE_WINDOW_MS } from "./usage.ts";

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

Deno.test("[store] planUsage counts up to the limit and then refuses", () => {
  let usage = null;
  for (let i = 0; i < 3; i++) {
    const plan = planUsage(usage, 3, T0 + i * 1000);
    assert.equal(plan.allowed, true);
    if (plan.allowed) usage = plan.next;
  }
  const refused = planUsage(usage, 3, T0 + 5000);
  assert.equal(refused.allowed, false);
  assert.equal(refused.used, 3);
});

Deno.test("[store] planUsage frees room as messages leave the rolling 24 h", () => {
  const first = planUsage(null, 2, T0);
  assert.ok(first.allowed);
  const second = planUsage(first.next, 2, T0 + 3 * 60_000);
  assert.ok(second.allowed);
  const refused = planUsage(second.next, 2, T0 + 60 * 60_000);
  assert.ok(!refused.allowed);
  // The first message's bucket ends one minute after T0, so room returns 24 h later.
  assert.equal(refused.retryAfterSeconds, (USAGE_WINDOW_MS - 59 * 60_000) / 1000);
  const later = planUsage(second.next, 2, T0 + USAGE_WINDOW_MS + 60_000);
  assert.ok(later.allowed);
  assert.equal(later.used, 2);
});
