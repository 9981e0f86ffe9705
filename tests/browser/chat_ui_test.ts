/**
 * The chat UI in real Chromium (Debian's /usr/bin/chromium via playwright-core),
 * used as a person would, against the whole app started as a process.
 * Skips with a reason when Chromium is missing, unless CI=true.
 */
import assert from "node:assert/strict";
import type { BrowserContext, Page } from "playwright-core";
import { startApp } from "../helpers/app_process.ts";
import { BROWSER_TEST_OPTIONS, browserAvailable, launchBrowser } from "../helpers/browser.ts";
import { ask, send, signUp, waitForStatus } from "./ui_helpers.ts";

const SHOTS = new URL("../../test-output/screenshots/", import.meta.url);
const TIMEOUT = 15_000;
const opts = { ignore: !browserAvailable(), ...BROWSER_TEST_OPTIONS };

async function shot(page: Page, name: string): Promise<void> {
  await Deno.mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname, fullPage: true });
}

/** Opens a page and counts the WebSockets it opens. */
async function openPage(context: BrowserContext): Promise<{ page: Page; sockets: string[] }> {
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const sockets: string[] = [];
  page.on("websocket", (ws) => sockets.push(ws.url()));
  return { page, sockets };
}

async function messageIds(page: Page): Promise<string[]> {
  return await page.locator("[data-message-id]").evaluateAll((nodes) =>
    nodes.map((node) => node.getAttribute("data-message-id") ?? "")
  );
}

