// TEMPORARY during parallel development: the realtime helper replaces this file
// with the hub-backed implementation. The exported signature is final.
import type { EventBody } from "./events.ts";

type Listener = (userId: string, event: EventBody) => void;
const listeners = new Set<Listener>();

/** Publishes one event to every socket of `userId`, on every instance. */
export function broadcastProgress(userId: string, event: EventBody): void {
  for (const listener of listeners) listener(userId, event);
}

/** Observes every event published in this process (tests). */
export function onProgressForTesting(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
