import type { Conversation } from "../lib/ui/chat_state.ts";

/** Props of {@linkcode ConversationList}. */
export interface ConversationListProps {
  /** The user's conversations, most recent first. */
  conversations: Conversation[];
  /** The open conversation; null for a new one. */
  activeId: string | null;
  /** Client-side switching; without it the links navigate. */
  onOpen?: (id: string | null) => void;
  /** Deletes a conversation; without it no delete buttons show. */
  onDelete?: (id: string) => void;
}

const NEW = "";
const titleOf = (c: Conversation) => c.title || "Untitled";

/**
 * The user's conversations with "New conversation" and a delete button each.
 * On phones (CSS) the list gives way to a compact switcher: one labelled
 * `<select>` beside "New" and "Delete".
 */
export function ConversationList(
  { conversations, activeId, onOpen, onDelete }: ConversationListProps,
) {
  const open = (id: string | null) => (event: MouseEvent) => {
    if (!onOpen || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    onOpen(id);
  };
  const active = conversations.find((c) => c.id === activeId);
  return (
    <nav class="conversations" aria-label="Conversations">
      <a
        class="button new-conversation"
        href="/chat"
        aria-label="New conversation"
        onClick={open(null)}
      >
        <span aria-hidden="true">+ New</span>
        <span class="wide-only" aria-hidden="true">conversation</span>
      </a>
      <ul class="conversation-list">
        {conversations.map((conversation) => (
          <li key={conversation.id} class={conversation.id === activeId ? "active" : undefined}>
            <a
              href={`/chat/${encodeURIComponent(conversation.id)}`}
              aria-current={conversation.id === activeId ? "page" : undefined}
              title={titleOf(conversation)}
              onClick={open(conversation.id)}
            >
              {titleOf(conversation)}
            </a>
            {onDelete && (
              <button
                type="button"
                class="icon-button"
                aria-label={`Delete conversation “${titleOf(conversation)}”`}
                title="Delete conversation"
                onClick={() => onDelete(conversation.id)}
              >
                <span aria-hidden="true">×</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      {onOpen && conversations.length > 0 && (
        <div class="conversation-switcher">
          <label for="conversation-select" class="visually-hidden">Conversation</label>
          <select
            id="conversation-select"
            value={activeId ?? NEW}
            onChange={(event) => onOpen(event.currentTarget.value || null)}
          >
            <option value={NEW}>New conversation</option>
            {conversations.map((c) => <option key={c.id} value={c.id}>{titleOf(c)}</option>)}
          </select>
          {onDelete && active && (
            <button
              type="button"
              class="icon-button"
              aria-label={`Delete conversation “${titleOf(active)}”`}
              onClick={() => onDelete(active.id)}
            >
              <span aria-hidden="true">×</span>
            </button>
          )}
        </div>
      )}
    </nav>
  );
}
