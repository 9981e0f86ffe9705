/** The client address used for login throttling. */

/**
 * The peer's IP address from `ctx.remoteAddr`, or undefined when the
 * connection has none (Unix sockets, in-process tests). Forwarding headers are
 * not trusted: a client could send any value.
 */
export function clientAddress(ctx: { remoteAddr?: Deno.Addr }): string | undefined {
  const addr = ctx.remoteAddr;
  return addr && (addr.transport === "tcp" || addr.transport === "udp") ? addr.hostname : undefined;
}
