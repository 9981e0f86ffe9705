/**
 * The tool audit log in Deno KV: `["audit", userId, auditId]`, kept for
 * RETENTION_DAYS. One record per tool invocation, whatever its outcome.
 */
import { getKv } from "./kv.ts";
import { isExpired, retentionMs } from "./retention.ts";
import { ulid } from "./ulid.ts";

/** One audited tool invocation. */
export interface AuditRecord {
  id: string;
  user_id: string;
  run_id: string;
  call_id: string;
  tool: string;
  arguments: unknown;
  outcome: "ok" | "error";
  error_code?: string;
  duration_ms: number;
  at: string;
}

/** Stores one audit record and returns it with its id. */
export async function appendAudit(record: Omit<AuditRecord, "id">): Promise<AuditRecord> {
  const kv = await getKv();
  const stored = { id: ulid(), ...record };
  await kv.set(["audit", record.user_id, stored.id], stored, { expireIn: retentionMs() });
  return stored;
}

/** A user's audit records, oldest first (records past retention left out). */
export async function listAudit(userId: string): Promise<AuditRecord[]> {
  const kv = await getKv();
  const out: AuditRecord[] = [];
  for await (const entry of kv.list<AuditRecord>({ prefix: ["audit", userId] })) {
    if (!isExpired(entry.value.at)) out.push(entry.value);
  }
  return out;
}
