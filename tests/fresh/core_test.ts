/**
 * The core driven through `createHandler` against the fixture app, like a
 * library's integration tests.
 */
import assert from "node:assert/strict";
import { createHandler } from "$fresh/server.ts";
import manifest from "./fixture/fresh.gen.ts";

const handler = createHandler(manifest);
const BASE = "http://localhost";

function get(path: string, init?: RequestInit): Promise<Response> {
  return handler(new Request(`${BASE}${path}`, init));
}

async function html(path: string): Promise<string> {
  const response = await get(path);
  assert.equal(response.headers.get("content-type"), "text/html; charset=utf-8");
  return await response.text();
}

/** Runs `fn` with console.error silenced (expected error logs), returning what was logged. */
async function quietly<T>(fn: () => Promise<T>): Promise<[T, string]> {
  const original = console.error;
  let logged = "";
  console.error = (...args: unknown[]) => logged += args.map(String).join(" ") + "\n";
  try {
    return [await fn(), logged];
  } finally {
    console.error = original;
  }
}

Deno.test("[fresh] page renders with doctype, _app and no script when it has no islands", async () => {
  const body = await html("/");
  assert.ok(body.startsWith("<!DOCTYPE html><html>"));
  assert.match(body, /<h1>Home without islands<\/h1>/);
  assert.doesNotMatch(body, /<script/);
  assert.doesNotMatch(body, /modulepreload/);
});

Deno.test("[fresh] Head hoists into head: last title wins, keyed elements de-duplicated", async () => {
  const body = await html("/about");
  const head = body.slice(body.indexOf("<head>"), body.indexOf("</head>"));
  assert.deepEqual([...head.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]), ["About"]);
  assert.deepEqual([...head.matchAll(/content="(\w+)"/g)].map((m) => m[1]), ["new"]);
  assert.doesNotMatch(body.slice(body.indexOf("<body>")), /<title>/);
});

Deno.test("[fresh] route priority: literal before param, params and route pattern", async () => {
  assert.match(await html("/blog/new"), /new post form/);
  assert.match(await html("/blog/hello"), /post hello at \/blog\/:slug/);
  assert.equal(await (await get("/files/a/b/c.txt")).text(), "file:a/b/c.txt");
  assert.match(await html("/pricing"), /pricing/);
});

Deno.test("[fresh] middleware runs root first, arrays in order, sees params and destination", async () => {
  const items = await get("/api/items");
  assert.equal(items.headers.get("x-destination"), "route");
  assert.deepEqual(await items.json(), {
    trace: ["root:route", "api:first", "api:second:-"],
    route: "/api/items",
  });
  const byId = await (await get("/api/42")).json();
  assert.deepEqual(byId.trace, ["root:route", "api:first", "api:second:42"]);
  const file = await get("/hello.txt");
  assert.equal(file.headers.get("x-destination"), "static");
  await file.body?.cancel();
  const missing = await get("/nowhere");
  assert.equal(missing.headers.get("x-destination"), "notFound");
  await missing.body?.cancel();
});

Deno.test("[fresh] handlers: 405 with Allow, HEAD from GET, function handler takes every method", async () => {
  const put = await get("/api/items", { method: "PUT" });
  assert.equal(put.status, 405);
  assert.equal(put.headers.get("allow"), "GET, HEAD, POST");
  await put.body?.cancel();
  const head = await get("/api/items", { method: "HEAD" });
  assert.equal(head.status, 200);
  assert.equal(head.body, null);
  const post = await get("/api/items", { method: "POST" });
  assert.equal(post.status, 201);
  await post.body?.cancel();
  const del = await (await get("/api/7", { method: "DELETE" })).json();
  assert.equal(del.method, "DELETE");
  const pagePost = await get("/about", { method: "POST" });
  assert.equal(pagePost.status, 405);
  assert.equal(pagePost.headers.get("allow"), "GET, HEAD");
  await pagePost.body?.cancel();
});

Deno.test("[fresh] render(data, init) keeps status and both Set-Cookie headers", async () => {
  const response = await get("/cookies");
  assert.equal(response.status, 201);
  assert.deepEqual(response.headers.getSetCookie(), ["a=1; Path=/", "b=2; Path=/"]);
  assert.match(await response.text(), /<p id="page">cookie<\/p>/);
});

