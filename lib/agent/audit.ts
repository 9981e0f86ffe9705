/** The audit trail of tool invocations: one KV record and one structured log line each. */
import { describeError, log } from "../log.ts";
import { appendAudit } from "../store/audit.ts";
import type { StoredToolCall } from "../store/messages.ts";

/** Who ran a tool call. */
export interface AuditSubject {
  userId: string;
  runId: string;
}

/** Records one tool invocation (user, tool, arguments, outcome, duration). Never throws. */
export async function auditToolCall(
  subject: AuditSubject,
  call: StoredToolCall,
  durationMs: number,
): Promise<void> {
  const fields = {
    user_id: subject.userId,
    run_id: subject.runId,
    call_id: call.call_id,
    tool: call.tool,
    arguments: call.arguments,
    outcome: call.error ? "error" as const : "ok" as const,
    error_code: call.error?.code,
    duration_ms: durationMs,
  };
  log.info("tool_invocation", fields);
  try {
    await appendAudit({ ...fields, at: new Date().toISOString() });
  } catch (error) {
    // The call itself already happened; a lost audit record must not fail the run.
    log.error("Audit record not stored", { ...describeError(error), call_id: call.call_id });
  }
}
