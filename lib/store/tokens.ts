/** Revoked token ids: `["revoked_jti", jti]`, kept until the token would have expired. */
import { z } from "zod";
import { getKv } from "./kv.ts";
import { revokedJtiKey } from "./keys.ts";

const Revocation = z.object({ until: z.number() });

/** Extra time a revocation is kept past `exp`, covering the verifier's clock tolerance. */
const REVOCATION_MARGIN_MS = 5 * 60 * 1000;

/** Revokes a token id until `expiresAt` (ms since the epoch). */
export async function revokeJti(jti: string, expiresAt: number): Promise<void> {
  const kv = await getKv();
  const until = expiresAt + REVOCATION_MARGIN_MS;
  const expireIn = Math.max(1000, until - Date.now());
  await kv.set(revokedJtiKey(jti), { until }, { expireIn });
}

/** True when the token id was revoked (and its revocation has not run out). */
export async function isJtiRevoked(jti: string): Promise<boolean> {
  const kv = await getKv();
  const entry = await kv.get(revokedJtiKey(jti));
  const parsed = Revocation.safeParse(entry.value);
  return parsed.success && parsed.data.until > Date.now();
}
