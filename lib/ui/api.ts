/**
 * The browser's one helper for same-origin JSON calls (cookie auth), and the
 * task and conversation calls the islands make with it. Errors come back as
 * {@linkcode ApiError} with the contract's code and message. Browser-safe.
 */
import type { TaskWire } from "../realtime/events.ts";
import type { Conversation, RunInFlight, WireMessage } from "./chat_state.ts";

/** A non-2xx answer from the API, or no answer at all (`status` 0, `network_error`). */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

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

/**
 * Sends one JSON request to the app's API and returns the parsed body
 * (`undefined` for 204).
 *
 * @example
 * ```ts
 * const { tasks } = await apiRequest<{ tasks: TaskWire[] }>("GET", "/api/u1/tasks");
 * ```
 */
export async function apiRequest<T>(method: string, path: string, body?: unknown): Promise<T> {
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
  if (response.status === 204) return undefined as T;
  const json = await response.json().catch(() => null) as
    | { error?: { code?: unknown; message?: unknown } }
    | null;
  if (!response.ok) {
    const code = typeof json?.error?.code === "string" ? json.error.code : "http_error";
    const message = typeof json?.error?.message === "string"
      ? json.error.message
      : `Request failed with status ${response.status}`;
    throw new ApiError(response.status, code, message);
  }
  if (json === null || typeof json !== "object") {
    throw new ApiError(response.status, "invalid_response", "The server sent an unreadable answer");
  }
  return json as T;
}

const base = (userId: string) => `/api/${encodeURIComponent(userId)}`;
const taskPath = (userId: string, id: number) => `${base(userId)}/tasks/${id}`;
const conversationPath = (userId: string, id: string) =>
  `${base(userId)}/conversations/${encodeURIComponent(id)}`;

/** `GET /api/{userId}/conversations`. */
export async function fetchConversations(userId: string): Promise<Conversation[]> {
  const path = `${base(userId)}/conversations`;
  return (await apiRequest<{ conversations: Conversation[] }>("GET", path)).conversations;
}

/** `GET /api/{userId}/conversations/{id}/messages`: the messages and the run in flight. */
export async function fetchConversation(
  userId: string,
  conversationId: string,
): Promise<{ messages: WireMessage[]; active_run: RunInFlight | null }> {
  const path = `${conversationPath(userId, conversationId)}/messages`;
  const view = await apiRequest<{ messages: WireMessage[]; active_run?: RunInFlight | null }>(
    "GET",
    path,
  );
  return { messages: view.messages, active_run: view.active_run ?? null };
}

/** `DELETE /api/{userId}/conversations/{id}`. */
export async function deleteConversation(userId: string, conversationId: string): Promise<void> {
  await apiRequest<void>("DELETE", conversationPath(userId, conversationId));
}

/** `GET /api/{userId}/tasks?status=all`. */
export async function fetchTasks(userId: string): Promise<TaskWire[]> {
  return (await apiRequest<{ tasks: TaskWire[] }>("GET", `${base(userId)}/tasks?status=all`))
    .tasks;
}

/** `POST /api/{userId}/tasks`. */
export async function createTask(userId: string, task: NewTask): Promise<TaskWire> {
  return (await apiRequest<{ task: TaskWire }>("POST", `${base(userId)}/tasks`, task)).task;
}

/** `PATCH /api/{userId}/tasks/{id}`. */
export async function updateTask(
  userId: string,
  id: number,
  changes: TaskChanges,
): Promise<TaskWire> {
  return (await apiRequest<{ task: TaskWire }>("PATCH", taskPath(userId, id), changes)).task;
}

/** `DELETE /api/{userId}/tasks/{id}`. */
export async function deleteTask(userId: string, id: number): Promise<void> {
  await apiRequest<void>("DELETE", taskPath(userId, id));
}

/** `PATCH /api/{userId}/tasks` `{ completed }`: completes or reopens every task; the ones it changed. */
export async function setAllTasksCompleted(
  userId: string,
  completed: boolean,
): Promise<TaskWire[]> {
  return (await apiRequest<{ tasks: TaskWire[] }>("PATCH", `${base(userId)}/tasks`, { completed }))
    .tasks;
}

/** `DELETE /api/{userId}/tasks?status=…`: deletes the tasks with that status; how many it deleted. */
export async function deleteTasks(
  userId: string,
  status: "all" | "pending" | "completed",
): Promise<number> {
  const path = `${base(userId)}/tasks?status=${status}`;
  return (await apiRequest<{ deleted: number }>("DELETE", path)).deleted;
}
