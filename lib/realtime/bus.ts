/**
 * The bus between instances: what travels on it and the interface both
 * transports (BroadcastChannel, Redis) implement.
 */
import { z } from "zod";

/** A control message every instance acts on (see `control.ts`). */
export const ControlMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("session_revoked"), user_id: z.string(), jti: z.string() }),
  z.object({ type: z.literal("run_cancel"), user_id: z.string(), run_id: z.string() }),
]);
/** A parsed control message. */
export type ControlMessage = z.infer<typeof ControlMessage>;

/** One message on the bus; `origin` is the sending instance (it ignores its own). */
export const BusMessage = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("event"),
    origin: z.string(),
    user_id: z.string(),
    /** The stamped event, serialised once by the sender. */
    json: z.string(),
  }),
  z.object({ kind: z.literal("control"), origin: z.string(), control: ControlMessage }),
]);
/** A parsed bus message. */
export type BusMessage = z.infer<typeof BusMessage>;

/** Handlers a bus calls. */
export interface BusHandlers {
  /** A message from another instance (already validated). */
  message(message: BusMessage): void;
  /** Messages may have been lost (e.g. Redis was unreachable). */
  gap(): void;
}

/** A transport between instances. */
export interface Bus {
  /** Sends to every other instance; never throws (a lost message is logged). */
  publish(message: BusMessage): void;
  /** Starts delivering messages from other instances to `handlers`. */
  subscribe(handlers: BusHandlers): void;
  /** Stops and releases connections. */
  close(): Promise<void>;
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
