/**
 * The browser's live-event client: ONE WebSocket per tab (see
 * {@linkcode getRealtimeClient}), shared by every island on the page.
 *
 * This module is the transport: it opens the socket, keeps it alive with
 * `ping`/`pong`, follows the page (online/offline, tab visibility) and turns
 * closes into reconnects. Its policies live apart, in `lib/ui/`:
 * `reconnect_policy.ts` (when to try again, by close code), `event_cursor.ts`
 * (resume point and duplicates) and `server_frames.ts` (parsing frames).
 *
 * Browser-only: no Deno APIs and no server modules.
 */
import { signal } from "@preact/signals";
import type { ClientFrame, EventType, ServerEvent } from "./events.ts";
import { CLOSE, READY_STATE } from "./constants.ts";
import { EventCursor } from "../ui/event_cursor.ts";
import { reconnectDecision } from "../ui/reconnect_policy.ts";
import { parseFrame } from "../ui/server_frames.ts";

/** How often a live socket is pinged (round-trip time and liveness). */
export const PING_INTERVAL_MS = 20_000;
/** A ping with no pong after this long means the socket is dead. */
export const PONG_TIMEOUT_MS = 10_000;
/** A socket not established after this long is given up and tried again. */
export const CONNECT_TIMEOUT_MS = 15_000;
/** Close code the client uses when it gives up on a silent socket. */
export const CLIENT_TIMEOUT_CLOSE = 4000;
/** Retries in a row beyond which the backoff stops growing (its cap is reached long before). */
const MAX_ATTEMPT = 30;

/** The connection as the UI shows it. */
export type ConnectionState =
  | { status: "connecting" }
  | { status: "live" }
  | { status: "reconnecting"; retryAt: number; secondsLeft: number }
  | { status: "offline" }
  | { status: "expired"; code: number };

/** The server event of one type. */
export type EventOf<T extends EventType> = Extract<ServerEvent, { event_type: T }>;

/** The part of `WebSocket` the client uses (tests pass a fake). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(
    type: "open" | "message" | "close" | "error",
    listener: (event: Event) => void,
  ): void;
}

/** Options for {@linkcode RealtimeClient}. */
export interface RealtimeClientOptions {
  /** The `ws:`/`wss:` URL of `/ws/{userId}/chat`. */
  url: string;
  /** Opens a socket. @default {(url) => new WebSocket(url)} */
  createSocket?: (url: string) => SocketLike;
  /** Receives `online`/`offline`. @default {globalThis} */
  windowTarget?: EventTarget;
  /** Receives `visibilitychange`. @default {globalThis.document} */
  documentTarget?: EventTarget;
  /** @default {() => navigator.onLine} */
  isOnline?: () => boolean;
  /** @default {() => document.visibilityState !== "hidden"} */
  isVisible?: () => boolean;
  /** Randomness for jitter. @default {Math.random} */
  random?: () => number;
  /** @default {PING_INTERVAL_MS} */
  pingIntervalMs?: number;
  /** @default {PONG_TIMEOUT_MS} */
  pongTimeoutMs?: number;
  /** @default {CONNECT_TIMEOUT_MS} */
  connectTimeoutMs?: number;
  /** Least wait after 4429. @default {RATE_LIMITED_DELAY_MS} of `reconnect_policy.ts` */
  rateLimitedDelayMs?: number;
}

type Listener = (event: ServerEvent) => void;
type TimerId = ReturnType<typeof setTimeout>;
type ResolvedOptions =
  & Required<Omit<RealtimeClientOptions, "documentTarget" | "windowTarget" | "rateLimitedDelayMs">>
  & Pick<RealtimeClientOptions, "documentTarget" | "windowTarget" | "rateLimitedDelayMs">;

/** One tab's live connection; see the module documentation. */
export class RealtimeClient {
  /** Connection state for the UI. */
  readonly state = signal<ConnectionState>({ status: "connecting" });
  /** Last measured round trip of `ping` → `pong`, in milliseconds. */
  readonly rttMs = signal<number | null>(null);
  /** The latest event delivered (after de-duplication). */
  readonly lastEvent = signal<ServerEvent | null>(null);

  readonly #options: ResolvedOptions;
  readonly #listeners = new Map<EventType | "*", Set<Listener>>();
  readonly #cursor = new EventCursor();
  #socket: SocketLike | null = null;
  #started = false;
  #stopped = false;
  /** Retries in a row since the socket was last live. */
  #attempt = 0;
  #everLive = false;
  #retryTimer: TimerId | undefined;
  #countdownTimer: ReturnType<typeof setInterval> | undefined;
  /** The connect timeout while establishing, the pong timeout while live. */
  #deadlineTimer: TimerId | undefined;
  #pingTimer: TimerId | undefined;
  #pingSentAt = 0;
  #removePageListeners: (() => void) | null = null;

