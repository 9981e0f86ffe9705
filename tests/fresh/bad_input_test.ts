/** Bad route modules and a bad PORT give errors that name the file or value and the fix. */
import assert from "node:assert/strict";
import { createHandler, type Manifest } from "$fresh/server.ts";

const BASE_URL = new URL("./fixture/fresh.gen.ts", import.meta.url).href;

function manifestOf(
  routes: Record<string, object>,
  islands: Record<string, object> = {},
): Manifest {
  return { routes, islands, baseUrl: BASE_URL };
}

Deno.test("[fresh] exporting `handlers` instead of `handler` is an error that says so", () => {
  const page = { handlers: { GET: () => new Response("x") } };
  assert.throws(
    () => createHandler(manifestOf({ "./routes/typo.ts": page })),
    /Route file "\.\/routes\/typo\.ts" exports "handlers": did you mean "handler"\?/,
  );
});

Deno.test("[fresh] malformed route modules name the file and the fix", () => {
  const cases: [string, object, RegExp][] = [
    ["./routes/empty.ts", {}, /exports neither a default component nor a "handler"/],
    ["./routes/lower.ts", { handler: { get: () => new Response() } }, /did you mean "GET"\?/],
    ["./routes/[a][b].ts", { handler: () => new Response() }, /adjacent parameters/],
    ["./routes/nested/_app.tsx", { default: () => null }, /must sit at the root of routes/],
    ["./routes/_middleware.ts", { handler: "nope" }, /must export "handler": a function/],
  ];
  for (const [file, mod, pattern] of cases) {
    assert.throws(() => createHandler(manifestOf({ [file]: mod })), (error: Error) => {
      assert.ok(error.message.includes(`"${file}"`), error.message);
      assert.match(error.message, pattern);
      return true;
    });
  }
});

Deno.test("[fresh] an island module without components is an error naming it", () => {
  assert.throws(
    () => createHandler(manifestOf({}, { "./islands/Empty.tsx": { value: 1 } })),
    /Island file "\.\/islands\/Empty\.tsx" exports no component/,
  );
});

Deno.test("[fresh] a bad PORT stops start() with a message naming the value", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("./fixture/main.ts", import.meta.url).pathname],
    env: { PORT: "eighty", NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  });
  const { code, stderr } = await child.output();
  const text = new TextDecoder().decode(stderr);
  assert.notEqual(code, 0);
  assert.match(text, /Invalid PORT "eighty": use a whole number from 0 to 65535/);
});
