/**
 * Parsing of the server's WebSocket frames in the browser. Checked with
 * `zod/mini`, because classic zod alone is ~90 KB gzipped, over the chat
 * page's JS budget; event types come from `events.ts` as types only.
 */
import * as z from "zod/mini";
import type { EventType, ServerEvent } from "../realtime/events.ts";

// A Record over EventType makes the compiler insist that every type is listed.
const KNOWN_TYPES: Record<EventType, true> = {
  connection_established: true,
  user_message: true,
  agent_thinking: true,
  tool_starting: true,
  tool_progress: true,
  tool_complete: true,
  tool_error: true,
  message_delta: true,
  agent_done: true,
  agent_error: true,
  task_changed: true,
  pong: true,
  resync_required: true,
  error: true,
};

const Envelope = z.looseObject({
  event_type: z.enum(Object.keys(KNOWN_TYPES) as [EventType, ...EventType[]]),
  id: z.string(),
  ts: z.string(),
});

/**
 * Parses one server frame: a single event object or a JSON array of events,
 * in order. Invalid frames, invalid items and unknown event types are dropped.
 *
 * @example
 * ```ts
 * parseFrame('[{"event_type":"pong","id":"1","ts":"…"}]'); // [{ event_type: "pong", … }]
 * ```
 */
export function parseFrame(data: unknown): ServerEvent[] {
  if (typeof data !== "string") return [];
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return [];
  }
  const items = Array.isArray(value) ? value : [value];
  const events: ServerEvent[] = [];
  for (const item of items) {
    const parsed = Envelope.safeParse(item);
    // The envelope fixes the discriminant; the fields of each type are the server's contract.
    if (parsed.success) events.push(parsed.data as unknown as ServerEvent);
  }
  return events;
}
