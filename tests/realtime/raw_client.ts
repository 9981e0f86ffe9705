/**
 * A minimal WebSocket client over raw TCP for tests that need what a normal
 * client hides: never reading (slow consumer), and the exact close code even
 * when the client kept sending after the server's close frame.
 */

import { frameAt } from "./ws_frame.ts";

const encoder = new TextEncoder();

/** A raw WebSocket connection (client side: frames are masked). */
export class RawClient {
  #conn: Deno.TcpConn;
  #pending = new Uint8Array(0);

  private constructor(conn: Deno.TcpConn) {
    this.#conn = conn;
  }

  /** Connects and sends the upgrade request; the 101 answer is left unread. */
  static async open(port: number, path: string): Promise<RawClient> {
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    await conn.write(encoder.encode(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\n` +
        `Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n` +
        `Sec-WebSocket-Version: 13\r\n\r\n`,
    ));
    return new RawClient(conn);
  }

  /** Sends one masked text frame. */
  async sendText(text: string): Promise<void> {
    const payload = encoder.encode(text);
    const mask = crypto.getRandomValues(new Uint8Array(4));
    const header = payload.length < 126
      ? [0x81, 0x80 | payload.length]
      : [0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff];
    const frame = new Uint8Array(header.length + 4 + payload.length);
    frame.set(header);
    frame.set(mask, header.length);
    for (let i = 0; i < payload.length; i++) {
      frame[header.length + 4 + i] = payload[i] ^ mask[i % 4];
    }
    await this.#conn.write(frame);
  }

  /** Reads until the server's close frame; its code, or null if the stream ended first. */
  async readCloseCode(timeoutMs = 10_000): Promise<number | null> {
    const deadline = Date.now() + timeoutMs;
    await this.#skipHandshake();
    const chunk = new Uint8Array(256 * 1024);
    while (Date.now() < deadline) {
      const frame = this.#nextFrame();
      if (frame) {
        if (frame.opcode === 8) return (frame.payload[0] << 8) | frame.payload[1];
        continue;
      }
      const n = await this.#conn.read(chunk);
      if (n === null) return null;
      this.#append(chunk.subarray(0, n));
    }
    throw new Error("No close frame in time");
  }

  /** Closes the TCP connection. */
  close(): void {
    try {
      this.#conn.close();
    } catch {
      // already closed
    }
  }

  async #skipHandshake(): Promise<void> {
    const chunk = new Uint8Array(4096);
    while (true) {
      const text = new TextDecoder().decode(this.#pending);
      const end = text.indexOf("\r\n\r\n");
      if (end >= 0) {
        this.#pending = this.#pending.slice(encoder.encode(text.slice(0, end + 4)).length);
        return;
      }
      const n = await this.#conn.read(chunk);
      if (n === null) throw new Error("Closed during the handshake");
      this.#append(chunk.subarray(0, n));
    }
  }

  #append(bytes: Uint8Array): void {
    const joined = new Uint8Array(this.#pending.length + bytes.length);
    joined.set(this.#pending);
    joined.set(bytes, this.#pending.length);
    this.#pending = joined;
  }

  #nextFrame(): { opcode: number; payload: Uint8Array } | null {
    const data = this.#pending;
    const frame = frameAt(data, 0, data.length);
    if ("needs" in frame) return null;
    const payload = data.slice(frame.payloadStart, frame.payloadEnd);
    this.#pending = data.slice(frame.payloadEnd);
    return { opcode: frame.opcode, payload };
  }
}
