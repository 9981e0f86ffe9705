import { READY_STATE } from "./constants.ts";

/** The part of a WebSocket the hub uses; tests pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  /** Bytes handed to `send` that the runtime has not written yet. */
  readonly bufferedAmount: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/**
 * Wraps a runtime WebSocket so that sending to or closing a socket that is
 * already going away is a no-op instead of a throw.
 */
export function wrapWebSocket(ws: WebSocket): SocketLike {
  return {
    get readyState() {
      return ws.readyState;
    },
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
    send(data) {
      if (ws.readyState === READY_STATE.OPEN) ws.send(data);
    },
    close(code, reason) {
      if (ws.readyState >= READY_STATE.CLOSING) return;
      try {
        ws.close(code, reason);
      } catch {
        // The peer went away between the check and the call.
      }
    },
  };
}
