/**
 * Runs in flight, across instances. In KV each run holds a lease:
 * `["active_runs", userId, runId]` (which instance, which conversation) and
 * `["active_conversation_runs", userId, conversationId]` (one run per
 * conversation). Both carry `expireIn` and a `lease_until` that the running
 * instance renews; a crashed instance's lease simply runs out. Locally, each
 * run has an AbortController that cancel requests and shutdown abort.
 */
import { RunAbortReason } from "../agent/run.ts";
import { getKv } from "../store/kv.ts";
import { ulid } from "../store/ulid.ts";

/** How long a lease lasts without renewal. */
export const RUN_LEASE_MS = 60_000;
/** How often the running instance renews its leases. */
export const RUN_HEARTBEAT_MS = 20_000;

/** This process's id, recorded with the runs it executes. */
export const INSTANCE_ID = ulid();

/** A run's lease record. */
export interface ActiveRun {
  run_id: string;
  conversation_id: string;
  instance_id: string;
  started_at: string;
  lease_until: number;
}

/** `["active_runs", userId, runId]` */
export function activeRunKey(userId: string, runId: string): Deno.KvKey {
  return ["active_runs", userId, runId];
}

/** `["active_conversation_runs", userId, conversationId]` */
export function conversationRunKey(userId: string, conversationId: string): Deno.KvKey {
  return ["active_conversation_runs", userId, conversationId];
}

/** A new lease for a run starting now on this instance. */
export function newLease(runId: string, conversationId: string, now = Date.now()): ActiveRun {
  return {
    run_id: runId,
    conversation_id: conversationId,
    instance_id: INSTANCE_ID,
    started_at: new Date(now).toISOString(),
    lease_until: now + RUN_LEASE_MS,
  };
}

/** True when a lease record is present and not run out. */
export function isLive(lease: ActiveRun | null, now = Date.now()): lease is ActiveRun {
  return lease !== null && lease.lease_until > now;
}

/** The live lease of a run, or null when it is unknown or finished. */
export async function getActiveRun(userId: string, runId: string): Promise<ActiveRun | null> {
  const kv = await getKv();
  const { value } = await kv.get<ActiveRun>(activeRunKey(userId, runId));
  return isLive(value) ? value : null;
}

/** The live lease of the run in flight in a conversation, or null when none is. */
export async function getConversationRun(
  userId: string,
  conversationId: string,
): Promise<ActiveRun | null> {
  const kv = await getKv();
  const { value } = await kv.get<ActiveRun>(conversationRunKey(userId, conversationId));
  return isLive(value) ? value : null;
}

const local = new Map<string, { userId: string; controller: AbortController }>();

/**
 * Tracks a run that executes here: renews its lease until `release()`, and
 * gives the AbortController that {@linkcode abortLocalRun} aborts.
 */
export function trackLocalRun(
  userId: string,
  lease: ActiveRun,
): { signal: AbortSignal; release(): Promise<void> } {
  const controller = new AbortController();
  local.set(lease.run_id, { userId, controller });
  const timer = setInterval(() => {
    renewLease(userId, lease).catch(() => {/* the next beat retries */});
  }, RUN_HEARTBEAT_MS);
  return {
    signal: controller.signal,
    async release() {
      clearInterval(timer);
      local.delete(lease.run_id);
      const kv = await getKv();
      await kv.atomic()
        .delete(activeRunKey(userId, lease.run_id))
        .delete(conversationRunKey(userId, lease.conversation_id))
        .commit();
    },
  };
}

async function renewLease(userId: string, lease: ActiveRun): Promise<void> {
  if (!local.has(lease.run_id)) return;
  const kv = await getKv();
  const renewed = { ...lease, lease_until: Date.now() + RUN_LEASE_MS };
  await kv.atomic()
    .set(activeRunKey(userId, lease.run_id), renewed, { expireIn: RUN_LEASE_MS })
    .set(conversationRunKey(userId, lease.conversation_id), renewed, { expireIn: RUN_LEASE_MS })
    .commit();
}

/** Aborts a run if it executes here; true when it did. */
export function abortLocalRun(userId: string, runId: string, reason: RunAbortReason): boolean {
  const run = local.get(runId);
  if (!run || run.userId !== userId) return false;
  run.controller.abort(reason);
  return true;
}

/** Aborts every run executing here (shutdown); returns how many. */
export function abortAllLocalRuns(reason: RunAbortReason): number {
  for (const run of local.values()) run.controller.abort(reason);
  return local.size;
}

/** Resolves once no run executes here, or after `timeoutMs`; true when all ended. */
export async function waitForLocalRuns(timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (local.size > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return local.size === 0;
}
