/**
 * One model turn put together from its streamed chunks: the text and the
 * function calls, as the next request sends them back. Lenient where
 * OpenAI-compatible servers differ from OpenAI: a call streamed without an
 * `id` gets one (results are paired with calls by it), and one without a
 * `type` is a function call (the SDK's stream helper refuses such a stream),
 * and a reasoning block at the start of the text is left out.
 */
import type {
  ChatCompletionChunk,
  ChatCompletionMessageFunctionToolCall,
} from "openai/resources/chat/completions";

/**
 * Leaves out a reasoning block (`<think>…</think>`) at the start of a reply,
 * which some reasoning models served through OpenAI-compatible servers put
 * in the text itself: the user sees the answer, not the model's notes.
 * Works on streamed pieces, so a tag may arrive split across chunks.
 */
export class ReasoningFilter {
  static readonly OPEN = "<think>";
  static readonly CLOSE = "</think>";
  /** Text held back while it may still be (the start of) a reasoning block. */
  #held = "";
  #state: "start" | "inside" | "after" | "text" = "start";

  /** The part of `piece` to show now ("" while undecided or inside the block). */
  push(piece: string): string {
    if (this.#state === "text") return piece;
    this.#held += piece;
    if (this.#state === "start") {
      const trimmed = this.#held.trimStart();
      if (trimmed.length < ReasoningFilter.OPEN.length) {
        if (ReasoningFilter.OPEN.startsWith(trimmed)) return "";
        return this.#release(this.#held);
      }
      if (!trimmed.startsWith(ReasoningFilter.OPEN)) return this.#release(this.#held);
      this.#held = trimmed.slice(ReasoningFilter.OPEN.length);
      this.#state = "inside";
    }
    if (this.#state === "inside") {
      const end = this.#held.indexOf(ReasoningFilter.CLOSE);
      if (end < 0) {
        // Keep only what could begin the closing tag.
        this.#held = this.#held.slice(-(ReasoningFilter.CLOSE.length - 1));
        return "";
      }
      this.#held = this.#held.slice(end + ReasoningFilter.CLOSE.length);
      this.#state = "after";
    }
    // The answer starts at its first non-space character.
    const answer = this.#held.trimStart();
    if (!answer) {
      this.#held = "";
      return "";
    }
    return this.#release(answer);
  }

  /** What is still held when the stream ends (an unfinished start that was no tag). */
  end(): string {
    return this.#state === "start" ? this.#release(this.#held) : "";
  }

  #release(text: string): string {
    this.#held = "";
    this.#state = "text";
    return text;
  }
}

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
  #reasoning = new ReasoningFilter();

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
    const text = typeof delta.content === "string" ? this.#reasoning.push(delta.content) : "";
    this.#content += text;
    return text;
  }

  /** Text held back to the end: a reply too short to tell from a reasoning block's start. */
  flush(): string {
    const text = this.#reasoning.end();
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
