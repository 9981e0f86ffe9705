/** The session cookie: `auth_token=<jwt>; HttpOnly; SameSite=Lax; Path=/` (+ `Secure` over https). */
import { TOKEN_TTL_SECONDS } from "./jwt.ts";

/** Name of the session cookie. */
export const AUTH_COOKIE = "auth_token";

/** The `Set-Cookie` value that stores a session token for 24 hours. */
export function sessionCookie(token: string, req: Request): string {
  return cookie(token, TOKEN_TTL_SECONDS, req);
}

/** The `Set-Cookie` value that clears the session cookie. */
export function clearedSessionCookie(req: Request): string {
  return `${cookie("", 0, req)}; Expires=Thu, 01 Jan 1970 00:00:00 GMT`;
}

/** The value of one cookie of a request, or undefined. */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** True when the client reached us over https (directly or through a proxy that says so). */
export function isHttpsRequest(req: Request): boolean {
  const forwarded = req.headers.get("x-forwarded-proto")?.split(",")[0].trim().toLowerCase();
  return new URL(req.url).protocol === "https:" || forwarded === "https";
}

function cookie(value: string, maxAge: number, req: Request): string {
  const parts = [
    `${AUTH_COOKIE}=${value}`,
    "HttpOnly",
    "SameSite=Lax",
    "Path=/",
    `Max-Age=${maxAge}`,
  ];
  if (isHttpsRequest(req)) parts.push("Secure");
  return parts.join("; ");
}
