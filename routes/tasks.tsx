/** `/tasks`: the signed-in user's task list (the `TaskBoard` island). */
import { Head } from "$fresh/runtime.ts";
import type { Handlers, PageProps } from "$fresh/server.ts";
import { NeedsScript } from "../components/NeedsScript.tsx";
import ConnectionStatus from "../islands/ConnectionStatus.tsx";
import TaskBoard from "../islands/TaskBoard.tsx";
import { redirectToLogin } from "../lib/auth/forms.ts";
import type { TaskWire } from "../lib/realtime/events.ts";
import type { AppState } from "../lib/state.ts";
import { listTasks } from "../lib/tasks/service.ts";

interface TasksPageData {
  userId: string;
  tasks: TaskWire[];
}

export const handler: Handlers<TasksPageData, AppState> = {
  async GET(_req, ctx) {
    const session = ctx.state.session;
    if (!session) return redirectToLogin(ctx.url);
    return ctx.render({ userId: session.user.id, tasks: await listTasks(session.user.id) });
  },
};

export default function TasksPage({ data }: PageProps<TasksPageData>) {
  return (
    <main class="tasks-page">
      <Head>
        <title>Tasks · Taskstream</title>
      </Head>
      <header class="page-header">
        <h1>Tasks</h1>
        <ConnectionStatus userId={data.userId} />
      </header>
      <NeedsScript page="task list" />
      <TaskBoard userId={data.userId} initialTasks={data.tasks} />
    </main>
  );
}
