/** `deno task build` output: written once, then served by a handler instead of bundling. */
import assert from "node:assert/strict";
import { build } from "$fresh/dev.ts";
import { createHandler } from "$fresh/server.ts";
import manifest from "./fixture/fresh.gen.ts";

Deno.test("[fresh] build writes bundles and a snapshot that the handler serves", async () => {
  const outDir = await Deno.makeTempDir({ prefix: "fresh-build-" });
  try {
    const config = { build: { outDir } };
    await build(new URL("./fixture/", import.meta.url), config);
    const snapshot = JSON.parse(await Deno.readTextFile(`${outDir}/snapshot.json`));
    assert.ok(snapshot.entries["./islands/Counter.tsx"]);
    assert.ok(snapshot.entries.runtime);
    const handler = createHandler(manifest, config);
    const page = await (await handler(new Request("http://localhost/islands"))).text();
    assert.ok(
      page.includes(`/_frsh/js/${snapshot.build_id}/`),
      "page uses the snapshot's build id",
    );
    const runtimeUrl = `/_frsh/js/${snapshot.build_id}/${snapshot.entries.runtime}`;
    const runtime = await handler(new Request(`http://localhost${runtimeUrl}`));
    assert.equal(runtime.status, 200);
    assert.deepEqual(
      new Uint8Array(await runtime.arrayBuffer()),
      await Deno.readFile(`${outDir}/js/${snapshot.entries.runtime}`),
    );
  } finally {
    await Deno.remove(outDir, { recursive: true });
  }
});

Deno.test("[fresh] a snapshot missing an island is a clear error naming it", async () => {
  const outDir = await Deno.makeTempDir({ prefix: "fresh-build-" });
  try {
    await Deno.writeTextFile(
      `${outDir}/snapshot.json`,
      JSON.stringify({ version: 1, build_id: "x", entries: { runtime: "r.js" }, files: [] }),
    );
    const original = console.error;
    let logged = "";
    console.error = (...args: unknown[]) => logged += args.map(String).join(" ");
    try {
      const handler = createHandler(manifest, { build: { outDir } });
      const response = await handler(new Request("http://localhost/islands"));
      assert.equal(response.status, 500);
      await response.body?.cancel();
    } finally {
      console.error = original;
    }
    assert.match(logged, /Island "\.\/islands\/Counter\.tsx" is missing from the build snapshot/);
  } finally {
    await Deno.remove(outDir, { recursive: true });
  }
});
