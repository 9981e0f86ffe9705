import { getConfig } from "./config.ts";

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;

/** A log level name. */
export type LogLevel = Exclude<keyof typeof LEVELS, "silent">;

/** Fields attached to a structured log line. */
export type LogFields = Record<string, unknown>;

function write(level: LogLevel, message: string, fields: LogFields = {}): void {
  if (LEVELS[level] < LEVELS[getConfig().LOG_LEVEL]) return;
  const line = JSON.stringify({ ts: new Date().toISOString(), level, msg: message, ...fields });
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}

/** Structured JSON-lines logger; one line per call on stdout (stderr for warn/error). */
export const log = {
  debug: (message: string, fields?: LogFields) => write("debug", message, fields),
  info: (message: string, fields?: LogFields) => write("info", message, fields),
  warn: (message: string, fields?: LogFields) => write("warn", message, fields),
  error: (message: string, fields?: LogFields) => write("error", message, fields),
};

/** Describes an unknown thrown value for a log line, without leaking it to clients. */
export function describeError(error: unknown): LogFields {
  if (error instanceof Error) {
    return { error: error.message, error_name: error.name, stack: error.stack };
  }
  return { error: String(error) };
}

/** Removes credentials from a URL before it is logged (`?token=` never appears in logs). */
export function redactUrl(url: string | URL): string {
  const parsed = new URL(url);
  for (const key of ["token", "access_token"]) {
    if (parsed.searchParams.has(key)) parsed.searchParams.set(key, "[redacted]");
  }
  return parsed.pathname + parsed.search;
}
