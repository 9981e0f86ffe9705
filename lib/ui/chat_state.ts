/**
 * The chat page's state and the pure function that folds live events into it.
 * Browser-safe; the island keeps one {@linkcode ChatState} in a signal.
 */
import type { ServerEvent } from "../realtime/events.ts";
// Type-only imports: erased from the browser bundle, so no server code ships.
import type { Conversation } from "../store/conversations.ts";
import type { StoredMessage as WireMessage } from "../store/messages.ts";
import type { RunInFlight } from "../chat/result.ts";

export type { Conversation, RunInFlight, WireMessage };
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
  /** Makes a resent `chat` frame idempotent on the server. */
  client_message_id: string;
  content: string;
  /** Null: the server starts a new conversation. */
  conversation_id: string | null;
}

/** A {@linkcode PendingSend} as the state keeps it, with when it was sent. */
export interface PendingSendState extends PendingSend {
  /** Client clock of the send, in milliseconds. */
  sent_at: number;
}

/** The whole chat page state. */
export interface ChatState {
  conversationId: string | null;
  conversations: Conversation[];
  messages: ChatMessage[];
  /** Runs seen live on this page, by run id. */
  runs: Record<string, RunView>;
  /** Our own message until the server accepts it (one at a time). */
  pending: PendingSendState | null;
  /** An error about our own send (limit reached, too long…), shown by the input. */
  sendError: { code: string; message: string; content: string } | null;
}

/**
 * A fresh state from what the server rendered: with the conversation's run in
 * flight (started before this page loaded) shown as running from `now`.
 */
export function initialChatState(
  conversations: Conversation[],
  conversationId: string | null,
  messages: WireMessage[],
  activeRun: RunInFlight | null = null,
  now = Date.now(),
): ChatState {
  return {
    conversationId,
    conversations,
    messages,
    runs: withRunInFlight({}, activeRun, conversationId, now),
    pending: null,
    sendError: null,
  };
}

/** What a run shows that ended while this page was away without storing a reply. */
export const INTERRUPTED_RUN_ERROR = {
  code: "interrupted",
  message: "The assistant stopped while this page was offline, without a reply.",
} as const;

/**
 * `runs` with the server's run in flight in `conversationId` added as running
 * when this page has not seen it (its earlier events happened elsewhere; the
 * rest arrive live). The watchdog counts from `now`.
 */
