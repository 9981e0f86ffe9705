/**
 * Browser bundles: one ESM entry per island file plus the runtime, code
 * split so Preact and signals exist once. Built in memory at run time, or
 * written to `_fresh/` by `deno task build` and loaded from there.
 */
import { RUNTIME_ENTRY, SNAPSHOT_FILE, SNAPSHOT_VERSION } from "./constants.ts";

/** A finished client build. */
export interface ClientBuild {
  /** Content hash; part of every bundle URL. */
  buildId: string;
  /** Output files by path relative to the build root (`islands/Counter.js`). */
  files: Map<string, Uint8Array<ArrayBuffer>>;
  /** Entry (`runtime` or a manifest island key) → output path. */
  entries: Map<string, string>;
}

/** Thrown when the client build cannot be made or loaded. */
export class BuildError extends Error {
  override name = "BuildError";
  readonly code = "build_failed";
}

const OUT_ROOT = "/frsh-out";
const RUNTIME_URL = new URL("./runtime/client.ts", import.meta.url);

function commonDir(paths: string[]): string {
  const split = paths.map((path) => path.split("/").slice(0, -1));
  const first = split[0];
  let length = first.length;
  for (const parts of split) {
    let i = 0;
    while (i < length && parts[i] === first[i]) i++;
    length = i;
  }
  return first.slice(0, length).join("/");
}

async function hashFiles(files: Map<string, Uint8Array<ArrayBuffer>>): Promise<string> {
  const parts: Uint8Array[] = [];
  const encoder = new TextEncoder();
  for (const [path, contents] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    parts.push(encoder.encode(path), contents);
  }
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", joined));
  return Array.from(digest.slice(0, 8), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Bundles the runtime and the island files (manifest keys relative to `baseUrl`). */
export async function bundleClient(
  baseUrl: URL,
  islandFiles: string[],
  dev = false,
): Promise<ClientBuild> {
  const sources = new Map<string, string>([[RUNTIME_ENTRY, RUNTIME_URL.pathname]]);
  for (const file of islandFiles) sources.set(file, new URL(file, baseUrl).pathname);
  const result = await Deno.bundle({
    entrypoints: [...sources.values()],
    write: false,
    codeSplitting: true,
    format: "esm",
    platform: "browser",
    minify: !dev,
    outputDir: OUT_ROOT,
  });
  if (!result.success || !result.outputFiles) {
    const messages = result.errors.map((error) => error.text).join("\n");
    throw new BuildError(`Cannot bundle the islands:\n${messages}\nFix the file named above.`);
  }
  const files = new Map<string, Uint8Array<ArrayBuffer>>();
  for (const output of result.outputFiles) {
    if (!output.contents) continue;
    files.set(output.path.slice(OUT_ROOT.length + 1), output.contents);
  }
  const root = commonDir([...sources.values()]);
  const entries = new Map<string, string>();
  for (const [key, path] of sources) {
    const output = path.slice(root.length + 1).replace(/\.[jt]sx?$/, ".js");
    if (!files.has(output)) {
      throw new BuildError(`Bundle of "${key}" is missing (expected "${output}")`);
    }
    entries.set(key, output);
  }
  return { buildId: await hashFiles(files), files, entries };
}

const IMPORT = /(?:\bimport|\bfrom)\s*["']([^"']+\.js)["']/g;

/** Paths of the modules `path` imports statically, transitively, itself included. */
export function staticImports(build: ClientBuild, path: string, seen = new Set<string>()) {
  if (seen.has(path)) return seen;
  seen.add(path);
  const contents = build.files.get(path);
  if (!contents) return seen;
  const text = new TextDecoder().decode(contents);
  const dir = path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "";
  for (const match of text.matchAll(IMPORT)) {
    const target = new URL(match[1], `http://x/${dir}`).pathname.slice(1);
    if (build.files.has(target)) staticImports(build, target, seen);
  }
  return seen;
}

interface Snapshot {
  version: number;
  build_id: string;
  entries: Record<string, string>;
  files: string[];
}

/** Writes a build to `outDir` (`js/…` and `snapshot.json`), replacing what was there. */
export async function writeSnapshot(outDir: URL, build: ClientBuild): Promise<void> {
  await Deno.remove(outDir, { recursive: true }).catch(() => {});
  for (const [path, contents] of build.files) {
    const target = new URL(`js/${path}`, outDir);
    await Deno.mkdir(new URL(".", target), { recursive: true });
    await Deno.writeFile(target, contents);
  }
  const snapshot: Snapshot = {
    version: SNAPSHOT_VERSION,
    build_id: build.buildId,
    entries: Object.fromEntries(build.entries),
    files: [...build.files.keys()].sort(),
  };
  await Deno.writeTextFile(new URL(SNAPSHOT_FILE, outDir), JSON.stringify(snapshot, null, 2));
}

/**
 * Loads a build written by {@linkcode writeSnapshot}, or returns null when
 * there is none. A snapshot that lacks one of `islandFiles` is an error.
 */
export async function loadSnapshot(
  outDir: URL,
  islandFiles: string[],
): Promise<ClientBuild | null> {
  const snapshotUrl = new URL(SNAPSHOT_FILE, outDir);
  let text: string;
  try {
    text = await Deno.readTextFile(snapshotUrl);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
  const snapshot = JSON.parse(text) as Snapshot;
  if (snapshot.version !== SNAPSHOT_VERSION) return null;
  for (const file of islandFiles) {
    if (!(file in snapshot.entries)) {
      throw new BuildError(
        `Island "${file}" is missing from the build snapshot ${snapshotUrl.pathname}: ` +
          `run "deno task build" again, or delete the folder to bundle at start-up`,
      );
    }
  }
  const files = new Map<string, Uint8Array<ArrayBuffer>>();
  for (const path of snapshot.files) {
    files.set(path, await Deno.readFile(new URL(`js/${path}`, outDir)));
  }
  return { buildId: snapshot.build_id, files, entries: new Map(Object.entries(snapshot.entries)) };
}
