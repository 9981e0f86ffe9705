/**
 * fresh-api.md musts that the fixture app does not reach, driven through
 * `createHandler` with small inline manifests.
 */
import assert from "node:assert/strict";
import { h } from "preact";
import {
  createHandler,
  defineApp,
  defineConfig,
  defineLayout,
  defineRoute,
  type FreshContext,
  type Manifest,
  type PageProps,
  start,
} from "$fresh/server.ts";
import { asset, IS_BROWSER } from "$fresh/runtime.ts";

/** Static files and islands resolve against the fixture app's folder. */
const BASE_URL = new URL("./fixture/fresh.gen.ts", import.meta.url).href;

function app(routes: Record<string, object>, islands: Record<string, object> = {}) {
  const manifest: Manifest = { routes, islands, baseUrl: BASE_URL };
  const handler = createHandler(manifest);
  return (path: string, init?: RequestInit) =>
    handler(new Request(`http://localhost${path}`, init));
}

const text = (body: string) => () => new Response(body);

Deno.test("[fresh] server.ts exports start, createHandler and identity define* helpers", () => {
  assert.equal(typeof start, "function");
  assert.equal(typeof createHandler, "function");
  const config = { staticDir: "public" };
  assert.equal(defineConfig(config), config);
  const fn = () => null;
  assert.equal(defineRoute(fn), fn);
  assert.equal(defineLayout(fn), fn);
  assert.equal(defineApp(fn), fn);
  assert.equal(IS_BROWSER, false);
});

Deno.test("[fresh] order: internal, then static files, then routes (even a root catch-all)", async () => {
  const get = app({
    "./routes/[...all].ts": {
      handler: (_: Request, ctx: FreshContext) => new Response(`route:${ctx.params.all}`),
    },
  });
  assert.equal(await (await get("/hello.txt")).text(), "hello static\n");
  const internal = await get("/_frsh/unknown");
  assert.equal(internal.status, 404);
  assert.equal(await internal.text(), "Not Found");
  assert.equal(await (await get("/other/path")).text(), "route:other/path");
  assert.equal(await (await get("/hello.txt", { method: "POST" })).text(), "route:hello.txt");
});

Deno.test("[fresh] config.routeOverride replaces the file's pattern", async () => {
  const get = app({
    "./routes/override.ts": {
      config: { routeOverride: "/custom/:id(\\d+)" },
      handler: (_: Request, ctx: FreshContext) => new Response(`${ctx.route} ${ctx.params.id}`),
    },
  });
  assert.equal(await (await get("/custom/42")).text(), "/custom/:id(\\d+) 42");
  assert.equal((await get("/override")).status, 404);
  assert.equal((await get("/custom/abc")).status, 404);
});

Deno.test("[fresh] middleware runs for internal requests and can read ctx.destination", async () => {
  const seen: string[] = [];
  const get = app({
    "./routes/_middleware.ts": {
      handler: (_: Request, ctx: FreshContext) => {
        seen.push(ctx.destination);
        return ctx.next();
      },
    },
    "./routes/index.ts": { handler: text("home") },
  });
  for (const path of ["/_frsh/js/none/x.js", "/hello.txt", "/", "/missing"]) {
    await (await get(path)).body?.cancel();
  }
  assert.deepEqual(seen, ["internal", "static", "route", "notFound"]);
});

Deno.test("[fresh] FreshContext carries every field; PageProps lacks render, next and renderNotFound", async () => {
  let pageKeys: string[] = [];
  const handler = createHandler({
    routes: {
      "./routes/_middleware.ts": {
        handler: (_: Request, ctx: FreshContext) => {
          ctx.state.user = "ada";
          return ctx.next();
        },
      },
      "./routes/items/[id].tsx": {
        handler: {
          GET: (_: Request, ctx: FreshContext) => {
            const fields = [
              "url",
              "params",
              "route",
              "state",
              "data",
              "error",
              "destination",
              "remoteAddr",
              "config",
              "render",
              "renderNotFound",
              "next",
            ];
            assert.deepEqual(fields.filter((field) => !(field in ctx)), []);
            return ctx.render({ id: ctx.params.id }, {
              headers: { "x-remote": (ctx.remoteAddr as Deno.NetAddr).hostname },
            });
          },
        },
        default: (props: PageProps<{ id: string }>) => {
          pageKeys = Object.keys(props);
          return h(
            "p",
            null,
            `${props.data.id} ${props.state.user} ${props.route} ${props.config.staticDir}`,
          );
        },
      },
    },
    islands: {},
    baseUrl: BASE_URL,
  });
  const response = await handler(new Request("http://localhost/items/7"), {
    remoteAddr: { transport: "tcp", hostname: "203.0.113.9", port: 5000 },
  });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("x-remote"), "203.0.113.9");
  assert.match(await response.text(), /<p>7 ada \/items\/:id static<\/p>/);
  for (const action of ["render", "next", "renderNotFound"]) {
    assert.ok(!pageKeys.includes(action), action);
  }
  assert.ok(pageKeys.includes("url") && pageKeys.includes("Component"));
});

