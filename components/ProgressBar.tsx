import type { RunStep } from "../lib/ui/chat_state.ts";
import { formatRunSummary } from "../lib/ui/format.ts";
import { ToolStatus } from "./ToolStatus.tsx";

/** Props of {@linkcode ProgressBar}. */
export interface ProgressBarProps {
  /** The run's steps, oldest first. */
  steps: RunStep[];
  /** True while the run is in flight: the full timeline shows. */
  running: boolean;
  /** How long the finished run took, when known. */
  durationMs?: number;
  /** Shown under the rows while the run has been silent too long. */
  stalled?: boolean;
}

function StepRow({ step }: { step: RunStep }) {
  return (
    <li class="progress-step">
      {step.kind === "tool"
        ? <ToolStatus step={step} />
        : <span class="thinking">{step.message}</span>}
    </li>
  );
}

/**
 * A run's timeline, one row per step fading in; a finished run collapses to
 * "3 steps · 0.4 s" that expands (a native `<details>`, so it works without JS).
 */
export function ProgressBar({ steps, running, durationMs, stalled }: ProgressBarProps) {
  const tools = steps.filter((step) => step.kind === "tool");
  if (running) {
    return (
      <div class="progress" aria-label="Assistant progress">
        <ol class="progress-steps">
          {steps.map((step, i) => (
            <StepRow key={step.kind === "tool" ? step.call_id : `t${i}`} step={step} />
          ))}
        </ol>
        {/* A run seen before its first step (or joined mid-way, from a page load) still shows. */}
        {steps.length === 0 && !stalled && <p class="thinking">Working…</p>}
        {stalled && <p class="stalled">Still working…</p>}
      </div>
    );
  }
  if (tools.length === 0) return null;
  return (
    <details class="progress progress-summary">
      <summary>{formatRunSummary(tools.length, durationMs)}</summary>
      <ol class="progress-steps">
        {tools.map((step) => <StepRow key={step.call_id} step={step} />)}
      </ol>
    </details>
  );
}
