/**
 * The part of a WebSocket the hub uses. A runtime `WebSocket` is one as it is
 * (the connection guards `send`/`close` on a socket that is going away); tests
 * pass a fake.
 */
export interface SocketLike {
  readonly readyState: number;
  /** Bytes handed to `send` that the runtime has not written yet. */
  readonly bufferedAmount: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
