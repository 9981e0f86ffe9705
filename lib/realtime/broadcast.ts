import type { EventBody, ServerEvent } from "./events.ts";
import { getHub } from "./hub_instance.ts";

type Listener = (userId: string, event: ServerEvent) => void;
const listeners = new Set<Listener>();

/**
 * Publishes one event to every socket of `userId`, on every instance: the hub
 * stamps `id` and `ts`, keeps it for resume, delivers it to local sockets and
 * sends it on the bus. Never blocks on a socket. The hub stamps `event` in
 * place and serialises it later in the tick: pass a fresh object and leave it.
 */
export function broadcastProgress(userId: string, event: EventBody): void {
  const stamped = getHub().publish(userId, event);
  for (const listener of listeners) listener(userId, stamped);
}

/** Observes every event published in this process, stamped (tests). */
export function onProgressForTesting(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
