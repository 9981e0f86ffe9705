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

/** Which client frame an `error` event answers. */
type FrameReference = { client_message_id?: string; run_id?: string };

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

/** Dependencies of {@linkcode SocketSession}. */
export interface SocketSessionOptions {
  hub: Hub;
  connection: Connection;
  session: Session;
  chat: ChatActions;
  limits: SocketLimits;
}

const encoder = new TextEncoder();

/**
 * One authenticated socket's inbound side, runtime-neutral: limits,
 * validation, `ping`/`resume`/`chat`/`cancel`. Methods live on the prototype
 * (no closures per socket); token expiry is the hub's shared sweep.
 */
export class SocketSession {
  #hub: Hub;
  #connection: Connection;
  #session: Session;
  #chat: ChatActions;
  #maxFrameBytes: number;
  #bucket: TokenBucket;

  constructor(options: SocketSessionOptions) {
    this.#hub = options.hub;
    this.#connection = options.connection;
    this.#session = options.session;
    this.#chat = options.chat;
    this.#maxFrameBytes = options.limits.maxFrameBytes;
    this.#bucket = new TokenBucket({ ratePerSecond: options.limits.maxFramesPerSecond });
  }

  /** Handles one inbound frame (text or binary). */
  onFrame(data: unknown): void {
    const connection = this.#connection;
    if (connection.closed) return;
    if (!this.#bucket.take()) return connection.close(CLOSE.TOO_MANY, "Too many frames");
    if (frameBytes(data) > this.#maxFrameBytes) {
      return connection.close(CLOSE.TOO_BIG, "Frame too large");
    }
    if (typeof data !== "string") {
      return this.#reject("invalid_request", "Binary frames are not supported; send JSON text");
    }
    let value: unknown;
    try {
      value = JSON.parse(data);
    } catch {
      return this.#reject("invalid_request", "Frame is not valid JSON");
    }
    const parsed = ClientFrame.safeParse(value);
    if (!parsed.success) return this.#reject("invalid_request", describeFrameProblem(value));
    this.#dispatch(parsed.data);
  }

  #dispatch(frame: ClientFrame): void {
    switch (frame.type) {
      case "ping":
        return this.#hub.sendTo(this.#connection, { event_type: "pong" });
      case "resume":
        return this.#hub.resume(this.#connection, frame.last_event_id);
      case "chat": {
        const { type: _type, ...input } = frame;
        const answers = { client_message_id: input.client_message_id };
        this.#chat.sendChatMessage(this.#session, input).catch((error) =>
          this.#fail(error, answers)
        );
        return;
      }
      case "cancel": {
        const answers = { run_id: frame.run_id };
        this.#chat.cancelRun(this.#session.user.id, frame.run_id).then((found) => {
          if (!found && !this.#connection.closed) {
            this.#reject("not_found", "No such run is in progress", answers);
          }
        }).catch((error) => this.#fail(error, answers));
        return;
      }
    }
  }

  /** Sends an `error` event; `answers` names the frame it answers, when it had an id. */
  #reject(code: ErrorCode, message: string, answers: FrameReference = {}): void {
    this.#hub.sendTo(this.#connection, {
      event_type: "error",
      error: { code, message },
      ...answers,
    });
  }

  #fail(error: unknown, answers: FrameReference = {}): void {
    if (this.#connection.closed) return;
    if (error instanceof AppError) return this.#reject(error.code, error.message, answers);
    log.error("Socket action failed", {
      connection_id: this.#connection.id,
      ...describeError(error),
    });
    this.#reject("internal_error", "Something went wrong on our side. Please try again.", answers);
  }
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
