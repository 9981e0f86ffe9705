/**
 * Links to the current page, marked during render on the server and in the
 * browser alike (as Fresh 1.7 does): an `<a href>` whose path is the current
 * one gets `aria-current="page"` and `data-current`, one whose path is an
 * ancestor of it gets `aria-current="true"` and `data-ancestor`. An
 * `aria-current` the author set is kept.
 */
import type { VNode } from "preact";

/** How a link's path relates to the current path. */
export type LinkMatch = "current" | "ancestor" | "none";

const BASE = "http://localhost";

function withoutTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}

/** Compares a same-origin `href` with the current `pathname` (query and hash ignored). */
export function matchLink(pathname: string, href: string): LinkMatch {
  const target = withoutTrailingSlash(new URL(href, BASE).pathname);
  const here = withoutTrailingSlash(pathname);
  if (here === target) return "current";
  if (target === "/" || here.startsWith(`${target}/`)) return "ancestor";
  return "none";
}

/** Adds the current-page attributes to an `<a>` vnode whose root-relative `href` matches. */
export function markCurrentLink(vnode: VNode, pathname: string): void {
  if (vnode.type !== "a") return;
  const props = vnode.props as Record<string, unknown>;
  const href = props.href;
  if (typeof href !== "string" || !href.startsWith("/") || href.startsWith("//")) return;
  const match = matchLink(pathname, href);
  if (match === "none") return;
  if (match === "current") props["data-current"] = "true";
  else props["data-ancestor"] = "true";
  props["aria-current"] ??= match === "current" ? "page" : "true";
}
