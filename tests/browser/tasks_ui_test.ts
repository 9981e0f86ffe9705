/**
 * The task page in real Chromium: add, complete, filter counts, inline edit,
 * delete with confirm, and the actions on the whole list.
 */
import assert from "node:assert/strict";
import { startApp } from "../helpers/app_process.ts";
import { BROWSER_TEST_OPTIONS, browserAvailable, withBrowser } from "../helpers/browser.ts";
import type { Page } from "playwright-core";
import { hasFocus, signUp, waitForLive } from "./ui_helpers.ts";

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
      assert.ok(await hasFocus(edit), "edit box has focus");
      await edit.fill("Call mom back");
      await edit.press("Enter");
      await page.locator(".task-title-text", { hasText: "Call mom back" }).waitFor();

      // Deleting asks first; Escape (like "Keep") leaves the task alone and focus where it was.
      await page.getByRole("button", { name: "Delete “Call mom back”" }).click();
      await page.getByRole("button", { name: "Keep" }).press("Escape");
      assert.equal(await page.locator(".task-item").count(), 2);
      assert.ok(
        await hasFocus(page.getByRole("button", { name: "Delete “Call mom back”" })),
        "focus returns to the button that asked",
      );
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

Deno.test({
  name:
    "[browser] tasks: search, mark all done, clear completed, delete all after confirming, live in a second tab",
  ignore: !browserAvailable(),
  ...BROWSER_TEST_OPTIONS,
}, async () => {
  const app = await startApp();
  try {
    await withBrowser(async (browser) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await signUp(page, app.url);
      await page.goto(`${app.url}/tasks`);
      await page.getByText("No tasks yet").waitFor();
      assert.equal(await page.getByRole("button", { name: "Delete all…" }).count(), 0);
      const title = page.getByLabel("New task");
      for (const name of ["Buy milk", "Call mom", "Water plants"]) {
        await title.fill(name);
        await title.press("Enter");
        await page.locator(".task-item:not([aria-busy])", { hasText: name }).waitFor();
      }
      // Search narrows the list (title or note, any case); the whole-list actions step aside meanwhile.
      const search = page.getByLabel("Search");
      await search.fill("MOM");
      await page.waitForFunction(() => document.querySelectorAll(".task-item").length === 1);
      assert.deepEqual(await page.locator(".task-title-text").allInnerTexts(), ["Call mom"]);
      assert.equal(await page.getByRole("button", { name: "Delete all…" }).count(), 0);
      await search.fill("zzz");
      await page.getByText("No tasks match “zzz”").waitFor();
      await search.press("Escape");
      await page.waitForFunction(() => document.querySelectorAll(".task-item").length === 3);
      await page.getByRole("button", { name: "Delete all…" }).waitFor();

      // A second tab of the same session follows every change live.
      const other = await context.newPage();
      other.setDefaultTimeout(15_000);
      await other.goto(`${app.url}/tasks`);
      await waitForLive(other);
      await page.bringToFront(); // a background tab's animation frames are throttled
      const checked = (tab: Page) =>
        tab.locator(".task-item input[type=checkbox]").evaluateAll((boxes) =>
          boxes.map((box) => (box as HTMLInputElement).checked)
        );
      const titles = (tab: Page) => tab.locator(".task-title-text").allInnerTexts();

      await page.getByLabel("#2 Call mom").check();
      await page.locator(".task-item.completed", { hasText: "Call mom" }).waitFor();
      // Refused: the error says so and the list shows what the server holds again.
      const bulkPath = new RegExp(`/api/[^/]+/tasks$`);
      await page.route(bulkPath, (route) =>
        route.fulfill({
          status: 503,
          contentType: "application/json",
          body: JSON.stringify({ error: { code: "unavailable", message: "Try again soon" } }),
        }));
      await page.getByRole("button", { name: "Mark all done" }).click();
      await page.getByRole("alert").filter({
        hasText: "Could not mark every task as done: Try again soon",
      })
        .waitFor();
      await page.waitForFunction(() =>
        document.querySelectorAll(".task-item.completed").length === 1
      );
      assert.deepEqual(await checked(page), [false, true, false]);
      await page.unroute(bulkPath);
      await page.getByRole("button", { name: "Dismiss" }).click();
      await page.getByRole("button", { name: "Mark all done" }).click();
      await page.getByRole("status").filter({ hasText: "Marked 2 tasks as done" }).waitFor();
      assert.deepEqual(await checked(page), [true, true, true]);
      await other.waitForFunction(() =>
        document.querySelectorAll(".task-item.completed").length === 3
      );
      // Rows changed elsewhere flash in the other tab; this tab's own changes do not.
      const flashing = (tab: Page) =>
        tab.evaluate(() =>
          [...document.querySelectorAll(".task-item")].filter((row) =>
            row.getAnimations().some((animation) => !(animation instanceof CSSAnimation))
          ).map((row) => row.querySelector(".task-title-text")?.textContent)
        );
      const flashed = await flashing(other);
      assert.ok(flashed.includes("Buy milk") && flashed.includes("Water plants"), `${flashed}`);
      assert.deepEqual(await flashing(page), []);
      assert.equal(await page.getByRole("button", { name: "Mark all done" }).count(), 0);

      await page.getByLabel("#1 Buy milk").uncheck();
      await page.locator(".task-item:not(.completed)", { hasText: "Buy milk" }).waitFor();
      await page.getByRole("button", { name: "Clear completed" }).click();
      await page.getByRole("status").filter({ hasText: "Deleted 2 completed tasks" }).waitFor();
      assert.deepEqual(await titles(page), ["Buy milk"]);
      await other.waitForFunction(() => document.querySelectorAll(".task-item").length === 1);
      assert.deepEqual(await titles(other), ["Buy milk"]);

      // Deleting everything asks first, with the safe answer focused; Escape keeps the list.
      await page.getByRole("button", { name: "Delete all…" }).click();
      await page.getByText("Delete your only task? This cannot be undone.").waitFor();
      const keep = page.getByRole("button", { name: "Keep it" });
      assert.ok(await hasFocus(keep), "Keep has focus");
      await keep.press("Escape");
      assert.deepEqual(await titles(page), ["Buy milk"]);
      assert.ok(
        await hasFocus(page.getByRole("button", { name: "Delete all…" })),
        "focus returns to the button that asked",
      );
      await page.getByRole("button", { name: "Delete all…" }).click();
      await page.getByRole("button", { name: "Delete it" }).click();
      await page.getByText("No tasks yet").waitFor();
      await other.getByText("No tasks yet").waitFor();
      assert.ok(
        await hasFocus(page.getByLabel("New task")),
        "focus moves on to adding a task",
      );
      await page.reload();
      await page.getByText("No tasks yet").waitFor();
    });
  } finally {
    await app.stop();
  }
});

Deno.test({
  name: "[browser] without JavaScript: sign-up works, chat and tasks say they need scripts",
  ignore: !browserAvailable(),
  ...BROWSER_TEST_OPTIONS,
}, async () => {
  const app = await startApp();
  try {
    await withBrowser(async (browser) => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(`${app.url}/register`);
      await page.getByLabel("Email").fill(`noscript-${Date.now()}@example.test`);
      await page.getByLabel("Password").fill("correct horse battery");
      await page.getByRole("button", { name: "Create account" }).click();
      await page.waitForURL(/\/chat/);
      // Chromium parses <noscript> as text when scripts are off through the DevTools protocol, so
      // the notice is checked in the page's markup rather than by its visibility.
      const notice = (text: string) =>
        new RegExp(`<noscript><p class="notice">${text} needs JavaScript[^<]*</p></noscript>`);
      assert.match(await page.content(), notice("The chat"));
      await page.goto(`${app.url}/tasks`);
      assert.match(await page.content(), notice("The task list"));
      await page.getByText("No tasks yet").waitFor();
      await context.close();
    });
  } finally {
    await app.stop();
  }
});
