/** Small network helpers for tests that start servers of their own. */

/** A TCP port on 127.0.0.1 that was free a moment ago (for servers that cannot take port 0). */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  return port;
}
