/** `GET /api/{userId}/conversations/{conversationId}/messages` → `{ messages }`, oldest first. */
import type { Handlers } from "$fresh/server.ts";
import { getConversationMessages } from "../../../../../lib/chat/service.ts";
import { jsonResponse } from "../../../../../lib/http.ts";

export const handler: Handlers = {
  async GET(_req, ctx) {
    const { userId, conversationId } = ctx.params;
    return jsonResponse({ messages: await getConversationMessages(userId, conversationId) });
  },
};
