import { useState } from "preact/hooks";
import { useFocusReturn } from "../lib/ui/focus_return.ts";

/** Props of {@linkcode TaskBulkActions}. */
export interface TaskBulkActionsProps {
  pending: number;
  completed: number;
  /** A bulk change is being saved: the buttons wait for it. */
  busy: boolean;
  onCompleteAll(): void;
  onClearCompleted(): void;
  onDeleteAll(): void;
}

/**
 * Actions on the whole list: mark all done, clear the completed ones, and
 * delete everything, which asks first (the safe answer has the focus).
 */
export function TaskBulkActions(props: TaskBulkActionsProps) {
  const [confirming, setConfirming] = useState(false);
  const deleteAllRef = useFocusReturn<HTMLButtonElement>(confirming);
  const total = props.pending + props.completed;
  if (total === 0) return null;
  if (confirming) {
    const what = total === 1 ? "your only task" : `all ${total} tasks`;
    return (
      <div
        class="task-bulk task-confirm"
        role="group"
        aria-label="Confirm deleting every task"
        onKeyDown={(e) => e.key === "Escape" && setConfirming(false)}
      >
        <span class="task-confirm-text">Delete {what}? This cannot be undone.</span>
        <button
          type="button"
          class="button danger"
          onClick={() => {
            setConfirming(false);
            props.onDeleteAll();
          }}
        >
          Delete {total === 1 ? "it" : `all ${total}`}
        </button>
        <button
          type="button"
          class="button button-quiet"
          autoFocus
          onClick={() => setConfirming(false)}
        >
          {total === 1 ? "Keep it" : "Keep them"}
        </button>
      </div>
    );
  }
  return (
    <div class="task-bulk" role="group" aria-label="Every task">
      {props.pending > 0 && (
        <button
          type="button"
          class="button button-quiet"
          disabled={props.busy}
          onClick={props.onCompleteAll}
        >
          Mark all done
        </button>
      )}
      {props.completed > 0 && (
        <button
          type="button"
          class="button button-quiet"
          disabled={props.busy}
          onClick={props.onClearCompleted}
        >
          Clear completed
        </button>
      )}
      <button
        ref={deleteAllRef}
        type="button"
        class="button button-quiet danger"
        disabled={props.busy}
        onClick={() => setConfirming(true)}
      >
        Delete all…
      </button>
    </div>
  );
}
