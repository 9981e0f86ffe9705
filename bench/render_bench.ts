/**
 * Server render of a simple page through the core (`createHandler`, full
 * pipeline) vs the same tree with preact-render-to-string directly, and the
 * gzipped JavaScript a page with islands ships (runtime, Preact, signals once).
 * Run: `deno bench -A bench/render_bench.ts`
 */
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { createHandler, type PageProps } from "$fresh/server.ts";
import fixture from "../tests/fresh/fixture/fresh.gen.ts";

function Shell({ Component }: PageProps) {
  return h(
    "html",
    null,
    h("head", null, h("title", null, "Bench")),
    h("body", null, h(Component, {})),
  );
}

function Page() {
  return h(
    "main",
    null,
    h("h1", null, "Tasks"),
    h("ul", null, ...Array.from({ length: 20 }, (_, i) => h("li", { key: i }, `Task number ${i}`))),
  );
}

const handler = createHandler({
  routes: { "./routes/_app.tsx": { default: Shell }, "./routes/index.tsx": { default: Page } },
  islands: {},
  baseUrl: import.meta.url,
});
const request = () => new Request("http://localhost/");

Deno.bench({
  name: "preact-render-to-string directly",
  group: "simple page",
  baseline: true,
  fn: () => {
    renderToString(
      h("html", null, h("head", null, h("title", null, "Bench")), h("body", null, h(Page, null))),
    );
  },
});

Deno.bench({
  name: "preact-render-to-string + Request/Response wrapping (no core)",
  group: "simple page",
  fn: async () => {
    const url = new URL(request().url);
    const html = renderToString(
      h(
        "html",
        null,
        h("head", null, h("title", null, url.pathname)),
        h("body", null, h(Page, null)),
      ),
    );
    await new Response(`<!DOCTYPE html>${html}`, {
      headers: { "content-type": "text/html; charset=utf-8" },
    }).text();
  },
});

Deno.bench({
  name: "core: createHandler request → HTML response",
  group: "simple page",
  fn: async () => {
    await (await handler(request())).text();
  },
});

// An app-sized route table (about the real app's 25 routes); the request hits the last one.
const manyRoutes: Record<string, object> = { "./routes/_app.tsx": { default: Shell } };
for (let i = 0; i < 24; i++) {
  manyRoutes[`./routes/section${i}/[id].tsx`] = { handler: () => new Response("other") };
}
manyRoutes["./routes/tasks.tsx"] = { default: Page };
const manyHandler = createHandler({ routes: manyRoutes, islands: {}, baseUrl: import.meta.url });

Deno.bench({
  name: "core: same page behind 24 parameter routes",
  group: "simple page",
  fn: async () => {
    await (await manyHandler(new Request("http://localhost/tasks"))).text();
  },
});

async function gzipSize(bytes: Uint8Array<ArrayBuffer>): Promise<number> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

const fixtureHandler = createHandler(fixture);
const islandsPage = await (await fixtureHandler(new Request("http://localhost/islands"))).text();
const scripts = [...islandsPage.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) =>
  m[1]
);
let total = 0;
for (const url of scripts) {
  const body = new Uint8Array(
    await (await fixtureHandler(new Request(`http://localhost${url}`))).arrayBuffer(),
  );
  total += await gzipSize(body);
}
console.log(
  `Page with two islands ships ${scripts.length} modules, ${(total / 1024).toFixed(1)} KB gzipped`,
);
