import assert from "node:assert/strict";
import { z } from "zod";
import { charLength, limitChars } from "./text.ts";

Deno.test("[text] charLength counts code points, not UTF-16 units", () => {
  assert.equal(charLength(""), 0);
  assert.equal(charLength("abc"), 3);
  assert.equal(charLength("👍"), 1);
  assert.equal(charLength("a👍b👍"), 4);
  assert.equal(charLength("👨‍👩‍👧"), 5, "a family emoji is five code points, as the contract counts");
  assert.equal(charLength("\ud800x"), 2, "a lone high surrogate counts once");
  assert.equal(charLength("x\udc00"), 2, "a lone low surrogate counts once");
  assert.equal(charLength("\ud800"), 1);
  const long = "😀".repeat(10_000) + "é";
  assert.equal(charLength(long), [...long].length);
});

Deno.test("[text] limitChars bounds characters and keeps JSON-schema hints", () => {
  const Name = limitChars(z.string().trim(), { min: 2, max: 3, tooLong: "name is too long" })
    .describe("A short name");
  assert.equal(Name.safeParse("👍👍👍").success, true, "three emoji are three characters");
  assert.equal(Name.safeParse(" ab ").data, "ab", "counted after trimming");
  const long = Name.safeParse("👍👍👍👍");
  assert.equal(long.success, false);
  assert.equal(long.error?.issues[0].message, "name is too long");
  const short = Name.safeParse("👍");
  assert.equal(short.error?.issues[0].message, "must be at least 2 characters");
  assert.deepEqual(z.toJSONSchema(z.object({ name: Name })).properties, {
    name: { type: "string", minLength: 2, maxLength: 3, description: "A short name" },
  });
});
