/**
 * Encodes a planned turn as a real chat-completions stream: `chat.completion.chunk`
 * objects as server-sent events, text in small pieces, tool calls as
 * `tool_calls` deltas (index, id, name, then the arguments in pieces), a
 * `finish_reason`, and `data: [DONE]`.
 */
import type { Plan } from "./planner.ts";

/** Options for {@linkcode planToChunks}. */
export interface ChunkOptions {
  /** The completion id. */
  id: string;
  model: string;
  /** Seconds since the epoch. */
  created: number;
}

/** One streamed chunk (the subset of `ChatCompletionChunk` the offline model sends). */
export interface CompletionChunk {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  choices: {
    index: 0;
    delta: {
      role?: "assistant";
      content?: string;
      tool_calls?: {
        index: number;
        id?: string;
        type?: "function";
        function: { name?: string; arguments: string };
      }[];
    };
    finish_reason: "stop" | "tool_calls" | null;
  }[];
}

/** Splits text into word-sized pieces (spaces kept), as a model streams it. */
export function pieces(text: string, size = 3): string[] {
  const words = text.match(/\S+\s*|\s+/g) ?? [];
  const out: string[] = [];
  for (let i = 0; i < words.length; i += size) out.push(words.slice(i, i + size).join(""));
  return out;
}

/** The chunks of one planned turn, in order. */
export function planToChunks(plan: Plan, options: ChunkOptions): CompletionChunk[] {
  const chunk = (
    delta: CompletionChunk["choices"][0]["delta"],
    finish: CompletionChunk["choices"][0]["finish_reason"] = null,
  ): CompletionChunk => ({
    id: options.id,
    object: "chat.completion.chunk",
    created: options.created,
    model: options.model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  const chunks = [chunk({ role: "assistant", content: "" })];
  if (plan.kind === "text") {
    for (const piece of pieces(plan.text)) chunks.push(chunk({ content: piece }));
    chunks.push(chunk({}, "stop"));
    return chunks;
  }
  plan.calls.forEach((call, index) => {
    const id = `call_${options.id.slice(-12)}_${index}`;
    chunks.push(chunk({
      tool_calls: [{ index, id, type: "function", function: { name: call.name, arguments: "" } }],
    }));
    const json = JSON.stringify(call.arguments);
    for (let at = 0; at < json.length; at += 16) {
      chunks.push(
        chunk({ tool_calls: [{ index, function: { arguments: json.slice(at, at + 16) } }] }),
      );
    }
  });
  chunks.push(chunk({}, "tool_calls"));
  return chunks;
}

/** The chunks as an SSE byte stream ending with `data: [DONE]`. */
export function chunksToSse(chunks: CompletionChunk[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const lines = [...chunks.map((chunk) => JSON.stringify(chunk)), "[DONE]"];
  let next = 0;
  return new ReadableStream({
    pull(controller) {
      if (next >= lines.length) return controller.close();
      controller.enqueue(encoder.encode(`data: ${lines[next++]}\n\n`));
    },
  });
}
