import { REPLAY_GLOBAL_MAX_BYTES } from "./constants.ts";
import { frameAfter, singleEventFrames, type StampedFrame } from "./stamped_frame.ts";

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
  /** Frames in id order; their id ranges never overlap. */
  frames: StampedFrame[];
  /** Index of the oldest held frame in `frames` (amortised O(1) eviction). */
  head: number;
  /** Events in the held frames. */
  events: number;
  /** Every event of the user with an id greater than this is held. */
  heldAfter: string;
  /** When the user last got an event (a counter): the global cap evicts the least recent first. */
  touched: number;
}

/** Answer of {@linkcode ReplayBuffer.after}. */
export type ReplayAnswer = { ok: true; frames: StampedFrame[] } | { ok: false };

/**
 * Per-user replay buffers for `resume`: keeps at least `maxEvents` or
 * `maxAgeSeconds` of each user's events (whichever holds more), as the frames
 * they were sent in, ordered by id, under one global byte cap.
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
    return this.#users.get(userId)?.events ?? 0;
  }

  /**
   * Declares that events up to `id` may be missing for every user (e.g. the
   * bus lost messages): resuming from before it answers resync.
   */
  raiseFloor(id: string): void {
    if (id > this.#floor) this.#floor = id;
  }

  /**
   * Keeps one frame of a user, in id order (bus frames may arrive late). The
   * part of a frame at or before the user's `heldAfter` is not kept: resuming
   * from there answers resync anyway.
   */
  add(userId: string, added: StampedFrame): void {
    let log = this.#users.get(userId);
    const heldAfter = log?.heldAfter ?? this.#dropped.get(userId) ?? this.#floor;
    const frame = frameAfter(added, heldAfter);
    if (!frame) return;
    if (!log) {
      log = { frames: [], head: 0, events: 0, heldAfter, touched: 0 };
      this.#dropped.delete(userId);
      this.#users.set(userId, log);
    }
    log.touched = ++this.#touches;
    const { frames } = log;
    if (frames.length === log.head || frames[frames.length - 1].id < frame.firstId) {
      frames.push(frame);
      log.events += frame.count;
      this.#bytes += frame.json.length;
    } else {
      this.#insertLate(log, frame);
    }
    if (log.events > this.#maxEvents) this.#trimUser(log);
    if (this.#bytes > this.#globalMaxBytes) this.#trimGlobal();
  }

  /**
   * Every held event of `userId` with an id greater than `lastId`, in order, as
   * frames; `{ ok: false }` when some may be gone (or `lastId` was never issued).
   * @param newest the greatest id this instance has issued or seen
   */
  after(userId: string, lastId: string, newest: string): ReplayAnswer {
    const log = this.#users.get(userId);
    const userHeldAfter = log?.heldAfter ?? this.#dropped.get(userId) ?? this.#floor;
    const heldAfter = userHeldAfter > this.#floor ? userHeldAfter : this.#floor;
    if (lastId < heldAfter || lastId > newest) return { ok: false };
    if (!log) return { ok: true, frames: [] };
    const at = firstEndingAfter(log.frames, log.head, lastId);
    if (at === log.frames.length) return { ok: true, frames: [] };
    // The first frame may hold events the client already has: only its rest is replayed.
    const rest = frameAfter(log.frames[at], lastId);
    return { ok: true, frames: [rest!, ...log.frames.slice(at + 1)] };
  }

  /**
   * Inserts a frame whose ids are not all after the held ones: the held frames
   * it overlaps and the frame itself become one-event frames, merged in id
   * order without duplicates (rare: two instances publishing for one user at
   * once, a bus message arriving late).
   */
  #insertLate(log: UserLog, frame: StampedFrame): void {
    const at = firstEndingAfter(log.frames, log.head, frame.firstId, true);
    const tail = log.frames.splice(at);
    const byId = new Map<string, StampedFrame>();
    for (const held of tail) {
      log.events -= held.count;
      this.#bytes -= held.json.length;
      for (const single of singleEventFrames(held)) byId.set(single.id, single);
    }
    for (const single of singleEventFrames(frame)) {
      if (!byId.has(single.id)) byId.set(single.id, single);
    }
    const merged = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const single of merged) {
      log.frames.push(single);
      log.events += 1;
      this.#bytes += single.json.length;
    }
  }

  #trimUser(log: UserLog): void {
    const oldestKept = this.#now() - this.#maxAgeMs;
    while (log.head < log.frames.length) {
      const oldest = log.frames[log.head];
      if (log.events - oldest.count < this.#maxEvents || oldest.tsMs >= oldestKept) break;
      this.#evictOldest(log);
    }
    if (log.head > 1024 && log.head * 2 > log.frames.length) {
      log.frames = log.frames.slice(log.head);
      log.head = 0;
    }
  }

  /**
   * Evicts oldest frames of the least recently active users until the buffers
   * hold 7/8 of the cap, so the sort by activity is paid once per 1/8 of it.
   */
  #trimGlobal(): void {
    const target = Math.floor(this.#globalMaxBytes * 7 / 8);
    const byActivity = [...this.#users].sort(([, a], [, b]) => a.touched - b.touched);
    for (const [userId, log] of byActivity) {
      while (this.#bytes > target && log.head < log.frames.length) this.#evictOldest(log);
      if (log.head === log.frames.length) {
        this.#users.delete(userId);
        this.#dropped.set(userId, log.heldAfter);
      } else if (log.head > 0) {
        log.frames = log.frames.slice(log.head);
        log.head = 0;
      }
      if (this.#bytes <= target) return;
    }
  }

  #evictOldest(log: UserLog): void {
    const gone = log.frames[log.head];
    log.frames[log.head] = undefined as unknown as StampedFrame;
    log.head++;
    log.events -= gone.count;
    // Frames are in id order, so this only raises it (a late frame is never kept below it).
    log.heldAfter = gone.id;
    this.#bytes -= gone.json.length;
  }
}

/**
 * Index of the first frame after `head` whose last id is greater than `id`
 * (or equal to it, with `orEqual`): the first frame holding anything after `id`.
 */
function firstEndingAfter(
  frames: StampedFrame[],
  head: number,
  id: string,
  orEqual = false,
): number {
  let low = head;
  let high = frames.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const last = frames[mid].id;
    if (last < id || (!orEqual && last === id)) low = mid + 1;
    else high = mid;
  }
  return low;
}
