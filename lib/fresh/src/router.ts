/**
 * Pure routing helpers: file path → URL pattern, route priority, and the
 * URL normalisation the request pipeline applies first.
 */

/** Thrown for a route file name the router cannot turn into a pattern. */
export class RouteFileError extends Error {
  override name = "RouteFileError";
  readonly code = "invalid_route_file";
}

const GROUP = /^\(([^)]*)\)$/;
const PARAM = /\[(\.\.\.)?([A-Za-z_$][\w$]*)\]/g;
const URL_PATTERN_SPECIAL = /[+*?(){}:\\]/g;

/** True for a `(group)` folder name. */
export function isGroupSegment(segment: string): boolean {
  return GROUP.test(segment);
}

/** True for a `(_private)` folder name, whose files are not routes. */
export function isPrivateGroupSegment(segment: string): boolean {
  return GROUP.test(segment) && segment.startsWith("(_");
}

/** URL-visible segments of a route path (groups dropped, trailing `index` dropped). */
function urlSegments(path: string): string[] {
  const segments = path.split("/").filter((segment) => segment !== "" && !isGroupSegment(segment));
  if (segments.at(-1) === "index") segments.pop();
  return segments;
}

function segmentToPattern(segment: string, path: string): string {
  const opens = segment.split("[").length - 1;
  const closes = segment.split("]").length - 1;
  if (opens !== closes) {
    throw new RouteFileError(
      `Route file "${path}" has unbalanced brackets in "${segment}": write "[name]" or "[...name]"`,
    );
  }
  if (/\]\[/.test(segment)) {
    throw new RouteFileError(
      `Route file "${path}" has adjacent parameters in "${segment}": put a literal between them, e.g. "[a]-[b]"`,
    );
  }
  let out = "";
  let last = 0;
  for (const match of segment.matchAll(PARAM)) {
    out += segment.slice(last, match.index).replace(URL_PATTERN_SPECIAL, "\\$&");
    out += match[1] ? `:${match[2]}*` : `:${match[2]}`;
    last = match.index + match[0].length;
  }
  const rest = segment.slice(last);
  if (/[[\]]/.test(rest) || (last === 0 && /[[\]]/.test(segment))) {
    throw new RouteFileError(
      `Route file "${path}" has an invalid parameter in "${segment}": names are letters, digits, "_" or "$"`,
    );
  }
  return out + rest.replace(URL_PATTERN_SPECIAL, "\\$&");
}

/**
 * Turns a route path (relative to `routes/`, without extension) into a
 * URLPattern pathname: `index` is its folder, `[id]` → `:id`,
 * `[...rest]` → `:rest*`, `(group)` folders vanish. Errors name `file`.
 *
 * @example pathToPattern("blog/[slug]") // "/blog/:slug"
 */
export function pathToPattern(path: string, file: string = path): string {
  const segments = urlSegments(path).map((segment) => segmentToPattern(segment, file));
  return "/" + segments.join("/");
}

/** The URL prefix pattern of a folder, matching it and everything below it. */
export function folderToPrefixPattern(folder: string): string {
  const base = pathToPattern(folder === "" ? "index" : `${folder}/index`);
  return base === "/" ? "/*" : `${base}{/*}?`;
}

function rank(segment: string): number {
  if (segment === "_middleware") return 0;
  if (segment === "_layout") return 1;
  if (/\[\.\.\./.test(segment)) return 4;
  if (segment.includes("[")) return 3;
  return 2;
}

/**
 * Orders route paths so that the first match wins correctly: within a
 * folder `_middleware`, `_layout`, literal names, `[param]`, `[...catchall]`;
 * deeper literal folders before a parent's parameters.
 */
export function compareRoutePaths(a: string, b: string): number {
  const left = a.split("/").filter((segment) => !isGroupSegment(segment));
  const right = b.split("/").filter((segment) => !isGroupSegment(segment));
  const shared = Math.min(left.length, right.length);
  for (let i = 0; i < shared; i++) {
    const difference = rank(left[i]) - rank(right[i]);
    if (difference !== 0) return difference;
  }
  if (left.length !== right.length) {
    const shorter = left.length < right.length ? left : right;
    const catchAllLast = rank(shorter[shorter.length - 1] ?? "") === 4;
    const shorterFirst = catchAllLast ? 1 : -1;
    return left.length < right.length ? shorterFirst : -shorterFirst;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

const LITERAL_RUN = /^[\w\-.~/]*/;
const GROUP_START = /^[:(*{]/;

/**
 * The literal text every path a URLPattern pathname matches starts with
 * (`/api/:id` → `/api/`; a `/` before a group is left out, because
 * `/files/:path*` also matches `/files`). The router tests it before the
 * costlier `URLPattern.exec`; it may be shorter than the real prefix, never
 * longer.
 */
export function literalPrefix(pattern: string): string {
  const run = pattern.match(LITERAL_RUN)![0];
  const rest = pattern.slice(run.length);
  if (rest === "") return run;
  if (run.endsWith("/") && GROUP_START.test(rest)) return run.slice(0, -1);
  return run;
}

/**
 * Collapses repeated slashes and, unless `keepTrailingSlash`, drops a
 * trailing one. Returns the URL to redirect to, or `null` when it is clean.
 */
export function normalizeUrl(url: URL, keepTrailingSlash = false): URL | null {
  let pathname = url.pathname.replace(/\/{2,}/g, "/");
  if (!keepTrailingSlash && pathname.length > 1 && pathname.endsWith("/")) {
    pathname = pathname.slice(0, -1);
  }
  if (pathname === url.pathname) return null;
  const target = new URL(url);
  target.pathname = pathname;
  return target;
}
