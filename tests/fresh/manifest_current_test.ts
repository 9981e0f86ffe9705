/** The committed fresh.gen.ts files match what `deno task manifest` would write. */
import assert from "node:assert/strict";
import { collectEntries, generateManifest } from "$fresh/dev.ts";

for (
  const [name, root] of [
    ["the app", new URL("../../", import.meta.url)],
    ["the fixture app", new URL("./fixture/", import.meta.url)],
  ] as const
) {
  Deno.test(`[fresh] fresh.gen.ts of ${name} is current`, async () => {
    const expected = generateManifest(await collectEntries(root));
    const committed = await Deno.readTextFile(new URL("fresh.gen.ts", root));
    assert.equal(committed, expected, 'fresh.gen.ts is stale: run "deno task manifest"');
  });
}
