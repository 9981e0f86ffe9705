import assert from "node:assert/strict";
import { EventClock } from "./event_ids.ts";
import type { ServerEvent } from "./events.ts";
import { SENT_LEDGER_LIMIT, SENT_LEDGER_MAX_BYTES, SentLedger } from "./sent_ledger.ts";
import { eventsOf, packFrames, toFrame } from "./stamped_frame.ts";

const clock = new EventClock({ instanceId: "ledgerts" });
const event = (text: string): ServerEvent => ({
  event_type: "message_delta",
  run_id: "r1",
  delta: text,
  id: clock.next(),
  ts: "2026-11-26T12:00:00.000Z",
});
const texts = (frame: ReturnType<typeof toFrame> | undefined) =>
  frame ? eventsOf(frame).map((e) => (e as { delta: string }).delta) : [];

Deno.test("[realtime] the sent ledger skips exactly the events a socket was given", () => {
  const ledger = new SentLedger();
  const given = toFrame([event("a")]);
  const other = toFrame([event("b")]);
  ledger.note(given);
  assert.equal(ledger.unseen(given), undefined, "the same frame: all of it was given");
  assert.equal(ledger.unseen(other), other, "no overlap: all of it is new");
  // Sent one by one, kept joined: only the events not sent yet come back.
  const c = toFrame([event("c")]);
  const d = toFrame([event("d")]);
  ledger.note(c);
  const joined = packFrames([c, d], 0, 2);
  assert.deepEqual(texts(ledger.unseen(joined)), ["d"]);
  ledger.note(d);
  assert.equal(ledger.unseen(joined), undefined);
});

Deno.test("[realtime] past its limit the sent ledger cuts off at the first event given", () => {
  const ledger = new SentLedger();
  const before = toFrame([event("before")]);
  const frames = Array.from({ length: SENT_LEDGER_LIMIT + 1 }, (_, i) => toFrame([event(`${i}`)]));
  for (const frame of frames) ledger.note(frame);
  assert.equal(ledger.unseen(before), before, "older than anything given: sent");
  assert.equal(ledger.unseen(frames[0]), undefined);
  assert.equal(ledger.unseen(frames.at(-1)!), undefined);
  const later = toFrame([event("x"), event("y")]);
  assert.equal(ledger.unseen(later), undefined, "newer than the first given: skipped");
});

Deno.test("[realtime] the sent ledger holds at most its byte limit of text, then cuts off", () => {
  const ledger = new SentLedger();
  const small = toFrame([event("small")]);
  ledger.note(small);
  const other = toFrame([event("other")]);
  assert.equal(ledger.unseen(other), other, "within the limit: exact");
  const large = toFrame([event("x".repeat(SENT_LEDGER_MAX_BYTES))]);
  ledger.note(large);
  // Over the limit it lets go of the frames and answers by the first id given.
  assert.equal(ledger.unseen(small), undefined);
  assert.equal(ledger.unseen(other), undefined, "after the first given: skipped");
  const before = toFrame([{ ...event("before"), id: "000000000000000-000000-aaaaaaaa" }]);
  assert.equal(ledger.unseen(before), before);
});
