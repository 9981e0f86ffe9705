import type { ServerEvent } from "./events.ts";

/**
 * An event once stamped: serialised once, and that string is shared by every
 * socket that sends it, the replay buffer and the bus. The event object itself
 * is not kept (no per-event objects for the GC to trace in the replay buffer).
 */
export interface StampedEvent {
  /** The event id (see `event_ids.ts`). */
  readonly id: string;
  /** `ts` as ms since the epoch, for replay ageing. */
  readonly tsMs: number;
  /** The event as JSON, computed once. */
  readonly json: string;
  /** The run id when the event is a `message_delta` (the only kind ever merged). */
  readonly deltaRun: string | undefined;
}

/** A `message_delta` event. */
export type DeltaEvent = Extract<ServerEvent, { event_type: "message_delta" }>;

/** Wraps a stamped event with its serialised form. */
export function toStamped(event: ServerEvent): StampedEvent {
  return {
    id: event.id,
    tsMs: Date.parse(event.ts),
    json: JSON.stringify(event),
    deltaRun: event.event_type === "message_delta" ? event.run_id : undefined,
  };
}

/** True when `next` may be merged into `last`: deltas of one run. */
export function canMerge(last: StampedEvent, next: StampedEvent): boolean {
  return last.deltaRun !== undefined && last.deltaRun === next.deltaRun;
}

/** One `message_delta` carrying both texts, with the later id (so resume points stay exact). */
export function mergeDeltas(last: StampedEvent, next: StampedEvent): StampedEvent {
  if (!canMerge(last, next)) {
    throw new TypeError("Cannot merge events that are not deltas of one run");
  }
  // Both texts were serialised here from typed events (or validated off the bus).
  const earlier = JSON.parse(last.json) as DeltaEvent;
  const later = JSON.parse(next.json) as DeltaEvent;
  return toStamped({ ...later, delta: earlier.delta + later.delta });
}
