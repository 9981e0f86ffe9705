import { log } from "../log.ts";
import {
  type Bus,
  type BusEventGroup,
  type BusMessage,
  type ControlMessage,
  encodeControl,
  encodeEventBatch,
} from "./bus.ts";
import {
  BLOCKED_RETRY_MS,
  BUS_MESSAGE_MAX_BYTES,
  CLOSE,
  DRAINING_RETRY_MS,
  EXPIRY_SWEEP_MS,
  FLUSH_SLICE_MS,
} from "./constants.ts";
import {
  Connection,
  type ConnectionOptions,
  resolveConnectionOptions,
  type ResolvedConnectionOptions,
} from "./connection.ts";
import { EventClock } from "./event_ids.ts";
import { MacrotaskScheduler } from "./macrotask.ts";
import { type EventBody, parseServerEvent, type ServerEvent } from "./events.ts";
import { ReplayBuffer, type ReplayBufferOptions } from "./replay_buffer.ts";
import type { SocketLike } from "./socket.ts";
import { SentLedger } from "./sent_ledger.ts";
import {
  packEnd,
  packFrames,
  singleEventFrames,
  type StampedFrame,
  toFrame,
  toFrames,
} from "./stamped_frame.ts";

/**
 * The frames of a run. An event that cannot be serialised (a producer's bug)
 * is logged and left out; it must not take its run's other events, or the
 * microtask that serialises them, down with it.
 */
function serialise(events: ServerEvent[]): StampedFrame[] {
  try {
    return toFrames(events);
  } catch {
    const frames: StampedFrame[] = [];
    for (const event of events) {
      const frame = serialiseOne(event);
      if (frame) frames.push(frame);
    }
    return frames;
  }
}

