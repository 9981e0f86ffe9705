/**
 * One agent run: streams chat completions with tool calling, runs the tool
 * calls of each turn in parallel, feeds their results back, and stops when the
 * model answers with text, after {@linkcode MAX_MODEL_ROUNDS} rounds, or when
 * the run's signal aborts. Every step goes out through `broadcastProgress`;
 * the chat service emits `user_message` before and the terminal event after.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { getConfig } from "../config.ts";
import { describeError, log } from "../log.ts";
import { broadcastProgress } from "../realtime/broadcast.ts";
import type { StoredToolCall } from "../store/messages.ts";
import { confirmsDeleteAll } from "./confirmation.ts";
import { executeToolCall, toolResultContent } from "./execute.ts";
import { getModelProvider, type ModelProvider } from "./provider.ts";
import { SYSTEM_PROMPT } from "./prompt.ts";
import { type AgentTool, toolDefinitions, TOOLS } from "./tools.ts";
import { type Turn, TurnAssembler } from "./turn.ts";

/** At most this many model calls per run. */
export const MAX_MODEL_ROUNDS = 8;

/** Why a run ended without a reply (the `agent_error` code). */
export type AgentErrorCode = "ai_unavailable" | "cancelled" | "server_shutdown";

/** A run that ended without a reply. */
export class AgentRunError extends Error {
  override name = "AgentRunError";
  constructor(readonly code: AgentErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** The reason a run's signal is aborted with, so the run knows how to end. */
export class RunAbortReason extends Error {
  override name = "RunAbortReason";
  constructor(readonly code: "cancelled" | "server_shutdown", message: string) {
    super(message);
  }
}

/** What a run needs. */
export interface RunAgentInput {
  userId: string;
  runId: string;
  conversationId: string;
  /** The conversation so far, oldest first, ending with the user's new message. */
  history: ChatCompletionMessageParam[];
  /** Aborts the run (cancel, shutdown); abort with a {@linkcode RunAbortReason}. */
  signal: AbortSignal;
}

/** Options for {@linkcode runAgent}. */
export interface RunAgentOptions {
  /** @default getModelProvider() */
  provider?: ModelProvider;
  /** @default TOOLS */
  tools?: ReadonlyMap<string, AgentTool>;
  /** Idle time allowed per model call, in ms. @default getConfig().AI_TIMEOUT_MS */
  timeoutMs?: number;
}

/** A finished run. */
export interface RunAgentResult {
  response: string;
  tool_calls: StoredToolCall[];
  rounds: number;
}

/** Message appended when the round cap stops a run that still wanted tools. */
export const ROUND_LIMIT_NOTE =
  `I stopped after ${MAX_MODEL_ROUNDS} steps without finishing. Please check your list and ask again if something is missing.`;

/** Said when a model answers with no text and called no tool. */
export const EMPTY_REPLY_NOTE =
  "I don't have an answer to that. Could you say it another way, or ask about your tasks?";

/** The reply for a run whose model said nothing: the sentences of the calls that worked, in order. */
function emptyReplyStandIn(calls: readonly StoredToolCall[]): string {
  const done = calls.flatMap((call) => !call.error && call.message ? [call.message] : []);
  return done.length ? `${done.join(". ")}.` : EMPTY_REPLY_NOTE;
}

/** Runs the agent to its end; throws {@linkcode AgentRunError} when it ends without a reply. */
export async function runAgent(
  input: RunAgentInput,
  options: RunAgentOptions = {},
): Promise<RunAgentResult> {
  const provider = options.provider ?? getModelProvider();
  const tools = options.tools ?? TOOLS;
  const timeoutMs = options.timeoutMs ?? getConfig().AI_TIMEOUT_MS;
  const messages: ChatCompletionMessageParam[] = [
    { role: "system", content: SYSTEM_PROMPT },
    ...input.history,
  ];
  const toolCalls: StoredToolCall[] = [];
  const deleteAllConfirmed = confirmsDeleteAll(input.history);
  let text = "";
  for (let round = 1; round <= MAX_MODEL_ROUNDS; round++) {
    throwIfAborted(input.signal);
    broadcastProgress(input.userId, {
      event_type: "agent_thinking",
      run_id: input.runId,
      conversation_id: input.conversationId,
      message: round === 1 ? "Thinking…" : "Reading the results…",
    });
    const turn = await streamTurn(provider, tools, messages, input, timeoutMs, round);
    text += turn.content;
    if (turn.calls.length === 0) {
      if (text.trim() === "") {
        // A model that ends without a word: what its tools did is the answer, never an empty bubble.
        const reply = emptyReplyStandIn(toolCalls);
        broadcastProgress(input.userId, {
          event_type: "message_delta",
          run_id: input.runId,
          delta: reply,
        });
        text = reply;
      }
      return { response: text, tool_calls: toolCalls, rounds: round };
    }
    if (round === MAX_MODEL_ROUNDS) break;
    messages.push({ role: "assistant", content: turn.content || null, tool_calls: turn.calls });
    const records = await runInTurnOrder(turn.calls, (call) =>
      executeToolCall(
        { id: call.id, name: call.function.name, arguments: call.function.arguments },
        { userId: input.userId, runId: input.runId, tools, deleteAllConfirmed },
      ));
    for (const record of records) {
      toolCalls.push(record);
      messages.push({
        role: "tool",
        tool_call_id: record.call_id,
        content: toolResultContent(record),
      });
    }
  }
  const note = (text ? "\n\n" : "") + ROUND_LIMIT_NOTE;
  broadcastProgress(input.userId, {
    event_type: "message_delta",
    run_id: input.runId,
    delta: note,
  });
  return { response: text + note, tool_calls: toolCalls, rounds: MAX_MODEL_ROUNDS };
}

/**
 * One streamed model call. A watchdog aborts it when no chunk arrives for
 * `timeoutMs` (the SDK's own timeout covers only the wait for headers).
 */
async function streamTurn(
  provider: ModelProvider,
  tools: ReadonlyMap<string, AgentTool>,
  messages: ChatCompletionMessageParam[],
  input: RunAgentInput,
  timeoutMs: number,
  round: number,
): Promise<Turn> {
  const watchdog = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => watchdog.abort(new WatchdogTimeout()), timeoutMs);
  };
  const signal = AbortSignal.any([input.signal, watchdog.signal]);
  arm();
  try {
    // No `parallel_tool_calls`: it is OpenAI's default, and some models and servers refuse
    // the parameter (OpenAI's o-series answer 400 "Unsupported parameter").
    const stream = await provider.client.chat.completions.create({
      model: provider.model,
      messages,
      tools: toolDefinitions(tools),
      stream: true,
    }, { signal, timeout: timeoutMs });
    const turn = new TurnAssembler(`call-${input.runId}-${round}`);
    for await (const chunk of stream) {
      arm();
      const delta = turn.add(chunk);
      if (delta) {
        broadcastProgress(input.userId, {
          event_type: "message_delta",
          run_id: input.runId,
          delta,
        });
      }
    }
    // Aborting the request can end its body quietly, as if the turn were complete: it is not.
    if (signal.aborted) throw signal.reason;
    const rest = turn.flush();
    if (rest) {
      broadcastProgress(input.userId, {
        event_type: "message_delta",
        run_id: input.runId,
        delta: rest,
      });
    }
    return turn.finish();
  } catch (error) {
    throw toRunError(error, input.signal, watchdog.signal);
  } finally {
    clearTimeout(timer);
  }
}

