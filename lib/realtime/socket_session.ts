import { AppError, type ErrorCode } from "../errors.ts";
import { describeError, log } from "../log.ts";
import type { Session } from "../state.ts";
import type { Connection } from "./connection.ts";
import { CLOSE } from "./constants.ts";
import { ClientFrame } from "./events.ts";
import type { Hub } from "./hub.ts";
import { TokenBucket } from "./token_bucket.ts";

/** The chat input a `chat` frame carries. */
export type ChatInput = Omit<Extract<ClientFrame, { type: "chat" }>, "type">;

/** What the socket needs from the chat service (`lib/chat/service.ts`). */
export interface ChatActions {
  /** Starts a run as `POST /chat` does; rejects with an AppError. */
  sendChatMessage(session: Session, input: ChatInput): Promise<unknown>;
  /** Stops a run of the user on whichever instance runs it; false when unknown or finished. */
  cancelRun(userId: string, runId: string): Promise<boolean>;
}

/** Inbound limits of one socket. */
export interface SocketLimits {
  /** Largest inbound frame, in bytes (over → 1009). */
  maxFrameBytes: number;
  /** Sustained inbound frames per second (over → 4429). */
  maxFramesPerSecond: number;
}

/** Dependencies of {@linkcode attachSocketSession}. */
export interface SocketSessionOptions {
  hub: Hub;
  connection: Connection;
  session: Session;
  chat: ChatActions;
  limits: SocketLimits;
}

const MAX_TIMER_MS = 2 ** 31 - 1;
const encoder = new TextEncoder();

/**
 * Runs one authenticated socket's inbound side, runtime-neutral: limits,
 * validation, `ping`/`resume`/`chat`/`cancel`, and closing with 4401 when the
 * token expires. Returns the frame handler and a `dispose` for when it closes.
 */
export function attachSocketSession(
  options: SocketSessionOptions,
): { onFrame(data: unknown): void; dispose(): void } {
  const { hub, connection, session, chat, limits } = options;
  const bucket = new TokenBucket({ ratePerSecond: limits.maxFramesPerSecond });
  const expiry = scheduleExpiry(connection, session.expiresAt);
  connection.onClose(() => clearTimeout(expiry));

  const reject = (code: ErrorCode, message: string) =>
    hub.sendTo(connection, { event_type: "error", error: { code, message } });

  const fail = (error: unknown) => {
    if (connection.closed) return;
    if (error instanceof AppError) return reject(error.code, error.message);
    log.error("Socket action failed", { connection_id: connection.id, ...describeError(error) });
    reject("internal_error", "Something went wrong on our side. Please try again.");
  };

  const dispatch = (frame: ClientFrame) => {
    switch (frame.type) {
      case "ping":
        return hub.sendTo(connection, { event_type: "pong" });
      case "resume":
        return hub.resume(connection, frame.last_event_id);
      case "chat": {
        const { type: _type, ...input } = frame;
        chat.sendChatMessage(session, input).catch(fail);
        return;
      }
      case "cancel":
        chat.cancelRun(session.user.id, frame.run_id).then((found) => {
          if (!found && !connection.closed) reject("not_found", "No such run is in progress");
        }).catch(fail);
        return;
    }
  };

  const onFrame = (data: unknown) => {
    if (connection.closed) return;
    if (!bucket.take()) return connection.close(CLOSE.TOO_MANY, "Too many frames");
    if (frameBytes(data) > limits.maxFrameBytes) {
      return connection.close(CLOSE.TOO_BIG, "Frame too large");
    }
    if (typeof data !== "string") {
      return reject("invalid_request", "Binary frames are not supported; send JSON text");
    }
    let value: unknown;
    try {
      value = JSON.parse(data);
    } catch {
      return reject("invalid_request", "Frame is not valid JSON");
    }
    const parsed = ClientFrame.safeParse(value);
    if (!parsed.success) return reject("invalid_request", describeFrameProblem(value));
    dispatch(parsed.data);
  };

  return { onFrame, dispose: () => clearTimeout(expiry) };
}

/** Closes the connection with 4401 when its token expires (one timer, no polling). */
function scheduleExpiry(
  connection: Connection,
  expiresAt: number,
): ReturnType<typeof setTimeout> {
  const close = () => connection.close(CLOSE.UNAUTHENTICATED, "Session expired");
  const wait = expiresAt - Date.now();
  if (wait <= MAX_TIMER_MS) return setTimeout(close, Math.max(0, wait));
  // Tokens living longer than ~24 days: re-arm once the first timer fires.
  return setTimeout(() => {
    const next = scheduleExpiry(connection, expiresAt);
    connection.onClose(() => clearTimeout(next));
  }, MAX_TIMER_MS);
}

function frameBytes(data: unknown): number {
  if (typeof data === "string") {
    // UTF-8 takes at most 3 bytes per UTF-16 unit: only encode when it matters.
    return data.length * 3 <= 16 * 1024 ? data.length : encoder.encode(data).length;
  }
  if (data instanceof ArrayBuffer) return data.byteLength;
  if (ArrayBuffer.isView(data)) return data.byteLength;
  if (data instanceof Blob) return data.size;
  return 0;
}

function describeFrameProblem(value: unknown): string {
  const type = typeof value === "object" && value !== null && "type" in value
    ? (value as { type: unknown }).type
    : undefined;
  if (typeof type !== "string") return `Frame needs a "type": one of ping, resume, chat, cancel`;
  if (!["ping", "resume", "chat", "cancel"].includes(type)) {
    return `Unknown frame type "${type.slice(0, 40)}": expected ping, resume, chat or cancel`;
  }
  return `Frame "${type}" does not match the protocol`;
}
