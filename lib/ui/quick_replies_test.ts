import assert from "node:assert/strict";
import { asksYesOrNo } from "./quick_replies.ts";
import { offerQuestion, QUESTIONS } from "../agent/offline/replies.ts";

Deno.test("[quick replies] a reply that waits for yes or no offers both", () => {
  assert.ok(asksYesOrNo(`This will delete all 3 tasks on your list. ${QUESTIONS.deleteAll}`));
  assert.ok(asksYesOrNo(offerQuestion("Milk")));
  // Other models word it their own way.
  assert.ok(asksYesOrNo("That deletes 12 tasks. Reply yes to go ahead."));
  assert.ok(asksYesOrNo("Are you sure? Say 'yes' and I'll clear the list."));
});

Deno.test("[quick replies] questions that want words, and a yes in an earlier paragraph, do not", () => {
  assert.ok(!asksYesOrNo(QUESTIONS.which));
  assert.ok(!asksYesOrNo(QUESTIONS.title));
  assert.ok(!asksYesOrNo("Added “Reply yes to Sam” as task 4."));
  assert.ok(!asksYesOrNo("Reply “yes” to confirm.\n\nDeleted 3 tasks."));
  assert.ok(!asksYesOrNo(""));
});