Deno.test({
  name: "[browser] chat: send, live progress, other tab, one socket, phone, restart",
  ...opts,
}, async (t) => {
  const kvDir = await Deno.makeTempDir({ prefix: "chat-ui-" });
  const env = { KV_PATH: `${kvDir}/app.kv` };
  let app = await startApp({ env });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    const tab = await openPage(context);

    await t.step("sign up through the form lands on the chat, live", async () => {
      await signUp(tab.page, app.url);
      await tab.page.getByText("Offline demo model — set OPENAI_API_KEY for a real LLM").waitFor();
    });

    await t.step("a message shows progress rows, the ✓ and the answer", async () => {
      // A new user's empty chat invites a first message with clickable examples.
      const example = tab.page.getByRole("button", { name: "Add a task to buy milk", exact: true });
      await example.click();
      await tab.page.locator(".message-assistant:not(.streaming)").first().waitFor();
      assert.equal(await example.count(), 0, "the examples give way to the conversation");
      // A finished run collapses into a one-line summary; open it to see the steps.
      const summary = tab.page.locator(".progress-summary summary").last();
      assert.match(await summary.innerText(), /^\d+ steps? · [\d.]+ m?s$/);
      await summary.click();
      const row = tab.page.locator(".tool-done").first();
      await row.waitFor();
      assert.match(await row.innerText(), /✓/);
      assert.match(await row.innerText(), /milk/i);
      assert.ok(await row.locator('svg.tool-icon[data-icon="add_task"]').isVisible());
      // Times are machine-readable and, once hydrated, in the viewer's own words.
      const time = tab.page.locator("time.message-time").first();
      assert.ok(Date.parse(await time.getAttribute("datetime") ?? "") > 0);
      assert.match(await time.innerText(), /^(Yesterday )?\d\d:\d\d$/);
      assert.equal(await tab.page.getByTestId("announcer").innerText(), "Assistant finished.");
      const answer = tab.page.locator(".message-assistant").last();
      assert.match(await answer.innerText(), /milk/i);
      assert.equal(await tab.page.getByRole("button", { name: "Stop" }).count(), 0);
      await shot(tab.page, "chat-answer");
    });

    await t.step("a second tab's task list updates live", async () => {
      const other = await openPage(context);
      await other.page.goto(`${app.url}/tasks`);
      await other.page.getByText("buy milk").first().waitFor();
      await send(tab.page, "add a task to call mom");
      await other.page.getByText("call mom").first().waitFor();
      assert.equal(other.sockets.length, 1, "the task page holds one socket");
      await other.page.close();
    });

    await t.step("many messages, still exactly one socket in the tab", async () => {
      await tab.page.locator(".message-assistant", { hasText: /call mom/i }).waitFor();
      for (const text of ["what's left?", "add a task to water the plants", "list my tasks"]) {
        await ask(tab.page, text);
      }
      assert.equal(tab.sockets.length, 1, `sockets opened: ${tab.sockets.join(", ")}`);
      assert.match(tab.sockets[0], /^ws:\/\/127\.0\.0\.1:\d+\/ws\/[^/]+\/chat$/);
    });

    await t.step(
      "the newest reply is in view, above the composer; a reader scrolled up stays",
      async () => {
        const gap = () =>
          tab.page.evaluate(() => {
            const replies = document.querySelectorAll(".message-assistant");
            const last = replies[replies.length - 1].getBoundingClientRect();
            const composer = document.querySelector(".composer")!.getBoundingClientRect();
            return composer.top - last.bottom;
          });
        await tab.page.waitForFunction(() =>
          document.documentElement.scrollHeight > innerHeight + 200
        );
        assert.ok(await gap() >= 0, `the last reply ends ${-(await gap())}px behind the composer`);
        await tab.page.evaluate(() => scrollTo(0, 0));
        await tab.page.waitForTimeout(100); // the scroll event
        // A reply arriving meanwhile (from another tab's request) does not pull the reader down.
        const other = await openPage(context);
        await other.page.goto(tab.page.url());
        await waitForStatus(other.page, "live");
        const before = await tab.page.locator(".message-assistant:not(.streaming)").count();
        await ask(other.page, "what's left?");
        await tab.page.waitForFunction(
          (n) => document.querySelectorAll(".message-assistant:not(.streaming)").length > n,
          before,
        );
        assert.equal(
          await tab.page.evaluate(() => scrollY),
          0,
          "the reader is left where they were",
        );
        await other.page.close();
        // Sending follows again.
        await ask(tab.page, "thanks");
        assert.ok(await gap() >= 0, "after sending, the reply is in view");
      },
    );

    await t.step("phone width has no horizontal overflow", async () => {
      const phone = await openPage(context);
      await phone.page.setViewportSize({ width: 390, height: 844 });
      await phone.page.goto(tab.page.url());
      await waitForStatus(phone.page, "live");
      const overflow = await phone.page.evaluate(() =>
        document.documentElement.scrollWidth - document.documentElement.clientWidth
      );
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
      // Phones get a compact switcher instead of the conversation list.
      assert.ok(await phone.page.getByLabel("Conversation", { exact: true }).isVisible());
      assert.equal(await phone.page.locator(".conversation-list").isVisible(), false);
      await shot(phone.page, "chat-phone");
      await phone.page.close();
    });

    await t.step("the server restarts: reconnecting, then live, nothing twice", async () => {
      const before = await messageIds(tab.page);
      const port = app.port;
      await app.stop();
      await tab.page.locator('.connection[data-status="reconnecting"]').waitFor();
      assert.match(await tab.page.locator(".connection").innerText(), /Reconnecting/);
      await shot(tab.page, "chat-reconnecting");
      app = await startApp({ port, env });
      await waitForStatus(tab.page, "live");
      await ask(tab.page, "what's left?");
      const after = await messageIds(tab.page);
      assert.equal(new Set(after).size, after.length, "a message shows twice");
      assert.deepEqual(after.slice(0, before.length), before);
      assert.equal(after.length, before.length + 2);
      assert.equal(tab.sockets.length >= 2, true, "reconnected on a new socket");
    });
    await context.close();
  } finally {
    await browser.close();
    await app.stop();
    await Deno.remove(kvDir, { recursive: true }).catch(() => {});
  }
});

Deno.test(
  { name: "[browser] chat: an expired session says so and opens no more sockets", ...opts },
  async () => {
    const app = await startApp();
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext();
      const tab = await openPage(context);
      await signUp(tab.page, app.url);
      // Revoke the session from outside the page: the server closes the socket with 4401.
      const logout = await context.request.post(`${app.url}/api/auth/logout`, {
        headers: { origin: app.url },
      });
      assert.equal(logout.status(), 204);
      await waitForStatus(tab.page, "expired");
      await tab.page.getByText("Session expired", { exact: true }).waitFor();
      assert.equal(
        await tab.page.getByTestId("announcer-urgent").innerText(),
        "Session expired. Sign in again to continue.",
        "the loss is announced assertively",
      );
      assert.equal(
        await tab.page.getByRole("link", { name: "Sign in again" }).getAttribute("href"),
        "/login?next=/chat",
      );
      await shot(tab.page, "chat-expired");
      const opened = tab.sockets.length;
      await tab.page.waitForTimeout(3_000);
      assert.equal(tab.sockets.length, opened, "a socket was opened after the session expired");
      assert.ok(await tab.page.getByLabel("Message", { exact: true }).isDisabled());
      await context.close();
    } finally {
      await browser.close();
      await app.stop();
    }
  },
);

