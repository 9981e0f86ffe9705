/**
 * Resume and de-duplication bookkeeping of the socket client: which user
 * events were already delivered, and the id to resume from after a reconnect.
 */
import type { EventType, ServerEvent } from "../realtime/events.ts";

/** How many recent event ids are remembered to drop duplicates. */
export const SEEN_IDS_LIMIT = 2_000;

/**
 * Events about one socket only (protocol.md): never replayed, so they are
 * neither resumed from nor de-duplicated.
 */
export const SOCKET_EVENT_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  "connection_established",
  "pong",
  "resync_required",
  "error",
]);

/** Options for {@linkcode EventCursor}. */
export interface EventCursorOptions {
  /** How many ids to remember. @default {SEEN_IDS_LIMIT} */
  limit?: number;
}

/**
 * Remembers the ids of the user events delivered lately and the last one,
 * so replays after `resume` and array frames never deliver an event twice.
 *
 * @example
 * ```ts
 * const cursor = new EventCursor();
 * if (cursor.accept(event)) deliver(event);
 * socket.send(JSON.stringify({ type: "resume", last_event_id: cursor.lastEventId }));
 * ```
 */
export class EventCursor {
  readonly #seen = new Set<string>();
  readonly #order: string[] = [];
  readonly #limit: number;
  #lastEventId: string | null = null;

  constructor(options: EventCursorOptions = {}) {
    this.#limit = options.limit ?? SEEN_IDS_LIMIT;
  }

  /** The id of the last user event accepted: what `resume` sends; null before any. */
  get lastEventId(): string | null {
    return this.#lastEventId;
  }

  /**
   * True when `event` should be delivered: every socket event, and user
   * events not seen before (which then become the resume point).
   */
  accept(event: ServerEvent): boolean {
    if (SOCKET_EVENT_TYPES.has(event.event_type)) return true;
    if (this.#seen.has(event.id)) return false;
    this.#seen.add(event.id);
    this.#order.push(event.id);
    if (this.#order.length > this.#limit) this.#seen.delete(this.#order.shift()!);
    this.#lastEventId = event.id;
    return true;
  }
}
