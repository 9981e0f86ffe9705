/**
 * One model turn put together from its streamed chunks: the text and the
 * function calls, as the next request sends them back. Lenient where
 * OpenAI-compatible servers differ from OpenAI: a call streamed without an
 * `id` gets one (results are paired with calls by it), and one without a
 * `type` is a function call. (The SDK's stream helper refuses such a stream.)
 */
import type {
  ChatCompletionChunk,
  ChatCompletionMessageFunctionToolCall,
} from "openai/resources/chat/completions";

/** A turn's text and calls. */
export interface Turn {
  content: string;
  calls: ChatCompletionMessageFunctionToolCall[];
}

/** Collects the chunks of one streamed turn (see the module comment). */
export class TurnAssembler {
  #content = "";
  /** Calls by their stream index; a server may leave gaps. */
  #calls: { id: string; name: string; arguments: string }[] = [];
  #idPrefix: string;

  /** @param idPrefix makes the ids given to calls that came without one unique (a run id, a round) */
  constructor(idPrefix: string) {
    this.#idPrefix = idPrefix;
  }

  /** Adds one chunk; returns the text it carries ("" when none). */
  add(chunk: ChatCompletionChunk): string {
    const delta = chunk.choices?.[0]?.delta;
    if (!delta) return "";
    for (const part of delta.tool_calls ?? []) {
      const call = this.#calls[part.index ?? 0] ??= { id: "", name: "", arguments: "" };
      if (part.id) call.id = part.id;
      const fn = part.function;
      if (fn?.name) call.name = fn.name;
      const args: unknown = fn?.arguments;
      // Some servers send the arguments whole, as an object, instead of JSON text.
      if (typeof args === "string") call.arguments += args;
      else if (args !== undefined && args !== null) call.arguments += JSON.stringify(args);
    }
    const text = typeof delta.content === "string" ? delta.content : "";
    this.#content += text;
    return text;
  }

  /** The turn so far: its text, and every call that has a name, in stream order. */
  finish(): Turn {
    const calls: ChatCompletionMessageFunctionToolCall[] = [];
    this.#calls.forEach((call, index) => {
      if (!call?.name) return;
      calls.push({
        id: call.id || `${this.#idPrefix}-${index}`,
        type: "function",
        function: { name: call.name, arguments: call.arguments },
      });
    });
    return { content: this.#content, calls };
  }
}