class WatchdogTimeout extends Error {
  override name = "WatchdogTimeout";
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw abortError(signal);
}

function abortError(signal: AbortSignal): AgentRunError {
  const reason = signal.reason;
  return reason instanceof RunAbortReason
    ? new AgentRunError(reason.code, reason.message)
    : new AgentRunError("cancelled", "The run was stopped.");
}

const RETRY_HINT = "Your message is saved; please try again in a moment.";

/** Maps a provider failure to how the run ends; the detail goes to the log only. */
function toRunError(error: unknown, runSignal: AbortSignal, watchdog: AbortSignal): AgentRunError {
  if (error instanceof AgentRunError) return error;
  if (runSignal.aborted) return abortError(runSignal);
  let what: string;
  if (watchdog.aborted || error instanceof APIConnectionTimeoutError) {
    what = "The assistant took too long to answer.";
  } else if (error instanceof APIUserAbortError) {
    what = "The assistant's answer was interrupted.";
  } else if (error instanceof APIConnectionError) {
    what = "The assistant could not be reached.";
  } else if (error instanceof APIError && error.status === 429) {
    what = "The assistant is busy right now (rate limited).";
  } else if (error instanceof APIError) {
    what = "The assistant's provider answered with an error.";
  } else {
    what = "The assistant's answer could not be read.";
  }
  log.warn("Model call failed", {
    ...describeError(error),
    status: error instanceof APIError ? error.status : undefined,
  });
  return new AgentRunError("ai_unavailable", `${what} ${RETRY_HINT}`, { cause: error });
}

/** Tools whose calls in one turn run one after another, in the model's order. */
const ORDERED_TOOLS: ReadonlySet<string> = new Set(["add_task"]);

/**
 * Runs one turn's calls in parallel, except that tasks are created one after
 * another in the order the model gave them, so "milk, eggs and bread" become
 * tasks 1, 2 and 3 in the order the user said them.
 */
function runInTurnOrder<C extends { function: { name: string } }, R>(
  calls: C[],
  run: (call: C) => Promise<R>,
): Promise<R[]> {
  let ordered: Promise<unknown> = Promise.resolve();
  return Promise.all(calls.map((call) => {
    if (!ORDERED_TOOLS.has(call.function.name)) return run(call);
    const next = ordered.then(() => run(call));
    ordered = next.catch(() => undefined);
    return next;
  }));
}
