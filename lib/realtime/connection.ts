import { CLOSE, READY_STATE, SOCKET_LOW_WATER_BYTES } from "./constants.ts";
import type { SentLedger } from "./sent_ledger.ts";
import type { SocketLike } from "./socket.ts";
import { canMerge, DeltaMerge, packEnd, packFrames, type StampedFrame } from "./stamped_frame.ts";

/** Options for {@linkcode Connection}. */
export interface ConnectionOptions {
  /** Close with 1013 once more than this waits to be sent. @default 1 MiB */
  maxBufferedBytes?: number;
  /** Pack several ready frames into one JSON-array frame. @default true */
  batching?: boolean;
  /** Stop writing while the runtime holds this many unsent bytes. @default 64 KiB */
  lowWaterBytes?: number;
}

/** Connection options with every default applied; one object shared by all connections of a hub. */
export interface ResolvedConnectionOptions {
  readonly maxBufferedBytes: number;
  readonly batching: boolean;
  readonly lowWaterBytes: number;
}

/** Applies the defaults of {@linkcode ConnectionOptions}. */
export function resolveConnectionOptions(
  options: ConnectionOptions = {},
): ResolvedConnectionOptions {
  return {
    maxBufferedBytes: options.maxBufferedBytes ?? 1024 * 1024,
    batching: options.batching ?? true,
    lowWaterBytes: options.lowWaterBytes ?? SOCKET_LOW_WATER_BYTES,
  };
}

/**
 * What a flush achieved: all written; some written before the runtime fell
 * behind (`partial`); nothing written (`blocked`); or the socket is gone.
 */
export type FlushResult = "drained" | "partial" | "blocked" | "closed";

/** Identity of a connection. */
export interface ConnectionIdentity {
  id: string;
  userId: string;
  /** The `jti` of the token the socket was opened with (for revocation). */
  jti?: string;
  /** When the token expires (ms since the epoch); the hub closes the socket with 4401 then. */
  expiresAt?: number;
}

/** Where a connection stands in its hub's flush schedule: idle, queued for a flush, waiting for a retry. */
export type FlushState = 0 | 1 | 2;

/**
 * One socket's outbound side: a queue the hub fills without blocking, written
 * out in frames when the hub flushes it. Runtime-neutral (takes a SocketLike).
 * Kept small: the queue exists only while events wait, options are shared,
 * and the one close callback is the hub's (no closures per connection).
 */
export class Connection {
  readonly id: string;
  readonly userId: string;
  readonly jti?: string;
  /** Token expiry (ms since the epoch), `Infinity` when none. */
  readonly expiresAt: number;
  /** The frames this socket was given, live or replayed (a resume skips them). */
  sent?: SentLedger;
  /** The hub's flush bookkeeping (avoids a Set per flush). */
  flushState: FlushState = 0;
  #socket: SocketLike;
  #queue?: StampedFrame[];
  /**
   * While behind: the deltas merged into the queue's last frame, built when
   * flushed, and the bytes counted for that frame so far.
   */
  #merge?: { deltas: DeltaMerge; counted: number };
  #head = 0;
  #queuedBytes = 0;
  /**
   * Room below the low-water mark the runtime last reported, less what was
   * sent since. Only a send raises `bufferedAmount` and draining only adds
   * room, so this never overstates it: while it is positive the socket keeps
   * up without asking the runtime (a burst, or a run of one-event frames,
   * asks once per 64 KiB, not once per event).
   */
  #room = 0;
  #closed = false;
  #options: ResolvedConnectionOptions;
  #onClosed?: (connection: Connection) => void;

  constructor(
    identity: ConnectionIdentity,
    socket: SocketLike,
    options: ResolvedConnectionOptions | ConnectionOptions = {},
    onClosed?: (connection: Connection) => void,
  ) {
    this.id = identity.id;
    this.userId = identity.userId;
    this.jti = identity.jti;
    this.expiresAt = identity.expiresAt ?? Infinity;
    this.#socket = socket;
    this.#options = isResolved(options) ? options : resolveConnectionOptions(options);
    this.#onClosed = onClosed;
  }

  /** True once closed by the server or the peer. */
  get closed(): boolean {
    return this.#closed || this.#socket.readyState >= READY_STATE.CLOSING;
  }

  /** Bytes waiting: this queue plus what the runtime has not written yet. */
  get pendingBytes(): number {
    return this.#queuedBytes + this.#socket.bufferedAmount;
  }

  /** Frames queued and not yet handed to the socket. */
  get queuedFrames(): number {
    return this.#queue ? this.#queue.length - this.#head : 0;
  }

