/** Reading published events in tests. */
import type { EventBody } from "../../lib/realtime/events.ts";

/** The texts of the `message_delta` events among `events`, in order. */
export function deltaTexts(events: readonly EventBody[]): string[] {
  return events.flatMap((event) => event.event_type === "message_delta" ? [event.delta] : []);
}
