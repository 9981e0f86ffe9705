/** Helpers for the no-JavaScript account forms (`/register`, `/login`, `/logout`). */
import type { z } from "zod";

/** Where a successful sign-in lands by default. */
export const DEFAULT_AFTER_LOGIN = "/chat";

/** The message a form sent from a foreign origin gets (403). */
export const CROSS_SITE_FORM_MESSAGE = "This form was sent from another site";

/** Per-field error messages of a form, plus `form` for the whole form. */
export type FormErrors = Partial<Record<string, string>>;

/** A parsed form: its data, or the message for each bad field. */
export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FormErrors };

/** Validates form fields with `schema`, keeping the first message per field. */
export function parseFormFields<S extends z.ZodType>(
  schema: S,
  form: FormData | URLSearchParams,
): FormResult<z.output<S>> {
  const fields: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === "string") fields[key] = value;
  const result = schema.safeParse(fields);
  if (result.success) return { ok: true, data: result.data };
  const errors: FormErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= capitalize(issue.message);
  }
  return { ok: false, errors };
}

/**
 * A safe place to go after signing in: a same-site path (`/x`, not `//x` or
 * `/\x`), else {@linkcode DEFAULT_AFTER_LOGIN}.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
    return DEFAULT_AFTER_LOGIN;
  }
  try {
    const resolved = new URL(next, "http://same.invalid");
    if (resolved.origin !== "http://same.invalid") return DEFAULT_AFTER_LOGIN;
    return resolved.pathname + resolved.search + resolved.hash;
  } catch {
    return DEFAULT_AFTER_LOGIN;
  }
}

/** A 303 redirect (after a form POST), with optional extra headers. */
export function seeOther(location: string, headers: HeadersInit = {}): Response {
  const all = new Headers(headers);
  all.set("location", location);
  return new Response(null, { status: 303, headers: all });
}

/** A 303 to the sign-in page that comes back to `url`'s path after signing in. */
export function redirectToLogin(url: URL): Response {
  return seeOther(`/login?next=${encodeURIComponent(url.pathname)}`);
}

function capitalize(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
