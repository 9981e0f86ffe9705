/**
 * The browser's live-event client: ONE WebSocket per tab (see
 * {@linkcode getRealtimeClient}), shared by every island on the page.
 *
 * It reconnects with exponential backoff and full jitter (at once when the
 * browser comes back online or the tab becomes visible), resumes from the last
 * event it saw, drops duplicate events, measures the round trip with
 * `ping`/`pong`, and stops for good on 4401/4403 ("session expired").
 *
 * Browser-only: no Deno APIs and no server modules. Event types come from
 * `events.ts` as types only; incoming frames are checked with `zod/mini`,
 * because classic zod alone is ~90 KB gzipped, over the page's JS budget.
 */
import { signal } from "@preact/signals";
import * as z from "zod/mini";
import type { ClientFrame, EventType, ServerEvent } from "./events.ts";
import { CLOSE } from "./constants.ts";
import { backoffDelayMs } from "../ui/backoff.ts";

/** How often a live socket is pinged (round-trip time and liveness). */
export const PING_INTERVAL_MS = 20_000;
/** A ping with no pong after this long means the socket is dead. */
export const PONG_TIMEOUT_MS = 10_000;
/** Least wait after the server closed with 4429 (too many sockets / flooding). */
export const RATE_LIMITED_DELAY_MS = 15_000;
/** How many recent event ids are remembered to drop duplicates. */
export const SEEN_IDS_LIMIT = 2_000;
/** Close code the client uses when it gives up on a silent socket. */
export const CLIENT_TIMEOUT_CLOSE = 4000;

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
  /** @default {() => document.visibilityState === "visible"} */
  isVisible?: () => boolean;
  /** Randomness for jitter. @default {Math.random} */
  random?: () => number;
  /** @default {PING_INTERVAL_MS} */
  pingIntervalMs?: number;
  /** @default {PONG_TIMEOUT_MS} */
  pongTimeoutMs?: number;
  /** @default {RATE_LIMITED_DELAY_MS} */
  rateLimitedDelayMs?: number;
}

type Listener = (event: ServerEvent) => void;
type TimerId = ReturnType<typeof setTimeout>;

// A Record over EventType makes the compiler insist that every type is listed.
const KNOWN_TYPES: Record<EventType, true> = {
  connection_established: true,
  user_message: true,
  agent_thinking: true,
  tool_starting: true,
  tool_progress: true,
  tool_complete: true,
  tool_error: true,
  message_delta: true,
  agent_done: true,
  agent_error: true,
  task_changed: true,
  pong: true,
  resync_required: true,
  error: true,
};

/** Events about this socket only: never replayed, so not resumed from nor de-duplicated. */
const CONNECTION_TYPES = new Set<EventType>([
  "connection_established",
  "pong",
  "resync_required",
  "error",
]);

const Envelope = z.looseObject({
  event_type: z.enum(Object.keys(KNOWN_TYPES) as [EventType, ...EventType[]]),
  id: z.string(),
  ts: z.string(),
});

/**
 * Parses one server frame: a single event object or a JSON array of events.
 * Invalid frames and unknown events are dropped.
 */
export function parseFrame(data: unknown): ServerEvent[] {
  if (typeof data !== "string") return [];
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return [];
  }
  const items = Array.isArray(value) ? value : [value];
  const events: ServerEvent[] = [];
  for (const item of items) {
    const parsed = Envelope.safeParse(item);
    // The envelope fixes the discriminant; the fields of each type are the server's contract.
    if (parsed.success) events.push(parsed.data as unknown as ServerEvent);
  }
  return events;
}

