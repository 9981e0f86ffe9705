/** The task page in real Chromium: add, complete, filter counts, inline edit, delete with confirm. */
import assert from "node:assert/strict";
import { startApp } from "../helpers/app_process.ts";
import { BROWSER_TEST_OPTIONS, browserAvailable, withBrowser } from "../helpers/browser.ts";
import { signUp } from "./ui_helpers.ts";

Deno.test({
  name: "[browser] tasks: add, complete, filter counts, inline edit, delete after confirming",
  ignore: !browserAvailable(),
  ...BROWSER_TEST_OPTIONS,
}, async () => {
  const app = await startApp();
  try {
    await withBrowser(async (browser) => {
      const page = await browser.newPage();
      page.setDefaultTimeout(15_000);
      await signUp(page, app.url);
      await page.goto(`${app.url}/tasks`);
      await page.getByText("No tasks yet").waitFor();

      const title = page.getByLabel("New task");
      for (const name of ["Buy milk", "Call mom"]) {
        await title.fill(name);
        await title.press("Enter");
        await page.locator(".task-item:not([aria-busy])", { hasText: name }).waitFor();
      }
      const filter = (name: string) => page.getByRole("button", { name: new RegExp(`^${name}`) });
      const words = async (name: string) =>
        (await filter(name).textContent())?.replace(/\s+/g, " ").trim();
      assert.equal(await words("All"), "All 2");

      await page.getByLabel("#1 Buy milk").check();
      await page.locator(".task-item.completed", { hasText: "Buy milk" }).waitFor();
      await page.waitForFunction(() =>
        document.querySelector(".task-filters")?.textContent?.replace(/\s+/g, "")
          .includes("Completed1")
      );
      assert.equal(await words("Pending"), "Pending 1");
      await filter("Pending").click();
      assert.equal(await filter("Pending").getAttribute("aria-pressed"), "true");
      assert.deepEqual(await page.locator(".task-title-text").allInnerTexts(), ["Call mom"]);
      await filter("All").click();

      await page.getByRole("button", { name: "Edit “Call mom”" }).click();
      const edit = page.getByLabel("Title", { exact: true });
      assert.ok(await edit.evaluate((el) => el === document.activeElement), "edit box has focus");
      await edit.fill("Call mom back");
      await edit.press("Enter");
      await page.locator(".task-title-text", { hasText: "Call mom back" }).waitFor();

      // Deleting asks first; "Keep" leaves the task alone.
      await page.getByRole("button", { name: "Delete “Call mom back”" }).click();
      await page.getByRole("button", { name: "Keep" }).click();
      assert.equal(await page.locator(".task-item").count(), 2);
      await page.getByRole("button", { name: "Delete “Call mom back”" }).click();
      await page.getByRole("button", { name: "Yes, delete “Call mom back”" }).click();
      await page.locator(".task-item", { hasText: "Call mom back" }).waitFor({ state: "detached" });

      // The server agrees: a reload shows the same list.
      await page.reload();
      assert.deepEqual(await page.locator(".task-title-text").allInnerTexts(), ["Buy milk"]);
      assert.ok(await page.getByLabel("#1 Buy milk").isChecked());
    });
  } finally {
    await app.stop();
  }
});
