import { useEffect, useRef, useState } from "preact/hooks";
import type { TaskWire } from "../lib/realtime/events.ts";
import { useFocusReturn } from "../lib/ui/focus_return.ts";
import { isSaved } from "../lib/ui/task_updates.ts";

/** Props of {@linkcode TaskItem}. */
export interface TaskItemProps {
  /** The task to show (a negative id means "being created"). */
  task: TaskWire;
  /** True while a change of this task is on its way to the server. */
  busy?: boolean;
  /** Completes or reopens the task. */
  onToggle: (task: TaskWire) => void;
  /** Saves a new title and description. */
  onSave: (task: TaskWire, changes: { title: string; description: string | null }) => void;
  /** Deletes the task. */
  onDelete: (task: TaskWire) => void;
  /** When the task last changed elsewhere (another tab, the assistant, the API): the row flashes. */
  changedAt?: number;
}

/** One task row: complete/reopen, inline edit, delete. */
export function TaskItem(
  { task, busy, onToggle, onSave, onDelete, changedAt }: TaskItemProps,
) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [title, setTitle] = useState(task.title);
  const [description, setDescription] = useState(task.description ?? "");
  const pending = !isSaved(task);
  const checkboxId = `task-${task.id}-done`;
  const rowRef = useRef<HTMLLIElement>(null);
  const deleteRef = useFocusReturn<HTMLButtonElement>(confirming);

  useEffect(() => {
    const row = rowRef.current;
    if (!changedAt || !row || matchMedia("(prefers-reduced-motion: reduce)").matches) return;
    const highlight = getComputedStyle(row).getPropertyValue("--color-accent-soft");
    row.animate([{ backgroundColor: highlight }, { backgroundColor: "transparent" }], {
      duration: 1200,
      easing: "ease-out",
    });
  }, [changedAt]);

  const startEditing = () => {
    setTitle(task.title);
    setDescription(task.description ?? "");
    setEditing(true);
  };
  const save = (event: Event) => {
    event.preventDefault();
    if (!title.trim()) return;
    onSave(task, { title: title.trim(), description: description.trim() || null });
    setEditing(false);
  };

  if (editing) {
    return (
      <li class="task-item editing">
        <form
          class="task-edit"
          onSubmit={save}
          onKeyDown={(e) => e.key === "Escape" && setEditing(false)}
        >
          <div class="field">
            <label for={`task-${task.id}-title`}>Title</label>
            <input
              id={`task-${task.id}-title`}
              value={title}
              required
              autoFocus
              onInput={(e) => setTitle(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for={`task-${task.id}-description`}>Description</label>
            <textarea
              id={`task-${task.id}-description`}
              value={description}
              rows={2}
              onInput={(e) => setDescription(e.currentTarget.value)}
            />
          </div>
          <div class="task-actions">
            <button type="submit" class="button primary" disabled={!title.trim()}>Save</button>
            <button type="button" class="button" onClick={() => setEditing(false)}>Cancel</button>
          </div>
        </form>
      </li>
    );
  }

  return (
    <li
      ref={rowRef}
      class={`task-item fade-in${task.completed ? " completed" : ""}${busy ? " busy" : ""}`}
      aria-busy={busy || pending ? "true" : undefined}
    >
      <input
        id={checkboxId}
        type="checkbox"
        checked={task.completed}
        disabled={pending}
        onChange={() => onToggle(task)}
      />
      <div class="task-text">
        <label for={checkboxId} class="task-title">
          {!pending && <span class="task-number">#{task.id}</span>}
          {!pending && " "}
          <span class="task-title-text">{task.title}</span>
        </label>
        {task.description && <p class="task-description">{task.description}</p>}
      </div>
      {confirming
        ? (
          <div
            class="task-actions task-confirm"
            role="group"
            aria-label="Confirm delete"
            onKeyDown={(e) => e.key === "Escape" && setConfirming(false)}
          >
            <span class="task-confirm-text">Delete this task?</span>
            <button
              type="button"
              class="button danger"
              autoFocus
              onClick={() => {
                setConfirming(false);
                onDelete(task);
              }}
              aria-label={`Yes, delete “${task.title}”`}
            >
              Delete
            </button>
            <button
              type="button"
              class="button button-quiet"
              onClick={() => setConfirming(false)}
            >
              Keep
            </button>
          </div>
        )
        : (
          <div class="task-actions">
            <button
              type="button"
              class="button button-quiet"
              disabled={pending}
              onClick={startEditing}
              aria-label={`Edit “${task.title}”`}
            >
              Edit
            </button>
            <button
              ref={deleteRef}
              type="button"
              class="button button-quiet danger"
              disabled={pending}
              onClick={() => setConfirming(true)}
              aria-label={`Delete “${task.title}”`}
            >
              Delete
            </button>
          </div>
        )}
    </li>
  );
}
