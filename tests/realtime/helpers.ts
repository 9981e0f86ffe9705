/**
 * Test helpers for the realtime tests: the socket handler served on port 0
 * with a test double for authentication and the chat service, and a
 * WebSocket client that records events.
 */
import { type Config, parseConfig } from "../../lib/config.ts";
import { AppError } from "../../lib/errors.ts";
import type { ServerEvent } from "../../lib/realtime/events.ts";
import { Hub, type HubOptions } from "../../lib/realtime/hub.ts";
import { handleChatSocket } from "../../lib/realtime/socket_handler.ts";
import type { ChatActions, ChatInput } from "../../lib/realtime/socket_session.ts";
import type { Session } from "../../lib/state.ts";

/** A test token: `user.jti.expiresAtMs` (the double stands in for lib/auth/session.ts). */
export function testToken(userId: string, options: { jti?: string; ttlMs?: number } = {}): string {
  return `${userId}.${options.jti ?? "jti-1"}.${Date.now() + (options.ttlMs ?? 60_000)}`;
}

function authenticate(req: Request): Promise<Session | null> {
  const token = new URL(req.url).searchParams.get("token");
  const [id, jti, expires] = token?.split(".") ?? [];
  const expiresAt = Number(expires);
  if (!id || !jti || !(expiresAt > Date.now())) return Promise.resolve(null);
  return Promise.resolve({ user: { id, email: `${id}@example.test`, name: id }, jti, expiresAt });
}

/** A served socket handler with its own hub. */
export interface TestServer {
  hub: Hub;
  url: string;
  wsUrl(userId: string, token?: string): string;
  chat: ChatActions;
  chatCalls: ChatInput[];
  close(): Promise<void>;
}

/** Serves `handleChatSocket` on 127.0.0.1 (port 0 unless given) with a fresh hub. */
export function serveSockets(
  options: { config?: Partial<Config>; hub?: HubOptions; port?: number } = {},
): TestServer {
  const config = { ...parseConfig({}), ...options.config };
  const hub = new Hub({
    maxSocketsPerUser: config.WS_MAX_SOCKETS_PER_USER,
    connection: { maxBufferedBytes: config.WS_MAX_BUFFERED_BYTES },
    ...options.hub,
  });
  const chatCalls: ChatInput[] = [];
  const chat: ChatActions = {
    sendChatMessage(_session, input) {
      chatCalls.push(input);
      if (input.message === "") {
        return Promise.reject(new AppError("message_empty", "Type a message first"));
      }
      return Promise.resolve({});
    },
    cancelRun: (_userId, runId) => Promise.resolve(runId === "known-run"),
  };
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: options.port ?? 0, onListen: () => {} },
    (req) => {
      const match = new URL(req.url).pathname.match(/^\/ws\/([^/]+)\/chat$/);
      if (!match) return new Response("not found", { status: 404 });
      return handleChatSocket(req, match[1], {
        authenticate,
        chat,
        hub: () => hub,
        config: () => config,
      });
    },
  );
  const url = `http://127.0.0.1:${server.addr.port}`;
  return {
    hub,
    url,
    chat,
    chatCalls,
    wsUrl: (userId, token) =>
      `${url.replace("http", "ws")}/ws/${userId}/chat${token ? `?token=${token}` : ""}`,
    async close() {
      await hub.close();
      await server.shutdown();
    },
  };
}

/** A WebSocket client that records every event (array frames unpacked). */
export class TestClient {
  events: ServerEvent[] = [];
  /** When each event arrived (performance.now()). */
  arrivals: number[] = [];
  closed: { code: number; reason: string } | null = null;
  opened = false;
  readonly socket: WebSocket;
  #waiters = new Set<() => void>();

  constructor(url: string) {
    this.socket = new WebSocket(url);
    this.socket.onopen = () => {
      this.opened = true;
      this.#wake();
    };
    this.socket.onmessage = (message) => {
      const now = performance.now();
      const value = JSON.parse(String(message.data));
      for (const event of Array.isArray(value) ? value : [value]) {
        this.events.push(event);
        this.arrivals.push(now);
      }
      this.#wake();
    };
    this.socket.onerror = () => {};
    this.socket.onclose = (event) => {
      this.closed = { code: event.code, reason: event.reason };
      this.#wake();
    };
  }

  /** The close code, once closed. */
  get closeCode(): number | undefined {
    return this.closed?.code;
  }

  /** Events of one type. */
  of(type: string): ServerEvent[] {
    return this.events.filter((event) => event.event_type === type);
  }

  /** Sends a frame (objects as JSON). */
  send(frame: unknown): void {
    this.socket.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** Waits until `check()` holds; fails after `timeoutMs`. */
  async until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `Timed out waiting for ${what}; closed=${JSON.stringify(this.closed)}; events=${
            JSON.stringify(this.events.map((event) => event.event_type))
          }`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(left, 100));
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.#waiters.add(done);
      });
    }
  }

  /** Waits for `connection_established`. */
  established(): Promise<void> {
    return this.until(() => this.of("connection_established").length > 0, "connection_established");
  }

  /** Closes and waits for the close to finish. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.socket.close();
    await this.until(() => this.closed !== null, "close").catch(() => {});
  }

  #wake(): void {
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const wake of waiters) wake();
  }
}
