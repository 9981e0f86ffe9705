import type { FreshContext } from "$fresh/server.ts";
import { authenticateRequest } from "../../../lib/auth/session.ts";
import { cancelRun, sendChatMessage } from "../../../lib/chat/service.ts";
import { getHub } from "../../../lib/realtime/hub_instance.ts";
import { handleChatSocket } from "../../../lib/realtime/socket_handler.ts";

/** `GET /ws/{userId}/chat`: the live event socket (see lib/realtime/socket_handler.ts). */
export const handler = (req: Request, ctx: FreshContext): Response =>
  handleChatSocket(req, ctx.params.userId, {
    authenticate: (request) => authenticateRequest(request, { allowQueryToken: true }),
    chat: { sendChatMessage, cancelRun },
    hub: getHub,
  });
