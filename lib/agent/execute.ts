/**
 * Runs one tool call the model asked for: parses its arguments with the tool's
 * schema, calls it for the run's user, emits `tool_starting`, `tool_progress`
 * and `tool_complete`/`tool_error`, and audits it. A bad call never throws: it
 * becomes a tool error that goes back to the model.
 */
import { AppError } from "../errors.ts";
import { describeIssues } from "../http.ts";
import { describeError, log } from "../log.ts";
import { broadcastProgress } from "../realtime/broadcast.ts";
import type { StoredToolCall } from "../store/messages.ts";
import { auditToolCall } from "./audit.ts";
import { type AgentTool, ToolCallError, TOOLS } from "./tools.ts";

/** A tool call as the model streamed it. */
export interface ToolCallRequest {
  id: string;
  name: string;
  /** The JSON text the model produced. */
  arguments: string;
}

/** The run a tool call belongs to. */
export interface ToolRunContext {
  userId: string;
  runId: string;
  /** The tools this run may use. @default TOOLS */
  tools?: ReadonlyMap<string, AgentTool>;
  /** The user's newest message confirms deleting every task (see `confirmation.ts`). */
  deleteAllConfirmed?: boolean;
}

/** Executes one call and returns what is stored and fed back to the model. */
export async function executeToolCall(
  call: ToolCallRequest,
  ctx: ToolRunContext,
): Promise<StoredToolCall> {
  const started = performance.now();
  const tools = ctx.tools ?? TOOLS;
  const rawArgs = parseJson(call.arguments);
  const tool = tools.get(call.name);
  const base = { run_id: ctx.runId, call_id: call.id, tool: call.name };
  const parsed = tool && rawArgs.ok ? tool.schema.safeParse(rawArgs.value) : undefined;
  broadcastProgress(ctx.userId, {
    event_type: "tool_starting",
    ...base,
    arguments: rawArgs.ok ? rawArgs.value : call.arguments,
    message: tool && parsed?.success ? tool.starting(parsed.data) : `Calling ${call.name}…`,
  });
  let record: StoredToolCall & { duration_ms: number };
  try {
    if (!tool) {
      const available = [...tools.keys()].join(", ");
      throw new ToolCallError(
        "unknown_tool",
        `There is no tool named "${call.name}". Available: ${available}`,
      );
    }
    if (!rawArgs.ok) {
      throw new ToolCallError(
        "invalid_arguments",
        `Arguments are not valid JSON: ${rawArgs.error}`,
      );
    }
    if (!parsed?.success) {
      throw new ToolCallError(
        "invalid_arguments",
        parsed ? describeIssues(parsed.error) : "Invalid arguments",
      );
    }
    const outcome = await tool.run(parsed.data, {
      userId: ctx.userId,
      deleteAllConfirmed: ctx.deleteAllConfirmed ?? false,
      progress: (message, count) =>
        broadcastProgress(ctx.userId, { event_type: "tool_progress", ...base, message, count }),
    });
    const duration_ms = elapsed(started);
    broadcastProgress(ctx.userId, {
      event_type: "tool_complete",
      ...base,
      message: outcome.message,
      result: outcome.result,
      task_id: outcome.task_id,
      duration_ms,
    });
    record = {
      call_id: call.id,
      tool: call.name,
      arguments: parsed.data,
      result: outcome.result,
      message: outcome.message,
      duration_ms,
    };
  } catch (error) {
    const info = toErrorInfo(error);
    const duration_ms = elapsed(started);
    const message = `${call.name} failed: ${info.message}`;
    broadcastProgress(ctx.userId, {
      event_type: "tool_error",
      ...base,
      message,
      error: info,
      duration_ms,
    });
    record = {
      call_id: call.id,
      tool: call.name,
      arguments: rawArgs.ok ? rawArgs.value : call.arguments,
      error: info,
      message,
      duration_ms,
    };
  }
  await auditToolCall(ctx, record, record.duration_ms);
  return record;
}

/** The tool message content the model reads for a finished call. */
export function toolResultContent(record: StoredToolCall): string {
  return JSON.stringify(record.error ? { error: record.error } : record.result ?? null);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: text.trim() === "" ? {} : JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function toErrorInfo(error: unknown): { code: string; message: string } {
  if (error instanceof ToolCallError || error instanceof AppError) {
    return { code: error.code, message: error.message };
  }
  log.error("Tool failed unexpectedly", describeError(error));
  return { code: "tool_failed", message: "The tool failed unexpectedly" };
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