/**
 * A deliberately slow OpenAI-compatible endpoint (test double): streams a word
 * every 300 ms for up to a minute, and stops when the client goes away.
 */
function slowModel(): { url: string; requests: () => number; close: () => Promise<void> } {
  let requests = 0;
  const encoder = new TextEncoder();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    if (!new URL(req.url).pathname.endsWith("/chat/completions")) {
      return new Response("not found", { status: 404 });
    }
    requests++;
    let timer: ReturnType<typeof setInterval> | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        let n = 0;
        const chunk = (delta: Record<string, unknown>, finish: string | null) =>
          `data: ${
            JSON.stringify({
              id: "slow",
              object: "chat.completion.chunk",
              created: 0,
              model: "slow",
              choices: [{ index: 0, delta, finish_reason: finish }],
            })
          }\n\n`;
        controller.enqueue(encoder.encode(chunk({ role: "assistant", content: "" }, null)));
        timer = setInterval(() => {
          if (++n > 200) {
            clearInterval(timer);
            controller.enqueue(encoder.encode(chunk({}, "stop") + "data: [DONE]\n\n"));
            controller.close();
            return;
          }
          controller.enqueue(encoder.encode(chunk({ content: "working " }, null)));
        }, 300);
      },
      cancel() {
        clearInterval(timer);
      },
    });
    return new Response(body, { headers: { "content-type": "text/event-stream" } });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}/v1`,
    requests: () => requests,
    close: () => server.shutdown(),
  };
}

Deno.test({ name: "[browser] chat: Stop cancels a slow run", ...opts }, async () => {
  const model = slowModel();
  const app = await startApp({
    env: { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: model.url, AI_TIMEOUT_MS: "60000" },
  });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    const tab = await openPage(context);
    await signUp(tab.page, app.url);
    assert.equal(await tab.page.getByText("Offline demo model").count(), 0);
    await send(tab.page, "tell me about my tasks slowly");
    await tab.page.locator(".streaming", { hasText: "working" }).waitFor();
    const caret = await tab.page.locator(".streaming .message-text").evaluate((el) =>
      getComputedStyle(el, "::after").content
    );
    assert.equal(caret, '"▍"', "the streaming reply shows a caret");
    const stop = tab.page.getByRole("button", { name: "Stop" });
    await stop.waitFor();
    // A page loaded mid-run (here a second tab) shows the run in flight and can stop it.
    await tab.page.waitForURL(/\/chat\/[0-9A-Z]{26}$/);
    const later = await openPage(context);
    await later.page.goto(tab.page.url());
    const laterStop = later.page.getByRole("button", { name: "Stop" });
    assert.ok(await later.page.locator(".run .progress").first().isVisible(), "the run shows");
    await laterStop.click();
    await tab.page.getByText("Stopped.", { exact: true }).waitFor();
    await later.page.getByText("Stopped.", { exact: true }).waitFor();
    await later.page.close();
    // What had streamed before Stop stays on the page, marked as partial.
    assert.match(await tab.page.locator(".message-partial").first().innerText(), /working/);
    assert.equal(await stop.count(), 0, "Stop disappears once the run ended");
    assert.equal(await tab.page.getByTestId("announcer").innerText(), "Assistant stopped.");
    // Keyboard only: Escape in the message box stops the run as well.
    await send(tab.page, "and once more, slowly");
    await tab.page.locator(".streaming", { hasText: "working" }).waitFor();
    await tab.page.getByLabel("Message", { exact: true }).press("Escape");
    await tab.page.waitForFunction(() =>
      document.querySelectorAll(".run-note").length === 2 && !document.querySelector(".streaming")
    );
    assert.ok(model.requests() >= 1);
    await shot(tab.page, "chat-stopped");
    await context.close();
  } finally {
    await browser.close();
    await app.stop();
    await model.close();
  }
});
