import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { Composer } from "../components/Composer.tsx";
import { ConversationList } from "../components/ConversationList.tsx";
import { EmptyChat } from "../components/EmptyChat.tsx";
import { QuickReplies } from "../components/QuickReplies.tsx";
import { LiveAnnouncer } from "../components/LiveAnnouncer.tsx";
import { MessageList } from "../components/MessageList.tsx";
import { ProgressBar } from "../components/ProgressBar.tsx";
import { RunBlock } from "../components/RunBlock.tsx";
import { useWebSocket } from "../lib/realtime/use_web_socket.ts";
import { MESSAGE_MAX_CHARS } from "../lib/chat/constants.ts";
import { charLength } from "../lib/text.ts";
import {
  type Announcement,
  announcementFor,
  connectionAnnouncement,
} from "../lib/ui/announcements.ts";
import {
  ApiError,
  deleteConversation,
  fetchConversation,
  fetchConversations,
} from "../lib/ui/api.ts";
import {
  activeRun,
  applyEvent,
  applyResync,
  beginSend,
  type ChatMessage,
  type Conversation,
  initialChatState,
  openConversation,
  resyncConversationId,
  type RunInFlight,
  type RunView,
  storedSteps,
  type WireMessage,
} from "../lib/ui/chat_state.ts";
import { OFFLINE_MODEL_NOTICE, STALL_AFTER_MS } from "../lib/ui/constants.ts";
import { browserStorage, draftKey, loadDraft, saveDraft } from "../lib/ui/drafts.ts";
import { hydratedSig } from "../lib/ui/hydrated.ts";
import { chatFrame, resendWhenLive } from "../lib/ui/pending_send.ts";
import { quickReplies } from "../lib/ui/quick_replies.ts";

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
  /** Its run in flight when the page was rendered, or null. */
  activeRun: RunInFlight | null;
  /** True when the embedded offline model answers (no OPENAI_API_KEY). */
  offlineModel: boolean;
}

const chatPath = (id: string | null) => id ? `/chat/${encodeURIComponent(id)}` : "/chat";

/**
 * The chat: conversation list, messages continued live, the run in flight
 * with its timeline and Stop button, and the message input.
 *
 * Messages are sent as a `chat` frame on the tab's socket, with a
 * `client_message_id`; if the socket is down, or drops before the server
 * accepts it, the same frame is sent again once live (the server answers a
 * repeated id with the same run).
 */
/** How near the end of the page (px) still counts as "at the end" for following new content. */
const FOLLOW_PX = 120;

