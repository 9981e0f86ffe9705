/** Generated secrets kept in KV (`["secrets", name]`), created once and shared by every instance. */
import { RETRY, withAtomicRetry } from "./atomic.ts";
import { getKv } from "./kv.ts";
import { secretKey } from "./keys.ts";

/** A stored secret and whether this call generated it. */
export interface StoredSecret {
  value: string;
  created: boolean;
}

/**
 * Returns the secret stored under `name`, generating it with `generate` the
 * first time. Concurrent first calls (even on other instances) agree on one
 * value through an atomic check. Secrets never expire.
 */
export async function getOrCreateSecret(
  name: string,
  generate: () => string,
): Promise<StoredSecret> {
  const kv = await getKv();
  const key = secretKey(name);
  return await withAtomicRetry(async () => {
    const existing = await kv.get<string>(key);
    if (typeof existing.value === "string") return { value: existing.value, created: false };
    const value = generate();
    const result = await kv.atomic().check({ key, versionstamp: null }).set(key, value).commit();
    return result.ok ? { value, created: true } : RETRY;
  });
}
