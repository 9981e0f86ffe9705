import { log } from "../log.ts";
import type { Bus, BusMessage, ControlMessage } from "./bus.ts";
import { BLOCKED_RETRY_MS, CLOSE, FLUSH_SLICE_CONNECTIONS } from "./constants.ts";
import { Connection, type ConnectionOptions } from "./connection.ts";
import { EventClock } from "./event_ids.ts";
import { type EventBody, parseServerEvent, type ServerEvent } from "./events.ts";
import { ReplayBuffer, type ReplayBufferOptions } from "./replay_buffer.ts";
import type { SocketLike } from "./socket.ts";
import type { StampedEvent } from "./stamped_event.ts";

/** Options for {@linkcode Hub}. */
export interface HubOptions {
  /** This instance's id (8 of `[0-9a-z]`). @default random */
  instanceId?: string;
  /** Transport to other instances; none means this instance is alone. */
  bus?: Bus;
  /** Replay buffer sizes. */
  replay?: ReplayBufferOptions;
  /** Sockets one user may hold on this instance. @default 10 */
  maxSocketsPerUser?: number;
  /** Outbound queue options of every connection. */
  connection?: ConnectionOptions;
}

/** Why {@linkcode Hub.connect} refused a socket. */
export type ConnectRefusal = "too_many_sockets" | "shutting_down";

/** Per-socket (not replayed, not broadcast) event bodies. */
type DirectBody = Extract<
  EventBody,
  { event_type: "connection_established" | "pong" | "resync_required" | "error" }
>;

type ControlListener = (message: ControlMessage) => void;

/**
 * The connection manager: user → sockets on this instance. Stamps events with
 * ordered ids, keeps them for resume, delivers them to local sockets without
 * letting one socket delay another, and exchanges them with other instances.
 */
export class Hub {
  readonly clock: EventClock;
  #buffer: ReplayBuffer;
  #bus?: Bus;
  #users = new Map<string, Set<Connection>>();
  #maxSockets: number;
  #connectionOptions: ConnectionOptions;
  #dirty = new Set<Connection>();
  #flushTimer?: ReturnType<typeof setTimeout>;
  #flushQueued = false;
  #blocked = new Set<Connection>();
  #blockedTimer?: ReturnType<typeof setTimeout>;
  #controlListeners = new Set<ControlListener>();
  #accepting = true;

