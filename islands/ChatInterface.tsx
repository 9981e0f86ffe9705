import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { ConversationList } from "../components/ConversationList.tsx";
import { MessageList } from "../components/MessageList.tsx";
import { ProgressBar } from "../components/ProgressBar.tsx";
import { useWebSocket } from "../lib/realtime/use_web_socket.ts";
import { ApiError, deleteConversation, fetchConversations, fetchMessages } from "../lib/ui/api.ts";
import {
  activeRun,
  announcementFor,
  applyEvent,
  beginSend,
  type ChatMessage,
  type Conversation,
  initialChatState,
  openConversation,
  type RunStep,
  type RunView,
  type WireMessage,
} from "../lib/ui/chat_state.ts";
import { EXAMPLE_PROMPTS, OFFLINE_MODEL_NOTICE, STALL_AFTER_MS } from "../lib/ui/constants.ts";
import { MESSAGE_MAX_CHARS } from "../lib/chat/constants.ts";
import { charLength } from "../lib/text.ts";
import { hydratedSig } from "../lib/ui/hydrated.ts";

/** Props of {@linkcode ChatInterface} (plain data, rendered on the server first). */
export interface ChatInterfaceProps {
  /** The signed-in user's id. */
  userId: string;
  /** The user's conversations, most recent first. */
  conversations: Conversation[];
  /** The open conversation; null for a new one. */
  conversationId: string | null;
  /** Its messages, oldest first. */
  messages: WireMessage[];
  /** True when the embedded offline model answers (no OPENAI_API_KEY). */
  offlineModel: boolean;
}

/** Steps rebuilt from a stored reply's tool calls, with the sentences the live run showed. */
function storedSteps(message: WireMessage): RunStep[] {
  return (message.tool_calls ?? []).map((call) => ({
    kind: "tool",
    call_id: call.call_id,
    tool: call.tool,
    status: call.error ? "failed" : "done",
    message: call.message ?? call.error?.message ?? call.tool.replaceAll("_", " "),
    duration_ms: call.duration_ms,
  }));
}

function runError(run: RunView, onRetry: () => void) {
  const error = run.error;
  if (!error) return null;
  if (error.code === "cancelled") return <p class="run-note">Stopped.</p>;
  return (
    <div class="run-error" role="alert">
      <p>{error.message}</p>
      {error.code === "ai_unavailable" && (
        <button type="button" class="button" onClick={onRetry}>Retry</button>
      )}
    </div>
  );
}

/**
 * The chat: conversation list, messages continued live, the run in flight
 * with its timeline and Stop button, and the message input.
 *
 * Messages are sent as a `chat` frame on the tab's socket, with a
 * `client_message_id`; if the socket drops before the server accepts it, the
 * same frame is sent again after reconnecting (the server answers a repeated
 * id with the same run).
 */
