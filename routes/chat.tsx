import { asset, Head } from "$fresh/runtime.ts";
import type { Handlers, PageProps } from "$fresh/server.ts";
import { NeedsScript } from "../components/NeedsScript.tsx";
import ChatInterface from "../islands/ChatInterface.tsx";
import ConnectionStatus from "../islands/ConnectionStatus.tsx";
import { isOfflineModel } from "../lib/agent/provider.ts";
import { redirectToLogin } from "../lib/auth/forms.ts";
import type { AppState } from "../lib/state.ts";
import { getConversationView } from "../lib/chat/service.ts";
import { AppError } from "../lib/errors.ts";
import { listConversations } from "../lib/store/conversations.ts";
import type { ChatInterfaceProps } from "../islands/ChatInterface.tsx";

/** A conversation that is not the user's (or not there) renders the 404 page. */
function notFound(error: unknown): null {
  if (error instanceof AppError && error.code === "not_found") return null;
  throw error;
}

/** Most messages the first render of a conversation carries. */
export const CHAT_PAGE_MESSAGES = 200;

/**
 * `/chat` and `/chat/{conversationId}`: the user's conversations and the open
 * one's messages, read on the server; without a session, to the login page.
 */
export const handler: Handlers<ChatInterfaceProps, AppState> = {
  async GET(_req, ctx) {
    const session = ctx.state.session;
    if (!session) return redirectToLogin(ctx.url);
    const userId = session.user.id;
    const conversationId = ctx.params.conversationId ?? null;
    const [conversations, view] = await Promise.all([
      listConversations(userId),
      conversationId
        ? getConversationView(userId, conversationId, { last: CHAT_PAGE_MESSAGES }).catch(notFound)
        : { messages: [], active_run: null },
    ]);
    if (!view) return ctx.renderNotFound();
    return ctx.render({
      userId,
      conversations,
      conversationId,
      messages: view.messages,
      activeRun: view.active_run,
      offlineModel: isOfflineModel(),
    });
  },
};

/** The chat page. */
export default function ChatPage({ data }: PageProps<ChatInterfaceProps, AppState>) {
  const title = data.conversations.find((c) => c.id === data.conversationId)?.title;
  return (
    <>
      <Head>
        <title>{title ? `${title} · Chat · Taskstream` : "Chat · Taskstream"}</title>
        <link rel="stylesheet" href={asset("/chat.css")} />
      </Head>
      <div class="chat-page">
        <header class="page-header">
          <h1>Chat</h1>
          <ConnectionStatus userId={data.userId} />
        </header>
        <NeedsScript page="chat" />
        <ChatInterface {...data} />
      </div>
    </>
  );
}
