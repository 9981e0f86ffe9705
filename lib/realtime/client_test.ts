import assert from "node:assert/strict";
import { CLIENT_TIMEOUT_CLOSE, socketUrl } from "./client.ts";
import type { ServerEvent } from "./events.ts";
import { clientHarness, fakeEvent as ev } from "../ui/fake_socket.ts";

const delta = (id: string, text: string) => ev("message_delta", id, { run_id: "r1", delta: text });

Deno.test("[realtime client] goes live on connection_established and measures the round trip", () => {
  using h = clientHarness();
  h.client.start();
  h.client.start();
  assert.equal(h.sockets.length, 1, "start() twice opens one socket");
  assert.equal(h.client.state.value.status, "connecting");
  h.last().open();
  assert.equal(h.client.state.value.status, "connecting", "open alone is not live");
  h.last().establish();
  assert.equal(h.client.state.value.status, "live");
  assert.equal(h.last().framesOf("ping").length, 1, "pings at once for a first RTT");
  assert.equal(h.last().framesOf("resume").length, 0, "nothing to resume on the first socket");
  h.clock.tick(42);
  h.last().receive(ev("pong", "p1"));
  assert.equal(h.client.rttMs.value, 42);
  h.clock.tick(20_000);
  assert.equal(h.last().framesOf("ping").length, 2, "pings again after the interval");
});

