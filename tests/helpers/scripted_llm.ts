/**
 * A scripted OpenAI-compatible chat-completions server for tests: a real HTTP
 * server on 127.0.0.1 port 0 that answers each request with the next scripted
 * reply, streamed as server-sent events like the real API, and records every
 * request it received. Replies can also be HTTP errors (500, 429) or a hang.
 */
import { chunksToSse, type CompletionChunk } from "../../lib/agent/offline/sse.ts";

/** One scripted tool call; `arguments` may be any JSON text, even invalid. */
export interface ScriptedToolCall {
  name: string;
  arguments: string | Record<string, unknown>;
  id?: string;
  /** Streamed without `id` and `type`, as some OpenAI-compatible servers do. */
  bare?: boolean;
}

/** What the server answers to one request. */
export type ScriptedReply =
  | { text: string }
  | { toolCalls: ScriptedToolCall[]; text?: string }
  | { status: number; error?: string }
  /** Never answers (until the client gives up or the server closes). */
  | { hang: true }
  /** Streams `pieces` of text, one every `everyMs`, then ends the turn. */
  | { trickle: string[]; everyMs: number };

/** A request the server received. */
export interface RecordedRequest {
  path: string;
  headers: Headers;
  body: {
    model?: string;
    messages: { role: string; content?: unknown; tool_calls?: unknown[]; tool_call_id?: string }[];
    tools?: { function: { name: string; parameters: unknown } }[];
    stream?: boolean;
  };
}

/** A running scripted server. */
export interface ScriptedLlm {
  /** Base URL for `OPENAI_BASE_URL` (ends in `/v1`). */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Adds replies to the script. */
  push(...replies: ScriptedReply[]): void;
  /** Answer used when the script is empty. @default a 500 */
  fallback: ScriptedReply;
  /** How many requests are hanging right now. */
  hanging(): number;
  close(): Promise<void>;
}

/** Starts the server with an initial script. */
export function startScriptedLlm(script: ScriptedReply[] = []): ScriptedLlm {
  const queue = [...script];
  const requests: RecordedRequest[] = [];
  const hangs = new Set<() => void>();
  let sequence = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const body = await req.json();
    requests.push({ path: new URL(req.url).pathname, headers: req.headers, body });
    const reply = queue.shift() ?? llm.fallback;
    if ("hang" in reply) {
      return await new Promise<Response>((resolve) => {
        const release = () => {
          hangs.delete(release);
          resolve(new Response(null, { status: 499 }));
        };
        hangs.add(release);
        req.signal.addEventListener("abort", release);
      });
    }
    if ("status" in reply) {
      return Response.json(
        { error: { message: reply.error ?? `scripted ${reply.status}`, type: "server_error" } },
        { status: reply.status, headers: { "retry-after-ms": "10" } },
      );
    }
    const id = `chatcmpl-scripted-${++sequence}`;
    if ("trickle" in reply) return trickle(id, reply.trickle, reply.everyMs);
    return new Response(chunksToSse(toChunks(id, reply)), {
      headers: { "content-type": "text/event-stream" },
    });
  });
  const llm: ScriptedLlm = {
    baseUrl: `http://127.0.0.1:${server.addr.port}/v1`,
    requests,
    push: (...replies) => queue.push(...replies),
    fallback: { status: 500, error: "script exhausted" },
    hanging: () => hangs.size,
    async close() {
      for (const release of [...hangs]) release();
      await server.shutdown();
    },
  };
  return llm;
}

/** A streamed answer whose text arrives slowly (a model mid-reply). */
function trickle(id: string, pieces: string[], everyMs: number): Response {
  const chunks = toChunks(id, { text: "" });
  const [first, last] = [chunks[0], chunks[chunks.length - 1]];
  const encoder = new TextEncoder();
  const sse = (chunk: CompletionChunk) => encoder.encode(`data: ${JSON.stringify(chunk)}\n\n`);
  let timer: ReturnType<typeof setInterval> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(sse(first));
      let sent = 0;
      timer = setInterval(() => {
        if (sent === pieces.length) {
          clearInterval(timer);
          controller.enqueue(sse(last));
          controller.enqueue(encoder.encode("data: [DONE]\n\n"));
          controller.close();
          return;
        }
        const piece = structuredClone(first);
        piece.choices[0].delta = { content: pieces[sent++] };
        controller.enqueue(sse(piece));
      }, everyMs);
    },
    cancel() {
      clearInterval(timer);
    },
  });
  return new Response(body, { headers: { "content-type": "text/event-stream" } });
}

function toChunks(
  id: string,
  reply: { text: string } | { toolCalls: ScriptedToolCall[]; text?: string },
): CompletionChunk[] {
  const chunk = (
    delta: CompletionChunk["choices"][0]["delta"],
    finish: CompletionChunk["choices"][0]["finish_reason"] = null,
  ): CompletionChunk => ({
    id,
    object: "chat.completion.chunk",
    created: Math.floor(Date.now() / 1000),
    model: "scripted",
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  const chunks = [chunk({ role: "assistant", content: "" })];
  const text = reply.text ?? "";
  // Two pieces per text, so tests see more than one delta.
  const half = Math.ceil(text.length / 2);
  for (const piece of [text.slice(0, half), text.slice(half)]) {
    if (piece) chunks.push(chunk({ content: piece }));
  }
  if (!("toolCalls" in reply)) {
    chunks.push(chunk({}, "stop"));
    return chunks;
  }
  reply.toolCalls.forEach((call, index) => {
    const args = typeof call.arguments === "string"
      ? call.arguments
      : JSON.stringify(call.arguments);
    const split = Math.ceil(args.length / 2);
    const first = {
      index,
      id: call.id ?? `${id}-call-${index}`,
      type: "function" as const,
      function: { name: call.name, arguments: args.slice(0, split) },
    };
    if (call.bare) {
      chunks.push(chunk({ tool_calls: [{ index, function: first.function }] }));
    } else {
      chunks.push(chunk({ tool_calls: [first] }));
    }
    chunks.push(chunk({ tool_calls: [{ index, function: { arguments: args.slice(split) } }] }));
  });
  chunks.push(chunk({}, "tool_calls"));
  return chunks;
}
