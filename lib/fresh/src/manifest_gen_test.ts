import assert from "node:assert/strict";
import { collectEntries, generateManifest, ManifestError, writeManifest } from "./manifest_gen.ts";

async function project(files: Record<string, string>): Promise<URL> {
  const dir = await Deno.makeTempDir({ prefix: "fresh-manifest-" });
  for (const [path, text] of Object.entries(files)) {
    const target = `${dir}/${path}`;
    await Deno.mkdir(target.slice(0, target.lastIndexOf("/")), { recursive: true });
    await Deno.writeTextFile(target, text);
  }
  return new URL(`file://${dir}/`);
}

Deno.test("[fresh manifest] lists sorted routes and islands, skips tests and private folders", async () => {
  const root = await project({
    "routes/index.tsx": "",
    "routes/_404.tsx": "",
    "routes/blog/[...slug].tsx": "",
    "routes/index_test.ts": "",
    "routes/(_parts)/Card.tsx": "",
    "routes/notes.md": "",
    "islands/Counter.tsx": "",
    "islands/Counter.test.tsx": "",
  });
  try {
    const entries = await collectEntries(root);
    assert.deepEqual(entries, {
      routes: ["./routes/_404.tsx", "./routes/blog/[...slug].tsx", "./routes/index.tsx"],
      islands: ["./islands/Counter.tsx"],
    });
    const text = generateManifest(entries);
    assert.match(text, /^\/\/ DO NOT EDIT/);
    assert.match(text, /import \* as \$_404 from "\.\/routes\/_404\.tsx";/);
    assert.match(text, /import \* as \$blog_slug_ from "\.\/routes\/blog\/\[\.\.\.slug\]\.tsx";/);
    assert.match(text, /"\.\/islands\/Counter\.tsx": \$Counter,/);
    assert.match(text, /baseUrl: import\.meta\.url,\n\} satisfies Manifest;/);
    assert.equal(await writeManifest(root), true);
    assert.equal(await writeManifest(root), false, "unchanged set is not rewritten");
  } finally {
    await Deno.remove(new URL(root), { recursive: true });
  }
});

Deno.test("[fresh manifest] identifiers are de-duplicated", () => {
  const text = generateManifest({ routes: ["./routes/a-b.tsx", "./routes/a_b.tsx"], islands: [] });
  assert.match(text, /\$a_b from "\.\/routes\/a-b\.tsx"/);
  assert.match(text, /\$a_b_1 from "\.\/routes\/a_b\.tsx"/);
});

Deno.test("[fresh manifest] two files for one route path is an error naming both", async () => {
  const root = await project({ "routes/about.tsx": "", "routes/about.ts": "" });
  try {
    await assert.rejects(
      () => collectEntries(root),
      (error: Error) =>
        error instanceof ManifestError && error.message.includes("./routes/about.ts") &&
        error.message.includes("./routes/about.tsx"),
    );
  } finally {
    await Deno.remove(new URL(root), { recursive: true });
  }
});
