import type { Handlers } from "$fresh/server.ts";

/** `GET /healthz`: 200 `{ "status": "ok" }` once the server accepts requests. */
export const handler: Handlers = {
  GET() {
    return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
  },
};
