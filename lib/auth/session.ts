/** Request → session: the token from a bearer header, the cookie or (sockets) `?token=`. */
import type { Session } from "../state.ts";
import { isJtiRevoked } from "../store/tokens.ts";
import { findUserById, publicUser } from "../store/users.ts";
import { AUTH_COOKIE, readCookie } from "./cookies.ts";
import { verifyToken } from "./jwt.ts";

/** Options for {@linkcode authenticateRequest}. */
export interface AuthenticateOptions {
  /** Accept `?token=<jwt>` (WebSocket upgrades only). @default false */
  allowQueryToken?: boolean;
}

/**
 * The session behind a request, or null when it carries no valid credentials.
 * Looks at `Authorization: Bearer`, then the `auth_token` cookie, then (when
 * allowed) `?token=`; the first one present decides.
 */
export async function authenticateRequest(
  req: Request,
  options: AuthenticateOptions = {},
): Promise<Session | null> {
  const token = requestToken(req, options);
  return token ? await authenticateToken(token) : null;
}

/** The session for a raw token: valid signature and `exp`, not revoked, user exists. */
export async function authenticateToken(token: string): Promise<Session | null> {
  const claims = await verifyToken(token);
  if (!claims || await isJtiRevoked(claims.jti)) return null;
  const user = await findUserById(claims.userId);
  if (!user) return null;
  return { user: publicUser(user), jti: claims.jti, expiresAt: claims.expiresAt };
}

function requestToken(req: Request, options: AuthenticateOptions): string | undefined {
  const authorization = req.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match?.[1];
  }
  const cookie = readCookie(req, AUTH_COOKIE);
  if (cookie) return cookie;
  if (options.allowQueryToken) {
    return new URL(req.url).searchParams.get("token") ?? undefined;
  }
  return undefined;
}
