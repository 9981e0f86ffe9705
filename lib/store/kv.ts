import { getConfig } from "../config.ts";

let opened: Promise<Deno.Kv> | undefined;

/**
 * The process's one Deno KV handle, opened on first use from `KV_PATH`
 * (`:memory:` for tests). The parent folder of a file path is created.
 */
export function getKv(): Promise<Deno.Kv> {
  opened ??= openKv(getConfig().KV_PATH);
  return opened;
}

async function openKv(path: string): Promise<Deno.Kv> {
  if (path !== ":memory:" && !path.includes("://")) {
    const folder = path.replace(/[^/\\]*$/, "");
    if (folder) await Deno.mkdir(folder, { recursive: true });
  }
  return await Deno.openKv(path);
}

/** Closes the KV handle (shutdown and tests). */
export async function closeKv(): Promise<void> {
  if (!opened) return;
  const kv = await opened;
  opened = undefined;
  kv.close();
}
