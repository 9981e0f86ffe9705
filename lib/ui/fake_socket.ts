/**
 * Test doubles for the socket client's unit tests: a WebSocket stand-in the
 * test drives from the "server" side, and a harness with fake timers, a fake
 * page (online/offline, visibility) and a {@linkcode RealtimeClient}.
 * Test-only: nothing in the app imports this module.
 */
import assert from "node:assert/strict";
import FakeTimers from "@sinonjs/fake-timers";
import { RealtimeClient, type RealtimeClientOptions } from "../realtime/client.ts";
import { READY_STATE } from "../realtime/constants.ts";

/** A WebSocket stand-in; `sent` holds the parsed frames the client sent. */
export class FakeSocket extends EventTarget {
  readyState: number = READY_STATE.CONNECTING;
  readonly sent: Record<string, unknown>[] = [];
  closedWith: number | null = null;

  constructor(readonly url: string) {
    super();
  }

  send(data: string): void {
    assert.equal(this.readyState, READY_STATE.OPEN, "send on a socket that is not open");
    this.sent.push(JSON.parse(data));
  }

  close(code = 1000): void {
    this.closedWith = code;
    this.readyState = READY_STATE.CLOSED;
  }

  /** The handshake finished. */
  open(): void {
    this.readyState = READY_STATE.OPEN;
    this.dispatchEvent(new Event("open"));
  }

  /** Delivers a frame: a string as is, anything else as JSON. */
  receive(payload: unknown): void {
    const data = typeof payload === "string" ? payload : JSON.stringify(payload);
    this.dispatchEvent(new MessageEvent("message", { data }));
  }

  /** The server closes the socket with `code`. */
  serverClose(code: number): void {
    this.readyState = READY_STATE.CLOSED;
    this.dispatchEvent(new CloseEvent("close", { code }));
  }

  /** Opens and sends `connection_established`. */
  establish(): void {
    this.open();
    this.receive(fakeEvent("connection_established", `c-${crypto.randomUUID()}`, {
      user_id: "u1",
      connection_id: "k",
      resumed: false,
    }));
  }

  /** The frames of one `type` the client sent, in order. */
  framesOf(type: string): Record<string, unknown>[] {
    return this.sent.filter((frame) => frame.type === type);
  }
}

/** A server event as JSON would carry it. */
export function fakeEvent(
  type: string,
  id: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { event_type: type, id, ts: "2025-01-01T00:00:00.000Z", ...extra };
}

/** A client on fake sockets and fake timers; dispose it to stop both. */
export interface ClientHarness {
  client: RealtimeClient;
  sockets: FakeSocket[];
  /** The socket opened last. */
  last: () => FakeSocket;
  clock: ReturnType<typeof FakeTimers.install>;
  /** Where `online`/`offline` are dispatched. */
  win: EventTarget;
  /** Where `visibilitychange` is dispatched. */
  doc: EventTarget;
  /** What `isOnline`/`isVisible` answer. */
  net: { online: boolean; visible: boolean };
  /** Milliseconds until the scheduled reconnect (0 when none). */
  retryDelay: () => number;
  [Symbol.dispose](): void;
}

/** Builds a {@linkcode ClientHarness}; `random` fixes the jitter. */
export function clientHarness(
  random: () => number = () => 0.5,
  options: Partial<RealtimeClientOptions> = {},
): ClientHarness {
  const clock = FakeTimers.install({
    toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date", "performance"],
  });
  const sockets: FakeSocket[] = [];
  const win = new EventTarget();
  const doc = new EventTarget();
  const net = { online: true, visible: true };
  const client = new RealtimeClient({
    url: "ws://example.test/ws/u1/chat",
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    windowTarget: win,
    documentTarget: doc,
    isOnline: () => net.online,
    isVisible: () => net.visible,
    random,
    ...options,
  });
  return {
    client,
    sockets,
    last: () => sockets[sockets.length - 1],
    clock,
    win,
    doc,
    net,
    retryDelay: () => {
      const state = client.state.value;
      return state.status === "reconnecting" ? state.retryAt - Date.now() : 0;
    },
    [Symbol.dispose]() {
      client.stop();
      clock.uninstall();
    },
  };
}
