import {
  CLOSE,
  MAX_BATCH_EVENTS,
  MAX_BATCH_FRAME_BYTES,
  READY_STATE,
  SOCKET_LOW_WATER_BYTES,
} from "./constants.ts";
import type { SocketLike } from "./socket.ts";
import { type StampedEvent, toStamped } from "./stamped_event.ts";

/** Options for {@linkcode Connection}. */
export interface ConnectionOptions {
  /** Close with 1013 once more than this waits to be sent. @default 1 MiB */
  maxBufferedBytes?: number;
  /** Pack several ready events into one JSON-array frame. @default true */
  batching?: boolean;
  /** Stop writing while the runtime holds this many unsent bytes. @default 64 KiB */
  lowWaterBytes?: number;
}

/** What a flush achieved. */
export type FlushResult = "drained" | "blocked" | "closed";

/** Identity of a connection. */
export interface ConnectionIdentity {
  id: string;
  userId: string;
  /** The `jti` of the token the socket was opened with (for revocation). */
  jti?: string;
}

/**
 * One socket's outbound side: a queue the hub fills without blocking, written
 * out in frames when the hub flushes it. Runtime-neutral (takes a SocketLike).
 */
export class Connection {
  readonly id: string;
  readonly userId: string;
  readonly jti?: string;
  /** Id of the first user event delivered live here (resume replays only before it). */
  firstLiveId?: string;
  #socket: SocketLike;
  #queue: StampedEvent[] = [];
  #head = 0;
  #queuedBytes = 0;
  #closed = false;
  #maxBufferedBytes: number;
  #batching: boolean;
  #lowWater: number;
  #closeListeners: Array<(connection: Connection) => void> = [];

  constructor(identity: ConnectionIdentity, socket: SocketLike, options: ConnectionOptions = {}) {
    this.id = identity.id;
    this.userId = identity.userId;
    this.jti = identity.jti;
    this.#socket = socket;
    this.#maxBufferedBytes = options.maxBufferedBytes ?? 1024 * 1024;
    this.#batching = options.batching ?? true;
    this.#lowWater = options.lowWaterBytes ?? SOCKET_LOW_WATER_BYTES;
  }

  /** True once closed by the server or the peer. */
  get closed(): boolean {
    return this.#closed || this.#socket.readyState >= READY_STATE.CLOSING;
  }

  /** Bytes waiting: this queue plus what the runtime has not written yet. */
  get pendingBytes(): number {
    return this.#queuedBytes + this.#socket.bufferedAmount;
  }

  /** Events queued and not yet handed to the socket. */
  get queuedEvents(): number {
    return this.#queue.length - this.#head;
  }

  /** Calls `listener` once when the connection closes. */
  onClose(listener: (connection: Connection) => void): void {
    this.#closeListeners.push(listener);
  }

  /**
   * Queues an event. When the socket is behind, a `message_delta` following
   * another of the same run is merged into it (lifecycle events never are),
   * and the socket is closed with 1013 once too much is waiting. Returns
   * false once closed.
   */
  enqueue(item: StampedEvent): boolean {
    if (this.closed) return false;
    const last = this.#queue.length > this.#head ? this.#queue[this.#queue.length - 1] : undefined;
    const behind = this.#isBehind();
    if (last && behind && canMerge(last, item)) {
      const merged = mergeDeltas(last, item);
      this.#queue[this.#queue.length - 1] = merged;
      this.#queuedBytes += merged.json.length - last.json.length;
    } else {
      this.#queue.push(item);
      this.#queuedBytes += item.json.length;
    }
    // Only a socket the runtime could not drain is "slow": a burst queued within
    // one tick for a socket that keeps up is written out at the next flush.
    if (behind && this.pendingBytes > this.#maxBufferedBytes) {
      this.close(CLOSE.TRY_AGAIN_LATER, "Client too slow");
      return false;
    }
    return true;
  }

  /** Writes queued events to the socket until drained or the socket is behind. */
  flush(): FlushResult {
    if (this.closed) return "closed";
    if (this.#socket.readyState !== READY_STATE.OPEN) return "blocked";
    const queue = this.#queue;
    while (this.#head < queue.length) {
      if (this.#socket.bufferedAmount >= this.#lowWater) return "blocked";
      const start = this.#head;
      let end = start + 1;
      if (this.#batching) {
        let bytes = queue[start].json.length + 2;
        while (end < queue.length && end - start < MAX_BATCH_EVENTS) {
          bytes += queue[end].json.length + 1;
          if (bytes > MAX_BATCH_FRAME_BYTES) break;
          end++;
        }
      }
      let frame: string;
      if (end - start === 1) {
        frame = queue[start].json;
        this.#queuedBytes -= frame.length;
      } else {
        const parts: string[] = [];
        for (let i = start; i < end; i++) {
          parts.push(queue[i].json);
          this.#queuedBytes -= queue[i].json.length;
        }
        frame = `[${parts.join(",")}]`;
      }
      this.#head = end;
      this.#socket.send(frame);
    }
    this.#queue = [];
    this.#head = 0;
    this.#queuedBytes = 0;
    return "drained";
  }

  /** Closes the socket with a contract code; queued events are dropped. */
  close(code: number = CLOSE.NORMAL, reason = ""): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#queue = [];
    this.#head = 0;
    this.#queuedBytes = 0;
    this.#socket.close(code, reason);
    this.markClosed();
  }

  /** Records that the peer closed the socket (runs the close listeners once). */
  markClosed(): void {
    this.#closed = true;
    const listeners = this.#closeListeners;
    this.#closeListeners = [];
    for (const listener of listeners) listener(this);
  }

  #isBehind(): boolean {
    return this.#socket.bufferedAmount >= this.#lowWater;
  }
}

function canMerge(last: StampedEvent, next: StampedEvent): boolean {
  return last.event.event_type === "message_delta" && next.event.event_type === "message_delta" &&
    last.event.run_id === next.event.run_id;
}

/** One `message_delta` carrying both texts, with the later id (so resume points stay exact). */
function mergeDeltas(last: StampedEvent, next: StampedEvent): StampedEvent {
  if (last.event.event_type !== "message_delta" || next.event.event_type !== "message_delta") {
    throw new TypeError("Cannot merge events that are not message_delta");
  }
  return toStamped({ ...next.event, delta: last.event.delta + next.event.delta });
}
