import assert from "node:assert/strict";
import { formatDuration, formatRunSummary } from "./format.ts";

Deno.test("[format] durations and the collapsed run line", () => {
  assert.equal(formatDuration(42), "42 ms");
  assert.equal(formatDuration(400), "0.4 s");
  assert.equal(formatDuration(1400), "1.4 s");
  assert.equal(formatDuration(12_400), "12 s");
  assert.equal(formatRunSummary(3, 400), "3 steps · 0.4 s");
  assert.equal(formatRunSummary(1, 2500), "1 step · 2.5 s");
  assert.equal(formatRunSummary(2), "2 steps");
});
