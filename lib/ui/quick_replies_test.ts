import assert from "node:assert/strict";
import { asksYesOrNo, quickReplies } from "./quick_replies.ts";
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

Deno.test("[quick replies] a list that asks which offers its numbers; other lists do not", () => {
  const several = "Several tasks match “milk”:\n2. Buy milk\n3. Buy oat milk (done)\n" +
    QUESTIONS.which;
  assert.deepEqual(quickReplies(several), [
    { label: "2. Buy milk", text: "2" },
    { label: "3. Buy oat milk (done)", text: "3" },
  ]);
  assert.deepEqual(quickReplies("Here are your 2 tasks:\n1. Milk\n2. Eggs"), []);
  assert.deepEqual(
    quickReplies(`Several match:\n1. A\n${QUESTIONS.which}`),
    [],
    "one is no choice",
  );
  const many = Array.from({ length: 8 }, (_, i) => `${i + 1}. Task ${i + 1}`).join("\n");
  assert.deepEqual(quickReplies(`${many}\nWhich one?`), [], "a long list is answered by typing");
  assert.deepEqual(quickReplies(offerQuestion("Milk")), [
    { label: "Yes", text: "yes" },
    { label: "No", text: "no" },
  ]);
});

Deno.test("[quick replies] a long title is cut on its button; the button still sends the number", () => {
  const long = "Call the vet about the cat's vaccination and the dog's check-up next week";
  const [first] = quickReplies(`Several match:\n7. ${long}\n8. Pay the vet\nWhich one?`);
  assert.equal(first.text, "7");
  assert.ok(first.label.startsWith("7. Call the vet"));
  assert.ok(first.label.endsWith("…"));
  assert.ok([...first.label].length <= 52);
});