  /**
   * Queues a frame. When the socket is behind, deltas following deltas of the
   * same run are merged into one (lifecycle events never are), and the socket
   * is closed with 1013 once too much is waiting. Returns false once closed.
   */
  enqueue(item: StampedFrame): boolean {
    if (this.#closed) return false;
    const queue = this.#queue ??= [];
    if (!this.#hasRoom()) {
      // Behind: the runtime could not drain what it was given.
      const lastIndex = queue.length - 1;
      if (lastIndex >= this.#head && canMerge(queue[lastIndex], item)) {
        const merge = this.#merge ??= {
          deltas: new DeltaMerge(queue[lastIndex]),
          counted: queue[lastIndex].json.length,
        };
        const before = merge.deltas.length;
        merge.deltas.add(item);
        merge.counted += merge.deltas.length - before;
        this.#queuedBytes += merge.deltas.length - before;
      } else {
        this.#settleMerge();
        queue.push(item);
        this.#queuedBytes += item.json.length;
      }
      // Only a socket the runtime could not drain is "slow": a burst queued within
      // one tick for a socket that keeps up is written out at the next flush.
      if (this.pendingBytes > this.#options.maxBufferedBytes) {
        this.close(CLOSE.TRY_AGAIN_LATER, "Client too slow");
        return false;
      }
      return true;
    }
    this.#settleMerge();
    queue.push(item);
    this.#queuedBytes += item.json.length;
    return true;
  }

  /** Replaces the queue's last frame by the deltas merged into it, if any. */
  #settleMerge(): void {
    const merge = this.#merge;
    if (!merge || !this.#queue) return;
    this.#merge = undefined;
    const merged = merge.deltas.frame();
    this.#queuedBytes += merged.json.length - merge.counted;
    this.#queue[this.#queue.length - 1] = merged;
  }

  /**
   * Sends a frame at once when nothing is queued ahead of it and the socket
   * keeps up (no queue, no flush: what a bare server does). Returns false
   * when the caller must {@linkcode enqueue} it instead.
   */
  sendDirect(item: StampedFrame): boolean {
    if (this.#closed || this.#queue !== undefined) return false;
    const socket = this.#socket;
    if (socket.readyState !== READY_STATE.OPEN) return false;
    if (!this.#hasRoom()) return false;
    this.#room -= item.json.length;
    socket.send(item.json);
    return true;
  }

  /** True while the runtime holds less than the low-water mark (asks it only when the known room is used up). */
  #hasRoom(): boolean {
    if (this.#room > 0) return true;
    this.#room = this.#options.lowWaterBytes - this.#socket.bufferedAmount;
    return this.#room > 0;
  }

  /** Writes queued events to the socket until drained or the socket is behind. */
  flush(): FlushResult {
    if (this.closed) return "closed";
    const socket = this.#socket;
    if (socket.readyState !== READY_STATE.OPEN) return "blocked";
    const queue = this.#queue;
    const { batching, lowWaterBytes } = this.#options;
    const firstHead = this.#head;
    this.#room = 0; // what this flush writes is not counted: the room is asked again
    this.#settleMerge();
    if (queue) {
      while (this.#head < queue.length) {
        if (socket.bufferedAmount >= lowWaterBytes) {
          const wrote = this.#head !== firstHead;
          if (this.#head > 1024 && this.#head * 2 > queue.length) {
            // Let go of what was sent while the socket stays behind.
            this.#queue = queue.slice(this.#head);
            this.#head = 0;
          }
          return wrote ? "partial" : "blocked";
        }
        const start = this.#head;
        // Batching packs what waits into one array frame; otherwise each frame goes as it is.
        const end = batching ? packEnd(queue, start) : start + 1;
        const frame = packFrames(queue, start, end).json;
        let sum = 0;
        for (let i = start; i < end; i++) sum += queue[i].json.length;
        this.#queuedBytes -= sum;
        this.#head = end;
        socket.send(frame);
      }
    }
    this.#queue = undefined;
    this.#head = 0;
    this.#queuedBytes = 0;
    return "drained";
  }

  /** Closes the socket with a contract code; queued events are dropped. */
  close(code: number = CLOSE.NORMAL, reason = ""): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#queue = undefined;
    this.#merge = undefined;
    this.#head = 0;
    this.#queuedBytes = 0;
    const socket = this.#socket;
    if (socket.readyState < READY_STATE.CLOSING) {
      try {
        socket.close(code, reason);
      } catch {
        // The peer went away between the check and the call.
      }
    }
    this.markClosed();
  }

  /** Records that the peer closed the socket (tells the hub once). */
  markClosed(): void {
    this.#closed = true;
    this.#queue = undefined;
    this.#merge = undefined;
    const onClosed = this.#onClosed;
    this.#onClosed = undefined;
    onClosed?.(this);
  }
}

function isResolved(
  options: ResolvedConnectionOptions | ConnectionOptions,
): options is ResolvedConnectionOptions {
  return options.maxBufferedBytes !== undefined && options.batching !== undefined &&
    options.lowWaterBytes !== undefined;
}
