import assert from "node:assert/strict";
import { AppError } from "../errors.ts";
import { checkMessage, MESSAGE_MAX_CHARS } from "./limits.ts";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    assert.ok(error instanceof AppError);
    return error.code;
  }
}

Deno.test("[chat limits] 10,000 characters pass and 10,001 do not, emoji counting one each", () => {
  const emoji = "😀".repeat(MESSAGE_MAX_CHARS);
  assert.equal(emoji.length, 2 * MESSAGE_MAX_CHARS, "twice as many UTF-16 units");
  assert.equal(checkMessage(emoji), emoji);
  assert.equal(codeOf(() => checkMessage(emoji + "😀")), "message_too_long");
  assert.equal(codeOf(() => checkMessage("x".repeat(MESSAGE_MAX_CHARS))), undefined);
  assert.equal(codeOf(() => checkMessage("x".repeat(MESSAGE_MAX_CHARS + 1))), "message_too_long");
});

Deno.test("[chat limits] the too-long message says how many characters it has", () => {
  try {
    checkMessage("é😀".repeat(5_001));
    assert.fail("expected message_too_long");
  } catch (error) {
    assert.ok(error instanceof AppError);
    assert.match(error.message, /at most 10,000 characters \(this one has 10,002\)/);
  }
});

Deno.test("[chat limits] blank messages are message_empty", () => {
  for (const blank of ["", "   ", "\n\t "]) {
    assert.equal(codeOf(() => checkMessage(blank)), "message_empty", JSON.stringify(blank));
  }
});
