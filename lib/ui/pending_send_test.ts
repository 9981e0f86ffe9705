import assert from "node:assert/strict";
import { clientHarness, fakeEvent } from "./fake_socket.ts";
import { chatFrame, resendWhenLive } from "./pending_send.ts";
import type { PendingSend } from "./chat_state.ts";

const PENDING: PendingSend = {
  client_message_id: "m-1",
  content: "add milk",
  conversation_id: "c1",
};

Deno.test("[pending send] the chat frame carries the client_message_id", () => {
  assert.deepEqual(chatFrame(PENDING), {
    type: "chat",
    message: "add milk",
    client_message_id: "m-1",
    conversation_id: "c1",
  });
  assert.equal("conversation_id" in chatFrame({ ...PENDING, conversation_id: null }), false);
});

Deno.test("[pending send] a message typed while reconnecting goes out once, after resume", () => {
  using h = clientHarness();
  let pending: PendingSend | null = null;
  const off = resendWhenLive(h.client, () => pending);
  h.client.start();
  h.last().establish();
  h.last().receive(fakeEvent("message_delta", "e7", { run_id: "r1", delta: "x" }));
  h.last().serverClose(1006);
  pending = PENDING;
  assert.equal(h.client.send(chatFrame(PENDING)), false, "not live: the caller keeps it");
  h.clock.tick(h.retryDelay());
  h.last().establish();
  assert.deepEqual(
    h.last().sent.filter((f) => f.type !== "ping"),
    [{ type: "resume", last_event_id: "e7" }, chatFrame(PENDING)],
    "resume first, then the message, exactly once",
  );
  // Pings and pongs go on; the message is not sent again.
  for (let i = 0; i < 3; i++) {
    h.last().receive(fakeEvent("pong", `p${i}`));
    h.clock.tick(20_000);
  }
  assert.equal(h.sockets.length, 2);
  assert.equal(h.last().framesOf("ping").length, 4);
  assert.equal(h.last().framesOf("chat").length, 1);
  off();
});

Deno.test("[pending send] nothing is resent once the server accepted it", () => {
  using h = clientHarness();
  let pending: PendingSend | null = PENDING;
  resendWhenLive(h.client, () => pending);
  h.client.start();
  h.last().establish();
  assert.equal(h.last().framesOf("chat").length, 1, "first live: sent");
  pending = null; // user_message arrived
  h.last().serverClose(1001);
  h.clock.tick(h.retryDelay());
  h.last().establish();
  assert.equal(h.last().framesOf("chat").length, 0);
});
