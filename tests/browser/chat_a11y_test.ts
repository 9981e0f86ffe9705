/**
 * The chat page for people on a keyboard and a screen reader, in real
 * Chromium: Tab reaches the message box with a visible focus ring on the
 * way, Shift+Enter adds a line and Enter sends, the live regions say what
 * happens (politely for progress, assertively for errors and a lost
 * connection), every control has an accessible name (from Chromium's own
 * accessibility tree), a message written offline is sent once when back
 * online, and a phone-width screen does not scroll sideways.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { startApp } from "../helpers/app_process.ts";
import { BROWSER_TEST_OPTIONS, browserAvailable, withBrowser } from "../helpers/browser.ts";
import { signUp, waitForLive, waitForStatus } from "./ui_helpers.ts";

const TIMEOUT = 15_000;
const DAILY_LIMIT = 2;

/** Records every text the live regions show, in order, from now on. */
async function recordAnnouncements(page: Page): Promise<() => Promise<Record<string, string[]>>> {
  await page.evaluate(() => {
    const said: Record<string, string[]> = { polite: [], assertive: [] };
    (globalThis as unknown as { said: typeof said }).said = said;
    for (const region of document.querySelectorAll<HTMLElement>("[aria-live]")) {
      const kind = region.getAttribute("aria-live")!;
      new MutationObserver(() => {
        const text = region.textContent?.trim();
        if (text && said[kind]) said[kind].push(text);
      }).observe(region, { childList: true, subtree: true, characterData: true });
    }
  });
  return () =>
    page.evaluate(() => (globalThis as unknown as { said: Record<string, string[]> }).said);
}

/** Interactive nodes in Chromium's accessibility tree that have no name. */
async function namelessControls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send("Accessibility.getFullAXTree") as {
    nodes: { ignored: boolean; role?: { value: string }; name?: { value: string } }[];
  };
  await cdp.detach();
  const controls = ["button", "textbox", "combobox", "link", "checkbox", "searchbox", "listbox"];
  const found = nodes.filter((n) => !n.ignored && controls.includes(n.role?.value ?? ""));
  assert.ok(found.length >= 5, `only ${found.length} controls in the tree`);
  return found.filter((n) => !n.name?.value.trim()).map((n) => n.role!.value);
}

/** Tabs from the top of the page to the message box; returns each stop's focus style. */
async function tabToMessageBox(page: Page): Promise<{ stop: string; ring: boolean }[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const stops: { stop: string; ring: boolean }[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      const ring = el.matches(":focus-visible") && (
        (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) ||
        style.boxShadow !== "none"
      );
      return { stop: el.id || el.getAttribute("aria-label") || el.textContent!.trim(), ring };
    });
    stops.push(stop);
    if (stop.stop === "chat-message") return stops;
  }
  throw new Error(`Tab never reached the message box: ${stops.map((s) => s.stop).join(" → ")}`);
}

Deno.test({
  name: "[browser] chat a11y: keyboard flow, live announcements, names, focus ring, offline send",
  ignore: !browserAvailable(),
  ...BROWSER_TEST_OPTIONS,
}, async () => {
  const app = await startApp({ env: { DAILY_MESSAGE_LIMIT: String(DAILY_LIMIT) } });
  try {
    await withBrowser(async (browser) => {
      const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
      const page = await context.newPage();
      page.setDefaultTimeout(TIMEOUT);
      await signUp(page, app.url);

      // Keyboard only: Tab reaches the box, each stop shows a focus ring.
      const stops = await tabToMessageBox(page);
      const ringless = stops.filter((s) => !s.ring).map((s) => s.stop);
      assert.deepEqual(ringless, [], "stops without a visible focus ring");
      assert.equal(await page.evaluate(() => document.activeElement?.id), "chat-message");

      // Shift+Enter is a new line, Enter sends.
      const said = await recordAnnouncements(page);
      await page.keyboard.type("add a task to buy milk");
      await page.keyboard.press("Shift+Enter");
      const box = page.getByLabel("Message", { exact: true });
      assert.equal(await box.inputValue(), "add a task to buy milk\n");
      await page.keyboard.press("Backspace");
      await page.keyboard.press("Enter");
      await page.locator(".message-assistant:not(.streaming)").first().waitFor();
      assert.equal(await box.inputValue(), "", "sent and cleared");
      await page.waitForFunction(() =>
        document.querySelector('[data-testid="announcer"]')?.textContent === "Assistant finished."
      );
      const polite = (await said()).polite;
      assert.equal(polite[0], "Assistant started working.", polite.join(" | "));
      assert.ok(
        polite.some((text) => /milk/i.test(text)),
        `a tool sentence: ${polite.join(" | ")}`,
      );
      assert.equal(polite.at(-1), "Assistant finished.");
      assert.deepEqual((await said()).assertive, [], "nothing urgent so far");

      assert.deepEqual(await namelessControls(page), [], "controls without an accessible name");

      // Offline: announced assertively; a message written meanwhile goes once when back.
      await context.setOffline(true);
      await waitForStatus(page, "offline");
      assert.match((await said()).assertive.at(-1) ?? "", /offline/i);
      await box.fill("add a task to call mom");
      await box.press("Enter");
      await page.locator(".message-pending", { hasText: "call mom" }).waitFor();
      await context.setOffline(false);
      await waitForLive(page);
      await page.locator(".message-assistant", { hasText: /call mom/i }).waitFor();
      assert.equal(await page.locator(".message-user", { hasText: "call mom" }).count(), 1);
      assert.ok((await said()).polite.includes("Connection restored."));

      // Over the daily limit: the server's error is said assertively and the text comes back.
      await box.fill("add a task to water the plants");
      await box.press("Enter");
      await page.waitForFunction(() =>
        /limit/i.test(
          document.querySelector('[data-testid="announcer-urgent"]')?.textContent ?? "",
        )
      );
      assert.equal(await box.inputValue(), "add a task to water the plants");
      assert.match(await page.locator("#chat-message-problem").innerText(), /limit/i);

      // Phone width: nothing scrolls sideways, on the chat and the task list.
      await page.setViewportSize({ width: 390, height: 844 });
      for (const path of [new URL(page.url()).pathname, "/tasks"]) {
        await page.goto(`${app.url}${path}`);
        await page.locator("main h1, h1").first().waitFor();
        const overflow = await page.evaluate(() =>
          document.documentElement.scrollWidth - document.documentElement.clientWidth
        );
        assert.ok(overflow <= 0, `${path} is ${overflow}px wider than a 390 px screen`);
      }
      await context.close();
    });
  } finally {
    await app.stop();
  }
});
