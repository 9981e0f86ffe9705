/** Shared HTTP helpers: JSON bodies in and out, input validation with contract errors. */
import type { z } from "zod";
import { AppError } from "./errors.ts";

/** Largest accepted request body (1 MiB); larger is 413 `payload_too_large`. */
export const MAX_BODY_BYTES = 1024 * 1024;

const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

/**
 * Validates `value` with `schema`. Unknown object fields are stripped (the
 * project's one policy: ignored, never an error). Throws AppError
 * `invalid_request` naming each problem.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError("invalid_request", `Invalid request: ${describeIssues(result.error)}`);
}

/** Each problem of a failed parse as `path: message`, joined with "; ". */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    return path && !issue.message.startsWith(path) ? `${path}: ${issue.message}` : issue.message;
  }).join("; ");
}

/**
 * Reads a JSON request body and validates it. 413 `payload_too_large` over
 * 1 MiB (by `content-length` and by counting streamed bytes); 400
 * `invalid_request` when the content type is not JSON, the JSON is malformed or
 * the schema rejects it. Unknown fields are stripped.
 */
export async function readJsonBody<S extends z.ZodType>(
  req: Request,
  schema: S,
): Promise<z.output<S>> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type.trim())) {
    throw new AppError(
      "invalid_request",
      "Send the body as JSON with the header Content-Type: application/json",
    );
  }
  const text = await readBodyText(req, MAX_BODY_BYTES);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("invalid_request", "The request body is not valid JSON");
  }
  return parseInput(schema, value);
}

/** Reads a body as UTF-8 text, refusing more than `limit` bytes with 413. */
export async function readBodyText(req: Request, limit: number = MAX_BODY_BYTES): Promise<string> {
  const tooLarge = () =>
    new AppError("payload_too_large", `The request body is larger than ${limit} bytes`);
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) {
    await req.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!req.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/** A JSON response; `init` is a status or a full `ResponseInit`. */
export function jsonResponse(data: unknown, init: number | ResponseInit = 200): Response {
  const options: ResponseInit = typeof init === "number" ? { status: init } : init;
  const headers = new Headers(options.headers);
  if (!headers.has("content-type")) headers.set("content-type", JSON_CONTENT_TYPE);
  return new Response(JSON.stringify(data), { ...options, headers });
}

/** An empty 204 response. */
export function noContent(init: ResponseInit = {}): Response {
  return new Response(null, { ...init, status: 204 });
}
