import assert from "node:assert/strict";
import { ConfigError, parseConfig } from "./config.ts";

function problem(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.message;
  }
  assert.fail(`${JSON.stringify(env)} was accepted`);
}

Deno.test("[config] defaults apply and empty strings count as unset", () => {
  const config = parseConfig({ PORT: "", DAILY_MESSAGE_LIMIT: " 25 ", ALLOWED_ORIGINS: "a, b,," });
  assert.equal(config.PORT, 8000);
  assert.equal(config.DAILY_MESSAGE_LIMIT, 25);
  assert.deepEqual(config.ALLOWED_ORIGINS, ["a", "b"]);
  assert.equal(config.LOG_LEVEL, "info");
});

Deno.test("[config] a bad value names the variable, the value, the range and the default", () => {
  assert.equal(
    problem({ DAILY_MESSAGE_LIMIT: "0" }),
    'Invalid environment variable DAILY_MESSAGE_LIMIT="0": expected a whole number from 1 to ' +
      "1000000; set a valid value, or unset DAILY_MESSAGE_LIMIT to use the default 100",
  );
  for (const port of ["eighty", "8e3", "70000", "-1", "80.5"]) {
    const message = problem({ PORT: port });
    assert.ok(message.includes(`PORT=${JSON.stringify(port)}`), message);
    assert.match(message, /expected a whole number from 0 to 65535; e\.g\. PORT=8000/);
  }
});

Deno.test("[config] a short JWT_SECRET is refused without printing it", () => {
  const message = problem({ JWT_SECRET: "hunter2-hunter2" });
  assert.match(message, /JWT_SECRET=\(hidden, 15 bytes\): expected at least 32 bytes/);
  assert.doesNotMatch(message, /hunter2/);
});

Deno.test("[config] several bad values are listed one per line", () => {
  const message = problem({ PORT: "x", LOG_LEVEL: "loud" });
  assert.match(
    message,
    /^Invalid environment variables:\n {2}PORT="x": .*\n {2}LOG_LEVEL="loud": /,
  );
});
