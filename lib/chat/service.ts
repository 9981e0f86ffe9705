/**
 * The chat service: admits a message (limits, storage, one run per
 * conversation), publishes `user_message`, runs the agent, stores the reply
 * with its tool calls, and ends every run with exactly one `agent_done` or
 * `agent_error`. Used by `POST /api/{userId}/chat` and the WebSocket `chat` frame.
 */
import { AgentRunError, RunAbortReason, runAgent, type RunAgentOptions } from "../agent/run.ts";
import { MAX_MODEL_ROUNDS } from "../agent/run.ts";
import { getConfig } from "../config.ts";
import { AppError } from "../errors.ts";
import { describeError, log } from "../log.ts";
import { broadcastProgress } from "../realtime/broadcast.ts";
import { onRunCancelRequested, requestRunCancel } from "../realtime/control.ts";
import { isShuttingDown, onShutdown } from "../shutdown.ts";
import type { Session } from "../state.ts";
import {
  type Conversation,
  deleteConversation,
  getConversation,
  listConversations,
  touchConversation,
} from "../store/conversations.ts";
import {
  appendMessage,
  fitForStorage,
  listMessages,
  type StoredMessage,
} from "../store/messages.ts";
import { isUlid, ulid } from "../store/ulid.ts";
import {
  abortAllLocalRuns,
  abortLocalRun,
  getActiveRun,
  getConversationRun,
  trackLocalRun,
  waitForLocalRuns,
} from "./active_runs.ts";
import { admitMessage, conversationNotFound } from "./admission.ts";
import { HISTORY_MAX_MESSAGES, toModelHistory } from "./history.ts";
import { awaitSettled, settleRequest } from "./idempotency.ts";
import { checkMessage } from "./limits.ts";
import type { ChatResult, ConversationView, RunInFlight } from "./result.ts";

export type { ChatResult, ConversationView, RunInFlight } from "./result.ts";

/** What a chat request carries. */
export interface ChatMessageInput {
  message: string;
  conversation_id?: string;
  client_message_id?: string;
}

/** Options for {@linkcode sendChatMessage}. */
export interface SendChatOptions {
  /** Passed to the agent run (tests use a scripted provider). */
  agent?: RunAgentOptions;
}

/**
 * Sends one message and resolves when its run has ended, with the reply.
 * Throws AppError: `message_empty`, `message_too_long`, `not_found`,
 * `run_in_progress`, `daily_limit_reached`, `ai_unavailable`, `cancelled`.
 */
export async function sendChatMessage(
  session: Session,
  input: ChatMessageInput,
  options: SendChatOptions = {},
): Promise<ChatResult> {
  ensureCancelListener();
  const userId = session.user.id;
  const message = checkMessage(input.message);
  if (isShuttingDown()) {
    throw new AppError("ai_unavailable", "The server is restarting. Please try again in a moment", {
      retryAfterSeconds: 5,
    });
  }
  const admission = await admitMessage({
    userId,
    message,
    conversationId: input.conversation_id,
    clientMessageId: input.client_message_id,
  });
  if (admission.kind === "repeat") {
    return await awaitSettled(userId, input.client_message_id!, { timeoutMs: maxRunMs() });
  }
  const { runId, conversation, lease } = admission;
  broadcastProgress(userId, {
    event_type: "user_message",
    run_id: runId,
    conversation_id: conversation.id,
    message_id: admission.message.id,
    content: message,
    client_message_id: input.client_message_id,
  });
  const tracked = trackLocalRun(userId, lease);
  try {
    const result = await executeRun(userId, runId, conversation, tracked.signal, options);
    if (input.client_message_id) {
      await settle(userId, input.client_message_id, { state: "done", result });
    }
    return result;
  } catch (error) {
    const appError = toAppError(error);
    broadcastProgress(userId, {
      event_type: "agent_error",
      run_id: runId,
      conversation_id: conversation.id,
      error: {
        code: error instanceof AgentRunError ? error.code : appError.code,
        message: appError.message,
      },
    });
    if (input.client_message_id) {
      await settle(userId, input.client_message_id, {
        state: "failed",
        error: { code: appError.code, message: appError.message },
      });
    }
    throw appError;
  } finally {
    await tracked.release().catch((error) =>
      log.error("Run lease not released", describeError(error))
    );
  }
}

/** Records how a `client_message_id` ended; a failure here is logged, never the run's outcome. */
async function settle(
  userId: string,
  clientMessageId: string,
  outcome: Parameters<typeof settleRequest>[2],
): Promise<void> {
  await settleRequest(userId, clientMessageId, outcome).catch((error) =>
    log.error("Idempotency record not settled", describeError(error))
  );
}

