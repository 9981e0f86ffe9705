import { z } from "zod";

/** A whole number from `min` to `max`, written in decimal digits (`"8000"`, not `"8e3"`). */
function int(min: number, max: number) {
  const expected = `expected a whole number from ${min} to ${max}`;
  return z.string().trim().regex(/^\d+$/, expected).transform(Number)
    .pipe(z.number().int().min(min, expected).max(max, expected));
}

const csv = z.string().transform((value) =>
  value.split(",").map((part) => part.trim()).filter((part) => part.length > 0)
);

/** Every environment variable the app reads, with its default. */
export const ConfigSchema = z.object({
  PORT: int(0, 65535).default(8000),
  HOSTNAME: z.string().min(1).default("0.0.0.0"),
  KV_PATH: z.string().min(1).default("./data/taskstream.kv"),
  JWT_SECRET: z.string().min(32, "expected at least 32 bytes").optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url("expected an http(s) URL").optional(),
  OPENAI_MODEL: z.string().min(1).default("gpt-4o-mini"),
  AI_TIMEOUT_MS: int(100, 600_000).default(30_000),
  AI_MAX_RETRIES: int(0, 10).default(2),
  REDIS_URL: z.string().min(1).optional(),
  ALLOWED_ORIGINS: csv.default([]),
  DAILY_MESSAGE_LIMIT: int(1, 1_000_000).default(100),
  RETENTION_DAYS: int(1, 3650).default(90),
  WS_MAX_FRAME_BYTES: int(1024, 16 * 1024 * 1024).default(64 * 1024),
  WS_MAX_SOCKETS_PER_USER: int(1, 10_000).default(10),
  WS_MAX_FRAMES_PER_SECOND: int(1, 100_000).default(20),
  WS_IDLE_TIMEOUT_SECONDS: int(5, 3600).default(30),
  WS_MAX_BUFFERED_BYTES: int(1024, 1024 * 1024 * 1024).default(1024 * 1024),
  REPLAY_MAX_EVENTS: int(1, 1_000_000).default(500),
  REPLAY_MAX_AGE_SECONDS: int(1, 86_400).default(300),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
});

/** The parsed configuration. */
export type Config = z.infer<typeof ConfigSchema>;

type ConfigKey = keyof Config;

/** Variables whose values never appear in messages. */
const SECRETS: ReadonlySet<string> = new Set<ConfigKey>(["JWT_SECRET", "OPENAI_API_KEY"]);

/** An example of a good value, for the variables where the schema's message is not enough. */
const EXAMPLES: Partial<Record<ConfigKey, string>> = {
  PORT: "PORT=8000 (0 picks any free port)",
  JWT_SECRET: 'JWT_SECRET="$(openssl rand -hex 32)"',
  OPENAI_BASE_URL: "OPENAI_BASE_URL=https://api.openai.com/v1",
};

/** Thrown when an environment variable has a value the app cannot use. */
export class ConfigError extends Error {
  override name = "ConfigError";
  readonly code = "invalid_config";
}

function shown(key: string, value: string | undefined): string {
  if (value === undefined) return "(unset)";
  if (SECRETS.has(key)) return `(hidden, ${new TextEncoder().encode(value).length} bytes)`;
  return JSON.stringify(value);
}

let defaults: Config | undefined;

function howToFix(key: ConfigKey): string {
  defaults ??= ConfigSchema.parse({});
  const example = EXAMPLES[key] ? `e.g. ${EXAMPLES[key]}` : "set a valid value";
  const fallback = defaults[key];
  const unset = fallback === undefined
    ? `or unset ${key}`
    : `or unset ${key} to use the default ${JSON.stringify(fallback)}`;
  return `${example}, ${unset}`;
}

/**
 * Parses configuration from an environment map. Empty strings count as unset,
 * so `PORT= deno task start` behaves like no `PORT` at all. A bad value
 * throws a {@linkcode ConfigError} naming each variable, its value (secrets
 * hidden) and how to fix it.
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ""),
  );
  const result = ConfigSchema.safeParse(present);
  if (result.success) return result.data;
  const problems = new Map<string, string>();
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? "") as ConfigKey;
    if (problems.has(key)) continue;
    problems.set(key, `${key}=${shown(key, present[key])}: ${issue.message}; ${howToFix(key)}`);
  }
  const lines = [...problems.values()];
  throw new ConfigError(
    lines.length === 1
      ? `Invalid environment variable ${lines[0]}`
      : `Invalid environment variables:\n  ${lines.join("\n  ")}`,
  );
}

let current: Config | undefined;

/** The process configuration, read from `Deno.env` once. Throws {@linkcode ConfigError}. */
export function getConfig(): Config {
  current ??= parseConfig(Deno.env.toObject());
  return current;
}

/**
 * {@linkcode getConfig} for entry points: a bad environment prints its
 * message (no stack trace) to stderr and exits with code 1.
 */
export function getConfigOrExit(): Config {
  try {
    return getConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    Deno.exit(1);
  }
}

/** Replaces the process configuration (tests only). */
export function setConfigForTesting(overrides: Partial<Config>): Config {
  current = { ...getConfig(), ...overrides };
  return current;
}
