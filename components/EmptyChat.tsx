import { EXAMPLE_PROMPTS } from "../lib/ui/constants.ts";

/** Props of {@linkcode EmptyChat}. */
export interface EmptyChatProps {
  /** Sends an example as the first message. */
  onExample: (text: string) => void;
  /** True while examples cannot be sent (a send pending, the session expired). */
  disabled: boolean;
}

/** A new conversation's invitation, with example messages to click. */
export function EmptyChat({ onExample, disabled }: EmptyChatProps) {
  return (
    <div class="chat-empty">
      <h2>What can I do for you?</h2>
      <p>Tell me what to add, change or finish on your to-do list, in plain words. Try one:</p>
      <ul class="example-prompts" aria-label="Example messages">
        {EXAMPLE_PROMPTS.map((example) => (
          <li key={example}>
            <button
              type="button"
              class="example-prompt"
              disabled={disabled}
              onClick={() => onExample(example)}
            >
              {example}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
