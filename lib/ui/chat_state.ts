/**
 * The chat page's state and the pure function that folds live events into it.
 * Browser-safe; the island keeps one {@linkcode ChatState} in a signal.
 */
import type { ServerEvent } from "../realtime/events.ts";
// Type-only imports: erased from the browser bundle, so no server code ships.
import type { Conversation } from "../store/conversations.ts";
import type { StoredMessage as WireMessage } from "../store/messages.ts";

export type { Conversation, WireMessage };
/** A message as the page shows it; `pending` while our own send is not yet accepted. */
export type ChatMessage = WireMessage & { pending?: boolean };

/** One tool call of a run. */
export interface ToolStep {
  kind: "tool";
  call_id: string;
  tool: string;
  status: "running" | "done" | "failed";
  /** The latest human sentence ("Searching tasks…", "Found 3 tasks"). */
  message: string;
  duration_ms?: number;
  error?: string;
}

/** The model thinking, before or between tools. */
export interface ThinkingStep {
  kind: "thinking";
  message: string;
}

/** One row of the progress timeline. */
export type RunStep = ToolStep | ThinkingStep;

/** A run seen live on this page. */
export interface RunView {
  run_id: string;
  /** Null until an event names it (tool events carry no conversation). */
  conversation_id: string | null;
  status: "running" | "done" | "failed";
  steps: RunStep[];
  /** The assistant's text so far. */
  text: string;
  started_at: number;
  ended_at?: number;
  error?: { code: string; message: string };
  /** Client clock of the last event (stall watchdog). */
  last_event_at: number;
}

/** A message this tab sent that the server has not yet accepted. */
export interface PendingSend {
  client_message_id: string;
  content: string;
  conversation_id: string | null;
}

/** The whole chat page state. */
export interface ChatState {
  conversationId: string | null;
  conversations: Conversation[];
  messages: ChatMessage[];
  runs: Record<string, RunView>;
  pending: PendingSend | null;
  /** An error about our own send (limit reached, too long…), shown by the input. */
  sendError: { code: string; message: string; content: string } | null;
}

/** A fresh state from what the server rendered. */
export function initialChatState(
  conversations: Conversation[],
  conversationId: string | null,
  messages: WireMessage[],
): ChatState {
  return { conversationId, conversations, messages, runs: {}, pending: null, sendError: null };
}

function updateRun(
  state: ChatState,
  runId: string,
  at: number,
  now: number,
  change: (run: RunView) => Partial<RunView>,
): ChatState {
  const run = state.runs[runId] ?? {
    run_id: runId,
    conversation_id: null,
    status: "running",
    steps: [],
    text: "",
    started_at: at,
    last_event_at: now,
  };
  return {
    ...state,
    runs: { ...state.runs, [runId]: { ...run, ...change(run), last_event_at: now } },
  };
}

function updateTool(steps: RunStep[], callId: string, change: Partial<ToolStep>): RunStep[] {
  return steps.map((step) =>
    step.kind === "tool" && step.call_id === callId ? { ...step, ...change } : step
  );
}

function addMessage(state: ChatState, message: ChatMessage): ChatState {
  if (state.messages.some((m) => m.id === message.id)) return state;
  return { ...state, messages: [...state.messages, message] };
}

function touchConversation(state: ChatState, id: string, title: string, ts: string): ChatState {
  const existing = state.conversations.find((c) => c.id === id);
  const conversation = existing
    ? { ...existing, updated_at: ts }
    : { id, title, created_at: ts, updated_at: ts };
  return {
    ...state,
    conversations: [conversation, ...state.conversations.filter((c) => c.id !== id)],
  };
}

/**
 * Folds one server event into the state. `now` is the client clock in
 * milliseconds (for the stall watchdog); event times come from `ts`.
 */
