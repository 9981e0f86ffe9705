import { z } from "zod";

/** Parses a non-negative integer from an environment string. */
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const csv = z.string().transform((value) =>
  value.split(",").map((part) => part.trim()).filter((part) => part.length > 0)
);

/** Every environment variable the app reads, with its default. */
export const ConfigSchema = z.object({
  PORT: int(0, 65535).default(8000),
  HOSTNAME: z.string().min(1).default("0.0.0.0"),
  KV_PATH: z.string().min(1).default("./data/taskstream.kv"),
  JWT_SECRET: z.string().min(32, "JWT_SECRET must be at least 32 bytes").optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url().optional(),
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

/** Thrown when an environment variable has a value the app cannot use. */
export class ConfigError extends Error {
  override name = "ConfigError";
  readonly code = "invalid_config";
}

/**
 * Parses configuration from an environment map. Empty strings count as unset,
 * so `PORT= deno task start` behaves like no `PORT` at all.
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ""),
  );
  const result = ConfigSchema.safeParse(present);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? "");
    return `${key}=${JSON.stringify(present[key] ?? "")}: ${issue.message}`;
  });
  throw new ConfigError(`Invalid environment: ${problems.join("; ")}`);
}

let current: Config | undefined;

/** The process configuration, read from `Deno.env` once. */
export function getConfig(): Config {
  current ??= parseConfig(Deno.env.toObject());
  return current;
}

/** Replaces the process configuration (tests only). */
export function setConfigForTesting(overrides: Partial<Config>): Config {
  current = { ...getConfig(), ...overrides };
  return current;
}
