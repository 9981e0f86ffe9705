/**
 * A lean WebSocket client for the load generator: one TCP read takes every
 * frame that has arrived, instead of one runtime op and one MessageEvent per
 * frame, so the generator spends little CPU on a 2-core machine it shares
 * with the server it measures. Reads unmasked server frames, answers pings,
 * reports text payloads and the close code. Not a general client: no
 * fragmented messages (the server never sends them).
 */

import { frameAt } from "../tests/realtime/ws_frame.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const OPCODE = { TEXT: 1, CLOSE: 8, PING: 9 } as const;

/** What a {@linkcode RawReader} reports. */
export interface RawReaderHandlers {
  /** Every text frame's payload with the time its read completed (ms since the epoch). */
  text(payload: string, at: number): void;
  /** The server closed the socket (its code, or null when the TCP stream just ended). */
  closed(code: number | null): void;
}

/** Opens `path` on 127.0.0.1:`port`; resolves with a reader once the upgrade is accepted. */
export async function openRawReader(
  port: number,
  path: string,
  handlers: RawReaderHandlers,
): Promise<RawReader> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  await conn.write(encoder.encode(
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\n` +
      `Connection: Upgrade\r\nSec-WebSocket-Key: ${randomKey()}\r\n` +
      `Sec-WebSocket-Version: 13\r\n\r\n`,
  ));
  const reader = new RawReader(conn, handlers);
  await reader.handshake();
  reader.run();
  return reader;
}

/**
 * One timer for every reader: a reader waits for the next tick (about a
 * millisecond) between reads, so each read takes every frame that arrived
 * meanwhile (one read per frame would cost the generator a syscall and a
 * wake-up per event).
 */
let tick: Promise<void> | undefined;
function nextTick(): Promise<void> {
  return tick ??= new Promise((resolve) =>
    setTimeout(() => {
      tick = undefined;
      resolve();
    }, 1)
  );
}

function randomKey(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/** One raw WebSocket connection being read (see {@linkcode openRawReader}). */
export class RawReader {
  #conn: Deno.TcpConn;
  #handlers: RawReaderHandlers;
  /** Bytes read and not yet parsed are `#buffer[#start, #end)`. */
  #buffer = new Uint8Array(64 * 1024);
  #start = 0;
  #end = 0;
  #closing = false;
  #closeCode: number | null = null;

  constructor(conn: Deno.TcpConn, handlers: RawReaderHandlers) {
    this.#conn = conn;
    this.#handlers = handlers;
  }

  /** Reads the HTTP answer to the upgrade; throws unless it is 101. */
  async handshake(): Promise<void> {
    while (true) {
      const head = decoder.decode(this.#buffer.subarray(this.#start, this.#end));
      const end = head.indexOf("\r\n\r\n");
      if (end >= 0) {
        if (!head.startsWith("HTTP/1.1 101")) {
          throw new Error(`Upgrade refused: ${head.split("\r\n")[0]}`);
        }
        this.#start += encoder.encode(head.slice(0, end + 4)).length;
        return;
      }
      if (!(await this.#fill())) throw new Error("Closed during the handshake");
    }
  }

  /** Reads frames until the connection ends. */
  async run(): Promise<void> {
    try {
      while (true) {
        this.#parse();
        if (this.#closeCode !== null) break;
        await nextTick();
        if (!(await this.#fill())) break;
      }
    } catch {
      // Reset by the peer or closed here: the close code, if any, was read.
    }
    this.#handlers.closed(this.#closeCode);
    this.close();
  }

  /** Closes the TCP connection. */
  close(): void {
    if (this.#closing) return;
    this.#closing = true;
    try {
      this.#conn.close();
    } catch {
      // Already closed.
    }
  }

  /** Appends what one read returns; false when the stream ended. */
  async #fill(): Promise<boolean> {
    if (this.#end === this.#buffer.length) this.#makeRoom();
    const n = await this.#conn.read(this.#buffer.subarray(this.#end));
    if (n === null) return false;
    this.#end += n;
    return true;
  }

  /** Moves unparsed bytes to the front, or grows the buffer when they fill half of it. */
  #makeRoom(): void {
    const unparsed = this.#end - this.#start;
    if (unparsed * 2 > this.#buffer.length) {
      this.#grow(this.#buffer.length * 2);
      return;
    }
    this.#buffer.copyWithin(0, this.#start, this.#end);
    this.#start = 0;
    this.#end = unparsed;
  }

  /** Hands over every complete frame in the buffer. */
  #parse(): void {
    const data = this.#buffer;
    const at = performance.timeOrigin + performance.now();
    while (true) {
      const frame = frameAt(data, this.#start, this.#end);
      if ("needs" in frame) {
        // A frame larger than the buffer: grow it before the next read.
        if (frame.needs > data.length) this.#grow(frame.needs);
        return;
      }
      this.#start = frame.payloadEnd;
      const payload = data.subarray(frame.payloadStart, frame.payloadEnd);
      if (frame.opcode === OPCODE.TEXT) this.#handlers.text(decoder.decode(payload), at);
      else if (frame.opcode === OPCODE.PING) this.#pong(payload);
      else if (frame.opcode === OPCODE.CLOSE) this.#closeCode = (payload[0] << 8) | payload[1];
    }
  }

  #grow(size: number): void {
    const grown = new Uint8Array(Math.max(size, this.#buffer.length * 2));
    grown.set(this.#buffer.subarray(this.#start, this.#end));
    this.#buffer = grown;
    this.#end -= this.#start;
    this.#start = 0;
  }

  /** Answers a ping with a masked pong carrying its payload (at most 125 bytes). */
  #pong(payload: Uint8Array): void {
    const frame = new Uint8Array(6 + payload.length);
    frame[0] = 0x80 | 0x0a;
    frame[1] = 0x80 | payload.length;
    // A zero mask leaves the payload as it is.
    frame.set(payload, 6);
    this.#conn.write(frame).catch(() => {});
  }
}
