/**
 * Server rendering of a page tree: island boundaries (comment markers and
 * recorded props), `<Head>` hoisting into `<head>`, and the final document
 * with the props script and the boot script.
 */
import {
  type ComponentChildren,
  type ComponentType,
  Fragment,
  h,
  isValidElement,
  options,
  toChildArray,
  type VNode,
} from "preact";
import { renderToString } from "preact-render-to-string";
import { MARKER, STATE_ID_PREFIX } from "./constants.ts";
import { LIVE_RELOAD_SCRIPT } from "./live_reload.ts";
import { markCurrentLink } from "./runtime/active_link.ts";
import { HEAD_CONTEXT } from "./runtime/head.ts";
import { serialize, toScriptSafeJson } from "./serializer.ts";

/** One island export: `Counter.tsx` default → id `counter_default`. */
export interface IslandInfo {
  id: string;
  /** Manifest key, e.g. `./islands/Counter.tsx`. */
  file: string;
  exportName: string;
  component: ComponentType<Record<string, unknown>>;
}

/** The browser side of a build, as a page needs it. */
export interface PageScripts {
  /** URL of the runtime module. */
  runtimeUrl: string;
  /** URL of an island file's module. */
  islandUrl(file: string): string;
  /** URLs to preload for these island files (runtime, islands, shared chunks). */
  preloads(files: string[]): string[];
  /** Version for `asset()` in the browser. */
  assetVersion: string;
}

interface UsedIsland {
  info: IslandInfo;
  props: Record<string, unknown>;
}

/** Per-page options of {@linkcode renderDocument}. */
export interface DocumentOptions {
  /** The request path: links to it (or to its ancestors) are marked current. */
  pathname?: string;
  /** Development mode: add the live-reload client. */
  liveReload?: boolean;
}

interface RenderState {
  islands: ReadonlyMap<unknown, IslandInfo>;
  pathname: string | undefined;
  used: UsedIsland[];
  depth: number;
  head: ComponentChildren[];
  appHead: ComponentChildren;
  headCaptured: boolean;
}

let current: RenderState | null = null;
let bypass = false;

function comment(text: string): VNode {
  return h(Fragment, { UNSTABLE_comment: text } as Record<string, unknown>);
}

function Enter(): null {
  if (current) current.depth++;
  return null;
}

function Exit(): null {
  if (current) current.depth--;
  return null;
}

const wrappers = new WeakMap<IslandInfo, ComponentType<Record<string, unknown>>>();

function wrapperFor(info: IslandInfo): ComponentType<Record<string, unknown>> {
  let wrapper = wrappers.get(info);
  if (wrapper) return wrapper;
  wrapper = function IslandBoundary(props: Record<string, unknown>): VNode {
    const state = current!;
    const index = state.used.length;
    const { children, ...rest } = props;
    state.used.push({ info, props: rest });
    bypass = true;
    try {
      const inner = children === undefined ? h(info.component, rest) : h(info.component, {
        ...rest,
        children: h(
          Fragment,
          null,
          comment(`${MARKER.slotStart}${index}:children`),
          children as ComponentChildren,
          comment(`${MARKER.slotEnd}${index}`),
        ),
      });
      return h(
        Fragment,
        null,
        comment(`${MARKER.islandStart}${info.id}:${index}`),
        h(Enter, null),
        inner,
        h(Exit, null),
        comment(`${MARKER.islandEnd}${index}`),
      );
    } finally {
      bypass = false;
    }
  };
  wrappers.set(info, wrapper);
  return wrapper;
}

const previousVNodeHook = options.vnode;
options.vnode = (vnode: VNode) => {
  const state = current;
  if (state?.pathname !== undefined && vnode.type === "a") markCurrentLink(vnode, state.pathname);
  if (state && !bypass) {
    if (typeof vnode.type === "function" && state.depth === 0) {
      const info = state.islands.get(vnode.type);
      if (info) vnode.type = wrapperFor(info) as typeof vnode.type;
    } else if (vnode.type === "head" && !state.headCaptured) {
      state.headCaptured = true;
      const props = vnode.props as { children?: ComponentChildren };
      state.appHead = props.children;
      vnode.props = { ...props, children: comment(MARKER.head) } as typeof vnode.props;
    }
  }
  previousVNodeHook?.(vnode);
};

