import assert from "node:assert/strict";
import FakeTimers from "@sinonjs/fake-timers";
import { CLIENT_TIMEOUT_CLOSE, parseFrame, RealtimeClient, socketUrl } from "./client.ts";
import type { ServerEvent } from "./events.ts";

/** A WebSocket stand-in the test drives from the "server" side. */
class FakeSocket extends EventTarget {
  readyState = 0;
  readonly sent: Record<string, unknown>[] = [];
  closedWith: number | null = null;
  constructor(readonly url: string) {
    super();
  }
  send(data: string): void {
    assert.equal(this.readyState, 1, "send on a socket that is not open");
    this.sent.push(JSON.parse(data));
  }
  close(code = 1000): void {
    this.closedWith = code;
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.dispatchEvent(new Event("open"));
  }
  receive(payload: unknown): void {
    const data = typeof payload === "string" ? payload : JSON.stringify(payload);
    this.dispatchEvent(new MessageEvent("message", { data }));
  }
  serverClose(code: number): void {
    this.readyState = 3;
    this.dispatchEvent(new CloseEvent("close", { code }));
  }
  /** Opens and sends `connection_established`. */
  establish(): void {
    this.open();
    this.receive(ev("connection_established", `c-${Math.random()}`, {
      user_id: "u1",
      connection_id: "k",
      resumed: false,
    }));
  }
  framesOf(type: string) {
    return this.sent.filter((frame) => frame.type === type);
  }
}

function ev(type: string, id: string, extra: Record<string, unknown> = {}) {
  return { event_type: type, id, ts: "2025-01-01T00:00:00.000Z", ...extra };
}

const delta = (id: string, text: string) => ev("message_delta", id, { run_id: "r1", delta: text });

interface Harness {
  client: RealtimeClient;
  sockets: FakeSocket[];
  last: () => FakeSocket;
  clock: ReturnType<typeof FakeTimers.install>;
  win: EventTarget;
  doc: EventTarget;
  net: { online: boolean; visible: boolean };
  [Symbol.dispose](): void;
}

function harness(random = () => 0.5): Harness {
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
  });
  return {
    client,
    sockets,
    last: () => sockets[sockets.length - 1],
    clock,
    win,
    doc,
    net,
    [Symbol.dispose]() {
      client.stop();
      clock.uninstall();
    },
  };
}

Deno.test("[realtime client] goes live on connection_established and measures the round trip", () => {
  using h = harness();
  h.client.start();
  h.client.start();
  assert.equal(h.sockets.length, 1, "start() twice opens one socket");
  assert.equal(h.client.state.value.status, "connecting");
  h.last().open();
  assert.equal(h.client.state.value.status, "connecting", "open alone is not live");
  h.last().establish();
  assert.equal(h.client.state.value.status, "live");
  assert.equal(h.last().framesOf("ping").length, 1, "pings at once for a first RTT");
  h.clock.tick(42);
  h.last().receive(ev("pong", "p1"));
  assert.equal(h.client.rttMs.value, 42);
  h.clock.tick(20_000);
  assert.equal(h.last().framesOf("ping").length, 2, "pings again after the interval");
});

Deno.test("[realtime client] accepts single events and arrays; drops garbage", () => {
  assert.equal(parseFrame(JSON.stringify(delta("1", "a"))).length, 1);
  assert.deepEqual(
    parseFrame(JSON.stringify([delta("1", "a"), { junk: true }, delta("2", "b")])).map((e) => e.id),
    ["1", "2"],
  );
  assert.deepEqual(parseFrame("{not json"), []);
  assert.deepEqual(parseFrame(JSON.stringify(ev("made_up", "3"))), []);
  assert.deepEqual(parseFrame(JSON.stringify({ event_type: "pong" })), [], "needs id and ts");
  assert.deepEqual(parseFrame(new ArrayBuffer(4)), []);
});

Deno.test("[realtime client] de-duplicates events by id and delivers by type", () => {
  using h = harness();
  const seen: string[] = [];
  const all: string[] = [];
  const off = h.client.subscribe("message_delta", (event) => seen.push(event.delta));
  h.client.subscribe("*", (event) => all.push(event.event_type));
  const offBroken = h.client.subscribe("message_delta", () => {
    throw new Error("a broken listener");
  });
  h.client.start();
  h.last().establish();
  const consoleError = console.error;
  console.error = () => {};
  try {
    h.last().receive([delta("1", "He"), delta("2", "llo")]);
    h.last().receive(delta("2", "llo"));
    h.last().receive([delta("1", "He"), delta("3", "!")]);
  } finally {
    console.error = consoleError;
    offBroken();
  }
  assert.deepEqual(seen, ["He", "llo", "!"]);
  assert.equal(h.client.lastEventId, "3");
  assert.equal((h.client.lastEvent.value as ServerEvent).id, "3");
  off();
  h.last().receive(delta("4", "?"));
  assert.deepEqual(seen, ["He", "llo", "!"], "unsubscribed");
  assert.equal(all.filter((type) => type === "message_delta").length, 4);
});

