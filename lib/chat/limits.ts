/** Chat limits: message length and the input schema of a chat request. */
import { z } from "zod";
import { AppError } from "../errors.ts";
import { charLength } from "../text.ts";
import { MESSAGE_MAX_CHARS } from "./constants.ts";

export { MESSAGE_MAX_CHARS };
/** How long a `client_message_id` answers with the same run. */
export const IDEMPOTENCY_WINDOW_MS = 10 * 60 * 1000;

/** The body of `POST /api/{userId}/chat` (and the fields of a WS `chat` frame). */
export const ChatInput = z.object({
  message: z.string({ error: "message must be a string" }),
  conversation_id: z.string().min(1).max(100).optional(),
  client_message_id: z.string().min(1).max(100).optional(),
});
/** A chat request. */
export type ChatInput = z.infer<typeof ChatInput>;

/**
 * Checks the message length: not blank, at most 10,000 characters (code
 * points, so an emoji is one); returns the message.
 */
export function checkMessage(message: string): string {
  if (message.trim().length === 0) {
    throw new AppError("message_empty", "Type a message first: it cannot be empty");
  }
  if (message.length <= MESSAGE_MAX_CHARS) return message;
  const length = charLength(message);
  if (length > MESSAGE_MAX_CHARS) {
    throw new AppError(
      "message_too_long",
      `Messages can be at most ${
        MESSAGE_MAX_CHARS.toLocaleString("en-US")
      } characters (this one has ${length.toLocaleString("en-US")})`,
    );
  }
  return message;
}
