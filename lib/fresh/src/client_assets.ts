/**
 * The client build of one handler: loaded from the `_fresh/` snapshot when
 * present, else bundled in memory on first need (the first page with islands
 * or the first `/_frsh/js/…` request; `start()` warms it up right after
 * listening). Nothing is written to disk at run time.
 */
import { bundleClient, type ClientBuild, loadSnapshot, staticImports } from "./bundle.ts";
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
  return {
    build,
    async pageScripts() {
      const client = await build();
      const entry = (key: string) => {
        const path = client.entries.get(key);
        if (!path) {
          throw new Error(`Island "${key}" has no bundle: regenerate fresh.gen.ts and restart`);
        }
        return path;
      };
      return {
        runtimeUrl: urlOf(client, entry(RUNTIME_ENTRY)),
        islandUrl: (file) => urlOf(client, entry(file)),
        preloads(files) {
          const seen = new Set<string>();
          for (const key of [RUNTIME_ENTRY, ...files]) staticImports(client, entry(key), seen);
          return [...seen].map((path) => urlOf(client, path));
        },
        assetVersion: options.assetVersion,
      };
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
