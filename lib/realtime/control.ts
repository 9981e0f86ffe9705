/**
 * Cross-instance control messages. Each is delivered to every instance, the
 * sender included.
 */
import { getHub, onHubControl } from "./hub_instance.ts";

/**
 * Closes every socket opened with token `jti` of `userId`, on every instance,
 * with 4401 (called by logout).
 */
export function announceSessionRevoked(userId: string, jti: string): void {
  getHub().control({ type: "session_revoked", user_id: userId, jti });
}

/** Asks every instance to stop run `runId` of `userId` (the one running it does). */
export function requestRunCancel(userId: string, runId: string): void {
  getHub().control({ type: "run_cancel", user_id: userId, run_id: runId });
}

/**
 * Calls `handler` for every run cancel request, local or from another
 * instance. Returns a function that unregisters it.
 */
export function onRunCancelRequested(
  handler: (userId: string, runId: string) => void,
): () => void {
  return onHubControl((message) => {
    if (message.type === "run_cancel") handler(message.user_id, message.run_id);
  });
}
