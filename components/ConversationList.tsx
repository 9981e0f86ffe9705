import type { Conversation } from "../lib/ui/chat_state.ts";

/** Props of {@linkcode ConversationList}. */
export interface ConversationListProps {
  conversations: Conversation[];
  activeId: string | null;
  /** Client-side switching; without it the links navigate. */
  onOpen?: (id: string | null) => void;
  onDelete?: (id: string) => void;
}

/** The user's conversations with "New conversation" and a delete button each. */
export function ConversationList(
  { conversations, activeId, onOpen, onDelete }: ConversationListProps,
) {
  const open = (id: string | null) => (event: MouseEvent) => {
    if (!onOpen || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    onOpen(id);
  };
  return (
    <nav class="conversations" aria-label="Conversations">
      <a class="button new-conversation" href="/chat" onClick={open(null)}>New conversation</a>
      <ul>
        {conversations.map((conversation) => (
          <li key={conversation.id} class={conversation.id === activeId ? "active" : undefined}>
            <a
              href={`/chat/${encodeURIComponent(conversation.id)}`}
              aria-current={conversation.id === activeId ? "page" : undefined}
              onClick={open(conversation.id)}
            >
              {conversation.title || "Untitled"}
            </a>
            {onDelete && (
              <button
                type="button"
                class="icon-button"
                aria-label={`Delete conversation “${conversation.title}”`}
                title="Delete conversation"
                onClick={() => onDelete(conversation.id)}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
