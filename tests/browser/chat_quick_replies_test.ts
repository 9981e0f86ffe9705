/** Answer buttons under a reply that waits for one (Yes / No, which task), in real Chromium. */
import assert from "node:assert/strict";
import { BROWSER_TEST_OPTIONS, browserAvailable } from "../helpers/browser.ts";
import { ask, replyTo, withSignedInPage } from "./ui_helpers.ts";

Deno.test({
  name: "[browser] chat quick replies: Yes / No and numbered choices answer the question, then go",
  ignore: !browserAvailable(),
  ...BROWSER_TEST_OPTIONS,
}, async () => {
  await withSignedInPage(async (page) => {
    const replies = page.getByRole("group", { name: "Quick replies" });
    const lastReply = page.locator(".message-assistant .message-text").last();
    const lastSaid = page.locator(".message-user .message-text").last();

    await ask(page, "add milk and eggs");
    assert.equal(await replies.count(), 0, "a reply that asks nothing offers no buttons");

    await ask(page, "delete everything");
    assert.match(await lastReply.innerText(), /Reply “yes” to confirm/);
    await replies.waitFor();
    await replyTo(page, () => replies.getByRole("button", { name: "No" }).click());
    assert.equal(await lastReply.innerText(), "Okay, I won't change anything.");
    assert.equal(await lastSaid.innerText(), "no");
    assert.equal(await replies.count(), 0, "answered: the buttons go");

    await ask(page, "bread");
    assert.match(await lastReply.innerText(), /Should I add “Bread” to your list\?/);
    await replyTo(page, () => replies.getByRole("button", { name: "Yes" }).click());
    assert.match(await lastReply.innerText(), /Added “Bread” as task 3/);
    assert.equal(await replies.count(), 0);

    // "Which one do you mean?" after a numbered list: each task is a button sending its number.
    await ask(page, "add call the vet and book the vet");
    await ask(page, "delete the vet one");
    assert.match(await lastReply.innerText(), /Which one do you mean\?/);
    assert.deepEqual(await replies.getByRole("button").allInnerTexts(), [
      "4. Call the vet",
      "5. Book the vet",
    ]);
    await replyTo(page, () => replies.getByRole("button", { name: "5. Book the vet" }).click());
    assert.equal(await lastSaid.innerText(), "5");
    assert.equal(await lastReply.innerText(), "Deleted “Book the vet”.");
  });
});
