/**
 * Preact hooks over the tab's one {@linkcode RealtimeClient}. Every island
 * calls these and shares the same socket.
 */
import { useEffect, useMemo, useRef } from "preact/hooks";
import { getRealtimeClient, RealtimeClient } from "./client.ts";
import { fetchTasks } from "../ui/api.ts";
import type { TaskUpdate } from "../ui/task_updates.ts";

const IN_BROWSER = typeof document !== "undefined";

/**
 * The tab's client for `userId` (started on first use). On the server it is a
 * fresh, never-started client, so server renders share nothing between users.
 */
export function useWebSocket(userId: string): RealtimeClient {
  return useMemo(
    () =>
      IN_BROWSER ? getRealtimeClient(userId) : new RealtimeClient({ url: "ws://server.invalid" }),
    [userId],
  );
}

/**
 * Live task changes through the shared socket: `onUpdate` gets every
 * `task_changed`, and the whole list (re-read over HTTP) after `resync_required`.
 * Pair it with `applyTaskUpdate` from `lib/ui/task_updates.ts`.
 *
 * @example
 * ```tsx
 * useTaskChanges(userId, (update) => tasks.value = applyTaskUpdate(tasks.value, update));
 * ```
 */
export function useTaskChanges(userId: string, onUpdate: (update: TaskUpdate) => void): void {
  const latest = useRef(onUpdate);
  latest.current = onUpdate;
  const client = useWebSocket(userId);
  useEffect(() => {
    const offChange = client.subscribe("task_changed", (event) =>
      latest.current({
        type: "changed",
        change: event.change,
        task: event.task,
        task_id: event.task_id,
      }));
    const offResync = client.subscribe("resync_required", () => {
      fetchTasks(userId).then(
        (tasks) => latest.current({ type: "reload", tasks }),
        (error) => console.error("Could not re-read tasks after a resync", error),
      );
    });
    return () => {
      offChange();
      offResync();
    };
  }, [client, userId]);
}
