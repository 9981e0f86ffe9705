import type { ToolStep } from "../lib/ui/chat_state.ts";
import { formatDuration } from "../lib/ui/format.ts";

const TOOL_ICONS: Record<string, string> = {
  add_task: "＋",
  list_tasks: "☰",
  update_task: "✎",
  complete_task: "☑",
  complete_all_tasks: "☑",
  delete_task: "⌫",
  delete_all_tasks: "⌫",
};

/** Props of {@linkcode ToolStatus}. */
export interface ToolStatusProps {
  /** The tool call to show. */
  step: ToolStep;
}

/** One tool call: its icon, a spinner while running, then ✓ or ✗ with the sentence and duration. */
export function ToolStatus({ step }: ToolStatusProps) {
  return (
    <div class={`tool-status tool-${step.status}`} data-tool={step.tool}>
      <span class="tool-icon" aria-hidden="true">{TOOL_ICONS[step.tool] ?? "⚙"}</span>
      <span class="tool-state">
        {step.status === "running"
          ? <span class="spinner" role="img" aria-label="Running" />
          : step.status === "done"
          ? <span class="tool-mark" role="img" aria-label="Done">✓</span>
          : <span class="tool-mark" role="img" aria-label="Failed">✗</span>}
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
