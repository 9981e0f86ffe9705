/** Islands in real Chromium against the core's fixture app. */
import assert from "node:assert/strict";
import { createHandler } from "$fresh/server.ts";
import manifest from "../fresh/fixture/fresh.gen.ts";
import { BROWSER_TEST_OPTIONS, browserAvailable, withBrowser } from "../helpers/browser.ts";

const ignore = !browserAvailable();

async function withFixtureServer(fn: (origin: string) => Promise<void>): Promise<void> {
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen() {} },
    createHandler(manifest),
  );
  try {
    await fn(`http://127.0.0.1:${server.addr.port}`);
  } finally {
    await server.shutdown();
  }
}

Deno.test({
  name: "[fresh browser] an island hydrates, reacts to a click, and one signal updates two islands",
  ignore,
  ...BROWSER_TEST_OPTIONS,
  fn: () =>
    withFixtureServer((origin) =>
      withBrowser(async (browser) => {
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on("pageerror", (error) => errors.push(error.message));
        page.on("response", (response) => {
          const failed = response.status() >= 400 && !response.url().endsWith("/favicon.ico");
          if (failed) errors.push(`${response.status()} ${response.url()}`);
        });
        await page.goto(`${origin}/islands`);
        await page.waitForFunction(() =>
          document.querySelector("#hydrated")?.textContent === "yes"
        );
        assert.equal(await page.textContent("#count"), "5");
        await page.click("#inc");
        await page.click("#inc");
        await page.waitForFunction(() => document.querySelector("#mirror")?.textContent === "7");
        assert.equal(await page.textContent("#count"), "7");
        assert.equal(
          await page.textContent("#extra"),
          "bigint|12345678901234567890|1,2,255|2024-01-02T03:04:05.000Z|true|false|35",
        );
        assert.equal(await page.textContent("#slot"), "server child bold");
        assert.deepEqual(errors, []);
        await page.close();
      })
    ),
});

Deno.test({
  name: "[fresh browser] a page without islands loads no script",
  ignore,
  ...BROWSER_TEST_OPTIONS,
  fn: () =>
    withFixtureServer((origin) =>
      withBrowser(async (browser) => {
        const page = await browser.newPage();
        const scripts: string[] = [];
        page.on("request", (request) => {
          if (request.resourceType() === "script") scripts.push(request.url());
        });
        await page.goto(`${origin}/`, { waitUntil: "networkidle" });
        assert.equal(await page.textContent("h1"), "Home without islands");
        assert.equal(await page.locator("script").count(), 0);
        assert.deepEqual(scripts, []);
        await page.close();
      })
    ),
});
