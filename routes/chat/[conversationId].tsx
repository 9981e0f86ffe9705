// `/chat/{conversationId}`: the same page as `/chat`, with a conversation open.
export { default, handler } from "../chat.tsx";
