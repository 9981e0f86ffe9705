import type { ServerEvent } from "./events.ts";

/** An event once stamped: serialised once and shared by every socket that sends it. */
export interface StampedEvent {
  /** The event id (see `event_ids.ts`). */
  readonly id: string;
  /** `ts` as ms since the epoch, for replay ageing. */
  readonly tsMs: number;
  readonly event: ServerEvent;
  /** `JSON.stringify(event)`, computed once. */
  readonly json: string;
}

/** Wraps a stamped event with its serialised form. */
export function toStamped(event: ServerEvent): StampedEvent {
  return { id: event.id, tsMs: Date.parse(event.ts), event, json: JSON.stringify(event) };
}