/** The frame of one event; `undefined` (logged) when it cannot be serialised. */
function serialiseOne(event: ServerEvent): StampedFrame | undefined {
  try {
    return toFrame([event]);
  } catch (error) {
    log.error("Event not sent: it cannot be serialised", {
      event_type: event.event_type,
      id: event.id,
      error: String(error),
    });
    return undefined;
  }
}

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
  /** user → open connections (an array: most users hold one to three). */
  #users = new Map<string, Connection[]>();
  #connections = 0;
  #maxSockets: number;
  #connectionOptions: ResolvedConnectionOptions;
  /** Connections waiting for a flush, in order; `flushState` 1 marks membership. */
  #dirty: Connection[] = [];
  #dirtyHead = 0;
  /** Later slices of a large flush run as macrotasks, so timers and I/O get their turn. */
  #nextSlice = new MacrotaskScheduler(() => this.#flushSlice());
  #flushQueued = false;
  /** Connections the runtime is still draining; `flushState` 2 marks membership. */
  #blocked: Connection[] = [];
  #blockedTimer?: ReturnType<typeof setTimeout>;
  /** When the armed retry fires (performance.now()). */
  #blockedDue = Infinity;
  /** One sweep for every socket's token expiry instead of a timer per socket. */
  #expiryTimer?: ReturnType<typeof setInterval>;
  #controlListeners = new Set<ControlListener>();
  /**
   * The user whose consecutive events are being published, and those events
   * (with batching) or the one-event frames already sent for them (without).
   * The run closes when another user's event comes or the synchronous publish
   * run ends, so its objects live briefly (fewer for the GC to copy).
   */
  #runUser = "";
  #runEvents: ServerEvent[] = [];
  #runFrames: StampedFrame[] = [];
  /** With batching: frames of this publish run not yet dispatched, per user, in order. */
  #sealed = new Map<string, StampedFrame[]>();
  #sealQueued = false;
  /** Frames stamped here and not yet on the bus (their users and them, in publish order). */
  #outUsers: string[] = [];
  #outFrames: StampedFrame[] = [];
  #accepting = true;
  /** `ts` of the last stamp, reused within one millisecond. */
  #tsMs = -1;
  #tsText = "";
  #forgetConnection = (connection: Connection): void => this.#forget(connection);

  constructor(options: HubOptions = {}) {
    this.clock = new EventClock({ instanceId: options.instanceId });
    // Nothing before this instance started is held: resuming from earlier asks for resync.
    this.#buffer = new ReplayBuffer(this.clock.next(), options.replay);
    this.#maxSockets = options.maxSocketsPerUser ?? 10;
    this.#connectionOptions = resolveConnectionOptions(options.connection);
    this.#bus = options.bus;
    this.#bus?.subscribe({
      message: (message) => this.#receive(message),
      gap: () => this.#buffer.raiseFloor(this.clock.next()),
      unsent: () => this.#announceLost(),
    });
  }

  /** This instance's id (the `origin` of its bus messages). */
  get instanceId(): string {
    return this.clock.instanceId;
  }

  /** Sockets of a user open on this instance. */
  socketCount(userId: string): number {
    return this.#users.get(userId)?.length ?? 0;
  }

  /** Every socket open on this instance. */
  get connectionCount(): number {
    return this.#connections;
  }

  /** The most bytes waiting for any one local socket (its queue plus the runtime's buffer). */
  get maxPendingBytes(): number {
    let max = 0;
    for (const list of this.#users.values()) {
      for (const connection of list) max = Math.max(max, connection.pendingBytes);
    }
    return max;
  }

  /** The replay buffers (read-only use: sizes, tests). */
  get replay(): ReplayBuffer {
    return this.#buffer;
  }

  /**
   * Registers an open, authenticated socket and queues its
   * `connection_established`; refuses over the per-user limit or while
   * shutting down. With `expiresAt`, the socket is closed with 4401 within
   * {@linkcode EXPIRY_SWEEP_MS} of that time.
   */
  connect(
    identity: { userId: string; jti?: string; expiresAt?: number },
    socket: SocketLike,
  ): Connection | ConnectRefusal {
    if (!this.#accepting) return "shutting_down";
    const list = this.#users.get(identity.userId);
    if (list && list.length >= this.#maxSockets) return "too_many_sockets";
    const connection = new Connection(
      {
        id: crypto.randomUUID(),
        userId: identity.userId,
        jti: identity.jti,
        expiresAt: identity.expiresAt,
      },
      socket,
      this.#connectionOptions,
      this.#forgetConnection,
    );
    if (list) list.push(connection);
    else this.#users.set(identity.userId, [connection]);
    this.#connections++;
    if (connection.expiresAt !== Infinity) {
      this.#expiryTimer ??= setInterval(this.#sweepExpired, EXPIRY_SWEEP_MS);
    }
    this.sendTo(connection, {
      event_type: "connection_established",
      user_id: identity.userId,
      connection_id: connection.id,
      resumed: false,
    });
    return connection;
  }

  /**
   * Publishes one event of a user: stamps `id` and `ts` now; keeps it for
   * resume, delivers it to the user's local sockets and sends it to other
   * instances. With batching, a user's consecutive events are serialised
   * together into frames when the run closes (one `JSON.stringify` and one
   * kept string per run, not per event) and delivered when the synchronous
   * publish run ends (a microtask). Without batching each event is serialised
   * and sent to the sockets at once, as a bare server sends it; the run's texts
   * are joined into one frame to keep and to put on the bus.
   */
  publish(userId: string, body: EventBody): ServerEvent {
    // The hub keeps `body` (stamped in place) until it is serialised: producers pass a fresh object.
    const event = this.#stamp(body);
    if (userId !== this.#runUser) {
      this.#closeRun();
      this.#runUser = userId;
    }
    if (this.#connectionOptions.batching) {
      this.#runEvents.push(event);
    } else {
      const frame = serialiseOne(event);
      if (frame) {
        this.#deliver(userId, frame, true);
        this.#runFrames.push(frame);
      }
    }
    if (!this.#sealQueued) {
      this.#sealQueued = true;
      queueMicrotask(this.#seal);
    }
    return event;
  }

  /** Sends a per-socket event (not kept, not broadcast) to one connection. */
  sendTo(connection: Connection, body: DirectBody): void {
    if (connection.enqueue(toFrame([this.#stamp(body)]))) this.#markDirty(connection);
  }

  /**
   * Gives an event its `id` and `ts` (formatted once per millisecond), in
   * place: every event is stamped on the hot path, and a copy of each cost
   * more than its id. A body published before (it has an id) is copied, so
   * an object a producer reuses never changes an event already published.
   */
  #stamp(body: EventBody): ServerEvent {
    const now = Date.now();
    if (now !== this.#tsMs) {
      this.#tsMs = now;
      this.#tsText = new Date(now).toISOString();
    }
    const event = ("id" in body ? { ...body } : body) as ServerEvent;
    event.id = this.clock.next(now);
    event.ts = this.#tsText;
    return event;
  }

  /**
   * Closes the run of one user's consecutive events: with batching, serialises
   * them into frames dispatched when the publish run ends; without, keeps the
   * frames already sent, joined, and queues them for the bus.
   */
  #closeRun(): void {
    const userId = this.#runUser;
    if (this.#runEvents.length > 0) {
      const frames = serialise(this.#runEvents);
      this.#runEvents = [];
      const sealed = this.#sealed.get(userId);
      if (sealed) sealed.push(...frames);
      else this.#sealed.set(userId, frames);
    }
    const sent = this.#runFrames;
    if (sent.length > 0) {
      this.#runFrames = [];
      for (let start = 0, end = 0; start < sent.length; start = end) {
        end = packEnd(sent, start);
        this.#keep(userId, packFrames(sent, start, end));
      }
    }
  }

  /** Ends the publish run: dispatches each user's frames, then sends them on the bus. */
  #seal = (): void => {
    this.#sealQueued = false;
    this.#closeRun();
    this.#runUser = "";
    if (this.#sealed.size > 0) {
      const sealed = this.#sealed;
      this.#sealed = new Map();
      for (const [userId, frames] of sealed) {
        // Several frames are one burst: queued together, packed and judged once by the flush.
        for (const frame of frames) this.#dispatch(userId, frame, frames.length === 1);
      }
    }
    this.#flushBus();
  };

  /** Keeps a frame of this instance's for resume, delivers it here and queues it for the bus. */
  #dispatch(userId: string, frame: StampedFrame, direct: boolean): void {
    this.#keep(userId, frame);
    this.#deliver(userId, frame, direct);
  }

  /** Keeps a frame of this instance's for resume and queues it for the bus. */
  #keep(userId: string, frame: StampedFrame): void {
    this.#buffer.add(userId, frame);
    if (this.#bus) {
      this.#outUsers.push(userId);
      this.#outFrames.push(frame);
    }
  }

  /**
   * Replays every held event of the connection's user after `lastEventId`,
   * then live delivery goes on; `resync_required` when that is not possible.
   */
  resume(connection: Connection, lastEventId: string): void {
    // Without batching, the open run's events went out already: kept now, they can be replayed.
    this.#closeRun();
    const answer = this.#buffer.after(connection.userId, lastEventId, this.clock.current());
    if (!answer.ok) {
      this.sendTo(connection, { event_type: "resync_required" });
      return;
    }
    const sent = connection.sent ??= new SentLedger();
    const replayed: StampedFrame[] = [];
    const single = !this.#connectionOptions.batching;
    for (const held of answer.frames) {
      // Events this socket was already given are not sent twice.
      const frame = sent.unseen(held);
      if (!frame) continue;
      replayed.push(frame);
      // Without batching a socket gets one event per frame, also when it resumes.
      for (const part of single ? singleEventFrames(frame) : [frame]) {
        if (!connection.enqueue(part)) return;
      }
    }
    for (const frame of replayed) sent.note(frame);
    this.#markDirty(connection);
  }

  /** Sends a control message to every instance, this one included. */
  control(message: ControlMessage): void {
    this.#handleControl(message);
    if (!this.#bus) return;
    this.#seal(); // events published before it stay before it
    this.#flushBus();
    this.#bus.publish(encodeControl(this.instanceId, message));
  }

  /**
   * Tells the other instances that this one's events up to now may not have
   * reached them (its transport dropped them), so a resume there from before
   * now answers `resync_required` instead of replaying with a hole. This
   * instance still holds them all: it does not act on the message itself.
   */
  #announceLost(): void {
    if (!this.#bus) return;
    this.#seal();
    this.#flushBus();
    this.#bus.publish(
      encodeControl(this.instanceId, { type: "events_lost", up_to: this.clock.current() }),
    );
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
    for (const list of [...this.#users.values()]) {
      for (const connection of [...list]) {
        connection.close(CLOSE.GOING_AWAY, "Server shutting down");
      }
    }
  }

  /** Shuts down, stops timers and closes the bus. */
  async close(): Promise<void> {
    this.#seal();
    this.shutdown();
    this.#nextSlice.cancel();
    clearTimeout(this.#blockedTimer);
    clearInterval(this.#expiryTimer);
    this.#blockedDue = Infinity;
    this.#flushQueued = false;
    this.#blockedTimer = this.#expiryTimer = undefined;
    this.#dirty = [];
    this.#dirtyHead = 0;
    this.#blocked = [];
    this.#flushBus();
    await this.#bus?.close();
  }

  /**
   * Sends the events published since the last call to the other instances,
   * in order, as few messages of at most {@linkcode BUS_MESSAGE_MAX_BYTES}
   * (one per event would cost a message per event on every instance).
   */
  #flushBus(): void {
    const users = this.#outUsers;
    const frames = this.#outFrames;
    if (!this.#bus || frames.length === 0) return;
    this.#outUsers = [];
    this.#outFrames = [];
    let start = 0;
    let bytes = 0;
    for (let end = 0; end < frames.length; end++) {
      // The frame, plus at most its group's framing (`{"user_id":…,"events":[`, `]},`).
      const size = frames[end].json.length + users[end].length + 32;
      if (end > start && bytes + size > BUS_MESSAGE_MAX_BYTES) {
        this.#bus.publish(encodeEventBatch(this.instanceId, users, frames, { start, end }));
        start = end;
        bytes = 0;
      }
      bytes += size;
    }
    this.#bus.publish(
      encodeEventBatch(this.instanceId, users, frames, { start, end: frames.length }),
    );
  }

  #receive(message: BusMessage): void {
    if (message.origin === this.instanceId) return;
    if (message.kind === "control") {
      this.#handleControl(message.control);
      return;
    }
    for (const group of message.groups) this.#receiveGroup(group, message.origin);
  }

  /** Keeps and delivers one user's events from another instance, in order; drops malformed ones. */
  #receiveGroup(group: BusEventGroup, origin: string): void {
    const events: ServerEvent[] = [];
    const values: unknown[] = [];
    for (const value of group.events) {
      const event = parseServerEvent(value);
      if (!event) {
        log.warn("Ignored a malformed event from the bus", { origin });
        continue;
      }
      this.clock.observe(event.id);
      events.push(event);
      values.push(value);
    }
    if (events.length === 0) return;
    // Framed as this instance frames its own (one event per frame without batching);
    // serialised from the sender's values, so the text is the sender's.
    const maxEvents = this.#connectionOptions.batching ? undefined : 1;
    const frames = toFrames(events, maxEvents, values);
    for (const frame of frames) {
      this.#buffer.add(group.user_id, frame);
      this.#deliver(group.user_id, frame, frames.length === 1);
    }
  }

  #handleControl(message: ControlMessage): void {
    if (message.type === "events_lost") {
      this.clock.observe(message.up_to);
      this.#buffer.raiseFloor(message.up_to);
    }
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

  /**
   * Hands a frame to each local socket of the user: sent at once when `direct`
   * and nothing waits ahead of it, else queued for the next flush.
   */
  #deliver(userId: string, frame: StampedFrame, direct: boolean): void {
    const list = this.#users.get(userId);
    if (!list) return;
    for (let i = 0; i < list.length; i++) {
      const connection = list[i];
      (connection.sent ??= new SentLedger()).note(frame);
      if (direct && connection.sendDirect(frame)) continue;
      if (connection.enqueue(frame) && connection.flushState !== 1) this.#markDirty(connection);
    }
  }

  #forget(connection: Connection): void {
    const list = this.#users.get(connection.userId);
    if (!list?.includes(connection)) return;
    // A new array, not a splice: #deliver may be iterating over the old one.
    const rest = list.filter((other) => other !== connection);
    if (rest.length > 0) this.#users.set(connection.userId, rest);
    else this.#users.delete(connection.userId);
    this.#connections--;
    if (this.#connections === 0) {
      clearInterval(this.#expiryTimer);
      this.#expiryTimer = undefined;
    }
  }

  #markDirty(connection: Connection): void {
    if (connection.flushState === 1) return;
    // A waiting connection (2) is flushed again now; its pending retry finds it queued or idle.
    connection.flushState = 1;
    this.#dirty.push(connection);
    if (this.#flushQueued) return;
    // The first slice runs as a microtask: after the producer's synchronous
    // work (so its events share frames), with no timer delay.
    this.#flushQueued = true;
    queueMicrotask(this.#flushSlice);
  }

  /**
   * Flushes queued connections for about {@linkcode FLUSH_SLICE_MS}, then
   * yields to the event loop (a macrotask, no timer clamp) if more wait.
   */
  #flushSlice = (): void => {
    const dirty = this.#dirty;
    const started = performance.now();
    let i = this.#dirtyHead;
    while (i < dirty.length) {
      const connection = dirty[i++];
      connection.flushState = 0;
      const result = connection.flush();
      if (result === "partial") this.#block(connection, DRAINING_RETRY_MS);
      else if (result === "blocked") this.#block(connection, BLOCKED_RETRY_MS);
      if ((i & 15) === 0 && performance.now() - started >= FLUSH_SLICE_MS) break;
    }
    this.#dirtyHead = i;
    if (i < dirty.length) {
      this.#nextSlice.schedule();
      return;
    }
    this.#dirty = [];
    this.#dirtyHead = 0;
    this.#flushQueued = false;
  };

  /**
   * Retries a connection the runtime is still draining: soon when it just
   * wrote something (a reader that keeps up gets its backlog at network
   * speed), later when it wrote nothing (a stuck reader costs little). New
   * events for it do not wait for the retry: they flush it again.
   */
  #block(connection: Connection, delayMs: number): void {
    connection.flushState = 2;
    this.#blocked.push(connection);
    const due = performance.now() + delayMs;
    if (due >= this.#blockedDue) return;
    clearTimeout(this.#blockedTimer);
    this.#blockedDue = due;
    this.#blockedTimer = setTimeout(this.#retryBlocked, delayMs);
  }

  #retryBlocked = (): void => {
    this.#blockedTimer = undefined;
    this.#blockedDue = Infinity;
    const waiting = this.#blocked;
    this.#blocked = [];
    for (const connection of waiting) if (connection.flushState === 2) this.#markDirty(connection);
  };

  /** Closes, with 4401, every socket whose token has expired. */
  #sweepExpired = (): void => {
    const now = Date.now();
    const expired: Connection[] = [];
    for (const list of this.#users.values()) {
      for (const connection of list) if (connection.expiresAt <= now) expired.push(connection);
    }
    for (const connection of expired) connection.close(CLOSE.UNAUTHENTICATED, "Session expired");
  };
}
