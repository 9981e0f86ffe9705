/**
 * Every page at 1280 px and 390 px, light and dark, in real Chromium: no
 * horizontal overflow, every piece of text readable (WCAG AA contrast, with
 * opacity taken into account), every control labelled. Screenshots go to
 * `test-output/screenshots/pages/` for people to look at.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { type AppProcess, startApp } from "../helpers/app_process.ts";
import { BROWSER_TEST_OPTIONS, browserAvailable, withBrowser } from "../helpers/browser.ts";
import { ask, auditPage, signUp, waitForLive } from "./ui_helpers.ts";

const SHOTS = new URL("../../test-output/screenshots/pages/", import.meta.url);
const WIDTHS = [1280, 390] as const;
const SCHEMES = ["light", "dark"] as const;

async function shoot(page: Page, name: string): Promise<void> {
  await Deno.mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname, fullPage: true });
}

interface PageCase {
  name: string;
  path: string;
  /** Runs after load, before the audit (e.g. open a run's steps). */
  prepare?: (page: Page) => Promise<void>;
}

/** Audits every case in every width and scheme; returns the problems found, by case. */
async function auditEverywhere(app: AppProcess, page: Page, cases: PageCase[]): Promise<string[]> {
  const found: string[] = [];
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: width > 500 ? 800 : 844 });
      for (const c of cases) {
        await page.goto(`${app.url}${c.path}`);
        await c.prepare?.(page);
        const problems = await auditPage(page);
        await shoot(page, `${c.name}-${width}-${scheme}`);
        found.push(...problems.map((p) => `${c.name} at ${width}px, ${scheme}: ${p}`));
      }
    }
  }
  return found;
}

Deno.test({
  name: "[browser] pages: readable, labelled and without overflow at 1280/390 px, light and dark",
  ignore: !browserAvailable(),
  ...BROWSER_TEST_OPTIONS,
}, async () => {
  const app = await startApp();
  try {
    await withBrowser(async (browser) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const pageErrors: string[] = [];
      page.on("pageerror", (error) => pageErrors.push(error.message));
      // The 404 page and the refused form answer 404/400 on purpose; anything else counts.
      page.on("console", (m) => {
        if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) {
          pageErrors.push(m.text());
        }
      });
      const problems = await auditEverywhere(app, page, [
        { name: "landing", path: "/" },
        { name: "login", path: "/login" },
        {
          name: "register-errors",
          path: "/register",
          prepare: async (p) => {
            await p.getByLabel("Email").fill("not-an-email");
            await p.getByLabel("Password").fill("short");
            await p.getByRole("button", { name: "Create account" }).click();
            await p.locator(".field-error").first().waitFor();
          },
        },
        { name: "not-found", path: "/no-such-page" },
      ]);

      await signUp(page, app.url).catch((error) => {
        throw new Error(
          `${error.message}\nPage errors: ${pageErrors.join("\n")}\nApp: ${app.output()}`,
        );
      });
      const empty = { name: "chat-empty", path: "/chat", prepare: waitForLive };
      problems.push(...await auditEverywhere(app, page, [empty]));

      for (const text of ["add a task to buy milk", "add a task to call mom", "what's left?"]) {
        await ask(page, text);
      }
      const chatUrl = new URL(page.url()).pathname;
      problems.push(
        ...await auditEverywhere(app, page, [
          {
            name: "chat-run",
            path: chatUrl,
            prepare: async (p) => {
              await waitForLive(p);
              await p.locator(".progress-summary summary").last().click();
            },
          },
          { name: "tasks", path: "/tasks" },
        ]),
      );
      assert.deepEqual(problems, []);
      assert.deepEqual(pageErrors, [], "errors in the page's console");
      await context.close();
    });
  } finally {
    await app.stop();
  }
});
