/**
 * Browser calls that change tasks through the REST API (cookie auth).
 * Browser-safe: no Deno APIs. Errors are `ApiError` from `lib/ui/api.ts`.
 */
import type { TaskWire } from "../realtime/events.ts";
import { ApiError } from "../ui/api.ts";

/** Fields a task board may send when creating a task. */
export interface NewTask {
  title: string;
  description?: string | null;
}

/** Fields a task board may send when changing a task. */
export interface TaskChanges {
  title?: string;
  description?: string | null;
  completed?: boolean;
}

/** `POST /api/{userId}/tasks`. */
export async function postTask(userId: string, task: NewTask): Promise<TaskWire> {
  return (await send<{ task: TaskWire }>("POST", tasksPath(userId), task)).task;
}

/** `PATCH /api/{userId}/tasks/{id}`. */
export async function patchTask(
  userId: string,
  id: number,
  changes: TaskChanges,
): Promise<TaskWire> {
  return (await send<{ task: TaskWire }>("PATCH", `${tasksPath(userId)}/${id}`, changes)).task;
}

/** `DELETE /api/{userId}/tasks/{id}`. */
export async function removeTaskRequest(userId: string, id: number): Promise<void> {
  await send<null>("DELETE", `${tasksPath(userId)}/${id}`);
}

function tasksPath(userId: string): string {
  return `/api/${encodeURIComponent(userId)}/tasks`;
}

async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: body === undefined
        ? { accept: "application/json" }
        : { accept: "application/json", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network_error", "Could not reach the server. Check your connection");
  }
  if (response.status === 204) return null as T;
  const json = await response.json().catch(() => null);
  if (!response.ok) {
    const error = json?.error;
    throw new ApiError(
      response.status,
      typeof error?.code === "string" ? error.code : "http_error",
      typeof error?.message === "string"
        ? error.message
        : `Request failed with status ${response.status}`,
    );
  }
  return json as T;
}
