/** `GET | PATCH | DELETE /api/{userId}/tasks/{taskId}`. */
import type { FreshContext, Handlers } from "$fresh/server.ts";
import { jsonResponse, noContent, readJsonBody } from "../../../../lib/http.ts";
import { TaskIdParam, TaskUpdate } from "../../../../lib/tasks/schemas.ts";
import { deleteTask, getTask, taskNotFound, updateTask } from "../../../../lib/tasks/service.ts";

export const handler: Handlers = {
  async GET(_req, ctx) {
    return jsonResponse({ task: await getTask(ctx.params.userId, taskId(ctx)) });
  },
  async PATCH(req, ctx) {
    const id = taskId(ctx);
    const task = await updateTask(ctx.params.userId, id, await readJsonBody(req, TaskUpdate));
    return jsonResponse({ task });
  },
  async DELETE(_req, ctx) {
    await deleteTask(ctx.params.userId, taskId(ctx));
    return noContent();
  },
};

/** A path segment that is not a task number names no task: 404. */
function taskId(ctx: FreshContext): number {
  const parsed = TaskIdParam.safeParse(ctx.params.taskId);
  if (!parsed.success) throw taskNotFound(ctx.params.taskId);
  return parsed.data;
}
