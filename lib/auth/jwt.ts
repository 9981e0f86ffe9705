/**
 * Session tokens: HS256 JWTs (jose) with `sub`, `iat`, `exp` (24 h) and `jti`.
 * Verification pins HS256 and allows 60 s of clock skew. The key is
 * `JWT_SECRET`, or, when unset, a secret generated once and kept in KV.
 */
import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { getConfig } from "../config.ts";
import { log } from "../log.ts";
import { getKv } from "../store/kv.ts";
import { getOrCreateSecret } from "../store/secrets.ts";

/** How long a token lives. */
export const TOKEN_TTL_SECONDS = 24 * 60 * 60;
/** Clock skew tolerated when checking `exp` (and `iat`). */
export const CLOCK_TOLERANCE_SECONDS = 60;
const ALGORITHM = "HS256";
const SECRET_NAME = "jwt_hs256";

/** A freshly signed token. */
export interface IssuedToken {
  token: string;
  jti: string;
  /** Expiry in ms since the epoch. */
  expiresAt: number;
}

const Claims = z.object({
  sub: z.string().min(1).max(200),
  jti: z.string().min(1).max(200),
  iat: z.number(),
  exp: z.number(),
});

/** The verified claims of a token. */
export interface TokenClaims {
  userId: string;
  jti: string;
  /** Expiry in ms since the epoch. */
  expiresAt: number;
}

/** Signs a token for `user`, valid for 24 hours. */
export async function issueToken(user: { id: string }): Promise<IssuedToken> {
  const now = Math.floor(Date.now() / 1000);
  const jti = crypto.randomUUID();
  const exp = now + TOKEN_TTL_SECONDS;
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
    .setSubject(user.id)
    .setIssuedAt(now)
    .setExpirationTime(exp)
    .setJti(jti)
    .sign(await signingKey());
  return { token, jti, expiresAt: exp * 1000 };
}

/**
 * Verifies signature (HS256 only), `exp` and the presence of every claim.
 * Returns null for any bad token; never throws for bad input.
 * Revocation is checked by the caller (`lib/auth/session.ts`).
 */
export async function verifyToken(token: string): Promise<TokenClaims | null> {
  if (token.length > 4096) return null;
  try {
    const { payload } = await jwtVerify(token, await signingKey(), {
      algorithms: [ALGORITHM],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ["sub", "jti", "iat", "exp"],
    });
    const claims = Claims.safeParse(payload);
    if (!claims.success) return null;
    if (claims.data.iat > Date.now() / 1000 + CLOCK_TOLERANCE_SECONDS) return null;
    return { userId: claims.data.sub, jti: claims.data.jti, expiresAt: claims.data.exp * 1000 };
  } catch (error) {
    if (error instanceof joseErrors.JOSEError) return null;
    throw error;
  }
}

const storedKeys = new WeakMap<Deno.Kv, Promise<Uint8Array>>();

async function signingKey(): Promise<Uint8Array> {
  const configured = getConfig().JWT_SECRET;
  if (configured) return new TextEncoder().encode(configured);
  const kv = await getKv();
  let key = storedKeys.get(kv);
  if (!key) {
    key = loadStoredKey();
    storedKeys.set(kv, key);
    key.catch(() => storedKeys.delete(kv));
  }
  return await key;
}

async function loadStoredKey(): Promise<Uint8Array> {
  const secret = await getOrCreateSecret(SECRET_NAME, () => {
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    return btoa(String.fromCharCode(...bytes));
  });
  log.warn(
    secret.created
      ? "JWT_SECRET is not set: generated a signing key and stored it in KV"
      : "JWT_SECRET is not set: using the signing key stored in KV",
    { hint: "Set JWT_SECRET (at least 32 bytes) to manage the key yourself" },
  );
  return Uint8Array.from(atob(secret.value), (c) => c.charCodeAt(0));
}
