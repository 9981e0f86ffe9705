import assert from "node:assert/strict";
import { READY_STATE } from "./constants.ts";
import { Connection } from "./connection.ts";
import { toFrame } from "./stamped_frame.ts";
import type { SocketLike } from "./socket.ts";

/** A socket whose runtime buffer grows with each send and drains when the test says. */
class BufferingSocket implements SocketLike {
  readyState: number = READY_STATE.OPEN;
  buffered = 0;
  reads = 0;
  sent: string[] = [];
  get bufferedAmount(): number {
    this.reads++;
    return this.buffered;
  }
  send(data: string) {
    this.sent.push(data);
    this.buffered += data.length;
  }
  close() {
    this.readyState = READY_STATE.CLOSED;
  }
}

const frameOf = (i: number, bytes: number) =>
  toFrame([{
    event_type: "message_delta",
    run_id: "r",
    delta: "x".repeat(bytes),
    id: String(i).padStart(6, "0"),
    ts: "2026-11-26T00:00:00.000Z",
  }]);

Deno.test("[connection] direct sends ask the runtime once per low-water mark of bytes, not per frame", () => {
  const socket = new BufferingSocket();
  const connection = new Connection({ id: "c", userId: "u" }, socket, { lowWaterBytes: 1000 });
  const frames = Array.from({ length: 30 }, (_, i) => frameOf(i, 10));
  const size = frames[0].json.length;
  let sent = 0;
  while (sent < frames.length && connection.sendDirect(frames[sent])) sent++;
  // Sent while the runtime held less than the mark before each send: the first that reached it stops.
  assert.equal(sent, Math.ceil(1000 / size));
  assert.equal(socket.buffered >= 1000, true);
  assert.ok(socket.reads <= 3, `asked ${socket.reads} times for ${sent} frames`);
  assert.equal(connection.sendDirect(frames[sent]), false, "a socket at the mark takes no more");
  socket.buffered = 0; // drained
  assert.equal(connection.sendDirect(frames[sent]), true, "drained, it takes frames again");
});

Deno.test("[connection] a direct send never goes to a socket the runtime has not drained", () => {
  const socket = new BufferingSocket();
  const connection = new Connection({ id: "c", userId: "u" }, socket, { lowWaterBytes: 1000 });
  assert.equal(connection.sendDirect(frameOf(1, 10)), true);
  // Something else filled the runtime's buffer (a flush of a queue): the room is asked again.
  assert.equal(connection.enqueue(frameOf(2, 2000)), true);
  assert.equal(connection.flush(), "drained");
  assert.equal(connection.sendDirect(frameOf(3, 10)), false);
  assert.equal(socket.sent.length, 2);
});
