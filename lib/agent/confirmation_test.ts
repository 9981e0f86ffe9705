import assert from "node:assert/strict";
import {
  asksToDeleteEverything,
  confirmsDeleteAll,
  isAffirmative,
  messageText,
} from "./confirmation.ts";

Deno.test("[confirmation] a yes is a whole reply that says yes", () => {
  for (
    const yes of [
      "yes",
      "Yes!",
      "  yep. ",
      "Sure",
      "OK",
      "do it",
      "Yes, delete them all!",
      "yes i’m sure",
    ]
  ) {
    assert.ok(isAffirmative(yes), yes);
  }
  for (
    const other of [
      "no",
      "yes but only the done ones",
      "delete everything",
      "maybe",
      "",
      "yesterday",
    ]
  ) {
    assert.ok(!isAffirmative(other), other);
  }
});

Deno.test("[confirmation] a question about deleting every task, in a model's words or ours", () => {
  for (
    const question of [
      "Are you sure you want to delete all 5 tasks?",
      "Should I remove every task on your list?",
      "Do you want me to clear your whole list? This cannot be undone.",
      "This will delete all 3 tasks on your list and cannot be undone. Reply “yes” to confirm, or “no” to keep them.",
    ]
  ) {
    assert.ok(asksToDeleteEverything(question), question);
  }
  for (
    const other of [
      "I deleted all 3 completed tasks.",
      "Which task should I delete?",
      "Here are all your tasks:\n1. Milk",
      "Would you like to see your list?",
    ]
  ) {
    assert.ok(!asksToDeleteEverything(other), other);
  }
});

Deno.test("[confirmation] only the newest user message, answering the assistant's last words, confirms", () => {
  const asked = {
    role: "assistant" as const,
    content: "Delete all 2 tasks? This cannot be undone.",
  };
  assert.ok(
    confirmsDeleteAll([{ role: "user", content: "clear my list" }, asked, {
      role: "user",
      content: "yes",
    }]),
  );
  // Parts, as some clients send them.
  assert.ok(
    confirmsDeleteAll([asked, { role: "user", content: [{ type: "text", text: "Yes please" }] }]),
  );
  assert.ok(!confirmsDeleteAll([{ role: "user", content: "yes" }]), "nothing was asked");
  assert.ok(!confirmsDeleteAll([asked, { role: "user", content: "no" }]));
  assert.ok(
    !confirmsDeleteAll([asked, { role: "user", content: "yes" }, {
      role: "assistant",
      content: "Done.",
    }]),
  );
  assert.ok(
    !confirmsDeleteAll([
      asked,
      { role: "user", content: "wait" },
      { role: "assistant", content: "Okay, I kept them. Anything else?" },
      { role: "user", content: "yes" },
    ]),
    "a later question replaced it",
  );
  // An assistant turn with only tool calls is skipped: the question is the last words said.
  assert.ok(
    confirmsDeleteAll([
      asked,
      { role: "assistant", content: null, tool_calls: [] },
      { role: "user", content: "yes" },
    ]),
  );
  assert.equal(
    messageText([{ type: "text", text: "a" }, { type: "image_url" }, { type: "text", text: "b" }]),
    "ab",
  );
  assert.equal(messageText(null), "");
});
