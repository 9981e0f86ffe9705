import assert from "node:assert/strict";
import { h, type VNode } from "preact";
import { markCurrentLink, matchLink } from "./active_link.ts";

function marked(href: string, pathname: string, props: Record<string, unknown> = {}) {
  const vnode = h("a", { href, ...props }) as VNode<Record<string, unknown>>;
  markCurrentLink(vnode, pathname);
  return vnode.props;
}

Deno.test("[fresh] matchLink: current, ancestor or none; trailing slash, query and hash ignored", () => {
  assert.equal(matchLink("/tasks", "/tasks"), "current");
  assert.equal(matchLink("/tasks/", "/tasks?filter=open#top"), "current");
  assert.equal(matchLink("/chat/abc", "/chat"), "ancestor");
  assert.equal(matchLink("/chat/abc", "/chat/"), "ancestor");
  assert.equal(matchLink("/chatter", "/chat"), "none");
  assert.equal(matchLink("/tasks", "/chat"), "none");
  assert.equal(matchLink("/", "/"), "current");
  assert.equal(matchLink("/tasks", "/"), "ancestor");
});

Deno.test("[fresh] markCurrentLink sets aria-current and data attributes, keeps the author's aria-current", () => {
  assert.equal(marked("/tasks", "/tasks")["aria-current"], "page");
  assert.equal(marked("/tasks", "/tasks")["data-current"], "true");
  assert.equal(marked("/chat", "/chat/1")["aria-current"], "true");
  assert.equal(marked("/chat", "/chat/1")["data-ancestor"], "true");
  assert.equal(marked("/chat", "/tasks")["aria-current"], undefined);
  assert.equal(
    marked("/chat/1", "/chat/1", { "aria-current": "location" })["aria-current"],
    "location",
  );
  assert.equal(marked("https://example.com/tasks", "/tasks")["aria-current"], undefined);
  assert.equal(marked("//example.com/tasks", "/tasks")["aria-current"], undefined);
  assert.equal(marked("#main", "/tasks")["aria-current"], undefined);
  const div = h("div", { href: "/tasks" }) as VNode<Record<string, unknown>>;
  markCurrentLink(div, "/tasks");
  assert.equal(div.props["aria-current"], undefined);
});