/** The same-origin socket URL for a user, `ws:` or `wss:` after the page's scheme. */
export function socketUrl(userId: string, location: { protocol: string; host: string }): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/ws/${encodeURIComponent(userId)}/chat`;
}

/** One tab's live connection; see the module documentation. */
export class RealtimeClient {
  /** Connection state for the UI. */
  readonly state = signal<ConnectionState>({ status: "connecting" });
  /** Last measured round trip of `ping` → `pong`, in milliseconds. */
  readonly rttMs = signal<number | null>(null);
  /** The latest event delivered (after de-duplication). */
  readonly lastEvent = signal<ServerEvent | null>(null);

  readonly #options: Required<Omit<RealtimeClientOptions, "documentTarget" | "windowTarget">> & {
    windowTarget?: EventTarget;
    documentTarget?: EventTarget;
  };
  readonly #listeners = new Map<EventType | "*", Set<Listener>>();
  readonly #seen = new Set<string>();
  readonly #seenOrder: string[] = [];
  readonly #timers = new Set<TimerId>();
  #socket: SocketLike | null = null;
  #started = false;
  #finished = false;
  #attempt = 0;
  #everLive = false;
  #lastEventId: string | null = null;
  #retryTimer: TimerId | undefined;
  #countdownTimer: TimerId | undefined;
  #pingTimer: TimerId | undefined;
  #pongTimer: TimerId | undefined;
  #pingSentAt = 0;
  #removeGlobalListeners: (() => void) | null = null;

  constructor(options: RealtimeClientOptions) {
    const doc = (globalThis as { document?: Document }).document;
    this.#options = {
      createSocket: (url) => new WebSocket(url),
      isOnline: () => (globalThis.navigator as { onLine?: boolean } | undefined)?.onLine ?? true,
      isVisible: () => doc?.visibilityState !== "hidden",
      random: Math.random,
      pingIntervalMs: PING_INTERVAL_MS,
      pongTimeoutMs: PONG_TIMEOUT_MS,
      rateLimitedDelayMs: RATE_LIMITED_DELAY_MS,
      windowTarget: globalThis,
      documentTarget: doc,
      ...options,
    };
  }

  /** The id of the last user event seen (what `resume` sends). */
  get lastEventId(): string | null {
    return this.#lastEventId;
  }

  /** Opens the socket once; later calls do nothing. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#listenToPage();
    this.#connect();
  }

  /** Closes the socket and stops reconnecting (logout, tests). */
  stop(): void {
    this.#finished = true;
    this.#removeGlobalListeners?.();
    this.#removeGlobalListeners = null;
    this.#clearTimers();
    this.#abandonSocket(CLOSE.NORMAL, "client stopped");
  }

  /**
   * Sends a frame if the socket is live. Returns `false` when it is not
   * (callers keep what they meant to send and retry once `state` is live).
   */
  send(frame: ClientFrame): boolean {
    const socket = this.#socket;
    if (!socket || this.state.peek().status !== "live") return false;
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

  /** Skips the remaining backoff wait (the UI's "retry now"). */
  reconnectNow(): void {
    const status = this.state.peek().status;
    if (this.#finished || (status !== "reconnecting" && status !== "offline")) return;
    this.#clearRetry();
    this.#connect();
  }

  #listenToPage(): void {
    const { windowTarget, documentTarget } = this.#options;
    const online = () => this.reconnectNow();
    const offline = () => {
      if (this.#finished) return;
      this.#abandonSocket(CLIENT_TIMEOUT_CLOSE, "browser offline");
      this.#clearRetry();
      this.state.value = { status: "offline" };
    };
    const visibility = () => {
      if (!this.#options.isVisible()) return;
      if (this.state.peek().status === "live") this.#ping();
      else this.reconnectNow();
    };
    windowTarget?.addEventListener("online", online);
    windowTarget?.addEventListener("offline", offline);
    documentTarget?.addEventListener("visibilitychange", visibility);
    this.#removeGlobalListeners = () => {
      windowTarget?.removeEventListener("online", online);
      windowTarget?.removeEventListener("offline", offline);
      documentTarget?.removeEventListener("visibilitychange", visibility);
    };
  }

  #connect(): void {
    if (this.#finished) return;
    if (!this.#options.isOnline()) {
      this.state.value = { status: "offline" };
      return;
    }
    if (!this.#everLive && this.#attempt === 0) this.state.value = { status: "connecting" };
    else this.state.value = { status: "reconnecting", retryAt: Date.now(), secondsLeft: 0 };
    const socket = this.#options.createSocket(this.#options.url);
    this.#socket = socket;
    socket.addEventListener("message", (event) => {
      if (socket === this.#socket) this.#onFrame((event as MessageEvent).data);
    });
    socket.addEventListener("close", (event) => {
      if (socket !== this.#socket) return;
      this.#socket = null;
      this.#onClosed((event as CloseEvent).code);
    });
  }

  #onFrame(data: unknown): void {
    for (const event of parseFrame(data)) {
      if (!CONNECTION_TYPES.has(event.event_type)) {
        if (this.#seen.has(event.id)) continue;
        this.#remember(event.id);
        this.#lastEventId = event.id;
      }
      if (event.event_type === "connection_established") this.#onLive();
      else if (event.event_type === "pong") this.#onPong();
      this.#emit(event);
    }
  }

  #onLive(): void {
    const resuming = this.#everLive && this.#lastEventId !== null;
    this.#everLive = true;
    this.#attempt = 0;
    this.state.value = { status: "live" };
    if (resuming) {
      this.#socket?.send(JSON.stringify({ type: "resume", last_event_id: this.#lastEventId }));
    }
    this.#ping();
  }

  #ping(): void {
    const socket = this.#socket;
    if (!socket) return;
    this.#clear(this.#pingTimer);
    this.#clear(this.#pongTimer);
    this.#pingSentAt = performance.now();
    socket.send(JSON.stringify({ type: "ping" } satisfies ClientFrame));
    this.#pongTimer = this.#later(() => {
      // No pong: the socket is silently dead (sleep, network change). Give up on it.
      this.#abandonSocket(CLIENT_TIMEOUT_CLOSE, "pong timeout");
      this.#scheduleReconnect(false);
    }, this.#options.pongTimeoutMs);
  }

  #onPong(): void {
    this.#clear(this.#pongTimer);
    this.rttMs.value = Math.round(performance.now() - this.#pingSentAt);
    this.#pingTimer = this.#later(() => this.#ping(), this.#options.pingIntervalMs);
  }

  #onClosed(code: number): void {
    this.#clear(this.#pingTimer);
    this.#clear(this.#pongTimer);
    if (this.#finished) return;
    if (code === CLOSE.UNAUTHENTICATED || code === CLOSE.FORBIDDEN) {
      this.stop();
      this.state.value = { status: "expired", code };
      return;
    }
    this.#scheduleReconnect(code === CLOSE.TOO_MANY);
  }

  #scheduleReconnect(rateLimited: boolean): void {
    if (this.#finished) return;
    this.#clearRetry();
    if (!this.#options.isOnline()) {
      this.state.value = { status: "offline" };
      return;
    }
    const jitter = backoffDelayMs(this.#attempt, { random: this.#options.random });
    this.#attempt = Math.min(this.#attempt + 1, 30);
    const delay = rateLimited ? this.#options.rateLimitedDelayMs + jitter : jitter;
    const retryAt = Date.now() + delay;
    const tick = () => {
      const secondsLeft = Math.max(0, Math.ceil((retryAt - Date.now()) / 1000));
      this.state.value = { status: "reconnecting", retryAt, secondsLeft };
    };
    tick();
    this.#countdownTimer = setInterval(tick, 1000);
    this.#timers.add(this.#countdownTimer);
    this.#retryTimer = this.#later(() => {
      this.#clearRetry();
      this.#connect();
    }, delay);
  }

  #abandonSocket(code: number, reason: string): void {
    const socket = this.#socket;
    this.#socket = null;
    this.#clear(this.#pingTimer);
    this.#clear(this.#pongTimer);
    if (socket && socket.readyState < 2) socket.close(code, reason);
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

  #remember(id: string): void {
    this.#seen.add(id);
    this.#seenOrder.push(id);
    if (this.#seenOrder.length > SEEN_IDS_LIMIT) this.#seen.delete(this.#seenOrder.shift()!);
  }

  #later(fn: () => void, ms: number): TimerId {
    const id = setTimeout(() => {
      this.#timers.delete(id);
      fn();
    }, ms);
    this.#timers.add(id);
    return id;
  }

  #clear(id: TimerId | undefined): void {
    if (id === undefined) return;
    clearTimeout(id);
    clearInterval(id);
    this.#timers.delete(id);
  }

  #clearRetry(): void {
    this.#clear(this.#retryTimer);
    this.#clear(this.#countdownTimer);
    this.#retryTimer = this.#countdownTimer = undefined;
  }

  #clearTimers(): void {
    for (const id of this.#timers) this.#clear(id);
  }
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
