/**
 * `GET /api/{userId}/conversations/{conversationId}/messages` →
 * `{ messages, active_run }`: messages oldest first, and the run in flight.
 */
import type { Handlers } from "$fresh/server.ts";
import { getConversationView } from "../../../../../lib/chat/service.ts";
import { jsonResponse } from "../../../../../lib/http.ts";

export const handler: Handlers = {
  async GET(_req, ctx) {
    const { userId, conversationId } = ctx.params;
    return jsonResponse(await getConversationView(userId, conversationId));
  },
};
