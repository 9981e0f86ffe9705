import assert from "node:assert/strict";
import { formatDuration, formatLocalTime, formatRunSummary, formatTime } from "./format.ts";

Deno.test("[format] durations and the collapsed run line", () => {
  assert.equal(formatDuration(42), "42 ms");
  assert.equal(formatDuration(400), "0.4 s");
  assert.equal(formatDuration(1400), "1.4 s");
  assert.equal(formatDuration(12_400), "12 s");
  assert.equal(formatRunSummary(3, 400), "3 steps · 0.4 s");
  assert.equal(formatRunSummary(1, 2500), "1 step · 2.5 s");
  assert.equal(formatRunSummary(2), "2 steps");
});

Deno.test("[format] server time is UTC and says so", () => {
  assert.equal(formatTime("2025-03-12T11:37:00.000Z"), "11:37 UTC");
  assert.equal(formatTime("not a time"), "");
});

Deno.test("[format] local times: today, yesterday, this week, this year, older", () => {
  const now = new Date("2025-03-12T20:00:00.000Z"); // a Wednesday
  const at = (iso: string, timeZone = "UTC") => formatLocalTime(iso, { now, timeZone });
  assert.equal(at("2025-03-12T11:37:00.000Z"), "11:37");
  assert.equal(at("2025-03-11T18:02:00.000Z"), "Yesterday 18:02");
  assert.equal(at("2025-03-09T08:05:00.000Z"), "Sun 08:05");
  assert.equal(at("2025-01-02T08:05:00.000Z"), "2 Jan 08:05");
  assert.equal(at("2024-12-30T08:05:00.000Z"), "30 Dec 2024");
  assert.equal(at("nonsense"), "");
});

Deno.test("[format] local times follow the viewer's zone, days included", () => {
  const now = new Date("2025-03-12T20:00:00.000Z");
  // 23:30 UTC on the 11th is already the 12th, 08:30, in Tokyo; "now" is the 13th there.
  const iso = "2025-03-11T23:30:00.000Z";
  assert.equal(formatLocalTime(iso, { now, timeZone: "Asia/Tokyo" }), "Yesterday 08:30");
  assert.equal(formatLocalTime(iso, { now, timeZone: "America/New_York" }), "Yesterday 19:30");
  assert.equal(formatLocalTime(iso, { now, timeZone: "UTC" }), "Yesterday 23:30");
});
