/**
 * Same-origin JSON calls the browser makes (cookie auth). Errors come back as
 * {@linkcode ApiError} with the contract's code and message.
 */
import type { TaskWire } from "../realtime/events.ts";
import type { Conversation, WireMessage } from "./chat_state.ts";

/** A non-2xx answer from the API. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(path, {
    credentials: "same-origin",
    headers: { accept: "application/json" },
    ...init,
  });
  if (response.status === 204) return undefined as T;
  const body = await response.json().catch(() => null) as
    | { error?: { code?: unknown; message?: unknown } }
    | null;
  if (!response.ok) {
    const code = typeof body?.error?.code === "string" ? body.error.code : "http_error";
    const message = typeof body?.error?.message === "string"
      ? body.error.message
      : `Request failed with status ${response.status}`;
    throw new ApiError(response.status, code, message);
  }
  if (body === null || typeof body !== "object") {
    throw new ApiError(response.status, "invalid_response", "The server sent an unreadable answer");
  }
  return body as T;
}

const base = (userId: string) => `/api/${encodeURIComponent(userId)}`;

/** `GET /api/{userId}/conversations`. */
export async function fetchConversations(userId: string): Promise<Conversation[]> {
  return (await request<{ conversations: Conversation[] }>(`${base(userId)}/conversations`))
    .conversations;
}

/** `GET /api/{userId}/conversations/{id}/messages`. */
export async function fetchMessages(
  userId: string,
  conversationId: string,
): Promise<WireMessage[]> {
  const path = `${base(userId)}/conversations/${encodeURIComponent(conversationId)}/messages`;
  return (await request<{ messages: WireMessage[] }>(path)).messages;
}

/** `DELETE /api/{userId}/conversations/{id}`. */
export async function deleteConversation(userId: string, conversationId: string): Promise<void> {
  const path = `${base(userId)}/conversations/${encodeURIComponent(conversationId)}`;
  await request<void>(path, { method: "DELETE" });
}

/** `GET /api/{userId}/tasks` (all). */
export async function fetchTasks(userId: string): Promise<TaskWire[]> {
  return (await request<{ tasks: TaskWire[] }>(`${base(userId)}/tasks?status=all`)).tasks;
}