Deno.test("[fresh] ctx.renderNotFound renders _404 with 404; a thrown NotFound renders the same page", async () => {
  const get = app({
    "./routes/_404.tsx": { default: () => h("p", null, "custom 404") },
    "./routes/gone.ts": { handler: (_: Request, ctx: FreshContext) => ctx.renderNotFound() },
    "./routes/lost.ts": {
      handler: () => {
        throw new Deno.errors.NotFound("x");
      },
    },
  });
  for (const path of ["/gone", "/lost"]) {
    const response = await get(path);
    assert.equal(response.status, 404);
    assert.match(await response.text(), /<p>custom 404<\/p>/);
  }
});

Deno.test("[fresh] render stack: _app, nested layouts root to leaf (async ones use ctx.Component), page", async () => {
  const get = app({
    "./routes/_app.tsx": {
      default: ({ Component }: PageProps) =>
        h("html", null, h("body", null, h("div", { id: "app" }, h(Component, {})))),
    },
    "./routes/_layout.tsx": {
      default: ({ Component }: PageProps) => h("div", { id: "root-layout" }, h(Component, {})),
    },
    "./routes/a/_layout.tsx": {
      default: async (_req: Request, ctx: FreshContext) => {
        await Promise.resolve();
        return h("div", { id: "a-layout" }, h(ctx.Component, {}));
      },
    },
    "./routes/a/b/_layout.tsx": {
      default: ({ Component }: PageProps) => h("div", { id: "b-layout" }, h(Component, {})),
    },
    "./routes/a/b/page.tsx": { default: () => h("p", null, "leaf") },
    "./routes/a/solo.tsx": {
      config: { skipInheritedLayouts: true },
      default: () => h("p", null, "solo"),
    },
  });
  const body = await (await get("/a/b/page")).text();
  assert.match(
    body,
    /^<!DOCTYPE html><html><body><div id="app"><div id="root-layout"><div id="a-layout"><div id="b-layout"><p>leaf<\/p><\/div><\/div><\/div><\/div><\/body><\/html>$/,
  );
  assert.match(await (await get("/a/solo")).text(), /<div id="app"><p>solo<\/p><\/div>/);
});

Deno.test("[fresh] an island rendered inside another island's own render is a plain component", async () => {
  function Inner() {
    return h("i", null, "inner");
  }
  function Outer() {
    return h("b", null, h(Inner, null));
  }
  const get = app(
    { "./routes/index.tsx": { default: () => h("main", null, h(Outer, null), h(Inner, null)) } },
    { "./islands/Counter.tsx": { default: Outer }, "./islands/Mirror.tsx": { Mirror: Inner } },
  );
  const body = await (await get("/")).text();
  const markers = [...body.matchAll(/<!--frsh:island:([a-z_]+):\d+-->/g)].map((m) => m[1]);
  assert.deepEqual(markers, ["counter_default", "mirror_mirror"]);
  assert.match(body, /<b><i>inner<\/i><\/b>/);
});

Deno.test("[fresh] asset() adds the cache-busting query once and leaves external URLs alone", () => {
  const busted = asset("/styles.css?v=1#top");
  assert.match(busted, /^\/styles\.css\?v=1&__frsh_c=[\w-]+#top$/);
  assert.equal(asset(busted), busted);
  assert.equal(asset("https://cdn.example/x.css"), "https://cdn.example/x.css");
  assert.equal(asset("//cdn.example/x.css"), "//cdn.example/x.css");
});

Deno.test("[fresh] an island listed in the manifest but missing on disk names the file and the fix", () => {
  assert.throws(
    () => app({}, { "./islands/Gone.tsx": { default: () => null } }),
    /Island file "\.\/islands\/Gone\.tsx" is listed in fresh\.gen\.ts but missing at .*: run "deno task manifest"/,
  );
});

Deno.test("[fresh] rendering pages with islands writes nothing to disk", async () => {
  const outDir = new URL("./fixture/_fresh/", import.meta.url);
  const get = app(
    { "./routes/index.tsx": { default: () => h("main", null, h(Island, null)) } },
    { "./islands/Counter.tsx": { default: Island } },
  );
  function Island() {
    return h("span", null, "x");
  }
  const body = await (await get("/")).text();
  assert.match(body, /<script type="module">/);
  await assert.rejects(() => Deno.stat(outDir), Deno.errors.NotFound);
});
