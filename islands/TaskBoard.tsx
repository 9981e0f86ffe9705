import { useComputed, useSignal } from "@preact/signals";
import { TaskBulkActions } from "../components/TaskBulkActions.tsx";
import { TaskItem } from "../components/TaskItem.tsx";
import type { TaskWire } from "../lib/realtime/events.ts";
import { useTaskChanges } from "../lib/realtime/use_web_socket.ts";
import { taskLengthProblem } from "../lib/tasks/limits.ts";
import { matchesSearch } from "../lib/tasks/schemas.ts";
import { plural } from "../lib/text.ts";
import {
  createTask,
  deleteTask,
  deleteTasks,
  fetchTasks,
  setAllTasksCompleted,
  type TaskChanges,
  updateTask,
} from "../lib/ui/api.ts";
import {
  allCompleted,
  applyTaskUpdate,
  isSaved,
  sameContent,
  withoutCompleted,
  withoutSaved,
} from "../lib/ui/task_updates.ts";

/** Props of the task board island (plain, serialisable). */
export interface TaskBoardProps {
  /** The signed-in user's id (the API path). */
  userId: string;
  /** The tasks as the server rendered them, ordered by number. */
  initialTasks: TaskWire[];
}

type Filter = "all" | "pending" | "completed";
const FILTERS: { value: Filter; label: string }[] = [
  { value: "all", label: "All" },
  { value: "pending", label: "Pending" },
  { value: "completed", label: "Completed" },
];

/**
 * The task list: filters, add, inline edit, complete/reopen, delete, and
 * actions on the whole list. Changes show at once and roll back with a
 * message if the server refuses them; live
 * `task_changed` events from other tabs, the API and the assistant are applied
 * as they arrive.
 */
