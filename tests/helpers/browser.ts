/**
 * Real Chromium for browser tests (Debian's /usr/bin/chromium, never a
 * downloaded one) through playwright-core. When the binary is missing a
 * test is skipped with a printed reason, except under CI=true, where it fails.
 */
import { type Browser, chromium } from "playwright-core";

/** Path of the Chromium binary (override with `CHROMIUM_PATH`). */
export const CHROMIUM_PATH: string = Deno.env.get("CHROMIUM_PATH") ?? "/usr/bin/chromium";

/** Flags that keep Chromium quiet, offline and runnable as root in containers. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

let checked: boolean | undefined;

/**
 * True when Chromium can run. Prints why not, once; under `CI=true` a
 * missing browser throws instead, so the test fails rather than skips.
 */
export function browserAvailable(): boolean {
  if (checked !== undefined) return checked;
  try {
    checked = Deno.statSync(CHROMIUM_PATH).isFile;
  } catch {
    checked = false;
  }
  if (!checked) {
    const reason = `Chromium not found at ${CHROMIUM_PATH} (install Debian's "chromium" package)`;
    if (Deno.env.get("CI") === "true") {
      throw new Error(`${reason}; browser tests cannot skip under CI=true`);
    }
    console.log(`Skipping browser tests: ${reason}`);
  }
  return checked;
}

/** Launches headless Chromium; close it when done (or use {@linkcode withBrowser}). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
    headless: true,
  });
}

/** Runs `fn` with a fresh browser and always closes it. */
export async function withBrowser<T>(fn: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await launchBrowser();
  try {
    return await fn(browser);
  } finally {
    await browser.close();
  }
}

/** Options for browser tests: playwright keeps timers and pipes the test sanitizers would flag. */
export const BROWSER_TEST_OPTIONS = { sanitizeOps: false, sanitizeResources: false } as const;
