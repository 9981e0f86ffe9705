/** `GET /api/{userId}/conversations` → `{ conversations }`, most recent first. */
import type { Handlers } from "$fresh/server.ts";
import { getConversations } from "../../../../lib/chat/service.ts";
import { jsonResponse } from "../../../../lib/http.ts";

export const handler: Handlers = {
  async GET(_req, ctx) {
    return jsonResponse({ conversations: await getConversations(ctx.params.userId) });
  },
};
