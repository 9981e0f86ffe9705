/** `POST /api/{userId}/chat` `{ message, conversation_id?, client_message_id? }` → 200 when the run ends. */
import type { FreshContext, Handlers } from "$fresh/server.ts";
import { ChatInput } from "../../../lib/chat/limits.ts";
import { sendChatMessage } from "../../../lib/chat/service.ts";
import { AppError } from "../../../lib/errors.ts";
import { jsonResponse, readJsonBody } from "../../../lib/http.ts";
import type { AppState, Session } from "../../../lib/state.ts";

export const handler: Handlers<unknown, AppState> = {
  async POST(req, ctx) {
    const input = await readJsonBody(req, ChatInput);
    return jsonResponse(await sendChatMessage(sessionOf(ctx), input));
  },
};

/** The session `_middleware.ts` guarantees for every `/api/{userId}/**` route. */
function sessionOf(ctx: FreshContext<AppState>): Session {
  if (!ctx.state.session) throw new AppError("unauthenticated", "Sign in to use this endpoint");
  return ctx.state.session;
}