/** Keeps the last `<title>` and the last element of each `key`. */
function dedupeHead(nodes: ComponentChildren[]): ComponentChildren[] {
  const kept: ComponentChildren[] = [];
  const keys = new Set<unknown>();
  let titleSeen = false;
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i];
    if (isValidElement(node)) {
      if (node.type === "title") {
        if (titleSeen) continue;
        titleSeen = true;
      } else if (node.key !== undefined && node.key !== null) {
        if (keys.has(node.key)) continue;
        keys.add(node.key);
      }
    }
    kept.push(node);
  }
  return kept.reverse();
}

/** Inserts `insert` before the last `tag` (`<body` followed by space or `>`, or `</body>`). */
function insertBefore(html: string, tag: string, insert: string): string | null {
  let at = html.lastIndexOf(tag);
  while (at !== -1 && tag === "<body" && !/[\s>]/.test(html[at + tag.length] ?? "")) {
    at = at === 0 ? -1 : html.lastIndexOf(tag, at - 1);
  }
  if (at === -1) return null;
  return html.slice(0, at) + insert + html.slice(at);
}

function bootScript(used: UsedIsland[], stateId: string, scripts: PageScripts): string {
  const files = [...new Set(used.map((island) => island.info.file))];
  const imports = files.map((file, i) =>
    `import * as $${i} from ${JSON.stringify(scripts.islandUrl(file))};`
  );
  const registry = [...new Map(used.map(({ info }) => [info.id, info])).values()].map((info) =>
    `${JSON.stringify(info.id)}:$${files.indexOf(info.file)}[${JSON.stringify(info.exportName)}]`
  );
  const args = [JSON.stringify(stateId), JSON.stringify(scripts.assetVersion)].join(",");
  return `<script type="module">import{revive}from${JSON.stringify(scripts.runtimeUrl)};${
    imports.join("")
  }revive({${registry.join(",")}},${args});</script>`;
}

/**
 * Renders a page tree to a full HTML document. `scripts` is only called when
 * the page used islands; a page without islands ships no JavaScript (in
 * development, only the live-reload client).
 */
export async function renderDocument(
  tree: VNode,
  islands: ReadonlyMap<unknown, IslandInfo>,
  scripts: () => Promise<PageScripts>,
  options: DocumentOptions = {},
): Promise<string> {
  const state: RenderState = {
    islands,
    pathname: options.pathname,
    used: [],
    depth: 0,
    head: [],
    appHead: null,
    headCaptured: false,
  };
  let body: string;
  current = state;
  try {
    body = renderToString(h(HEAD_CONTEXT.Provider, { value: state.head }, tree));
  } finally {
    current = null;
    bypass = false;
  }
  const headNodes = dedupeHead([
    ...toChildArray(state.appHead),
    ...state.head.flatMap((children) => toChildArray(children)),
  ]);
  let head = renderToString(h(Fragment, null, ...headNodes));
  let tail = "";
  if (state.used.length > 0) {
    const page = await scripts();
    const files = [...new Set(state.used.map((island) => island.info.file))];
    head += page.preloads(files).map((url) =>
      `<link rel="modulepreload" href="${url.replaceAll('"', "&quot;")}">`
    ).join("");
    const stateId = `${STATE_ID_PREFIX}${crypto.randomUUID()}`;
    const doc = serialize(state.used.map((island) => island.props));
    tail = `<script id="${stateId}" type="application/json">${toScriptSafeJson(doc)}</script>` +
      bootScript(state.used, stateId, page);
  }
  if (options.liveReload) tail += LIVE_RELOAD_SCRIPT;
  const headMarker = `<!--${MARKER.head}-->`;
  let html = body.includes(headMarker)
    ? body.replace(headMarker, () => head)
    : head === ""
    ? body
    : insertBefore(body, "<body", `<head>${head}</head>`) ?? `<head>${head}</head>${body}`;
  if (tail) html = insertBefore(html, "</body>", tail) ?? html + tail;
  return `<!DOCTYPE html>${html}`;
}
