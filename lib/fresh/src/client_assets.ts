/**
 * The client build of one handler: loaded from the `_fresh/` snapshot when
 * present, else bundled in memory on first need (the first page with islands
 * or the first `/_frsh/js/…` request; `start()` warms it up right after
 * listening). Nothing is written to disk at run time.
 */
import {
  BuildError,
  bundleClient,
  type ClientBuild,
  loadSnapshot,
  staticImports,
} from "./bundle.ts";
import { IMMUTABLE_CACHE, JS_PREFIX, REVALIDATE_CACHE, RUNTIME_ENTRY } from "./constants.ts";
import type { PageScripts } from "./render.ts";

/** Lazily built client assets. */
export interface ClientAssets {
  /** The build (awaits bundling the first time; retried after a failure). */
  build(): Promise<ClientBuild>;
  /** What a page with islands needs to reference its scripts. */
  pageScripts(): Promise<PageScripts>;
  /** Answers `/_frsh/js/{buildId}/{path}`; 404 when missing. */
  serveJs(pathname: string): Promise<Response>;
}

/** Options for {@linkcode createClientAssets}. */
export interface ClientAssetsOptions {
  baseUrl: URL;
  outDir: URL;
  islandFiles: string[];
  assetVersion: string;
  dev: boolean;
}

/** Creates the lazily built client assets of an app. */
export function createClientAssets(options: ClientAssetsOptions): ClientAssets {
  let pending: Promise<ClientBuild> | undefined;
  const build = () => {
    pending ??=
      (async () =>
        (options.dev ? null : await loadSnapshot(options.outDir, options.islandFiles)) ??
          await bundleClient(options.baseUrl, options.islandFiles, options.dev))();
    pending.catch(() => pending = undefined);
    return pending;
  };
  const urlOf = (client: ClientBuild, path: string) => `${JS_PREFIX}/${client.buildId}/${path}`;
  // Worked out once per build: the URLs of each entry and of what it imports.
  const scriptsByBuild = new WeakMap<ClientBuild, PageScripts>();
  const scriptsFor = (client: ClientBuild): PageScripts => {
    const entry = (key: string) => {
      const path = client.entries.get(key);
      if (!path) {
        throw new BuildError(
          `Island "${key}" has no bundle: run "deno task manifest" to regenerate fresh.gen.ts, then restart`,
        );
      }
      return path;
    };
    const importsOf = new Map<string, string[]>();
    const importsOfEntry = (key: string) => {
      let urls = importsOf.get(key);
      if (!urls) {
        urls = [...staticImports(client, entry(key))].map((path) => urlOf(client, path));
        importsOf.set(key, urls);
      }
      return urls;
    };
    return {
      runtimeUrl: urlOf(client, entry(RUNTIME_ENTRY)),
      islandUrl: (file) => urlOf(client, entry(file)),
      preloads: (files) => [...new Set([RUNTIME_ENTRY, ...files].flatMap(importsOfEntry))],
      assetVersion: options.assetVersion,
    };
  };
  return {
    build,
    async pageScripts() {
      const client = await build();
      let scripts = scriptsByBuild.get(client);
      if (!scripts) {
        scripts = scriptsFor(client);
        scriptsByBuild.set(client, scripts);
      }
      return scripts;
    },
    async serveJs(pathname) {
      const rest = pathname.slice(JS_PREFIX.length + 1);
      const slash = rest.indexOf("/");
      const client = await build();
      const contents = slash > 0 && rest.slice(0, slash) === client.buildId
        ? client.files.get(rest.slice(slash + 1))
        : undefined;
      if (!contents) return new Response("Not Found", { status: 404 });
      return new Response(contents, {
        headers: {
          "content-type": "text/javascript; charset=utf-8",
          "cache-control": options.dev ? REVALIDATE_CACHE : IMMUTABLE_CACHE,
        },
      });
    },
  };
}
