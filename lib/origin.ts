/**
 * The cross-site guard for state-changing requests and WebSocket upgrades
 * (cross-site request forgery, cross-site WebSocket hijacking): a request with
 * an `Origin` is allowed only from the server's own origin or one listed in
 * `ALLOWED_ORIGINS`. Requests without `Origin` (scripts, other servers, old
 * browsers) are allowed; they still need credentials.
 */
export function isOriginAllowed(req: Request, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.get("origin");
  if (origin === null) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false; // includes the opaque "null" origin
  }
  const host = req.headers.get("host") ?? new URL(req.url).host;
  if (parsed.host === host) return true;
  return allowedOrigins.some((allowed) => sameOrigin(allowed, parsed));
}

function sameOrigin(allowed: string, origin: URL): boolean {
  try {
    return new URL(allowed).origin === origin.origin;
  } catch {
    return false;
  }
}
