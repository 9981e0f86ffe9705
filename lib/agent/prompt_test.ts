import assert from "node:assert/strict";
import { SYSTEM_PROMPT } from "./prompt.ts";
import { asksToDeleteEverything } from "./confirmation.ts";
import { CONFIRM_DELETE_ALL, WHICH_ONE } from "./wording.ts";
import { quickReplies } from "../ui/quick_replies.ts";

// The chat offers answer buttons for the questions the prompt asks models to word this way.
Deno.test("[prompt] the wording it asks for gets the chat's answer buttons", () => {
  assert.ok(SYSTEM_PROMPT.includes(CONFIRM_DELETE_ALL));
  const question = `This will delete all 4 tasks on your list. ${CONFIRM_DELETE_ALL}`;
  assert.ok(asksToDeleteEverything(question), "the server counts it as asking");
  assert.deepEqual(quickReplies(question).map((reply) => reply.text), ["yes", "no"]);

  assert.ok(SYSTEM_PROMPT.includes(WHICH_ONE));
  const several = `Two tasks match “vet”:\n4. Call the vet\n5. Book the vet\n${WHICH_ONE}`;
  assert.deepEqual(quickReplies(several).map((reply) => reply.text), ["4", "5"]);
});
