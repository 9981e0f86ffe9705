import type { ComponentChildren } from "preact";
import type { ChatMessage } from "../lib/ui/chat_state.ts";
import { LocalTime } from "./LocalTime.tsx";

/** Props of {@linkcode MessageList}. */
export interface MessageListProps {
  messages: ChatMessage[];
  /** Extra content under a message (a run's timeline or summary), by message. */
  renderAfter?: (message: ChatMessage) => ComponentChildren;
  /** Shown last (the run in flight). */
  children?: ComponentChildren;
}

/** One chat bubble. Text is rendered as text: HTML from the model never becomes markup. */
export function MessageBubble({ message }: { message: ChatMessage }) {
  return (
    <div
      class={`message message-${message.role}${message.pending ? " message-pending" : ""}`}
      data-message-id={message.id}
    >
      <span class="visually-hidden">{message.role === "user" ? "You:" : "Assistant:"}</span>
      <p class="message-text">{message.content}</p>
      {message.pending
        ? <span class="message-time">sending…</span>
        : <LocalTime class="message-time" iso={message.created_at} />}
    </div>
  );
}

/** The conversation's messages, oldest first. */
export function MessageList({ messages, renderAfter, children }: MessageListProps) {
  return (
    <ol class="messages" aria-label="Messages">
      {messages.map((message) => (
        <li key={message.id} class="message-row">
          <MessageBubble message={message} />
          {renderAfter?.(message)}
        </li>
      ))}
      {children}
    </ol>
  );
}
