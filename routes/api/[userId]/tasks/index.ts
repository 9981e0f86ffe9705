/**
 * `GET /api/{userId}/tasks?status=&search=` → `{ tasks }`; `POST` → 201 `{ task }`.
 * Our additions for the whole list: `PATCH` `{ completed }` → `{ tasks }` (the
 * ones it changed); `DELETE ?status=all|pending|completed` → `{ deleted }`.
 */
import type { Handlers } from "$fresh/server.ts";
import { jsonResponse, parseInput, readJsonBody } from "../../../../lib/http.ts";
import {
  TaskBulkDeleteQuery,
  TaskBulkUpdate,
  TaskCreate,
  TaskListQuery,
} from "../../../../lib/tasks/schemas.ts";
import {
  createTask,
  deleteTasks,
  listTasks,
  setAllTasksCompleted,
} from "../../../../lib/tasks/service.ts";

export const handler: Handlers = {
  async GET(_req, ctx) {
    const query = parseInput(TaskListQuery, {
      status: ctx.url.searchParams.get("status") ?? undefined,
      search: ctx.url.searchParams.get("search") ?? undefined,
    });
    return jsonResponse({ tasks: await listTasks(ctx.params.userId, query) });
  },
  async POST(req, ctx) {
    const task = await createTask(ctx.params.userId, await readJsonBody(req, TaskCreate));
    return jsonResponse({ task }, 201);
  },
  async PATCH(req, ctx) {
    const { completed } = await readJsonBody(req, TaskBulkUpdate);
    return jsonResponse({ tasks: await setAllTasksCompleted(ctx.params.userId, completed) });
  },
  async DELETE(_req, ctx) {
    const { status } = parseInput(TaskBulkDeleteQuery, {
      status: ctx.url.searchParams.get("status") ?? undefined,
    });
    return jsonResponse({ deleted: await deleteTasks(ctx.params.userId, status) });
  },
};