Deno.test("[fresh] layouts wrap pages; async pages render or answer with a Response", async () => {
  const body = await html("/layouted/async");
  assert.match(body, /<section id="layout"><p id="page">async page for \/layouted\/async<\/p>/);
  const redirect = await get("/layouted/async?redirect");
  assert.equal(redirect.status, 303);
  const bare = await (await get("/layouted/bare")).text();
  assert.equal(bare, '<!DOCTYPE html><p id="page">bare</p>');
});

Deno.test("[fresh] 404 page, thrown error → logged 500 page, NotFound error → 404", async () => {
  const missing = await get("/does/not/exist");
  assert.equal(missing.status, 404);
  assert.match(await missing.text(), /Fixture 404/);
  const [failed, logged] = await quietly(() => get("/throws"));
  assert.equal(failed.status, 500);
  assert.match(await failed.text(), /Fixture 500: handler exploded/);
  assert.match(logged, /GET \/throws .*routes\/throws\.ts/);
  const notFound = await get("/missing");
  assert.equal(notFound.status, 404);
  await notFound.body?.cancel();
});

Deno.test("[fresh] trailing slash → 307 keeping the query; repeated slashes collapse", async () => {
  const trailing = await get("/about/?x=1");
  assert.equal(trailing.status, 307);
  assert.equal(trailing.headers.get("location"), "/about?x=1");
  const doubled = await get("//blog//new");
  assert.equal(doubled.status, 307);
  assert.equal(doubled.headers.get("location"), "/blog/new");
});

Deno.test("[fresh] static files: content type, ETag → 304, asset query → immutable, HEAD", async () => {
  const first = await get("/hello.txt");
  assert.equal(first.headers.get("content-type"), "text/plain; charset=utf-8");
  assert.equal(first.headers.get("cache-control"), "no-cache");
  assert.equal(await first.text(), "hello static\n");
  const etag = first.headers.get("etag")!;
  assert.ok(etag);
  const again = await get("/hello.txt", { headers: { "if-none-match": etag } });
  assert.equal(again.status, 304);
  assert.equal(again.body, null);
  const busted = await get("/hello.txt?__frsh_c=abc");
  assert.equal(busted.headers.get("cache-control"), "public, max-age=31536000, immutable");
  await busted.body?.cancel();
  const head = await get("/hello.txt", { method: "HEAD" });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get("content-length"), "13");
  assert.equal(await head.text(), "");
});

Deno.test("[fresh] islands: comment markers, one props document, boot script, bundles served", async () => {
  const body = await html("/islands");
  assert.match(body, /<!--frsh:island:counter_default:0-->/);
  assert.match(body, /<!--frsh:island:mirror_mirror:1-->/);
  assert.match(body, /<!--frsh:slot:0:children--><p id="slot">server child <b>bold<\/b><\/p>/);
  const states = [
    ...body.matchAll(/<script id="__FRSH_STATE_[0-9a-f-]{36}" type="application\/json">/g),
  ];
  assert.equal(states.length, 1);
  assert.doesNotMatch(body, /<\/script><script>alert/);
  assert.match(body, /\\u003c\/script\\u003e/);
  assert.match(body, /\\u2028/);
  const scripts = [...body.matchAll(/<script type="module">/g)];
  assert.equal(scripts.length, 1);
  const preloads = [...body.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) =>
    m[1]
  );
  assert.ok(preloads.length >= 3, `preloads: ${preloads}`);
  for (const url of preloads) {
    const js = await get(url);
    assert.equal(js.status, 200, url);
    assert.equal(js.headers.get("content-type"), "text/javascript; charset=utf-8");
    assert.equal(js.headers.get("cache-control"), "public, max-age=31536000, immutable");
    await js.body?.cancel();
  }
  const wrongBuild = await get("/_frsh/js/nope/runtime.js");
  assert.equal(wrongBuild.status, 404);
  await wrongBuild.body?.cancel();
});

Deno.test("[fresh] a 101 upgrade response passes through middleware untouched", async () => {
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, handler);
  try {
    const socket = new WebSocket(`ws://127.0.0.1:${server.addr.port}/ws`);
    const reply = await new Promise<string>((resolve, reject) => {
      socket.onopen = () => socket.send("hi");
      socket.onmessage = (event) => resolve(String(event.data));
      socket.onerror = () => reject(new Error("socket failed"));
    });
    assert.equal(reply, "echo:hi");
    const closed = new Promise((resolve) => socket.onclose = resolve);
    socket.close();
    await closed;
  } finally {
    await server.shutdown();
  }
});