  constructor(options: RealtimeClientOptions) {
    const doc = (globalThis as { document?: Document }).document;
    this.#options = {
      createSocket: (url) => new WebSocket(url),
      isOnline: () => (globalThis.navigator as { onLine?: boolean } | undefined)?.onLine ?? true,
      isVisible: () => doc?.visibilityState !== "hidden",
      random: Math.random,
      pingIntervalMs: PING_INTERVAL_MS,
      pongTimeoutMs: PONG_TIMEOUT_MS,
      connectTimeoutMs: CONNECT_TIMEOUT_MS,
      windowTarget: globalThis,
      documentTarget: doc,
      ...options,
    };
  }

  /** The id of the last user event seen (what `resume` sends). */
  get lastEventId(): string | null {
    return this.#cursor.lastEventId;
  }

  /** Opens the socket once; later calls do nothing. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#listenToPage();
    if (this.#options.isOnline()) this.#connect();
    else this.state.value = { status: "offline" };
  }

  /** Closes the socket and stops reconnecting for good (logout, tests). */
  stop(): void {
    this.#stopped = true;
    this.#removePageListeners?.();
    this.#removePageListeners = null;
    this.#clearRetry();
    this.#dropSocket(CLOSE.NORMAL, "client stopped");
  }

  /**
   * Sends a frame if the socket is live. Returns `false` when it is not;
   * callers keep what they meant to send and send it once `state` is live
   * again (the `resume` frame always goes first).
   */
  send(frame: ClientFrame): boolean {
    const socket = this.#socket;
    if (!socket || socket.readyState !== READY_STATE.OPEN) return false;
    if (this.state.peek().status !== "live") return false;
    socket.send(JSON.stringify(frame));
    return true;
  }

  /** Calls `listener` for every event of `type` (or every event for "*"); returns an unsubscribe. */
  subscribe<T extends EventType>(type: T, listener: (event: EventOf<T>) => void): () => void;
  subscribe(type: "*", listener: Listener): () => void;
  subscribe(type: EventType | "*", listener: Listener): () => void {
    let set = this.#listeners.get(type);
    if (!set) this.#listeners.set(type, set = new Set());
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Skips the remaining backoff wait (the browser came online, the tab became visible). */
  reconnectNow(): void {
    const status = this.state.peek().status;
    if (this.#stopped || (status !== "reconnecting" && status !== "offline")) return;
    if (this.#socket) return; // an attempt is already under way
    this.#clearRetry();
    this.#connect();
  }

  #listenToPage(): void {
    const { windowTarget, documentTarget } = this.#options;
    const online = () => this.reconnectNow();
    const offline = () => {
      if (this.#stopped) return;
      this.#dropSocket(CLIENT_TIMEOUT_CLOSE, "browser offline");
      this.#clearRetry();
      this.state.value = { status: "offline" };
    };
    const visibility = () => {
      if (!this.#options.isVisible()) return;
      // Back from the background: check a live socket at once, skip any backoff wait.
      if (this.state.peek().status === "live") this.#ping();
      else this.reconnectNow();
    };
    windowTarget?.addEventListener("online", online);
    windowTarget?.addEventListener("offline", offline);
    documentTarget?.addEventListener("visibilitychange", visibility);
    this.#removePageListeners = () => {
      windowTarget?.removeEventListener("online", online);
      windowTarget?.removeEventListener("offline", offline);
      documentTarget?.removeEventListener("visibilitychange", visibility);
    };
  }

  // No online check here: an `online` event may come before `navigator.onLine` says so,
  // and a socket that cannot open closes, which leads back to the check in #scheduleReconnect.
  #connect(): void {
    if (this.#stopped) return;
    this.state.value = this.#everLive || this.#attempt > 0
      ? { status: "reconnecting", retryAt: Date.now(), secondsLeft: 0 }
      : { status: "connecting" };
    const socket = this.#options.createSocket(this.#options.url);
    this.#socket = socket;
    socket.addEventListener("message", (event) => {
      if (socket === this.#socket) this.#onFrame((event as MessageEvent).data);
    });
    socket.addEventListener("close", (event) => {
      // A socket already given up on (timeout, offline) closes late: nothing more to do.
      if (socket !== this.#socket) return;
      this.#socket = null;
      this.#onClosed((event as CloseEvent).code);
    });
    this.#deadlineTimer = setTimeout(
      () => this.#giveUp("connect timeout"),
      this.#options.connectTimeoutMs,
    );
  }

  #onFrame(data: unknown): void {
    for (const event of parseFrame(data)) {
      if (!this.#cursor.accept(event)) continue;
      if (event.event_type === "connection_established") this.#onEstablished();
      else if (event.event_type === "pong") this.#onPong();
      this.#emit(event);
    }
  }

  #onEstablished(): void {
    clearTimeout(this.#deadlineTimer);
    const resumeFrom = this.#everLive ? this.#cursor.lastEventId : null;
    this.#everLive = true;
    this.#attempt = 0;
    // Resume before anything else is sent: frames queued by the UI go out once `live` is set.
    if (resumeFrom !== null) {
      this.#socket?.send(
        JSON.stringify({ type: "resume", last_event_id: resumeFrom } satisfies ClientFrame),
      );
    }
    this.state.value = { status: "live" };
    this.#ping();
  }

  #ping(): void {
    const socket = this.#socket;
    if (!socket || socket.readyState !== READY_STATE.OPEN) return;
    clearTimeout(this.#pingTimer);
    clearTimeout(this.#deadlineTimer);
    this.#pingSentAt = performance.now();
    socket.send(JSON.stringify({ type: "ping" } satisfies ClientFrame));
    // No pong in time: the socket is silently dead (sleep, network change).
    this.#deadlineTimer = setTimeout(
      () => this.#giveUp("pong timeout"),
      this.#options.pongTimeoutMs,
    );
  }

  #onPong(): void {
    clearTimeout(this.#deadlineTimer);
    this.rttMs.value = Math.round(performance.now() - this.#pingSentAt);
    this.#pingTimer = setTimeout(() => this.#ping(), this.#options.pingIntervalMs);
  }

  #giveUp(reason: string): void {
    this.#dropSocket(CLIENT_TIMEOUT_CLOSE, reason);
    this.#scheduleReconnect(CLIENT_TIMEOUT_CLOSE);
  }

  #onClosed(code: number): void {
    clearTimeout(this.#pingTimer);
    clearTimeout(this.#deadlineTimer);
    if (this.#stopped) return;
    this.#scheduleReconnect(code);
  }

  #scheduleReconnect(code: number): void {
    if (this.#stopped) return;
    this.#clearRetry();
    const decision = reconnectDecision(code, this.#attempt, {
      random: this.#options.random,
      rateLimitedDelayMs: this.#options.rateLimitedDelayMs,
    });
    if (!decision.retry) {
      this.stop();
      this.state.value = { status: "expired", code };
      return;
    }
    if (!this.#options.isOnline()) {
      this.state.value = { status: "offline" };
      return;
    }
    this.#attempt = Math.min(this.#attempt + 1, MAX_ATTEMPT);
    const retryAt = Date.now() + decision.delayMs;
    const tick = () => {
      const secondsLeft = Math.max(0, Math.ceil((retryAt - Date.now()) / 1000));
      this.state.value = { status: "reconnecting", retryAt, secondsLeft };
    };
    tick();
    this.#countdownTimer = setInterval(tick, 1000);
    this.#retryTimer = setTimeout(() => {
      this.#clearRetry();
      this.#connect();
    }, decision.delayMs);
  }

  #dropSocket(code: number, reason: string): void {
    const socket = this.#socket;
    this.#socket = null;
    clearTimeout(this.#pingTimer);
    clearTimeout(this.#deadlineTimer);
    if (socket && socket.readyState < READY_STATE.CLOSING) socket.close(code, reason);
  }

  #emit(event: ServerEvent): void {
    this.lastEvent.value = event;
    for (const key of [event.event_type, "*"] as const) {
      for (const listener of [...(this.#listeners.get(key) ?? [])]) {
        try {
          listener(event);
        } catch (error) {
          // One broken subscriber must not starve the others.
          console.error(`Realtime listener for "${key}" failed`, error);
        }
      }
    }
  }

  #clearRetry(): void {
    clearTimeout(this.#retryTimer);
    clearInterval(this.#countdownTimer);
    this.#retryTimer = this.#countdownTimer = undefined;
  }
}

/** The same-origin socket URL for a user, `ws:` or `wss:` after the page's scheme. */
export function socketUrl(userId: string, location: { protocol: string; host: string }): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/ws/${encodeURIComponent(userId)}/chat`;
}

let shared: RealtimeClient | undefined;
let sharedUserId: string | undefined;

/**
 * The tab's one client for `userId`, created on first use and started.
 * Every island calls this and gets the same instance, so a page never holds
 * two sockets. Browser only.
 */
export function getRealtimeClient(userId: string): RealtimeClient {
  if (shared && sharedUserId === userId) return shared;
  shared?.stop();
  sharedUserId = userId;
  shared = new RealtimeClient({ url: socketUrl(userId, globalThis.location) });
  shared.start();
  return shared;
}
