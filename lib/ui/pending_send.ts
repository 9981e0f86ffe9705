/**
 * Our own chat message until the server accepts it: the `chat` frame it is
 * sent as, and its resending after a reconnect. The frame carries a
 * `client_message_id`, so a frame that did reach the server before the socket
 * dropped starts no second run (protocol.md, `POST /chat`).
 */
import type { ClientFrame } from "../realtime/events.ts";
import type { RealtimeClient } from "../realtime/client.ts";
import type { PendingSend } from "./chat_state.ts";

/** The `chat` frame for a pending send. */
export function chatFrame(send: PendingSend): Extract<ClientFrame, { type: "chat" }> {
  return {
    type: "chat",
    message: send.content,
    client_message_id: send.client_message_id,
    ...(send.conversation_id ? { conversation_id: send.conversation_id } : {}),
  };
}

/**
 * Sends the pending message (if any) each time the socket becomes live
 * again, after the client's `resume`. Returns an unsubscribe.
 *
 * @example
 * ```ts
 * useEffect(() => resendWhenLive(client, () => chat.peek().pending), [client]);
 * ```
 */
export function resendWhenLive(
  client: Pick<RealtimeClient, "state" | "send">,
  pending: () => PendingSend | null,
): () => void {
  let wasLive = client.state.peek().status === "live";
  return client.state.subscribe((state) => {
    const live = state.status === "live";
    const becameLive = live && !wasLive;
    wasLive = live;
    const send = pending();
    if (becameLive && send) client.send(chatFrame(send));
  });
}
