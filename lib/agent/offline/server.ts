/**
 * The embedded offline model as an OpenAI-compatible endpoint, served through
 * the `openai` client's `fetch` option: `POST {OFFLINE_BASE_URL}/chat/completions`
 * answers with a streamed (or, without `stream`, a whole) chat completion.
 */
import { z } from "zod";
import { ulid } from "../../store/ulid.ts";
import { planTurn } from "./planner.ts";
import { PlannerMessage } from "./transcript.ts";
import { chunksToSse, planToChunks } from "./sse.ts";

/** The base URL the offline client is configured with; nothing listens there. */
export const OFFLINE_BASE_URL = "http://offline-model.invalid/v1";
/** The offline model's name, as responses report it. */
export const OFFLINE_MODEL = "taskstream-offline-1";

const CompletionRequest = z.object({
  model: z.string().optional(),
  messages: z.array(PlannerMessage).min(1),
  stream: z.boolean().optional(),
}).loose();

/** A `fetch` that answers chat-completions requests with the offline planner. */
export async function offlineFetch(
  input: string | URL | Request,
  init?: RequestInit,
): Promise<Response> {
  const request = new Request(input, init);
  init?.signal?.throwIfAborted();
  const path = new URL(request.url).pathname;
  if (request.method !== "POST" || !path.endsWith("/chat/completions")) {
    return errorJson(404, "not_found", `The offline model only serves POST /chat/completions`);
  }
  let body: z.infer<typeof CompletionRequest>;
  try {
    body = CompletionRequest.parse(await request.json());
  } catch (error) {
    const detail = error instanceof z.ZodError ? z.prettifyError(error) : "body is not JSON";
    return errorJson(400, "invalid_request_error", `Invalid request: ${detail}`);
  }
  const plan = planTurn(body.messages);
  const chunks = planToChunks(plan, {
    id: `chatcmpl-offline-${ulid()}`,
    model: OFFLINE_MODEL,
    created: Math.floor(Date.now() / 1000),
  });
  if (body.stream) {
    return new Response(chunksToSse(chunks), {
      headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" },
    });
  }
  return Response.json(toCompletion(chunks));
}

/** Folds streamed chunks into one `chat.completion` object. */
function toCompletion(chunks: ReturnType<typeof planToChunks>) {
  const first = chunks[0];
  let content = "";
  const calls: { id: string; type: "function"; function: { name: string; arguments: string } }[] =
    [];
  let finish: string | null = null;
  for (const chunk of chunks) {
    const choice = chunk.choices[0];
    content += choice.delta.content ?? "";
    for (const delta of choice.delta.tool_calls ?? []) {
      calls[delta.index] ??= { id: "", type: "function", function: { name: "", arguments: "" } };
      const call = calls[delta.index];
      if (delta.id) call.id = delta.id;
      call.function.name += delta.function.name ?? "";
      call.function.arguments += delta.function.arguments;
    }
    finish = choice.finish_reason ?? finish;
  }
  return {
    id: first.id,
    object: "chat.completion",
    created: first.created,
    model: first.model,
    choices: [{
      index: 0,
      message: {
        role: "assistant",
        content: calls.length ? null : content,
        ...(calls.length ? { tool_calls: calls } : {}),
      },
      finish_reason: finish,
    }],
  };
}

function errorJson(status: number, type: string, message: string): Response {
  return Response.json({ error: { message, type } }, { status });
}
