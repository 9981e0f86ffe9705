/**
 * The live event protocol: one zod schema per server event and per client
 * frame. Shared by the server and the browser, so it imports only zod.
 */
import { z } from "zod";

const ErrorInfo = z.object({ code: z.string(), message: z.string() });

/** A task as it travels on the wire. */
export const TaskWire = z.object({
  id: z.number().int().positive(),
  title: z.string(),
  description: z.string().nullable(),
  completed: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
/** A task as it travels on the wire. */
export type TaskWire = z.infer<typeof TaskWire>;

const run = { run_id: z.string() };

/** Every server event body, before the hub stamps it with `id` and `ts`. */
export const EventBody = z.discriminatedUnion("event_type", [
  z.object({
    event_type: z.literal("connection_established"),
    user_id: z.string(),
    connection_id: z.string(),
    resumed: z.boolean(),
  }),
  z.object({
    event_type: z.literal("user_message"),
    ...run,
    conversation_id: z.string(),
    message_id: z.string(),
    content: z.string(),
    /** The sender's id for the message, when it gave one (matches its pending send). */
    client_message_id: z.string().optional(),
  }),
  z.object({
    event_type: z.literal("agent_thinking"),
    ...run,
    conversation_id: z.string(),
    message: z.string(),
  }),
  z.object({
    event_type: z.literal("tool_starting"),
    ...run,
    call_id: z.string(),
    tool: z.string(),
    arguments: z.unknown(),
    message: z.string(),
  }),
  z.object({
    event_type: z.literal("tool_progress"),
    ...run,
    call_id: z.string(),
    tool: z.string(),
    message: z.string(),
    count: z.number().int().optional(),
  }),
  z.object({
    event_type: z.literal("tool_complete"),
    ...run,
    call_id: z.string(),
    tool: z.string(),
    message: z.string(),
    result: z.unknown(),
    task_id: z.number().int().optional(),
    duration_ms: z.number(),
  }),
  z.object({
    event_type: z.literal("tool_error"),
    ...run,
    call_id: z.string(),
    tool: z.string(),
    message: z.string(),
    error: ErrorInfo,
    duration_ms: z.number(),
  }),
  z.object({ event_type: z.literal("message_delta"), ...run, delta: z.string() }),
  z.object({
    event_type: z.literal("agent_done"),
    ...run,
    conversation_id: z.string(),
    message_id: z.string(),
    response: z.string(),
  }),
  z.object({
    event_type: z.literal("agent_error"),
    ...run,
    conversation_id: z.string(),
    error: ErrorInfo,
  }),
  z.object({
    event_type: z.literal("task_changed"),
    change: z.enum(["created", "updated", "deleted"]),
    task: TaskWire.optional(),
    task_id: z.number().int().optional(),
  }),
  z.object({ event_type: z.literal("pong") }),
  z.object({ event_type: z.literal("resync_required") }),
  z.object({
    event_type: z.literal("error"),
    error: ErrorInfo,
    /** Set when the error answers a `chat` frame that carried a `client_message_id`. */
    client_message_id: z.string().optional(),
    /** Set when the error answers a `cancel` frame. */
    run_id: z.string().optional(),
  }),
]);
/** An event body before it is stamped. */
export type EventBody = z.infer<typeof EventBody>;
/** One event type name. */
export type EventType = EventBody["event_type"];

/** The stamp every delivered event carries. */
export const EventStamp = z.object({ id: z.string(), ts: z.string() });

/** A delivered event: its body plus `id` and `ts`. */
export type ServerEvent = EventBody & z.infer<typeof EventStamp>;

/** Parses one delivered event (the browser client uses this). */
export function parseServerEvent(value: unknown): ServerEvent | null {
  const stamp = EventStamp.safeParse(value);
  const body = EventBody.safeParse(value);
  return stamp.success && body.success ? { ...body.data, ...stamp.data } : null;
}

/** Frames a client may send. */
export const ClientFrame = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ping") }),
  z.object({ type: z.literal("resume"), last_event_id: z.string().min(1).max(200) }),
  z.object({
    type: z.literal("chat"),
    message: z.string(),
    conversation_id: z.string().min(1).max(100).optional(),
    client_message_id: z.string().min(1).max(100).optional(),
  }),
  z.object({ type: z.literal("cancel"), run_id: z.string().min(1).max(100) }),
]);
/** A parsed client frame. */
export type ClientFrame = z.infer<typeof ClientFrame>;