Deno.test("[realtime client] de-duplicates events by id, in arrays too, and delivers by type", () => {
  using h = clientHarness();
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

Deno.test("[realtime client] resumes from the last user event, not socket events", () => {
  using h = clientHarness();
  h.client.start();
  h.last().establish();
  h.last().receive([delta("a1", "x"), delta("a2", "y")]);
  h.last().receive(ev("pong", "p-late"));
  h.last().receive(ev("error", "err-1", { error: { code: "invalid_request", message: "Bad" } }));
  h.last().receive(ev("resync_required", "rs-1"));
  assert.equal(h.client.lastEventId, "a2");
  h.last().serverClose(1006);
  h.clock.tick(h.retryDelay());
  h.last().establish();
  assert.deepEqual(h.last().sent[0], { type: "resume", last_event_id: "a2" }, "resume goes first");
  h.last().receive([delta("a2", "y"), delta("a3", "z")]);
  assert.equal(h.client.lastEventId, "a3");
});

Deno.test("[realtime client] reconnects with jittered, growing backoff that resets once live", () => {
  using h = clientHarness(() => 0.5);
  h.client.start();
  h.last().establish();
  h.last().serverClose(1006);
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
  assert.equal(h.retryDelay(), 500, "second attempt: cap 1 s, half");
  h.clock.tick(500);
  h.last().establish();
  h.last().serverClose(1006);
  assert.equal(h.retryDelay(), 250, "backoff resets once live");
});

Deno.test("[realtime client] 1001 (server restart) reconnects within the first step, jittered", () => {
  for (const random of [0.1, 0.9]) {
    using h = clientHarness(() => random);
    h.client.start();
    h.last().establish();
    h.last().receive(delta("r1", "x"));
    h.last().serverClose(1001);
    assert.equal(h.retryDelay(), Math.floor(500 * random));
    h.clock.tick(h.retryDelay());
    assert.equal(h.sockets.length, 2);
    h.last().establish();
    assert.deepEqual(h.last().framesOf("resume"), [{ type: "resume", last_event_id: "r1" }]);
  }
});

Deno.test("[realtime client] 1013 (too slow) reconnects and resumes where it fell behind", () => {
  using h = clientHarness();
  const got: string[] = [];
  h.client.subscribe("message_delta", (event) => got.push(event.id));
  h.client.start();
  h.last().establish();
  h.last().receive([delta("s1", "a"), delta("s2", "b")]);
  h.last().serverClose(1013);
  assert.equal(h.client.state.value.status, "reconnecting");
  h.clock.tick(h.retryDelay());
  h.last().establish();
  assert.deepEqual(h.last().framesOf("resume"), [{ type: "resume", last_event_id: "s2" }]);
  h.last().receive([delta("s2", "b"), delta("s3", "c"), delta("s4", "d")]);
  assert.deepEqual(got, ["s1", "s2", "s3", "s4"], "no gap, no duplicate");
});

Deno.test("[realtime client] counts down the seconds before the next attempt", () => {
  using h = clientHarness(() => 0.999);
  h.client.start();
  h.last().serverClose(1006);
  for (let i = 0; i < 4; i++) {
    h.clock.tick(h.retryDelay());
    h.last().serverClose(1006);
  }
  const state = h.client.state.value;
  assert.equal(state.status === "reconnecting" && state.secondsLeft, 8, "fifth attempt: cap 8 s");
  h.clock.tick(3_000);
  const later = h.client.state.value;
  assert.equal(later.status === "reconnecting" && later.secondsLeft, 5);
});

for (const code of [4401, 4403]) {
  Deno.test(`[realtime client] close ${code} means session expired and no more sockets`, () => {
    using h = clientHarness();
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
    assert.equal(h.client.state.value.status, "expired");
  });
}

Deno.test("[realtime client] a 4401 before connection_established also expires", () => {
  using h = clientHarness();
  h.client.start();
  h.last().open();
  h.last().serverClose(4401);
  assert.deepEqual(h.client.state.value, { status: "expired", code: 4401 });
  h.clock.tick(60_000);
  assert.equal(h.sockets.length, 1);
});

Deno.test("[realtime client] waits longer after 4429", () => {
  using h = clientHarness(() => 0.5);
  h.client.start();
  h.last().establish();
  h.last().serverClose(4429);
  h.clock.tick(10_000);
  assert.equal(h.sockets.length, 1, "no retry within 10 s");
  h.clock.tick(5_250);
  assert.equal(h.sockets.length, 2);
});

Deno.test("[realtime client] offline stops trying; online reconnects at once and resumes", () => {
  using h = clientHarness();
  h.client.start();
  h.last().establish();
  h.last().receive(delta("o1", "x"));
  h.net.online = false;
  h.win.dispatchEvent(new Event("offline"));
  assert.equal(h.client.state.value.status, "offline");
  assert.equal(h.sockets[0].closedWith, CLIENT_TIMEOUT_CLOSE);
  h.clock.tick(60_000);
  assert.equal(h.sockets.length, 1);
  h.net.online = true;
  h.win.dispatchEvent(new Event("online"));
  assert.equal(h.sockets.length, 2, "no backoff wait after coming online");
  h.win.dispatchEvent(new Event("online"));
  assert.equal(h.sockets.length, 2, "a second online event opens no second socket");
  h.last().establish();
  assert.equal(h.client.state.value.status, "live");
  assert.deepEqual(h.last().framesOf("resume"), [{ type: "resume", last_event_id: "o1" }]);
});

Deno.test("[realtime client] trusts the online event even before navigator.onLine agrees", () => {
  using h = clientHarness();
  h.net.online = false;
  h.client.start();
  assert.equal(h.client.state.value.status, "offline");
  assert.equal(h.sockets.length, 0, "no socket while the browser says offline");
  h.win.dispatchEvent(new Event("online"));
  assert.equal(h.sockets.length, 1);
  h.last().establish();
  assert.equal(h.client.state.value.status, "live");
});

Deno.test("[realtime client] a close while the browser is offline waits for online", () => {
  using h = clientHarness();
  h.client.start();
  h.last().establish();
  h.net.online = false;
  h.last().serverClose(1006);
  assert.equal(h.client.state.value.status, "offline");
  h.clock.tick(60_000);
  assert.equal(h.sockets.length, 1);
});

Deno.test("[realtime client] a tab becoming visible skips the backoff wait", () => {
  using h = clientHarness(() => 0.999);
  h.client.start();
  h.last().establish();
  for (let i = 0; i < 6; i++) {
    h.last().serverClose(1006);
    h.clock.tick(h.retryDelay());
  }
  h.last().serverClose(1006);
  const before = h.sockets.length;
  h.net.visible = false;
  h.doc.dispatchEvent(new Event("visibilitychange"));
  assert.equal(h.sockets.length, before, "hidden: keeps waiting");
  h.net.visible = true;
  h.doc.dispatchEvent(new Event("visibilitychange"));
  assert.equal(h.sockets.length, before + 1);
  h.doc.dispatchEvent(new Event("visibilitychange"));
  assert.equal(h.sockets.length, before + 1, "never two sockets at once");
});

Deno.test("[realtime client] a visible tab pings a live socket at once", () => {
  using h = clientHarness();
  h.client.start();
  h.last().establish();
  h.last().receive(ev("pong", "p0"));
  h.doc.dispatchEvent(new Event("visibilitychange"));
  assert.equal(h.last().framesOf("ping").length, 2);
});

Deno.test("[realtime client] a silent socket is dropped after the pong timeout", () => {
  using h = clientHarness(() => 0);
  h.client.start();
  h.last().establish();
  h.clock.tick(10_000);
  assert.equal(h.sockets[0].closedWith, CLIENT_TIMEOUT_CLOSE);
  assert.equal(h.client.state.value.status, "reconnecting");
  h.sockets[0].serverClose(1006);
  h.clock.tick(1);
  assert.equal(h.sockets.length, 2, "the old socket's late close changes nothing else");
});

Deno.test("[realtime client] a socket never established is given up and tried again", () => {
  using h = clientHarness(() => 0);
  h.client.start();
  h.last().open();
  h.clock.tick(14_999);
  assert.equal(h.sockets.length, 1);
  h.clock.tick(1);
  assert.equal(h.sockets[0].closedWith, CLIENT_TIMEOUT_CLOSE);
  h.clock.tick(1); // fake timers run a zero delay on the next millisecond
  assert.equal(h.sockets.length, 2);
});

Deno.test("[realtime client] send works only while live", () => {
  using h = clientHarness();
  h.client.start();
  assert.equal(h.client.send({ type: "cancel", run_id: "r1" }), false);
  h.last().establish();
  assert.equal(h.client.send({ type: "cancel", run_id: "r1" }), true);
  assert.deepEqual(h.last().framesOf("cancel"), [{ type: "cancel", run_id: "r1" }]);
  h.client.stop();
  assert.equal(h.client.send({ type: "cancel", run_id: "r1" }), false);
  assert.equal(h.sockets[0].closedWith, 1000);
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