async function executeRun(
  userId: string,
  runId: string,
  conversation: Conversation,
  signal: AbortSignal,
  options: SendChatOptions,
): Promise<ChatResult> {
  const stored = await listMessages(conversation.id, { last: HISTORY_MAX_MESSAGES });
  const run = await runAgent({
    userId,
    runId,
    conversationId: conversation.id,
    history: toModelHistory(stored),
    signal,
  }, options.agent);
  const reply: StoredMessage = fitForStorage({
    id: ulid(),
    role: "assistant",
    content: run.response,
    created_at: new Date().toISOString(),
    run_id: runId,
    ...(run.tool_calls.length ? { tool_calls: run.tool_calls } : {}),
  });
  await appendMessage(conversation.id, reply);
  // The reply is stored; a stale "last active" time is not worth failing the run for.
  await touchConversation(userId, conversation.id).catch((error) =>
    log.error("Conversation not touched", describeError(error))
  );
  broadcastProgress(userId, {
    event_type: "agent_done",
    run_id: runId,
    conversation_id: conversation.id,
    message_id: reply.id,
    response: run.response,
  });
  return {
    conversation_id: conversation.id,
    run_id: runId,
    message_id: reply.id,
    response: run.response,
    tool_calls: run.tool_calls,
  };
}

/**
 * Asks the instance running `runId` of `userId` to stop it (it ends with
 * `agent_error` code `cancelled`). False when no such run is in flight.
 */
export async function cancelRun(userId: string, runId: string): Promise<boolean> {
  ensureCancelListener();
  if (!isUlid(runId) || !await getActiveRun(userId, runId)) return false;
  if (!abortLocalRun(userId, runId, cancelledReason())) requestRunCancel(userId, runId);
  return true;
}

/** The user's conversations, most recent first. */
export async function getConversations(userId: string): Promise<Conversation[]> {
  return await listConversations(userId);
}

/**
 * One conversation of the user: its messages, oldest first (the last `last`
 * when given), and the run in flight in it; AppError `not_found`.
 */
export async function getConversationView(
  userId: string,
  conversationId: string,
  options: { last?: number } = {},
): Promise<ConversationView> {
  if (!isUlid(conversationId) || !await getConversation(userId, conversationId)) {
    throw conversationNotFound();
  }
  const [messages, lease] = await Promise.all([
    listMessages(conversationId, options),
    getConversationRun(userId, conversationId),
  ]);
  const active_run: RunInFlight | null = lease
    ? { run_id: lease.run_id, started_at: lease.started_at }
    : null;
  return { messages, active_run };
}

/** Deletes one conversation of the user with its messages; AppError `not_found`. */
export async function removeConversation(userId: string, conversationId: string): Promise<void> {
  if (!isUlid(conversationId) || !await deleteConversation(userId, conversationId)) {
    throw conversationNotFound();
  }
}

function cancelledReason(): RunAbortReason {
  return new RunAbortReason("cancelled", "The run was stopped.");
}

/** The longest a run can take: every round timing out after all retries. */
function maxRunMs(): number {
  const config = getConfig();
  return MAX_MODEL_ROUNDS * config.AI_TIMEOUT_MS * (config.AI_MAX_RETRIES + 1) + 10_000;
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof AgentRunError) {
    // A shutdown is the provider being unavailable from the client's view: retry.
    return error.code === "cancelled"
      ? new AppError("cancelled", error.message, { cause: error })
      : new AppError("ai_unavailable", error.message, { retryAfterSeconds: 5, cause: error });
  }
  log.error("Chat run failed", describeError(error));
  return new AppError(
    "internal_error",
    "Something went wrong on our side. Your message is saved; please try again",
  );
}

/** How long shutdown waits for aborted runs to publish their end (within the 4 s budget). */
const SHUTDOWN_RUN_GRACE_MS = 1_500;

let listening = false;

/** Subscribes, once per process, to cancel requests and to shutdown. */
function ensureCancelListener(): void {
  if (listening) return;
  listening = true;
  onRunCancelRequested((userId, runId) => {
    abortLocalRun(userId, runId, cancelledReason());
  });
  onShutdown(async () => {
    const aborted = abortAllLocalRuns(
      new RunAbortReason(
        "server_shutdown",
        "The server is restarting. Please send your message again.",
      ),
    );
    if (aborted === 0) return;
    log.info("Runs stopped for shutdown", { runs: aborted });
    await waitForLocalRuns(SHUTDOWN_RUN_GRACE_MS);
  }, "runs");
}
