/** Error codes of the wire contract, with their HTTP status. */
export const ERROR_STATUS = {
  invalid_request: 400,
  message_empty: 400,
  message_too_long: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  email_taken: 409,
  run_in_progress: 409,
  payload_too_large: 413,
  upgrade_required: 426,
  daily_limit_reached: 429,
  too_many_requests: 429,
  internal_error: 500,
  ai_unavailable: 503,
  cancelled: 499,
} as const;

/** A code from the wire contract. */
export type ErrorCode = keyof typeof ERROR_STATUS;

/** Options for {@linkcode AppError}. */
export interface AppErrorOptions {
  /** Seconds the client should wait, sent as `Retry-After`. */
  retryAfterSeconds?: number;
  /** The underlying error, kept for logs and never sent to clients. */
  cause?: unknown;
}

/** A domain error that maps to one contract status, code and message. */
export class AppError extends Error {
  override name = "AppError";
  readonly code: ErrorCode;
  readonly status: number;
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** The contract's error body. */
export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

/** A `Retry-After` header value: whole seconds, at least 1. */
export function retryAfterValue(seconds: number): string {
  return String(Math.max(1, Math.ceil(seconds)));
}

/** Turns any thrown value into the contract's JSON error response. */
export function errorResponse(error: unknown): Response {
  const appError = error instanceof AppError
    ? error
    : new AppError("internal_error", "Something went wrong on our side. Please try again.");
  const headers = new Headers({ "content-type": "application/json; charset=utf-8" });
  if (appError.retryAfterSeconds !== undefined) {
    headers.set("retry-after", retryAfterValue(appError.retryAfterSeconds));
  }
  return new Response(JSON.stringify(errorBody(appError.code, appError.message)), {
    status: appError.status,
    headers,
  });
}
