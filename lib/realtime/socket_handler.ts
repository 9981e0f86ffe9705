import { type Config, getConfig } from "../config.ts";
import { AppError, errorResponse } from "../errors.ts";
import { describeError, log, redactUrl } from "../log.ts";
import type { Session } from "../state.ts";
import { CLOSE } from "./constants.ts";
import type { Hub } from "./hub.ts";
import { isOriginAllowed } from "./origin.ts";
import { wrapWebSocket } from "./socket.ts";
import { attachSocketSession, type ChatActions } from "./socket_session.ts";

/** Dependencies of {@linkcode handleChatSocket}. */
export interface ChatSocketDeps {
  /** Reads the request's credentials (cookie, bearer or `?token=`); null when none are valid. */
  authenticate(req: Request): Promise<Session | null>;
  chat: ChatActions;
  /** The hub sockets join (the route passes `getHub`). */
  hub: () => Hub;
  /** @default getConfig */
  config?: () => Config;
}

/**
 * `GET /ws/{userId}/chat`: 426 without an upgrade, 403 for a foreign Origin
 * (before upgrading), then upgrades and closes with 4401/4403/4429 or hands
 * the socket to the hub.
 */
export function handleChatSocket(req: Request, userId: string, deps: ChatSocketDeps): Response {
  const config = (deps.config ?? getConfig)();
  if (req.headers.get("upgrade")?.toLowerCase() !== "websocket") {
    return errorResponse(
      new AppError("upgrade_required", "This path only speaks WebSocket; open it with an upgrade"),
    );
  }
  if (!isOriginAllowed(req, config.ALLOWED_ORIGINS)) {
    log.warn("WebSocket refused: foreign origin", {
      origin: req.headers.get("origin"),
      path: redactUrl(req.url),
    });
    return errorResponse(new AppError("forbidden", "This origin may not open a socket here"));
  }
  const hub = deps.hub();
  const authenticated = deps.authenticate(req).catch((error) => {
    log.error("Socket authentication failed", describeError(error));
    return null;
  });
  const { socket, response } = Deno.upgradeWebSocket(req, {
    idleTimeout: config.WS_IDLE_TIMEOUT_SECONDS,
  });
  // Frames sent before the credentials are checked wait, up to the flood burst.
  const maxEarlyFrames = config.WS_MAX_FRAMES_PER_SECOND * 2;
  let early: unknown[] | undefined;
  let onFrame: ((data: unknown) => void) | undefined;
  socket.onmessage = (event) => {
    if (onFrame) onFrame(event.data);
    else if ((early ??= []).length < maxEarlyFrames) early.push(event.data);
    else socket.close(CLOSE.TOO_MANY, "Too many frames");
  };
  socket.onerror = () => {}; // the close event follows; nothing to add
  socket.onopen = async () => {
    const session = await authenticated;
    if (socket.readyState !== WebSocket.OPEN) return;
    if (!session || session.expiresAt <= Date.now()) {
      return socket.close(CLOSE.UNAUTHENTICATED, "Not authenticated");
    }
    if (session.user.id !== userId) return socket.close(CLOSE.FORBIDDEN, "Not your socket");
    const connection = hub.connect({ userId, jti: session.jti }, wrapWebSocket(socket));
    if (connection === "too_many_sockets") {
      return socket.close(CLOSE.TOO_MANY, "Too many sockets for this user");
    }
    if (connection === "shutting_down") return socket.close(CLOSE.GOING_AWAY, "Server restarting");
    const inbound = attachSocketSession({
      hub,
      connection,
      session,
      chat: deps.chat,
      limits: {
        maxFrameBytes: config.WS_MAX_FRAME_BYTES,
        maxFramesPerSecond: config.WS_MAX_FRAMES_PER_SECOND,
      },
    });
    socket.onclose = () => {
      inbound.dispose();
      connection.markClosed();
    };
    onFrame = inbound.onFrame;
    const waiting = early ?? [];
    early = undefined;
    for (const data of waiting) onFrame(data);
  };
  return response;
}
