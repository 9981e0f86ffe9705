/**
 * The bus between instances: what travels on it, how it is encoded, and the
 * interface both transports (BroadcastChannel, Redis) implement. Transports
 * carry encoded text; the hub encodes (`encodeEventBatch`, `encodeControl`)
 * and the transports decode with `parseBusMessage`.
 */
import { z } from "zod";
import { frameBody, type StampedFrame } from "./stamped_frame.ts";

/** A control message every instance acts on (see `control.ts`). */
export const ControlMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("session_revoked"), user_id: z.string(), jti: z.string() }),
  z.object({ type: z.literal("run_cancel"), user_id: z.string(), run_id: z.string() }),
  /**
   * Events of the sender up to `up_to` may not have reached the others (its
   * transport was down): they stop vouching for anything before it.
   */
  z.object({ type: z.literal("events_lost"), up_to: z.string() }),
]);
/** A parsed control message. */
export type ControlMessage = z.infer<typeof ControlMessage>;

/**
 * Consecutive events of one user inside an `events` message. Each event is
 * the sender's stamped event, embedded as JSON (not re-escaped as a string);
 * receivers validate every one (`parseServerEvent`) before using it.
 */
export const BusEventGroup = z.object({
  user_id: z.string(),
  events: z.array(z.unknown()).min(1),
});
/** A parsed group of one user's events. */
export type BusEventGroup = z.infer<typeof BusEventGroup>;

/** One message on the bus; `origin` is the sending instance (it ignores its own). */
export const BusMessage = z.discriminatedUnion("kind", [
  /** Many events (one publish run of the sender), in the order they were published. */
  z.object({
    kind: z.literal("events"),
    origin: z.string(),
    groups: z.array(BusEventGroup).min(1),
  }),
  z.object({ kind: z.literal("control"), origin: z.string(), control: ControlMessage }),
]);
/** A parsed bus message. */
export type BusMessage = z.infer<typeof BusMessage>;

/** Handlers a bus calls. */
export interface BusHandlers {
  /** A message from another instance (already validated). */
  message(message: BusMessage): void;
  /** Messages from other instances may have been lost (e.g. Redis was unreachable). */
  gap(): void;
  /** Messages of this instance were dropped instead of sent; the transport works again. */
  unsent(): void;
}

/** A transport between instances. */
export interface Bus {
  /** Sends encoded text to every other instance; never throws (a lost message is logged). */
  publish(data: string): void;
  /** Starts delivering messages from other instances to `handlers`. */
  subscribe(handlers: BusHandlers): void;
  /** Stops and releases connections. */
  close(): Promise<void>;
}

/**
 * Encodes stamped frames as one `events` message: `userIds[i]` owns
 * `frames[i]`, for i in [`start`, `end`); consecutive frames of one user form
 * one group. The texts come from `JSON.stringify` (the hub's stamping), so
 * they are embedded as they are.
 */
export function encodeEventBatch(
  origin: string,
  userIds: readonly string[],
  frames: readonly StampedFrame[],
  range: { start: number; end: number },
): string {
  const parts = [`{"kind":"events","origin":${JSON.stringify(origin)},"groups":[`];
  let user: string | undefined;
  for (let i = range.start; i < range.end; i++) {
    if (userIds[i] !== user) {
      if (user !== undefined) parts.push("]},");
      user = userIds[i];
      parts.push(`{"user_id":${JSON.stringify(user)},"events":[`, frameBody(frames[i]));
    } else {
      parts.push(",", frameBody(frames[i]));
    }
  }
  parts.push(user === undefined ? "]}" : "]}]}");
  return parts.join("");
}

/** Encodes a control message from `origin`. */
export function encodeControl(origin: string, control: ControlMessage): string {
  return JSON.stringify({ kind: "control", origin, control });
}

/** Parses raw bus data (a JSON string); `null` when it is not a bus message. */
export function parseBusMessage(raw: unknown): BusMessage | null {
  if (typeof raw !== "string") return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = BusMessage.safeParse(value);
  return parsed.success ? parsed.data : null;
}
