import assert from "node:assert/strict";
import {
  compareRoutePaths,
  literalPrefix,
  normalizeUrl,
  pathToPattern,
  RouteFileError,
} from "./router.ts";

Deno.test("[fresh router] pathToPattern maps index, params, catch-alls and groups", () => {
  assert.equal(pathToPattern("index"), "/");
  assert.equal(pathToPattern("about"), "/about");
  assert.equal(pathToPattern("blog/index"), "/blog");
  assert.equal(pathToPattern("blog/[slug]"), "/blog/:slug");
  assert.equal(pathToPattern("files/[...path]"), "/files/:path*");
  assert.equal(pathToPattern("(marketing)/pricing"), "/pricing");
  assert.equal(pathToPattern("api/[userId]/tasks/[taskId]"), "/api/:userId/tasks/:taskId");
  assert.equal(pathToPattern("v[major]-[minor]"), "/v:major-:minor");
});

Deno.test("[fresh router] adjacent params and unbalanced brackets are errors naming the file", () => {
  assert.throws(
    () => pathToPattern("[a][b]"),
    (error: Error) =>
      error instanceof RouteFileError && /adjacent parameters/.test(error.message) &&
      error.message.includes('"[a][b]"'),
  );
  assert.throws(() => pathToPattern("blog/[slug"), /unbalanced brackets/);
});

Deno.test("[fresh router] priority: middleware, layout, literal, param, catch-all; deep literals first", () => {
  const paths = ["[...all]", "blog/[slug]", "[id]", "blog/new", "_middleware", "about", "_layout"];
  assert.deepEqual(paths.sort(compareRoutePaths), [
    "_middleware",
    "_layout",
    "about",
    "blog/new",
    "blog/[slug]",
    "[id]",
    "[...all]",
  ]);
  assert.ok(compareRoutePaths("users/[id]/edit", "users/[id]") !== 0);
  assert.ok(compareRoutePaths("docs/intro", "[...all]") < 0);
});

Deno.test("[fresh router] normalizeUrl collapses slashes and drops a trailing one", () => {
  assert.equal(normalizeUrl(new URL("http://x/about")), null);
  assert.equal(normalizeUrl(new URL("http://x/")), null);
  assert.equal(normalizeUrl(new URL("http://x/about/?q=1"))?.href, "http://x/about?q=1");
  assert.equal(normalizeUrl(new URL("http://x//a///b"))?.pathname, "/a/b");
  assert.equal(normalizeUrl(new URL("http://x/about/"), true), null);
});

Deno.test("[fresh router] literalPrefix: the literal start of a pattern, never longer than a match", () => {
  assert.equal(literalPrefix("/"), "/");
  assert.equal(literalPrefix("/about"), "/about");
  assert.equal(literalPrefix("/api/:userId/tasks"), "/api");
  assert.equal(literalPrefix("/files/:path*"), "/files");
  assert.equal(literalPrefix("/v:major-:minor"), "/v");
  assert.equal(literalPrefix("/*"), "");
  assert.equal(literalPrefix("/about{/old}?"), "/about");
  assert.equal(literalPrefix("/a*"), "/a");
  assert.equal(literalPrefix("/a\\+b"), "/a");
  const patterns = [
    "/",
    "/about",
    "/files/:path*",
    "/api/:id",
    "/blog/:slug?",
    "/v:major-:minor",
    "/about{/old}?",
    "/x/(\\d+)",
    "/*",
    "/a*",
  ];
  const paths = ["/", "/about", "/about/old", "/files", "/files/a/b", "/api/7", "/blog", "/blog/x"];
  for (const pattern of patterns) {
    const matcher = new URLPattern({ pathname: pattern });
    for (const path of [...paths, "/v1-2", "/x/42", "/a", "/abc"]) {
      if (matcher.test({ pathname: path })) {
        assert.ok(path.startsWith(literalPrefix(pattern)), `${pattern} matches ${path}`);
      }
    }
  }
});
