/** `start()` as a process: PORT=0, the printed address, graceful SIGTERM. */
import assert from "node:assert/strict";

const ADDRESS = /Listening on (http:\/\/[^\s]+)\//;

Deno.test("[fresh] start prints its address on PORT=0 and exits soon after SIGTERM", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("./fixture/main.ts", import.meta.url).pathname],
    env: { PORT: "0", NO_COLOR: "1" },
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let printed = "";
  let match: RegExpMatchArray | null = null;
  while (!match) {
    const { value, done } = await reader.read();
    if (done) break;
    printed += value;
    match = printed.match(ADDRESS);
  }
  assert.ok(match, `no address in: ${printed}`);
  const url = match[1].replace("0.0.0.0", "127.0.0.1");
  const home = await fetch(`${url}/`);
  assert.equal(home.status, 200);
  await home.body?.cancel();
  const started = performance.now();
  child.kill("SIGTERM");
  const status = await child.status;
  reader.releaseLock();
  await child.stdout.cancel().catch(() => {});
  assert.ok(performance.now() - started < 4000, "exited within 4 s");
  assert.equal(status.success, true);
});
