import type { Ref } from "preact";

/** Props of {@linkcode Composer}. */
export interface ComposerProps {
  /** The text being written. */
  draft: string;
  /** The text changed. */
  onDraft: (text: string) => void;
  /** Enter or the Send button. */
  onSend: () => void;
  /** Stops the run in flight (Escape or the Stop button); null when none runs. */
  onStop: (() => void) | null;
  /** Why the message cannot go as it is (too long, limit reached…), or null. */
  problem: string | null;
  /** The draft is over the length limit. */
  invalid: boolean;
  /** Nothing can be written (the session expired). */
  locked: boolean;
  /** A send is on its way: Send waits for it. */
  sending: boolean;
  /** The message box, to give focus back after Stop. */
  inputRef: Ref<HTMLTextAreaElement>;
}

/**
 * The labelled message box: Enter sends, Shift+Enter adds a line, Escape
 * stops the run; Stop and Send beside it, and the reason a send failed.
 */
export function Composer(props: ComposerProps) {
  const { draft, onDraft, onSend, onStop, problem, invalid, locked, sending, inputRef } = props;
  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        onSend();
      }}
    >
      <div class="composer-head">
        <label for="chat-message">Message</label>
        <span class="composer-hint" id="chat-message-hint">
          Enter to send · Shift+Enter for a new line{onStop ? " · Esc to stop" : ""}
        </span>
      </div>
      <textarea
        ref={inputRef}
        id="chat-message"
        name="message"
        rows={2}
        value={draft}
        placeholder="Add a task to buy milk"
        aria-invalid={invalid || undefined}
        aria-describedby="chat-message-hint chat-message-problem"
        disabled={locked}
        onInput={(event) => onDraft(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            onSend();
          } else if (event.key === "Escape" && onStop) {
            event.preventDefault();
            onStop();
          }
        }}
      />
      <div class="composer-actions">
        {onStop && (
          <button
            type="button"
            class="button stop"
            aria-keyshortcuts="Escape"
            title="Stop the assistant (Esc)"
            onClick={onStop}
          >
            Stop
          </button>
        )}
        <button
          type="submit"
          class="button primary"
          disabled={locked || !draft.trim() || sending}
        >
          Send
        </button>
      </div>
      <p id="chat-message-problem" class="composer-problem" role="alert">{problem}</p>
    </form>
  );
}