export default function TaskBoard({ userId, initialTasks }: TaskBoardProps) {
  const tasksSig = useSignal<TaskWire[]>(initialTasks);
  const filterSig = useSignal<Filter>("all");
  const errorSig = useSignal<string | null>(null);
  const busySig = useSignal<ReadonlySet<number>>(new Set());
  const titleSig = useSignal("");
  const descriptionSig = useSignal("");
  const bulkBusySig = useSignal(false);
  /** Tasks changed elsewhere while this page was open, and when (their rows flash). */
  const changedSig = useSignal<ReadonlyMap<number, number>>(new Map());
  /** What the last action on the whole list did, for screen readers. */
  const statusSig = useSignal("");

  const searchSig = useSignal("");
  const visibleSig = useComputed(() => {
    const search = searchSig.value.trim();
    return tasksSig.value.filter((task) =>
      (filterSig.value === "all" || task.completed === (filterSig.value === "completed")) &&
      (!search || matchesSearch(task, search))
    );
  });
  const countsSig = useComputed(() => {
    const done = tasksSig.value.filter((task) => task.completed && isSaved(task)).length;
    const total = tasksSig.value.filter(isSaved).length;
    return { all: total, pending: total - done, completed: done };
  });

  useTaskChanges(userId, (update) => {
    let tasks = tasksSig.value;
    // Our own add can arrive live before its POST answers: it replaces the placeholder row.
    if (update.type === "changed" && update.change === "created" && update.task) {
      const created = update.task;
      const placeholder = tasks.find((t) => !isSaved(t) && t.title === created.title);
      if (placeholder) tasks = tasks.filter((t) => t !== placeholder);
    }
    if (update.type === "changed" && update.change === "updated" && update.task) {
      const shown = tasks.find((t) => t.id === update.task!.id);
      // Our own change is shown already; one that differs from the row was made elsewhere.
      if (shown && !sameContent(shown, update.task)) {
        changedSig.value = new Map(changedSig.value).set(update.task.id, Date.now());
      }
    }
    tasksSig.value = applyTaskUpdate(tasks, update);
  });

  const put = (task: TaskWire) =>
    tasksSig.value = applyTaskUpdate(tasksSig.value, { type: "changed", change: "updated", task });
  const drop = (id: number) =>
    tasksSig.value = applyTaskUpdate(tasksSig.value, {
      type: "changed",
      change: "deleted",
      task_id: id,
    });
  const setBusy = (id: number, busy: boolean) => {
    const next = new Set(busySig.value);
    if (busy) next.add(id);
    else next.delete(id);
    busySig.value = next;
  };
  const fail = (what: string, error: unknown) => {
    const reason = error instanceof Error ? error.message : "Something went wrong";
    errorSig.value = `${what}: ${reason}`;
  };

  const add = async (event: Event) => {
    event.preventDefault();
    const title = titleSig.value.trim();
    if (!title) return;
    const description = descriptionSig.value.trim() || null;
    const tooLong = taskLengthProblem({ title, description });
    if (tooLong) {
      errorSig.value = tooLong;
      return;
    }
    const now = new Date().toISOString();
    const temp: TaskWire = {
      id: -Date.now(),
      title,
      description,
      completed: false,
      created_at: now,
      updated_at: now,
    };
    tasksSig.value = [...tasksSig.value, temp];
    titleSig.value = "";
    descriptionSig.value = "";
    errorSig.value = null;
    try {
      const created = await createTask(userId, { title, description });
      drop(temp.id);
      put(created);
    } catch (error) {
      drop(temp.id);
      if (!titleSig.value) titleSig.value = title;
      if (!descriptionSig.value) descriptionSig.value = description ?? "";
      fail(`Could not add “${title}”`, error);
    }
  };

  const change = async (task: TaskWire, changes: TaskChanges, what: string) => {
    errorSig.value = taskLengthProblem(changes);
    if (errorSig.value) return;
    put({ ...task, ...changes, description: changes.description ?? task.description });
    setBusy(task.id, true);
    try {
      put(await updateTask(userId, task.id, changes));
    } catch (error) {
      put(task);
      fail(what, error);
    } finally {
      setBusy(task.id, false);
    }
  };

  const remove = async (task: TaskWire) => {
    errorSig.value = null;
    drop(task.id);
    try {
      await deleteTask(userId, task.id);
    } catch (error) {
      put(task);
      fail(`Could not delete “${task.title}”`, error);
    }
  };

  /**
   * A change to the whole list: shown at once, then saved. When saving fails
   * the list is read again (part of it may have been saved), or put back.
   */
  const bulk = async (
    what: string,
    shown: (tasks: TaskWire[]) => TaskWire[],
    save: () => Promise<string>,
  ) => {
    errorSig.value = null;
    statusSig.value = "";
    const before = tasksSig.value;
    tasksSig.value = shown(before);
    bulkBusySig.value = true;
    try {
      statusSig.value = await save();
    } catch (error) {
      fail(what, error);
      tasksSig.value = await fetchTasks(userId).catch(() => before);
    } finally {
      bulkBusySig.value = false;
      // The button pressed is gone with what it acted on: focus goes on to adding a task.
      if (!document.activeElement || document.activeElement === document.body) {
        document.getElementById("new-task-title")?.focus();
      }
    }
  };
  const completeAll = () =>
    bulk(
      "Could not mark every task as done",
      allCompleted,
      async () => {
        const changed = await setAllTasksCompleted(userId, true);
        for (const task of changed) put(task);
        return `Marked ${plural(changed.length, "task")} as done`;
      },
    );
  const clearCompleted = () =>
    bulk(
      "Could not clear the completed tasks",
      withoutCompleted,
      async () => `Deleted ${plural(await deleteTasks(userId, "completed"), "completed task")}`,
    );
  const deleteAll = () =>
    bulk(
      "Could not delete every task",
      withoutSaved,
      async () => `Deleted ${plural(await deleteTasks(userId, "all"), "task")}`,
    );

  const visible = visibleSig.value;
  return (
    <section class="task-board" aria-labelledby="task-board-title">
      <h2 id="task-board-title" class="visually-hidden">Your tasks</h2>
      <form class="task-add" onSubmit={add}>
        <div class="field">
          <label for="new-task-title">New task</label>
          <input
            id="new-task-title"
            value={titleSig.value}
            placeholder="What needs doing?"
            autoComplete="off"
            onInput={(e) => titleSig.value = e.currentTarget.value}
          />
        </div>
        <div class="field">
          <label for="new-task-description">
            Description <span class="field-hint">(optional)</span>
          </label>
          <input
            id="new-task-description"
            value={descriptionSig.value}
            autoComplete="off"
            onInput={(e) => descriptionSig.value = e.currentTarget.value}
          />
        </div>
        <button type="submit" class="button primary" disabled={!titleSig.value.trim()}>
          Add task
        </button>
      </form>

      {errorSig.value && (
        <div class="task-error" role="alert">
          <span>{errorSig.value}</span>
          <button type="button" class="button" onClick={() => errorSig.value = null}>
            Dismiss
          </button>
        </div>
      )}

      <div class="task-toolbar">
        <div class="segmented task-filters" role="group" aria-label="Show tasks">
          {FILTERS.map(({ value, label }) => (
            <button
              key={value}
              type="button"
              class="segment"
              aria-pressed={filterSig.value === value}
              onClick={() => filterSig.value = value}
            >
              {label} <span class="count">{countsSig.value[value]}</span>
            </button>
          ))}
        </div>
        <div class="task-search">
          <label for="task-search">Search</label>
          <input
            id="task-search"
            type="search"
            value={searchSig.value}
            autoComplete="off"
            onInput={(e) => searchSig.value = e.currentTarget.value}
            onKeyDown={(e) => e.key === "Escape" && (searchSig.value = "")}
          />
        </div>
      </div>
      <p class="visually-hidden" role="status">{statusSig.value}</p>

      {visible.length === 0
        ? <TaskListEmpty filter={filterSig.value} search={searchSig.value.trim()} />
        : (
          <ul class="task-list" aria-live="polite">
            {visible.map((task) => (
              <TaskItem
                key={task.id}
                task={task}
                busy={busySig.value.has(task.id)}
                onToggle={(t) =>
                  change(
                    t,
                    { completed: !t.completed },
                    `Could not ${t.completed ? "reopen" : "complete"} “${t.title}”`,
                  )}
                onSave={(t, changes) => change(t, changes, `Could not save “${t.title}”`)}
                onDelete={remove}
                changedAt={changedSig.value.get(task.id)}
              />
            ))}
          </ul>
        )}

      {!searchSig.value.trim() && ( // while searching, "all" would read as "all shown"
        <TaskBulkActions
          pending={countsSig.value.pending}
          completed={countsSig.value.completed}
          busy={bulkBusySig.value}
          onCompleteAll={completeAll}
          onClearCompleted={clearCompleted}
          onDeleteAll={deleteAll}
        />
      )}
    </section>
  );
}

/** What an empty list says: nothing yet, nothing in this filter, or nothing found. */
function TaskListEmpty({ filter, search }: { filter: Filter; search: string }) {
  if (search) {
    return (
      <div class="task-empty">
        <p class="task-empty-title">
          No {filter === "all" ? "" : `${filter} `}tasks match “{search}”
        </p>
      </div>
    );
  }
  if (filter !== "all") {
    return (
      <div class="task-empty">
        <p class="task-empty-title">
          {filter === "pending" ? "Nothing pending. Well done!" : "No completed tasks yet."}
        </p>
      </div>
    );
  }
  return (
    <div class="task-empty">
      <p class="task-empty-title">No tasks yet</p>
      <p>
        Add one above, or <a href="/chat">ask the assistant</a>: “add a task to buy milk”.
      </p>
    </div>
  );
}