export default function ChatInterface(props: ChatInterfaceProps) {
  const { userId, offlineModel } = props;
  const client = useWebSocket(userId);
  const chatSig = useSignal(
    initialChatState(props.conversations, props.conversationId, props.messages, props.activeRun),
  );
  const draftSig = useSignal("");
  const inputErrorSig = useSignal<string | null>(null);
  const politeSig = useSignal("");
  const urgentSig = useSignal("");
  const nowSig = useSignal(Date.now());
  /** Whether new content scrolls into view: the reader is at the end (or just sent something). */
  const follow = useRef(true);
  const input = useRef<HTMLTextAreaElement>(null);

  const announce = (said: Announcement | null) => {
    if (said) (said.urgent ? urgentSig : politeSig).value = said.text;
  };

  // Mounted: components may now show viewer-specific details (local times).
  useEffect(() => {
    hydratedSig.value = true;
  }, []);

  // What was typed and not sent in this conversation comes back (a reload, a switch back).
  const draftFor = (conversationId: string | null) => draftKey(userId, conversationId);
  const openedId = chatSig.value.conversationId;
  const draftOpenedFor = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    const before = draftOpenedFor.current;
    draftOpenedFor.current = openedId;
    // A new chat just got its id from our first message: what is being typed stays, under that id.
    if (before === null && openedId !== null && draftSig.value.trim()) {
      saveDraft(browserStorage(), draftFor(openedId), draftSig.value);
      saveDraft(browserStorage(), draftFor(null), "");
      return;
    }
    draftSig.value = loadDraft(browserStorage(), draftFor(openedId));
  }, [openedId]);
  const editDraft = (text: string) => {
    draftSig.value = text;
    saveDraft(browserStorage(), draftFor(chatSig.value.conversationId), text);
  };

  const loadConversation = async (id: string | null, push: boolean) => {
    try {
      const view = id ? await fetchConversation(userId, id) : null;
      chatSig.value = openConversation(
        chatSig.value,
        id,
        view?.messages ?? [],
        view?.active_run ?? null,
      );
      if (push) history.pushState({ id }, "", chatPath(id));
    } catch (error) {
      inputErrorSig.value = error instanceof ApiError
        ? error.message
        : "Could not load that conversation.";
    }
  };

  // Every event of this user, through the tab's one socket.
  useEffect(() =>
    client.subscribe("*", (event) => {
      chatSig.value = applyEvent(chatSig.value, event, Date.now());
      announce(announcementFor(event));
      const { sendError, conversationId } = chatSig.value;
      if (event.event_type === "error" && sendError) editDraft(sendError.content);
      if (event.event_type === "user_message" && conversationId === event.conversation_id) {
        history.replaceState({ id: conversationId }, "", chatPath(conversationId));
      }
    }), [client]);

  // The resume gap was too old: re-read what the page shows over HTTP.
  useEffect(() =>
    client.subscribe("resync_required", async () => {
      try {
        const conversations = await fetchConversations(userId);
        const id = resyncConversationId(chatSig.value, conversations);
        const view = id ? await fetchConversation(userId, id) : null;
        chatSig.value = applyResync(
          chatSig.value,
          {
            conversations,
            conversationId: id,
            messages: view?.messages ?? [],
            activeRun: view?.active_run ?? null,
          },
          Date.now(),
        );
        if (id) history.replaceState({ id }, "", chatPath(id));
      } catch (error) {
        console.error("Could not re-read the chat after a resync", error);
      }
    }), [client]);

  // A send the server has not accepted yet goes again once live; losing the socket is announced.
  useEffect(() => resendWhenLive(client, () => chatSig.peek().pending), [client]);
  useEffect(() => {
    let previous = client.state.peek().status;
    return client.state.subscribe((state) => {
      announce(connectionAnnouncement(previous, state));
      previous = state.status;
    });
  }, [client]);

  useEffect(() => {
    const onPop = () => {
      const match = location.pathname.match(/^\/chat\/([^/]+)$/);
      loadConversation(match ? decodeURIComponent(match[1]) : null, false);
    };
    addEventListener("popstate", onPop);
    return () => removeEventListener("popstate", onPop);
  }, []);

  const state = chatSig.value;
  const run = activeRun(state);
  const locked = client.state.value.status === "expired";

  // The stall watchdog's clock ticks only while a run is in flight.
  useEffect(() => {
    if (!run) return;
    const timer = setInterval(() => nowSig.value = Date.now(), 1000);
    return () => clearInterval(timer);
  }, [run?.run_id]);

  // Someone reading earlier messages is left there; at the end, the view follows the reply.
  useEffect(() => {
    const onScroll = () => {
      const page = document.documentElement;
      follow.current = page.scrollHeight - globalThis.scrollY - globalThis.innerHeight < FOLLOW_PX;
    };
    addEventListener("scroll", onScroll, { passive: true });
    return () => removeEventListener("scroll", onScroll);
  }, []);

  useEffect(() => {
    // The end of the page: the composer sticks to the bottom over what is above it, so
    // scrolling the last message to the bottom edge would leave it behind the composer.
    if (follow.current) globalThis.scrollTo?.(0, document.documentElement.scrollHeight);
  }, [state.messages.length, run?.text.length, run?.steps.length, state.pending]);

  const send = (content: string) => {
    const text = content.trim();
    if (!text || locked) return;
    const length = charLength(text);
    if (length > MESSAGE_MAX_CHARS) {
      inputErrorSig.value =
        `Your message is ${length.toLocaleString()} characters; the limit is ${MESSAGE_MAX_CHARS.toLocaleString()}. Please shorten it.`;
      return;
    }
    inputErrorSig.value = null;
    follow.current = true;
    const pending = {
      client_message_id: crypto.randomUUID(),
      content: text,
      conversation_id: chatSig.value.conversationId,
    };
    chatSig.value = beginSend(chatSig.value, pending, Date.now());
    draftSig.value = "";
    saveDraft(browserStorage(), draftFor(pending.conversation_id), "");
    client.send(chatFrame(pending)); // not live: resendWhenLive sends it after reconnecting
  };

  const retry = (failed: RunView) => {
    const original = chatSig.value.messages.find((m) =>
      m.role === "user" && m.run_id === failed.run_id
    );
    if (original) send(original.content);
  };

  const stop = (r: RunView) => {
    client.send({ type: "cancel", run_id: r.run_id });
    input.current?.focus();
  };

  const remove = async (id: string) => {
    const title = chatSig.value.conversations.find((c) => c.id === id)?.title || "Untitled";
    if (!confirm(`Delete the conversation “${title}”? This cannot be undone.`)) return;
    try {
      await deleteConversation(userId, id);
      chatSig.value = {
        ...chatSig.value,
        conversations: chatSig.value.conversations.filter((c) => c.id !== id),
      };
      if (chatSig.value.conversationId === id) await loadConversation(null, true);
    } catch (error) {
      inputErrorSig.value = error instanceof ApiError ? error.message : "Could not delete it.";
    }
  };

  const runBlock = (r: RunView) => (
    <RunBlock
      run={r}
      stalled={nowSig.value - r.last_event_at > STALL_AFTER_MS}
      onRetry={() => retry(r)}
    />
  );

  // Under a user message: its run while not done; under a reply: the finished run's summary.
  const renderAfter = (message: ChatMessage) => {
    const r = message.run_id ? state.runs[message.run_id] : undefined;
    if (message.role === "user") return r && r.status !== "done" ? runBlock(r) : null;
    if (!r) return <ProgressBar steps={storedSteps(message)} running={false} />;
    const durationMs = r.ended_at !== undefined ? r.ended_at - r.started_at : undefined;
    return <ProgressBar steps={r.steps} running={false} durationMs={durationMs} />;
  };
  // The last reply waits for an answer: its choices as buttons, while nothing else is under way.
  const lastMessage = state.messages.at(-1);
  const answers = !run && !state.pending && lastMessage?.role === "assistant"
    ? quickReplies(lastMessage.content)
    : [];
  // A run whose user message is not on this page (started in another tab before we loaded).
  const orphan = run && !state.messages.some((m) => m.run_id === run.run_id) ? run : null;
  const draftLength = charLength(draftSig.value);
  const tooLong = draftLength > MESSAGE_MAX_CHARS;
  const problem = inputErrorSig.value ?? state.sendError?.message ??
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
        {offlineModel && <p class="notice">{OFFLINE_MODEL_NOTICE}</p>}
        {state.messages.length === 0 && !orphan && (
          <EmptyChat onExample={send} disabled={locked || Boolean(state.pending)} />
        )}
        <MessageList messages={state.messages} renderAfter={renderAfter}>
          {orphan && <li class="message-row">{runBlock(orphan)}</li>}
        </MessageList>
        {answers.length > 0 && <QuickReplies replies={answers} onReply={send} disabled={locked} />}
        <LiveAnnouncer polite={politeSig.value} urgent={urgentSig.value} />
        <Composer
          draft={draftSig.value}
          onDraft={(text) => {
            editDraft(text);
            inputErrorSig.value = null;
          }}
          onSend={() => send(draftSig.value)}
          onStop={run ? () => stop(run) : null}
          problem={problem}
          invalid={tooLong}
          locked={locked}
          sending={Boolean(state.pending)}
          inputRef={input}
        />
      </section>
    </div>
  );
}
