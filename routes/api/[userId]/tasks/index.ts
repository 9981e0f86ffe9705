/** `GET /api/{userId}/tasks?status=&search=` → `{ tasks }`; `POST` → 201 `{ task }`. */
import type { Handlers } from "$fresh/server.ts";
import { jsonResponse, parseInput, readJsonBody } from "../../../../lib/http.ts";
import { TaskCreate, TaskListQuery } from "../../../../lib/tasks/schemas.ts";
import { createTask, listTasks } from "../../../../lib/tasks/service.ts";

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
};
