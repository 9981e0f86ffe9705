/** Shared steps of the browser UI tests: sign up, wait for the socket, audit a page. */
import type { Locator, Page } from "playwright-core";
import { startApp } from "../helpers/app_process.ts";
import { withBrowser } from "../helpers/browser.ts";

const TIMEOUT = 15_000;
let userSeq = 0;

/**
 * Starts the app and a browser, signs a fresh user up on a 1280×800 page, runs
 * `fn` on the live chat page, then stops both.
 */
export async function withSignedInPage(fn: (page: Page) => Promise<void>): Promise<void> {
  const app = await startApp();
  try {
    await withBrowser(async (browser) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      page.setDefaultTimeout(TIMEOUT);
      await signUp(page, app.url);
      await fn(page);
    });
  } finally {
    await app.stop();
  }
}

/** Signs up a fresh user through the form; resolves on the live chat page. */
export async function signUp(page: Page, appUrl: string): Promise<string> {
  const email = `ui-${Date.now()}-${++userSeq}@example.test`;
  await page.goto(`${appUrl}/register`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/chat/);
  await waitForLive(page);
  return email;
}

/** Waits until the connection indicator says live. */
export async function waitForLive(page: Page): Promise<void> {
  await waitForStatus(page, "live");
}

/** Waits until the connection indicator shows `status`. */
export async function waitForStatus(page: Page, status: string): Promise<void> {
  await page.locator(`.connection[data-status="${status}"]`).waitFor({ timeout: TIMEOUT });
}

/**
 * Problems a person would see on the page as it is now: horizontal overflow,
 * text below WCAG AA contrast (4.5:1, 3:1 for large text; opacity of the text
 * and its ancestors counted), and form controls without an accessible name.
 * Each problem is one line naming the element.
 */
export function auditPage(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    // Judge the settled page: finite animations (fade-ins) done, spinners left spinning.
    await Promise.all(
      document.getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => {})),
    );
    const problems: string[] = [];
    const root = document.documentElement;
    const overflow = root.scrollWidth - root.clientWidth;
    if (overflow > 0) problems.push(`page is ${overflow}px wider than the viewport`);

    type Rgba = [number, number, number, number];
    const parse = (value: string): Rgba => {
      const n = value.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
      return [n[0], n[1], n[2], n.length > 3 ? n[3] : 1];
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => {
      const a = top[3];
      return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1) as Rgba;
    };
    const luminance = ([r, g, b]: Rgba) => {
      const lin = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const background = (el: Element | null): Rgba => {
      const layers: Rgba[] = [];
      for (let node = el; node; node = node.parentElement) {
        const bg = parse(getComputedStyle(node).backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] >= 1) break;
      }
      let color: Rgba = [255, 255, 255, 1];
      for (const layer of layers.reverse()) color = over(layer, color);
      return color;
    };
    const opacity = (el: Element | null) => {
      let product = 1;
      for (let node = el; node; node = node.parentElement) {
        product *= Number(getComputedStyle(node).opacity);
      }
      return product;
    };
    const hidden = (el: Element) => {
      const rect = el.getBoundingClientRect();
      if (rect.width <= 1 || rect.height <= 1) return true;
      return el.closest("[aria-hidden='true'], details:not([open]) > :not(summary)") !== null;
    };
    const describe = (el: Element) =>
      `<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ""}> "${
        (el.textContent ?? "").trim().slice(0, 40)
      }"`;

    for (const el of document.body.querySelectorAll("*")) {
      const ownText = [...el.childNodes].some((n) =>
        n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== ""
      );
      if (!ownText || hidden(el)) continue;
      if ((el as HTMLButtonElement).disabled || el.closest(":disabled")) continue;
      const style = getComputedStyle(el);
      const bg = background(el);
      const fg = over(parse(style.color), bg);
      const seen = over([...fg.slice(0, 3), opacity(el)] as Rgba, bg);
      const [hi, lo] = [luminance(seen), luminance(bg)].sort((a, b) => b - a);
      const ratio = (hi + 0.05) / (lo + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const needed = large ? 3 : 4.5;
      if (ratio < needed) {
        problems.push(`contrast ${ratio.toFixed(2)} < ${needed}: ${describe(el)}`);
      }
    }

    for (const el of document.querySelectorAll("input, textarea, select, button, a[href]")) {
      if ((el as HTMLInputElement).type === "hidden" || hidden(el)) continue;
      const labelled = (el as HTMLInputElement).labels?.length ||
        el.getAttribute("aria-label") || el.getAttribute("aria-labelledby") ||
        (el.tagName === "BUTTON" || el.tagName === "A") && (el.textContent ?? "").trim();
      if (!labelled) problems.push(`no accessible name: ${describe(el)}`);
    }
    return problems;
  });
}

/** Types `text` into the labelled "Message" input and presses Enter. */
export async function send(page: Page, text: string): Promise<void> {
  const input = page.getByLabel("Message", { exact: true });
  await input.fill(text);
  await input.press("Enter");
}

/** Sends `text` and waits for the reply: one more finished assistant message. */
export async function ask(page: Page, text: string): Promise<void> {
  await replyTo(page, () => send(page, text));
}

/** Does `act` (types, clicks) and waits for the reply it brings: one more finished assistant message. */
export async function replyTo(page: Page, act: () => Promise<void>): Promise<void> {
  const before = await page.locator(".message-assistant:not(.streaming)").count();
  await act();
  await page.waitForFunction(
    (n) => document.querySelectorAll(".message-assistant:not(.streaming)").length > n,
    before,
    { timeout: TIMEOUT },
  );
}

/** True when the element `locator` finds has the keyboard focus. */
export function hasFocus(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === document.activeElement);
}