Deno.test("[realtime client] reconnects with jittered backoff and resumes from the last event", () => {
  using h = harness(() => 0.5);
  h.client.start();
  h.last().establish();
  h.last().receive([delta("a1", "x"), delta("a2", "y")]);
  h.last().receive(ev("pong", "p-late"));
  h.last().serverClose(1001);
  assert.deepEqual(h.client.state.value, {
    status: "reconnecting",
    retryAt: Date.now() + 250,
    secondsLeft: 1,
  });
  h.clock.tick(249);
  assert.equal(h.sockets.length, 1, "waits out the jittered delay");
  h.clock.tick(1);
  assert.equal(h.sockets.length, 2);
  h.last().serverClose(1006);
  assert.equal(h.client.state.value.status, "reconnecting");
  assert.equal(backoffTick(h), 500, "second attempt: cap 1 s, half");
  h.clock.tick(500);
  assert.equal(h.sockets.length, 3);
  h.last().establish();
  assert.equal(h.client.state.value.status, "live");
  assert.deepEqual(h.last().framesOf("resume"), [{ type: "resume", last_event_id: "a2" }]);
  h.last().receive([delta("a2", "y"), delta("a3", "z")]);
  assert.equal(h.client.lastEventId, "a3");
  h.last().serverClose(1006);
  assert.equal(backoffTick(h), 250, "backoff resets once live");
});

Deno.test("[realtime client] counts down the seconds before the next attempt", () => {
  using h = harness(() => 0.999);
  h.client.start();
  h.last().serverClose(1006);
  for (let i = 0; i < 4; i++) {
    h.clock.tick(backoffTick(h));
    h.last().serverClose(1006);
  }
  const state = h.client.state.value;
  assert.equal(state.status, "reconnecting");
  if (state.status !== "reconnecting") return;
  assert.equal(state.secondsLeft, 8, "fifth attempt: cap 8 s");
  h.clock.tick(3_000);
  assert.equal(
    h.client.state.value.status === "reconnecting" && h.client.state.value.secondsLeft,
    5,
  );
});

function backoffTick(h: Harness): number {
  const state = h.client.state.value;
  return state.status === "reconnecting" ? state.retryAt - Date.now() : 0;
}

for (const code of [4401, 4403]) {
  Deno.test(`[realtime client] close ${code} means session expired and no more sockets`, () => {
    using h = harness();
    h.client.start();
    h.last().establish();
    h.last().serverClose(code);
    assert.deepEqual(h.client.state.value, { status: "expired", code });
    h.clock.tick(120_000);
    h.win.dispatchEvent(new Event("online"));
    h.doc.dispatchEvent(new Event("visibilitychange"));
    h.client.reconnectNow();
    assert.equal(h.sockets.length, 1);
    assert.equal(h.client.send({ type: "ping" }), false);
  });
}

Deno.test("[realtime client] waits longer after 4429", () => {
  using h = harness(() => 0.5);
  h.client.start();
  h.last().establish();
  h.last().serverClose(4429);
  h.clock.tick(10_000);
  assert.equal(h.sockets.length, 1, "no retry within 10 s");
  h.clock.tick(5_250);
  assert.equal(h.sockets.length, 2);
});

Deno.test("[realtime client] offline stops trying; online reconnects at once", () => {
  using h = harness();
  h.client.start();
  h.last().establish();
  h.net.online = false;
  h.win.dispatchEvent(new Event("offline"));
  assert.equal(h.client.state.value.status, "offline");
  assert.equal(h.sockets[0].closedWith, CLIENT_TIMEOUT_CLOSE);
  h.clock.tick(60_000);
  assert.equal(h.sockets.length, 1);
  h.net.online = true;
  h.win.dispatchEvent(new Event("online"));
  assert.equal(h.sockets.length, 2, "no backoff wait after coming online");
  h.last().establish();
  assert.equal(h.client.state.value.status, "live");
});

Deno.test("[realtime client] a tab becoming visible skips the backoff wait", () => {
  using h = harness(() => 0.999);
  h.client.start();
  h.last().establish();
  for (let i = 0; i < 6; i++) {
    h.last().serverClose(1006);
    h.clock.tick(backoffTick(h));
  }
  h.last().serverClose(1006);
  const before = h.sockets.length;
  h.net.visible = false;
  h.doc.dispatchEvent(new Event("visibilitychange"));
  assert.equal(h.sockets.length, before, "hidden: keeps waiting");
  h.net.visible = true;
  h.doc.dispatchEvent(new Event("visibilitychange"));
  assert.equal(h.sockets.length, before + 1);
});

Deno.test("[realtime client] a silent socket is dropped after the pong timeout", () => {
  using h = harness(() => 0);
  h.client.start();
  h.last().establish();
  h.clock.tick(10_000);
  assert.equal(h.sockets[0].closedWith, CLIENT_TIMEOUT_CLOSE);
  assert.equal(h.client.state.value.status, "reconnecting");
  h.sockets[0].serverClose(1006);
  h.clock.tick(1);
  assert.equal(h.sockets.length, 2, "the old socket's late close changes nothing else");
});

Deno.test("[realtime client] send works only while live", () => {
  using h = harness();
  h.client.start();
  assert.equal(h.client.send({ type: "cancel", run_id: "r1" }), false);
  h.last().establish();
  assert.equal(h.client.send({ type: "cancel", run_id: "r1" }), true);
  assert.deepEqual(h.last().framesOf("cancel"), [{ type: "cancel", run_id: "r1" }]);
});

Deno.test("[realtime client] socketUrl follows the page's scheme", () => {
  assert.equal(
    socketUrl("u 1", { protocol: "https:", host: "a.example:8443" }),
    "wss://a.example:8443/ws/u%201/chat",
  );
  assert.equal(
    socketUrl("u1", { protocol: "http:", host: "localhost" }),
    "ws://localhost/ws/u1/chat",
  );
});
