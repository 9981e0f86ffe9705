/** `deno task start` of the app, as a process: a bad environment exits 1 with a clear message. */
import assert from "node:assert/strict";

const ROOT = new URL("../../", import.meta.url);

async function startWith(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["task", "start"],
    cwd: ROOT,
    env: { KV_PATH: ":memory:", PORT: "0", NO_COLOR: "1", ...env },
    stdout: "null",
    stderr: "piped",
  }).output();
  return { code, stderr: new TextDecoder().decode(stderr) };
}

const cases: [string, Record<string, string>, RegExp][] = [
  ["bad PORT", { PORT: "eighty" }, /PORT="eighty": expected a whole number from 0 to 65535/],
  [
    "bad DAILY_MESSAGE_LIMIT",
    { DAILY_MESSAGE_LIMIT: "-5" },
    /DAILY_MESSAGE_LIMIT="-5": expected a whole number from 1 to 1000000; .*default 100/,
  ],
  [
    "short JWT_SECRET",
    { JWT_SECRET: "too-short-secret" },
    /JWT_SECRET=\(hidden, 16 bytes\): expected at least 32 bytes; e\.g\. JWT_SECRET=/,
  ],
];

for (const [name, env, expected] of cases) {
  Deno.test(`[app] deno task start with a ${name} exits 1 naming the variable and the fix`, async () => {
    const { code, stderr } = await startWith(env);
    assert.equal(code, 1, stderr);
    assert.match(stderr, expected);
    assert.doesNotMatch(stderr, /\n\s+at /, "no stack trace");
    assert.doesNotMatch(stderr, /too-short-secret/, "secrets are not printed");
  });
}

Deno.test("[app] deno task start on a port in use exits 1 saying so and how to fix it", async () => {
  const taken = Deno.listen({ hostname: "0.0.0.0", port: 0 });
  try {
    const { code, stderr } = await startWith({ PORT: String(taken.addr.port) });
    assert.equal(code, 1, stderr);
    assert.match(stderr, new RegExp(`:${taken.addr.port}: the port is already in use.*set PORT`));
    assert.doesNotMatch(stderr, /\n\s+at /, "no stack trace");
  } finally {
    taken.close();
  }
});
