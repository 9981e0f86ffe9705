/** Unsent text in the message box survives a reload and follows its conversation, in real Chromium. */
import assert from "node:assert/strict";
import { BROWSER_TEST_OPTIONS, browserAvailable } from "../helpers/browser.ts";
import { ask, waitForLive, withSignedInPage } from "./ui_helpers.ts";

Deno.test({
  name: "[browser] chat drafts: kept over a reload, per conversation, gone once sent",
  ignore: !browserAvailable(),
  ...BROWSER_TEST_OPTIONS,
}, async () => {
  await withSignedInPage(async (page) => {
    const box = page.getByLabel("Message", { exact: true });
    await box.fill("half a thought");
    await page.reload();
    await waitForLive(page);
    assert.equal(await box.inputValue(), "half a thought", "a reload keeps the draft");

    await ask(page, "add milk");
    assert.equal(await box.inputValue(), "", "sent: the box is empty");
    await box.fill("next: eggs");
    await page.getByRole("link", { name: "New conversation" }).click();
    await page.waitForURL(/\/chat$/);
    // The URL changes before the page re-renders with the new conversation's (empty) draft.
    await page.waitForFunction(() =>
      (document.querySelector("textarea") as HTMLTextAreaElement | null)?.value === ""
    );
    assert.equal(await box.inputValue(), "", "a new conversation starts empty");
    await page.locator(".conversation-list a", { hasText: "add milk" }).click();
    await page.waitForFunction(() =>
      (document.querySelector("textarea") as HTMLTextAreaElement | null)?.value === "next: eggs"
    );
    await page.reload();
    await waitForLive(page);
    assert.equal(await box.inputValue(), "next: eggs");
    await ask(page, "next: eggs");
    await page.reload();
    await waitForLive(page);
    assert.equal(await box.inputValue(), "", "nothing comes back once sent");
  });
});
