/** Props of {@linkcode QuickReplies}. */
export interface QuickRepliesProps {
  /** Sends the chosen answer as the user's next message. */
  onReply: (text: string) => void;
  /** True while an answer cannot be sent (a send pending, the session expired). */
  disabled: boolean;
}

/**
 * "Yes" and "No" under a reply that waits for one of them (see `asksYesOrNo`):
 * the same as typing the word, one tap instead.
 */
export function QuickReplies({ onReply, disabled }: QuickRepliesProps) {
  return (
    <div class="quick-replies" role="group" aria-label="Quick replies">
      {["Yes", "No"].map((answer) => (
        <button
          key={answer}
          type="button"
          class="example-prompt quick-reply"
          disabled={disabled}
          onClick={() => onReply(answer.toLowerCase())}
        >
          {answer}
        </button>
      ))}
    </div>
  );
}