  constructor(options: HubOptions = {}) {
    this.clock = new EventClock({ instanceId: options.instanceId });
    // Nothing before this instance started is held: resuming from earlier asks for resync.
    this.#buffer = new ReplayBuffer(this.clock.next(), options.replay);
    this.#maxSockets = options.maxSocketsPerUser ?? 10;
    this.#connectionOptions = options.connection ?? {};
    this.#bus = options.bus;
    this.#bus?.subscribe({
      message: (message) => this.#receive(message),
      gap: () => this.#buffer.raiseFloor(this.clock.next()),
    });
  }

  /** This instance's id (the `origin` of its bus messages). */
  get instanceId(): string {
    return this.clock.instanceId;
  }

  /** Sockets of a user open on this instance. */
  socketCount(userId: string): number {
    return this.#users.get(userId)?.size ?? 0;
  }

  /** Every socket open on this instance. */
  get connectionCount(): number {
    let count = 0;
    for (const set of this.#users.values()) count += set.size;
    return count;
  }

  /** The replay buffers (read-only use: sizes, tests). */
  get replay(): ReplayBuffer {
    return this.#buffer;
  }

  /**
   * Registers an open, authenticated socket and queues its
   * `connection_established`; refuses over the per-user limit or while
   * shutting down.
   */
  connect(
    identity: { userId: string; jti?: string },
    socket: SocketLike,
  ): Connection | ConnectRefusal {
    if (!this.#accepting) return "shutting_down";
    const set = this.#users.get(identity.userId) ?? new Set<Connection>();
    if (set.size >= this.#maxSockets) return "too_many_sockets";
    const connection = new Connection(
      { id: crypto.randomUUID(), ...identity },
      socket,
      this.#connectionOptions,
    );
    set.add(connection);
    this.#users.set(identity.userId, set);
    connection.onClose((closed) => this.#forget(closed));
    this.sendTo(connection, {
      event_type: "connection_established",
      user_id: identity.userId,
      connection_id: connection.id,
      resumed: false,
    });
    return connection;
  }

  /**
   * Publishes one event of a user: stamps `id` and `ts`, keeps it for resume,
   * delivers it to the user's local sockets and sends it to other instances.
   */
  publish(userId: string, body: EventBody): ServerEvent {
    const item = this.#stamp(body);
    const event = item.event;
    this.#buffer.add(userId, item);
    this.#deliver(userId, item);
    this.#bus?.publish({
      kind: "event",
      origin: this.instanceId,
      user_id: userId,
      json: item.json,
    });
    return event;
  }

  /** Sends a per-socket event (not kept, not broadcast) to one connection. */
  sendTo(connection: Connection, body: DirectBody): void {
    if (connection.enqueue(this.#stamp(body))) this.#markDirty(connection);
  }

  #stamp(body: EventBody): StampedEvent {
    const now = Date.now();
    const id = this.clock.next();
    const event = { ...body, id, ts: new Date(now).toISOString() } as ServerEvent;
    return { id, tsMs: now, event, json: JSON.stringify(event) };
  }

  /**
   * Replays every held event of the connection's user after `lastEventId`,
   * then live delivery goes on; `resync_required` when that is not possible.
   */
  resume(connection: Connection, lastEventId: string): void {
    const answer = this.#buffer.after(connection.userId, lastEventId, this.clock.current());
    if (!answer.ok) {
      this.sendTo(connection, { event_type: "resync_required" });
      return;
    }
    // Events already delivered live on this socket are not sent twice.
    const limit = connection.firstLiveId;
    for (const item of answer.events) {
      if (limit !== undefined && item.id >= limit) break;
      if (!connection.enqueue(item)) return;
    }
    this.#markDirty(connection);
  }

  /** Sends a control message to every instance, this one included. */
  control(message: ControlMessage): void {
    this.#handleControl(message);
    this.#bus?.publish({ kind: "control", origin: this.instanceId, control: message });
  }

  /** Calls `listener` for every control message (local and from the bus). */
  onControl(listener: ControlListener): () => void {
    this.#controlListeners.add(listener);
    return () => this.#controlListeners.delete(listener);
  }

  /** Closes every local socket of a user opened with token `jti`. */
  closeSessions(userId: string, jti: string, code: number, reason: string): void {
    for (const connection of [...(this.#users.get(userId) ?? [])]) {
      if (connection.jti === jti) connection.close(code, reason);
    }
  }

  /** Stops accepting sockets and closes every open one with 1001. */
  shutdown(): void {
    this.#accepting = false;
    for (const set of [...this.#users.values()]) {
      for (const connection of [...set]) connection.close(CLOSE.GOING_AWAY, "Server shutting down");
    }
  }

  /** Shuts down, stops timers and closes the bus. */
  async close(): Promise<void> {
    this.shutdown();
    clearTimeout(this.#flushTimer);
    clearTimeout(this.#blockedTimer);
    this.#flushQueued = false;
    this.#flushTimer = this.#blockedTimer = undefined;
    this.#dirty.clear();
    this.#blocked.clear();
    await this.#bus?.close();
  }

  #receive(message: BusMessage): void {
    if (message.origin === this.instanceId) return;
    if (message.kind === "control") {
      this.#handleControl(message.control);
      return;
    }
    const event = parseServerEvent(safeJson(message.json));
    if (!event) {
      log.warn("Ignored a malformed event from the bus", { origin: message.origin });
      return;
    }
    this.clock.observe(event.id);
    const item: StampedEvent = {
      id: event.id,
      tsMs: Date.parse(event.ts),
      event,
      json: message.json,
    };
    this.#buffer.add(message.user_id, item);
    this.#deliver(message.user_id, item);
  }

  #handleControl(message: ControlMessage): void {
    if (message.type === "session_revoked") {
      this.closeSessions(message.user_id, message.jti, CLOSE.UNAUTHENTICATED, "Session revoked");
    }
    for (const listener of this.#controlListeners) {
      try {
        listener(message);
      } catch (error) {
        log.error("Control listener failed", { type: message.type, error: String(error) });
      }
    }
  }

  #deliver(userId: string, item: StampedEvent): void {
    const set = this.#users.get(userId);
    if (!set) return;
    for (const connection of set) {
      connection.firstLiveId ??= item.id;
      if (connection.enqueue(item)) this.#markDirty(connection);
    }
  }

  #forget(connection: Connection): void {
    const set = this.#users.get(connection.userId);
    set?.delete(connection);
    if (set?.size === 0) this.#users.delete(connection.userId);
    this.#dirty.delete(connection);
    this.#blocked.delete(connection);
  }

  #markDirty(connection: Connection): void {
    this.#dirty.add(connection);
    if (this.#flushQueued) return;
    // The first slice runs as a microtask: after the producer's synchronous
    // work (so its events share frames), with no timer delay.
    this.#flushQueued = true;
    queueMicrotask(this.#flushSlice);
  }

  /** Flushes a slice of connections, then yields to the event loop if more wait. */
  #flushSlice = (): void => {
    this.#flushTimer = undefined;
    let flushed = 0;
    for (const connection of this.#dirty) {
      this.#dirty.delete(connection);
      if (connection.flush() === "blocked") this.#block(connection);
      if (++flushed >= FLUSH_SLICE_CONNECTIONS) break;
    }
    if (this.#dirty.size > 0) this.#flushTimer = setTimeout(this.#flushSlice, 0);
    else this.#flushQueued = false;
  };

  #block(connection: Connection): void {
    this.#blocked.add(connection);
    this.#blockedTimer ??= setTimeout(() => {
      this.#blockedTimer = undefined;
      const waiting = [...this.#blocked];
      this.#blocked.clear();
      for (const connection of waiting) this.#markDirty(connection);
    }, BLOCKED_RETRY_MS);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
