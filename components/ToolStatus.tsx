import type { ToolStep } from "../lib/ui/chat_state.ts";
import { formatDuration } from "../lib/ui/format.ts";
import { ToolIcon } from "./ToolIcon.tsx";

/** Props of {@linkcode ToolStatus}. */
export interface ToolStatusProps {
  /** The tool call to show. */
  step: ToolStep;
}

const STATE_LABEL = { running: "Running", done: "Done", failed: "Failed" } as const;

/** One tool call: its icon, a spinner while running, then ✓ or ✗ with the sentence and duration. */
export function ToolStatus({ step }: ToolStatusProps) {
  return (
    <div class={`tool-status tool-${step.status}`} data-tool={step.tool}>
      <ToolIcon tool={step.tool} />
      <span class="tool-state" role="img" aria-label={STATE_LABEL[step.status]}>
        {step.status === "running"
          ? <span class="spinner" />
          : <span class="tool-mark" aria-hidden="true">{step.status === "done" ? "✓" : "✗"}</span>}
      </span>
      <span class="tool-message">
        {step.message}
        {step.error && <span class="tool-error">: {step.error}</span>}
      </span>
      {step.duration_ms !== undefined && (
        <span class="tool-duration">{formatDuration(step.duration_ms)}</span>
      )}
    </div>
  );
}
