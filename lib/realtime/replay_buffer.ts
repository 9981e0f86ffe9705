import { REPLAY_GLOBAL_MAX_BYTES } from "./constants.ts";
import type { StampedEvent } from "./stamped_event.ts";

/** Options for {@linkcode ReplayBuffer}. */
export interface ReplayBufferOptions {
  /** Events kept per user regardless of age. @default 500 */
  maxEvents?: number;
  /** Events younger than this are kept regardless of count. @default 300 */
  maxAgeSeconds?: number;
  /** Cap on all users' buffers together; least recently active users lose events first. @default 64 MiB */
  globalMaxBytes?: number;
  /** Time source in ms. @default Date.now */
  now?: () => number;
}

interface UserLog {
  events: StampedEvent[];
  /** Index of the oldest held event in `events` (amortised O(1) eviction). */
  head: number;
  /** Every event of the user with an id greater than this is held. */
  heldAfter: string;
  /** When the user last got an event (a counter): the global cap evicts the least recent first. */
  touched: number;
}

/** Answer of {@linkcode ReplayBuffer.after}. */
export type ReplayAnswer = { ok: true; events: StampedEvent[] } | { ok: false };

/**
 * Per-user replay buffers for `resume`: keeps at least `maxEvents` or
 * `maxAgeSeconds` of each user's events (whichever holds more), ordered by id,
 * under one global byte cap.
 */
export class ReplayBuffer {
  #users = new Map<string, UserLog>();
  /** `heldAfter` of users whose whole log the global cap evicted. */
  #dropped = new Map<string, string>();
  #bytes = 0;
  #touches = 0;
  #maxEvents: number;
  #maxAgeMs: number;
  #globalMaxBytes: number;
  #now: () => number;
  /** Ids at or below this are not covered for anyone (instance start, bus gaps). */
  #floor: string;

  constructor(floor: string, options: ReplayBufferOptions = {}) {
    this.#floor = floor;
    this.#maxEvents = options.maxEvents ?? 500;
    this.#maxAgeMs = (options.maxAgeSeconds ?? 300) * 1000;
    this.#globalMaxBytes = options.globalMaxBytes ?? REPLAY_GLOBAL_MAX_BYTES;
    this.#now = options.now ?? Date.now;
  }

  /** Bytes (UTF-16 code units of the JSON) held by all buffers. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Events held for a user. */
  size(userId: string): number {
    const log = this.#users.get(userId);
    return log ? log.events.length - log.head : 0;
  }

  /**
   * Declares that events up to `id` may be missing for every user (e.g. the
   * bus lost messages): resuming from before it answers resync.
   */
  raiseFloor(id: string): void {
    if (id > this.#floor) this.#floor = id;
  }

  /** Keeps one event of a user, in id order (bus events may arrive late). */
  add(userId: string, item: StampedEvent): void {
    let log = this.#users.get(userId);
    if (!log) {
      const heldAfter = this.#dropped.get(userId) ?? this.#floor;
      log = { events: [], head: 0, heldAfter, touched: 0 };
      this.#dropped.delete(userId);
      this.#users.set(userId, log);
    }
    log.touched = ++this.#touches;
    const { events } = log;
    if (events.length === log.head || events[events.length - 1].id < item.id) {
      events.push(item);
    } else {
      const at = firstAfter(events, log.head, item.id);
      if (at > log.head && events[at - 1].id === item.id) return; // duplicate
      events.splice(at, 0, item);
    }
    this.#bytes += item.json.length;
    if (events.length - log.head > this.#maxEvents) this.#trimUser(log);
    if (this.#bytes > this.#globalMaxBytes) this.#trimGlobal();
  }

  /**
   * Every held event of `userId` with an id greater than `lastId`, in order;
   * `{ ok: false }` when some may be gone (or `lastId` was never issued).
   * @param newest the greatest id this instance has issued or seen
   */
  after(userId: string, lastId: string, newest: string): ReplayAnswer {
    const log = this.#users.get(userId);
    const userHeldAfter = log?.heldAfter ?? this.#dropped.get(userId) ?? this.#floor;
    const heldAfter = userHeldAfter > this.#floor ? userHeldAfter : this.#floor;
    if (lastId < heldAfter || lastId > newest) return { ok: false };
    if (!log) return { ok: true, events: [] };
    const at = firstAfter(log.events, log.head, lastId);
    return { ok: true, events: log.events.slice(at) };
  }

  #trimUser(log: UserLog): void {
    const oldestKept = this.#now() - this.#maxAgeMs;
    while (
      log.events.length - log.head > this.#maxEvents && log.events[log.head].tsMs < oldestKept
    ) {
      this.#evictOldest(log);
    }
    if (log.head > 1024 && log.head * 2 > log.events.length) {
      log.events = log.events.slice(log.head);
      log.head = 0;
    }
  }

  /**
   * Evicts oldest events of the least recently active users until the buffers
   * hold 7/8 of the cap, so the sort by activity is paid once per 1/8 of it.
   */
  #trimGlobal(): void {
    const target = Math.floor(this.#globalMaxBytes * 7 / 8);
    const byActivity = [...this.#users].sort(([, a], [, b]) => a.touched - b.touched);
    for (const [userId, log] of byActivity) {
      while (this.#bytes > target && log.head < log.events.length) this.#evictOldest(log);
      if (log.head === log.events.length) {
        this.#users.delete(userId);
        this.#dropped.set(userId, log.heldAfter);
      } else if (log.head > 0) {
        log.events = log.events.slice(log.head);
        log.head = 0;
      }
      if (this.#bytes <= target) return;
    }
  }

  #evictOldest(log: UserLog): void {
    const gone = log.events[log.head];
    log.events[log.head] = undefined as unknown as StampedEvent;
    log.head++;
    log.heldAfter = gone.id;
    this.#bytes -= gone.json.length;
  }
}

/** Index of the first event after `head` whose id is greater than `id`. */
function firstAfter(events: StampedEvent[], head: number, id: string): number {
  let low = head;
  let high = events.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (events[mid].id <= id) low = mid + 1;
    else high = mid;
  }
  return low;
}