export default function ChatInterface(props: ChatInterfaceProps) {
  const { userId, offlineModel } = props;
  const client = useWebSocket(userId);
  const chat = useSignal(
    initialChatState(props.conversations, props.conversationId, props.messages),
  );
  const draft = useSignal("");
  const inputError = useSignal<string | null>(null);
  const announcement = useSignal("");
  const now = useSignal(Date.now());
  const listEnd = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);

  // Mounted: components may now show viewer-specific details (local times).
  useEffect(() => {
    hydratedSig.value = true;
  }, []);

  const loadConversation = async (id: string | null, push: boolean) => {
    try {
      const messages = id ? await fetchMessages(userId, id) : [];
      chat.value = openConversation(chat.value, id, messages);
      if (push) history.pushState({ id }, "", id ? `/chat/${encodeURIComponent(id)}` : "/chat");
    } catch (error) {
      inputError.value = error instanceof ApiError
        ? error.message
        : "Could not load that conversation.";
    }
  };

  // Every event of this user, through the tab's one socket.
  useEffect(() =>
    client.subscribe("*", (event) => {
      chat.value = applyEvent(chat.value, event, Date.now());
      const said = announcementFor(event);
      if (said) announcement.value = said;
      if (event.event_type === "error" && chat.value.sendError) {
        draft.value = chat.value.sendError.content;
      }
      if (
        event.event_type === "user_message" && chat.value.conversationId === event.conversation_id
      ) {
        history.replaceState({ id: event.conversation_id }, "", `/chat/${event.conversation_id}`);
      }
    }), [client]);

  // The resume gap was too old: re-read what the page shows over HTTP.
  useEffect(() =>
    client.subscribe("resync_required", async () => {
      const conversations = await fetchConversations(userId).catch(() => null);
      if (conversations) chat.value = { ...chat.value, conversations };
      const id = chat.value.conversationId;
      if (id) await loadConversation(id, false);
    }), [client]);

  // A send the server has not accepted yet is sent again once live.
  useEffect(() =>
    client.state.subscribe((state) => {
      const pending = chat.peek().pending;
      if (state.status !== "live" || !pending) return;
      client.send({
        type: "chat",
        message: pending.content,
        client_message_id: pending.client_message_id,
        ...(pending.conversation_id ? { conversation_id: pending.conversation_id } : {}),
      });
    }), [client]);

  useEffect(() => {
    const onPop = () => {
      const match = location.pathname.match(/^\/chat\/([^/]+)$/);
      loadConversation(match ? decodeURIComponent(match[1]) : null, false);
    };
    addEventListener("popstate", onPop);
    return () => removeEventListener("popstate", onPop);
  }, []);

  const state = chat.value;
  const run = activeRun(state);
  const connection = client.state.value.status;

  // The stall watchdog's clock ticks only while a run is in flight.
  useEffect(() => {
    if (!run) return;
    const timer = setInterval(() => now.value = Date.now(), 1000);
    return () => clearInterval(timer);
  }, [run?.run_id]);

  useEffect(() => {
    listEnd.current?.scrollIntoView?.({ block: "end" });
  }, [state.messages.length, run?.text.length, run?.steps.length]);

  const send = (content: string) => {
    const text = content.trim();
    if (!text) return;
    const length = charLength(text);
    if (length > MESSAGE_MAX_CHARS) {
      inputError.value =
        `Your message is ${length.toLocaleString()} characters; the limit is ${MESSAGE_MAX_CHARS.toLocaleString()}. Please shorten it.`;
      return;
    }
    if (connection === "expired") return;
    inputError.value = null;
    const pending = {
      client_message_id: crypto.randomUUID(),
      content: text,
      conversation_id: chat.value.conversationId,
    };
    chat.value = beginSend(chat.value, pending, Date.now());
    draft.value = "";
    client.send({
      type: "chat",
      message: text,
      client_message_id: pending.client_message_id,
      ...(pending.conversation_id ? { conversation_id: pending.conversation_id } : {}),
    });
  };

  const retry = (failed: RunView) => {
    const original = chat.value.messages.find((m) =>
      m.role === "user" && m.run_id === failed.run_id
    );
    if (original) send(original.content);
  };

  const stop = (r: RunView) => client.send({ type: "cancel", run_id: r.run_id });

  const remove = async (id: string) => {
    const title = chat.value.conversations.find((c) => c.id === id)?.title || "Untitled";
    if (!confirm(`Delete the conversation “${title}”? This cannot be undone.`)) return;
    try {
      await deleteConversation(userId, id);
      chat.value = {
        ...chat.value,
        conversations: chat.value.conversations.filter((c) => c.id !== id),
      };
      if (chat.value.conversationId === id) await loadConversation(null, true);
    } catch (error) {
      inputError.value = error instanceof ApiError ? error.message : "Could not delete it.";
    }
  };

  const liveBlock = (r: RunView) => (
    <div class="run" data-run-id={r.run_id}>
      <ProgressBar
        steps={r.steps}
        running={r.status === "running"}
        stalled={r.status === "running" && now.value - r.last_event_at > STALL_AFTER_MS}
      />
      {r.status === "running" && r.text && (
        <div class="message message-assistant streaming" aria-busy="true">
          <p class="message-text">{r.text}</p>
        </div>
      )}
      {r.status === "failed" && runError(r, () => retry(r))}
    </div>
  );

  const renderAfter = (message: ChatMessage) => {
    const r = message.run_id ? state.runs[message.run_id] : undefined;
    if (message.role === "user") return r && r.status !== "done" ? liveBlock(r) : null;
    if (r) {
      return (
        <ProgressBar
          steps={r.steps}
          running={false}
          durationMs={r.ended_at !== undefined ? r.ended_at - r.started_at : undefined}
        />
      );
    }
    return <ProgressBar steps={storedSteps(message)} running={false} />;
  };
  const orphan = run && !state.messages.some((m) => m.run_id === run.run_id) ? run : null;
  const draftLength = charLength(draft.value);
  const tooLong = draftLength > MESSAGE_MAX_CHARS;
  const problem = inputError.value ?? state.sendError?.message ??
    (tooLong ? `Too long: ${draftLength} of ${MESSAGE_MAX_CHARS} characters.` : null);

  return (
    <div class="chat">
      <ConversationList
        conversations={state.conversations}
        activeId={state.conversationId}
        onOpen={(id) => loadConversation(id, true)}
        onDelete={remove}
      />
      <section class="chat-main" aria-label="Chat">
        {offlineModel && <p class="model-notice">{OFFLINE_MODEL_NOTICE}</p>}
        {state.messages.length === 0 && !orphan && (
          <div class="chat-empty">
            <h2>What can I do for you?</h2>
            <p>
              Tell me what to add, change or finish on your to-do list, in plain words. Try one:
            </p>
            <ul class="example-prompts" aria-label="Example messages">
              {EXAMPLE_PROMPTS.map((example) => (
                <li key={example}>
                  <button
                    type="button"
                    class="example-prompt"
                    disabled={connection === "expired" || Boolean(state.pending)}
                    onClick={() => send(example)}
                  >
                    {example}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
        <MessageList messages={state.messages} renderAfter={renderAfter}>
          {orphan && <li class="message-row">{liveBlock(orphan)}</li>}
        </MessageList>
        <div ref={listEnd} />
        <div class="visually-hidden" aria-live="polite" data-testid="announcer">
          {announcement.value}
        </div>
        <form
          class="composer"
          onSubmit={(event) => {
            event.preventDefault();
            send(draft.value);
          }}
        >
          <div class="composer-head">
            <label for="chat-message">Message</label>
            <span class="composer-hint" id="chat-message-hint">
              Enter to send · Shift+Enter for a new line{run ? " · Esc to stop" : ""}
            </span>
          </div>
          <textarea
            ref={input}
            id="chat-message"
            name="message"
            rows={2}
            value={draft.value}
            placeholder="Add a task to buy milk"
            aria-invalid={tooLong || undefined}
            aria-describedby="chat-message-hint chat-message-problem"
            disabled={connection === "expired"}
            onInput={(event) => {
              draft.value = event.currentTarget.value;
              inputError.value = null;
            }}
            onKeyDown={(event) => {
              if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
                event.preventDefault();
                send(draft.value);
              } else if (event.key === "Escape" && run) {
                event.preventDefault();
                stop(run);
              }
            }}
          />
          <div class="composer-actions">
            {run
              ? (
                <button
                  type="button"
                  class="button stop"
                  aria-keyshortcuts="Escape"
                  title="Stop the assistant (Esc)"
                  onClick={() => {
                    stop(run);
                    input.current?.focus();
                  }}
                >
                  Stop
                </button>
              )
              : null}
            <button
              type="submit"
              class="button primary"
              disabled={connection === "expired" || !draft.value.trim() || Boolean(state.pending)}
            >
              Send
            </button>
          </div>
          <p id="chat-message-problem" class="composer-problem" role="alert" aria-live="assertive">
            {problem}
          </p>
        </form>
      </section>
    </div>
  );
}
