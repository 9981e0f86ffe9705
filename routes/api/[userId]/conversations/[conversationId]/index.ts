/** `DELETE /api/{userId}/conversations/{conversationId}` → 204 (404 when not the user's). */
import type { Handlers } from "$fresh/server.ts";
import { removeConversation } from "../../../../../lib/chat/service.ts";
import { noContent } from "../../../../../lib/http.ts";

export const handler: Handlers = {
  async DELETE(_req, ctx) {
    await removeConversation(ctx.params.userId, ctx.params.conversationId);
    return noContent();
  },
};
