import type { QuickReply } from "../lib/ui/quick_replies.ts";

/** Props of {@linkcode QuickReplies}. */
export interface QuickRepliesProps {
  /** The answers to offer (see `quickReplies`). */
  replies: QuickReply[];
  /** Sends the chosen answer as the user's next message. */
  onReply: (text: string) => void;
  /** True while an answer cannot be sent (a send pending, the session expired). */
  disabled: boolean;
}

/**
 * Buttons under a reply that waits for an answer ("Yes" / "No", or which of
 * the numbered tasks): the same as typing it, one tap instead.
 */
export function QuickReplies({ replies, onReply, disabled }: QuickRepliesProps) {
  return (
    <div class="quick-replies" role="group" aria-label="Quick replies">
      {replies.map((reply) => (
        <button
          key={reply.text}
          type="button"
          class="example-prompt quick-reply"
          disabled={disabled}
          onClick={() => onReply(reply.text)}
        >
          {reply.label}
        </button>
      ))}
    </div>
  );
}
