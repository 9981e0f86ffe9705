import assert from "node:assert/strict";
import { EventClock, formatEventId, parseEventId } from "./event_ids.ts";

Deno.test("[realtime] event ids increase within one millisecond and across clock steps back", () => {
  let now = 1_700_000_000_000;
  const clock = new EventClock({ instanceId: "aaaaaaaa", now: () => now });
  const first = clock.next();
  const second = clock.next();
  now -= 5_000; // the wall clock jumps back
  const third = clock.next();
  assert.ok(first < second && second < third, `${first} ${second} ${third}`);
  assert.deepEqual(parseEventId(second), {
    ms: 1_700_000_000_000,
    counter: 1,
    instance: "aaaaaaaa",
  });
});

Deno.test("[realtime] a clock that observes another instance's id issues greater ones", () => {
  const slow = new EventClock({ instanceId: "bbbbbbbb", now: () => 1_000 });
  const foreign = formatEventId({ ms: 9_000, counter: 7, instance: "cccccccc" });
  slow.observe(foreign);
  const next = slow.next();
  assert.ok(next > foreign, next);
  assert.ok(slow.current() >= next);
});

Deno.test("[realtime] parseEventId rejects garbage", () => {
  for (const id of ["unknown-0", "", "1-2-3", "000000000000001-000001-ABCDEFGH"]) {
    assert.equal(parseEventId(id), null, id);
  }
  assert.throws(() => new EventClock({ instanceId: "bad" }), TypeError);
});