export function applyEvent(state: ChatState, event: ServerEvent, now: number): ChatState {
  const at = Date.parse(event.ts) || now;
  switch (event.event_type) {
    case "user_message": {
      const pending = state.pending;
      const ours = pending !== null && pending.content === event.content &&
        (pending.conversation_id ?? event.conversation_id) === event.conversation_id;
      let next = updateRun(state, event.run_id, at, now, () => ({
        conversation_id: event.conversation_id,
      }));
      next = touchConversation(next, event.conversation_id, event.content.slice(0, 80), event.ts);
      if (ours) {
        next = {
          ...next,
          pending: null,
          sendError: null,
          conversationId: event.conversation_id,
          messages: next.messages.filter((m) => !m.pending),
        };
      }
      if (next.conversationId !== event.conversation_id) return next;
      return addMessage(next, {
        id: event.message_id,
        role: "user",
        content: event.content,
        created_at: event.ts,
        run_id: event.run_id,
      });
    }
    case "agent_thinking":
      return updateRun(state, event.run_id, at, now, (run) => {
        const last = run.steps[run.steps.length - 1];
        const repeat = last?.kind === "thinking" && last.message === event.message;
        return {
          conversation_id: event.conversation_id,
          steps: repeat ? run.steps : [...run.steps, { kind: "thinking", message: event.message }],
        };
      });
    case "tool_starting":
      return updateRun(state, event.run_id, at, now, (run) => ({
        steps: run.steps.some((s) => s.kind === "tool" && s.call_id === event.call_id)
          ? run.steps
          : [...run.steps, {
            kind: "tool",
            call_id: event.call_id,
            tool: event.tool,
            status: "running",
            message: event.message,
          }],
      }));
    case "tool_progress":
      return updateRun(state, event.run_id, at, now, (run) => ({
        steps: updateTool(run.steps, event.call_id, { message: event.message }),
      }));
    case "tool_complete":
      return updateRun(state, event.run_id, at, now, (run) => ({
        steps: updateTool(run.steps, event.call_id, {
          status: "done",
          message: event.message,
          duration_ms: event.duration_ms,
        }),
      }));
    case "tool_error":
      return updateRun(state, event.run_id, at, now, (run) => ({
        steps: updateTool(run.steps, event.call_id, {
          status: "failed",
          message: event.message,
          error: event.error.message,
          duration_ms: event.duration_ms,
        }),
      }));
    case "message_delta":
      return updateRun(state, event.run_id, at, now, (run) => ({ text: run.text + event.delta }));
    case "agent_done": {
      const next = updateRun(state, event.run_id, at, now, () => ({
        conversation_id: event.conversation_id,
        status: "done",
        text: event.response,
        ended_at: at,
      }));
      if (next.conversationId !== event.conversation_id) return next;
      return addMessage(next, {
        id: event.message_id,
        role: "assistant",
        content: event.response,
        created_at: event.ts,
        run_id: event.run_id,
      });
    }
    case "agent_error":
      return updateRun(state, event.run_id, at, now, () => ({
        conversation_id: event.conversation_id,
        status: "failed",
        error: event.error,
        ended_at: at,
      }));
    case "error": {
      // Errors for frames we sent: while a send is pending, it is about that send.
      if (!state.pending) return state;
      return {
        ...state,
        pending: null,
        sendError: { ...event.error, content: state.pending.content },
        messages: state.messages.filter((m) => !m.pending),
      };
    }
    default:
      return state;
  }
}

/** Records our own send: an optimistic message shown until the server accepts it. */
export function beginSend(state: ChatState, send: PendingSend, now: number): ChatState {
  return {
    ...state,
    pending: send,
    sendError: null,
    messages: [...state.messages.filter((m) => !m.pending), {
      id: `pending-${send.client_message_id}`,
      role: "user",
      content: send.content,
      created_at: new Date(now).toISOString(),
      pending: true,
    }],
  };
}

/** Switches to another conversation (or a new one, `null`) with its messages. */
export function openConversation(
  state: ChatState,
  conversationId: string | null,
  messages: WireMessage[],
): ChatState {
  return { ...state, conversationId, messages, sendError: null };
}

/** The run in flight in the open conversation, if any. */
export function activeRun(state: ChatState): RunView | null {
  if (!state.conversationId) return null;
  for (const run of Object.values(state.runs)) {
    if (run.status === "running" && run.conversation_id === state.conversationId) return run;
  }
  return null;
}

/** A message for screen readers about `event`, or null (text deltas are not announced). */
export function announcementFor(event: ServerEvent): string | null {
  switch (event.event_type) {
    case "user_message":
      return "Assistant started working.";
    case "tool_starting":
    case "tool_complete":
      return event.message;
    case "tool_error":
      return `${event.message}: ${event.error.message}`;
    case "agent_done":
      return "Assistant finished.";
    case "agent_error":
      return event.error.code === "cancelled"
        ? "Assistant stopped."
        : `Assistant stopped: ${event.error.message}`;
    default:
      return null;
  }
}
