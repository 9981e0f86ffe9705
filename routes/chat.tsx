import { asset, Head } from "$fresh/runtime.ts";
import type { Handlers, PageProps } from "$fresh/server.ts";
import ChatInterface from "../islands/ChatInterface.tsx";
import ConnectionStatus from "../islands/ConnectionStatus.tsx";
import { isOfflineModel } from "../lib/agent/provider.ts";
import { redirectToLogin } from "../lib/auth/forms.ts";
import type { AppState } from "../lib/state.ts";
import { getConversation, listConversations } from "../lib/store/conversations.ts";
import { listMessages } from "../lib/store/messages.ts";
import type { ChatInterfaceProps } from "../islands/ChatInterface.tsx";

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
    if (conversationId && !(await getConversation(userId, conversationId))) {
      return ctx.renderNotFound();
    }
    const [conversations, messages] = await Promise.all([
      listConversations(userId),
      conversationId ? listMessages(conversationId, { last: CHAT_PAGE_MESSAGES }) : [],
    ]);
    return ctx.render({
      userId,
      conversations,
      conversationId,
      messages,
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
        <header class="chat-header">
          <h1>Chat</h1>
          <ConnectionStatus userId={data.userId} />
        </header>
        <ChatInterface {...data} />
      </div>
    </>
  );
}