function withRunInFlight(
  runs: Record<string, RunView>,
  activeRun: RunInFlight | null,
  conversationId: string | null,
  now: number,
): Record<string, RunView> {
  if (!activeRun || !conversationId || runs[activeRun.run_id]) return runs;
  const startedAt = Date.parse(activeRun.started_at);
  return {
    ...runs,
    [activeRun.run_id]: {
      run_id: activeRun.run_id,
      conversation_id: conversationId,
      status: "running",
      steps: [],
      text: "",
      started_at: Number.isNaN(startedAt) ? now : startedAt,
      last_event_at: now,
    },
  };
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
      const ours = pending !== null && event.client_message_id === pending.client_message_id;
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
    case "tool_error":
      return updateRun(state, event.run_id, at, now, (run) => ({
        steps: updateTool(run.steps, event.call_id, {
          status: event.event_type === "tool_complete" ? "done" : "failed",
          message: event.message,
          error: event.event_type === "tool_error" ? event.error.message : undefined,
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
      // Only an error that answers our pending send (by its id) ends that send.
      if (!state.pending || event.client_message_id !== state.pending.client_message_id) {
        return state;
      }
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

function optimisticMessage(send: PendingSendState): ChatMessage {
  return {
    id: `pending-${send.client_message_id}`,
    role: "user",
    content: send.content,
    created_at: new Date(send.sent_at).toISOString(),
    pending: true,
  };
}

/** Records our own send: an optimistic message shown until the server accepts it. */
export function beginSend(state: ChatState, send: PendingSend, now: number): ChatState {
  const pending = { ...send, sent_at: now };
  return {
    ...state,
    pending,
    sendError: null,
    messages: [...state.messages.filter((m) => !m.pending), optimisticMessage(pending)],
  };
}

/** What a resync re-read over HTTP. */
export interface ResyncSnapshot {
  conversations: Conversation[];
  /** The conversation whose messages were read (the open one, or the one our send started). */
  conversationId: string | null;
  /** Its messages, oldest first. */
  messages: WireMessage[];
  /** Its run in flight, or null. */
  activeRun: RunInFlight | null;
}

/**
 * Which conversation a resync should re-read: the open one; with none open
 * and our send still pending, the newest conversation created since we sent
 * it (the one our message may have started); else null.
 */
export function resyncConversationId(
  state: ChatState,
  conversations: Conversation[],
): string | null {
  if (state.conversationId || state.pending?.conversation_id !== null) return state.conversationId;
  const known = new Set(state.conversations.map((c) => c.id));
  const since = state.pending.sent_at - CLOCK_SKEW_MS;
  const started = conversations.find((c) => !known.has(c.id) && Date.parse(c.created_at) >= since);
  return started?.id ?? null;
}

/** How far the server's clock may be behind ours when matching our send to a stored message. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The stored user message that is our pending send, accepted while this tab
 * missed its `user_message` (same text, stored after we sent it), or undefined.
 */
function acceptedWhileAway(
  pending: PendingSendState,
  known: ChatMessage[],
  stored: WireMessage[],
): WireMessage | undefined {
  const knownIds = new Set(known.map((m) => m.id));
  return stored.find((m) =>
    m.role === "user" && m.content === pending.content && !knownIds.has(m.id) &&
    Date.parse(m.created_at) >= pending.sent_at - CLOCK_SKEW_MS
  );
}

/**
 * Folds a re-read of the server's state into the page after `resync_required`
 * (events were missed): the stored messages win, messages that arrived live
 * while the re-read was under way are kept, nothing shows twice; a run whose
 * reply is now stored ends with it, one no longer in flight without a reply
 * ends as interrupted, one in flight that this page never saw shows as
 * running; our pending send is settled if the server stored it, and
 * otherwise stays pending (it is sent again when live).
 */
export function applyResync(state: ChatState, snapshot: ResyncSnapshot, now: number): ChatState {
  const { conversations, conversationId, messages: stored, activeRun } = snapshot;
  const accepted = state.pending
    ? acceptedWhileAway(state.pending, state.messages, stored)
    : undefined;
  const startedByOurSend = Boolean(accepted) && state.pending?.conversation_id === null;
  if (conversationId !== state.conversationId && !startedByOurSend) {
    // Another conversation was opened while reading: only the list is still good.
    return { ...state, conversations };
  }
  const storedIds = new Set(stored.map((m) => m.id));
  const liveSince = state.messages.filter((m) => !m.pending && !storedIds.has(m.id));
  const pending = accepted ? null : state.pending;
  const messages: ChatMessage[] = [...stored, ...liveSince];
  if (pending) messages.push(optimisticMessage(pending));

  const runs = { ...state.runs };
  for (const run of Object.values(state.runs)) {
    if (run.status !== "running") continue;
    const reply = stored.find((m) => m.role === "assistant" && m.run_id === run.run_id);
    if (reply) {
      const endedAt = Date.parse(reply.created_at);
      runs[run.run_id] = {
        ...run,
        status: "done",
        text: reply.content,
        ended_at: Number.isNaN(endedAt) ? now : endedAt,
        last_event_at: now,
      };
    } else if (run.conversation_id === conversationId && run.run_id !== activeRun?.run_id) {
      runs[run.run_id] = {
        ...run,
        status: "failed",
        error: INTERRUPTED_RUN_ERROR,
        ended_at: now,
        last_event_at: now,
      };
    }
  }
  return {
    ...state,
    conversations,
    conversationId,
    messages,
    runs: withRunInFlight(runs, activeRun, conversationId, now),
    pending,
    sendError: accepted ? null : state.sendError,
  };
}

/** A stored reply's tool calls as timeline steps, with the sentences the live run showed. */
export function storedSteps(message: WireMessage): ToolStep[] {
  return (message.tool_calls ?? []).map((call) => ({
    kind: "tool",
    call_id: call.call_id,
    tool: call.tool,
    status: call.error ? "failed" : "done",
    message: call.message ?? call.error?.message ?? call.tool.replaceAll("_", " "),
    duration_ms: call.duration_ms,
  }));
}

/** Switches to another conversation (or a new one, `null`) with its messages and run in flight. */
export function openConversation(
  state: ChatState,
  conversationId: string | null,
  messages: WireMessage[],
  activeRun: RunInFlight | null = null,
  now = Date.now(),
): ChatState {
  const runs = withRunInFlight(state.runs, activeRun, conversationId, now);
  return { ...state, conversationId, messages, runs, sendError: null };
}

/** The run in flight in the open conversation, if any. */
export function activeRun(state: ChatState): RunView | null {
  if (!state.conversationId) return null;
  for (const run of Object.values(state.runs)) {
    if (run.status === "running" && run.conversation_id === state.conversationId) return run;
  }
  return null;
}
