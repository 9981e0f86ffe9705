/**
 * The POST side of the no-JavaScript account forms, shared by `/register` and
 * `/login`: validate, run the account operation, then 303 with the cookie, or
 * the form data to render again with messages next to the fields.
 */
import type { z } from "zod";
import type { FreshContext, Handlers } from "$fresh/server.ts";
import { getConfig } from "../config.ts";
import { AppError, retryAfterValue } from "../errors.ts";
import { readBodyText } from "../http.ts";
import { isOriginAllowed } from "../origin.ts";
import type { AppState } from "../state.ts";
import type { SignedIn } from "./accounts.ts";
import { sessionCookie } from "./cookies.ts";
import {
  CROSS_SITE_FORM_MESSAGE,
  type FormErrors,
  parseFormFields,
  safeNext,
  seeOther,
} from "./forms.ts";

/** What a form page renders: the values to keep, the messages, the `next` path. */
export interface AuthFormData {
  values: { email?: string; name?: string };
  errors: FormErrors;
  next: string;
}

/** A form to render again, with the status and headers to answer with. */
export interface AuthFormRetry {
  data: AuthFormData;
  init: ResponseInit;
}

/** Which field a failed operation's message belongs next to. */
const FIELD_OF_CODE: Partial<Record<string, string>> = {
  email_taken: "email",
  unauthenticated: "password",
};

/**
 * Handles a form POST: a 303 redirect to `next` (with the session cookie) on
 * success, else the data to render the form again with.
 */
export async function submitAuthForm<S extends z.ZodType>(
  req: Request,
  schema: S,
  operation: (input: z.output<S>) => Promise<SignedIn>,
): Promise<Response | AuthFormRetry> {
  let form = new URLSearchParams();
  let readError: AppError | undefined;
  try {
    form = new URLSearchParams(await readBodyText(req));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    readError = error;
  }
  const next = safeNext(form.get("next") ?? new URL(req.url).searchParams.get("next"));
  const values = { email: form.get("email")?.trim(), name: form.get("name")?.trim() };
  const retry = (errors: FormErrors, status: number, headers: HeadersInit = {}) => ({
    data: { values, next, errors },
    init: { status, headers },
  });
  if (readError) return retry({ form: readError.message }, readError.status);
  if (!isOriginAllowed(req, getConfig().ALLOWED_ORIGINS)) {
    return retry({ form: CROSS_SITE_FORM_MESSAGE }, 403);
  }
  const parsed = parseFormFields(schema, form);
  if (!parsed.ok) return retry(parsed.errors, 400);
  try {
    const signedIn = await operation(parsed.data);
    return seeOther(next, { "set-cookie": sessionCookie(signedIn.token, req) });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const field = FIELD_OF_CODE[error.code] ?? "form";
    const headers: HeadersInit = error.retryAfterSeconds === undefined
      ? {}
      : { "retry-after": retryAfterValue(error.retryAfterSeconds) };
    return retry({ [field]: error.message }, error.status, headers);
  }
}

/**
 * The handlers of an account form page (`/login`, `/register`): GET shows the
 * empty form (or goes straight on when already signed in); POST submits it
 * with `operation`, which may read the request context (the client address).
 */
export function authFormHandlers<S extends z.ZodType>(
  schema: S,
  operation: (input: z.output<S>, ctx: FreshContext<AppState, AuthFormData>) => Promise<SignedIn>,
): Handlers<AuthFormData, AppState> {
  return {
    GET(_req, ctx) {
      const next = safeNext(ctx.url.searchParams.get("next"));
      if (ctx.state.session) return seeOther(next);
      return ctx.render({ values: {}, errors: {}, next });
    },
    async POST(req, ctx) {
      const result = await submitAuthForm(req, schema, (input) => operation(input, ctx));
      return result instanceof Response ? result : ctx.render(result.data, result.init);
    },
  };
}
