import { type Config, getConfig } from "../config.ts";
import { AppError, errorResponse } from "../errors.ts";
import { describeError, log, redactUrl } from "../log.ts";
import type { Session } from "../state.ts";
import { CLOSE } from "./constants.ts";
import type { Hub } from "./hub.ts";
import { isOriginAllowed } from "../origin.ts";
import type { Connection } from "./connection.ts";
import { type ChatActions, SocketSession } from "./socket_session.ts";

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
  const listener = new SocketListener(socket, userId, hub, deps.chat, config, authenticated);
  for (const type of ["open", "message", "close", "error"]) {
    socket.addEventListener(type, listener);
  }
  return response;
}

/**
 * Every event of one upgraded socket goes to this one object (`handleEvent`):
 * no closures per socket, and only the state a socket needs.
 */
class SocketListener {
  #socket: WebSocket;
  #userId: string;
  #hub: Hub;
  #chat: ChatActions;
  #config: Config;
  #authenticated?: Promise<Session | null>;
  /** Frames sent before the credentials are checked (allocated only if any arrive). */
  #early?: unknown[];
  #session?: SocketSession;
  #connection?: Connection;

  constructor(
    socket: WebSocket,
    userId: string,
    hub: Hub,
    chat: ChatActions,
    config: Config,
    authenticated: Promise<Session | null>,
  ) {
    this.#socket = socket;
    this.#userId = userId;
    this.#hub = hub;
    this.#chat = chat;
    this.#config = config;
    this.#authenticated = authenticated;
  }

  handleEvent(event: Event): void {
    switch (event.type) {
      case "message":
        return this.#onMessage((event as MessageEvent).data);
      case "open":
        this.#onOpen().catch((error) => {
          log.error("Socket setup failed", describeError(error));
          this.#socket.close(CLOSE.SERVER_ERROR, "Unexpected server error");
        });
        return;
      case "close":
        this.#connection?.markClosed();
        this.#connection = this.#session = this.#early = undefined;
        return;
        // "error": the close event follows; nothing to add
    }
  }

  #onMessage(data: unknown): void {
    if (this.#session) return this.#session.onFrame(data);
    if (this.#connection || this.#socket.readyState !== WebSocket.OPEN) return;
    // Frames sent before the credentials are checked wait, up to the flood burst.
    const early = this.#early ??= [];
    if (early.length < this.#config.WS_MAX_FRAMES_PER_SECOND * 2) early.push(data);
    else this.#socket.close(CLOSE.TOO_MANY, "Too many frames");
  }

  async #onOpen(): Promise<void> {
    const session = await this.#authenticated;
    this.#authenticated = undefined;
    const socket = this.#socket;
    if (socket.readyState !== WebSocket.OPEN) return;
    if (!session || session.expiresAt <= Date.now()) {
      return socket.close(CLOSE.UNAUTHENTICATED, "Not authenticated");
    }
    if (session.user.id !== this.#userId) return socket.close(CLOSE.FORBIDDEN, "Not your socket");
    const connection = this.#hub.connect(
      { userId: this.#userId, jti: session.jti, expiresAt: session.expiresAt },
      socket,
    );
    if (connection === "too_many_sockets") {
      return socket.close(CLOSE.TOO_MANY, "Too many sockets for this user");
    }
    if (connection === "shutting_down") return socket.close(CLOSE.GOING_AWAY, "Server restarting");
    this.#connection = connection;
    const inbound = new SocketSession({
      hub: this.#hub,
      connection,
      session,
      chat: this.#chat,
      limits: {
        maxFrameBytes: this.#config.WS_MAX_FRAME_BYTES,
        maxFramesPerSecond: this.#config.WS_MAX_FRAMES_PER_SECOND,
      },
    });
    this.#session = inbound;
    const waiting = this.#early;
    this.#early = undefined;
    if (waiting) { for (const data of waiting) inbound.onFrame(data); }
  }
}
