import assert from "node:assert/strict";
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, backoffDelayMs } from "./backoff.ts";

Deno.test("[backoff] caps double from 0.5 s up to 20 s", () => {
  const top = () => 0.999999;
  assert.equal(backoffDelayMs(0, { random: top }), BACKOFF_BASE_MS - 1);
  assert.equal(backoffDelayMs(1, { random: top }), 2 * BACKOFF_BASE_MS - 1);
  assert.equal(backoffDelayMs(5, { random: top }), 16_000 - 1);
  assert.equal(backoffDelayMs(6, { random: top }), BACKOFF_MAX_MS - 1);
  assert.equal(backoffDelayMs(2000, { random: top }), BACKOFF_MAX_MS - 1);
});

Deno.test("[backoff] full jitter spreads delays over the whole range", () => {
  assert.equal(backoffDelayMs(3, { random: () => 0 }), 0);
  assert.equal(backoffDelayMs(3, { random: () => 0.5 }), 2_000);
  const seen = new Set<number>();
  for (let i = 0; i < 200; i++) seen.add(Math.floor(backoffDelayMs(6) / 1000));
  assert.ok(seen.size > 10, `delays cluster: ${[...seen]}`);
});

Deno.test("[backoff] rejects negative or fractional attempts", () => {
  assert.throws(() => backoffDelayMs(-1), RangeError);
  assert.throws(() => backoffDelayMs(1.5), RangeError);
});
