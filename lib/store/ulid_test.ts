import assert from "node:assert/strict";
import { isUlid, ulid, ulidTime } from "./ulid.ts";

Deno.test("[store] ulid ids sort in creation order within one millisecond", () => {
  const ids = Array.from({ length: 1000 }, () => ulid(1_700_000_000_000));
  assert.deepEqual([...ids].sort(), ids);
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(ids.every(isUlid));
});

Deno.test("[store] ulidTime reads back the time", () => {
  const at = Date.now() + 10_000;
  assert.equal(ulidTime(ulid(at)), at);
  const first = ulid(at);
  assert.ok(ulid(at - 5) > first, "a clock step back never breaks the order");
});
