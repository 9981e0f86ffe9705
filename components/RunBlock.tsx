import { INTERRUPTED_RUN_ERROR, type RunView } from "../lib/ui/chat_state.ts";
import { ProgressBar } from "./ProgressBar.tsx";

/** Props of {@linkcode RunBlock}. */
export interface RunBlockProps {
  /** The run to show (in flight, or ended without a reply). */
  run: RunView;
  /** True while a running run has been silent too long. */
  stalled: boolean;
  /** Sends the run's message again (offered when the model was unavailable or the run was lost). */
  onRetry: () => void;
}

function RunFailure({ error, onRetry }: { error: RunView["error"]; onRetry: () => void }) {
  if (!error) return null;
  if (error.code === "cancelled") return <p class="run-note">Stopped.</p>;
  return (
    <div class="run-error" role="alert">
      <p>{error.message}</p>
      {(error.code === "ai_unavailable" || error.code === INTERRUPTED_RUN_ERROR.code) && (
        <button type="button" class="button" onClick={onRetry}>Retry</button>
      )}
    </div>
  );
}

/** A run under its message: the live timeline, the reply streaming in, or why it ended. */
export function RunBlock({ run, stalled, onRetry }: RunBlockProps) {
  const running = run.status === "running";
  return (
    <div class="run" data-run-id={run.run_id}>
      <ProgressBar steps={run.steps} running={running} stalled={running && stalled} />
      {running && run.text && (
        <div class="message message-assistant streaming" aria-busy="true">
          <p class="message-text">{run.text}</p>
        </div>
      )}
      {run.status === "failed" && run.error?.code === "cancelled" && run.text && (
        // What had streamed before Stop stays readable (it is not stored: a reload drops it).
        <div class="message message-assistant message-partial">
          <p class="message-text">{run.text}</p>
        </div>
      )}
      {run.status === "failed" && <RunFailure error={run.error} onRetry={onRetry} />}
    </div>
  );
}
