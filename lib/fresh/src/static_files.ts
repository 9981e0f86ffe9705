/** Serving `static/`: content type by extension, ETag/304 and immutable assets. */
import { ASSET_CACHE_BUST_KEY, IMMUTABLE_CACHE, REVALIDATE_CACHE } from "./constants.ts";

const CONTENT_TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  mjs: "text/javascript; charset=utf-8",
  json: "application/json; charset=utf-8",
  map: "application/json; charset=utf-8",
  webmanifest: "application/manifest+json; charset=utf-8",
  txt: "text/plain; charset=utf-8",
  xml: "application/xml; charset=utf-8",
  svg: "image/svg+xml",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  ico: "image/x-icon",
  woff: "font/woff",
  woff2: "font/woff2",
  ttf: "font/ttf",
  otf: "font/otf",
  wasm: "application/wasm",
  pdf: "application/pdf",
  mp4: "video/mp4",
  webm: "video/webm",
};

/** Content type for a file name, by extension. */
export function contentTypeFor(name: string): string {
  const extension = name.slice(name.lastIndexOf(".") + 1).toLowerCase();
  return CONTENT_TYPES[extension] ?? "application/octet-stream";
}

/** The static folder of an app. */
export interface StaticFiles {
  /** The file URL for a request path, if the folder has that file. */
  lookup(pathname: string): Promise<URL | undefined>;
  /** Answers a GET or HEAD for a file `lookup` found. */
  serve(req: Request, url: URL, file: URL): Promise<Response>;
}

async function listFiles(dir: URL, prefix = ""): Promise<string[]> {
  const found: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      const path = `${prefix}/${entry.name}`;
      if (entry.isDirectory) found.push(...await listFiles(new URL(`${entry.name}/`, dir), path));
      else if (entry.isFile) found.push(path);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return found;
}

async function etagOf(contents: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", contents));
  const hex = Array.from(digest.slice(0, 12), (byte) => byte.toString(16).padStart(2, "0"));
  return `W/"${hex.join("")}"`;
}

/** True when an `If-None-Match` header names `etag`. */
export function matchesEtag(header: string | null, etag: string): boolean {
  if (!header) return false;
  const weak = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || weak(tag) === weak(etag));
}

interface CachedFile {
  contents: Uint8Array<ArrayBuffer>;
  etag: string;
  /** Modification time when read (checked again in development only). */
  mtime: number;
}

async function readCached(file: URL): Promise<CachedFile> {
  const [contents, info] = await Promise.all([Deno.readFile(file), Deno.stat(file)]);
  return { contents, etag: await etagOf(contents), mtime: info.mtime?.getTime() ?? 0 };
}

/**
 * Serves files from `dir`, listed once on first use. In production each
 * file is read and hashed once, then served from memory; in development it
 * is read again whenever its modification time changes.
 */
export function createStaticFiles(dir: URL, dev: boolean): StaticFiles {
  let listed: Promise<Set<string>> | undefined;
  const cache = new Map<string, Promise<CachedFile>>();

  async function load(file: URL): Promise<CachedFile> {
    let pending = cache.get(file.href);
    if (pending && dev) {
      const [cached, info] = await Promise.all([pending, Deno.stat(file)]);
      if (cached.mtime !== (info.mtime?.getTime() ?? 0)) pending = undefined;
    }
    if (!pending) {
      pending = readCached(file);
      cache.set(file.href, pending);
      pending.catch(() => cache.delete(file.href));
    }
    return await pending;
  }

  return {
    async lookup(pathname) {
      listed ??= listFiles(dir).then((files) => new Set(files));
      let decoded: string;
      try {
        decoded = decodeURIComponent(pathname);
      } catch {
        return undefined;
      }
      if (decoded.includes("\0") || decoded.split("/").includes("..")) return undefined;
      return (await listed).has(decoded) ? new URL(`.${decoded}`, dir) : undefined;
    },
    async serve(req, url, file) {
      const { contents, etag } = await load(file);
      const headers = new Headers({
        "content-type": contentTypeFor(file.pathname),
        etag,
        vary: "If-None-Match",
        "cache-control": !dev && url.searchParams.has(ASSET_CACHE_BUST_KEY)
          ? IMMUTABLE_CACHE
          : REVALIDATE_CACHE,
      });
      if (matchesEtag(req.headers.get("if-none-match"), etag)) {
        return new Response(null, { status: 304, headers });
      }
      headers.set("content-length", String(contents.length));
      return new Response(req.method === "HEAD" ? null : contents, { headers });
    },
  };
}
