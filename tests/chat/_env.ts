/**
 * Shared set-up for the assistant and chat tests: an in-memory KV, a quiet
 * log, the scripted LLM (or the offline model), and clean-up of every handle.
 */
import { type Config, setConfigForTesting } from "../../lib/config.ts";
import type { EventBody, ServerEvent } from "../../lib/realtime/events.ts";
import { onProgressForTesting } from "../../lib/realtime/broadcast.ts";
import { closeHub } from "../../lib/realtime/hub_instance.ts";
import type { Session } from "../../lib/state.ts";
import { closeKv } from "../../lib/store/kv.ts";
import { type ScriptedLlm, startScriptedLlm } from "../helpers/scripted_llm.ts";

/** What a test gets. */
export interface TestEnv {
  /** The scripted model (absent with `offline: true`). */
  llm: ScriptedLlm;
  /** Every event published, in order. */
  events: (ServerEvent & { user: string })[];
  /** Events of one run, in order. */
  runEvents(runId: string): EventBody[];
  session(userId?: string): Session;
}

/** Options for {@linkcode withEnv}. */
export interface EnvOptions {
  /** Use the embedded offline model instead of the scripted one. @default false */
  offline?: boolean;
  config?: Partial<Config>;
}

/** Runs `fn` with a fresh in-memory store and scripted model, then cleans up. */
export async function withEnv(
  options: EnvOptions,
  fn: (env: TestEnv) => Promise<void>,
): Promise<void> {
  const llm = startScriptedLlm();
  setConfigForTesting({
    KV_PATH: ":memory:",
    LOG_LEVEL: "silent",
    OPENAI_API_KEY: options.offline ? undefined : "test-key",
    OPENAI_BASE_URL: options.offline ? undefined : llm.baseUrl,
    OPENAI_MODEL: "scripted-model",
    AI_MAX_RETRIES: 0,
    AI_TIMEOUT_MS: 2_000,
    DAILY_MESSAGE_LIMIT: 100,
    REDIS_URL: undefined,
    ...options.config,
  });
  const events: TestEnv["events"] = [];
  const stop = onProgressForTesting((user, event) => events.push({ ...event, user }));
  try {
    await fn({
      llm,
      events,
      runEvents: (runId) =>
        events.filter((event) => "run_id" in event && event.run_id === runId) as EventBody[],
      session: (userId = `user-${crypto.randomUUID()}`) => ({
        user: { id: userId, email: `${userId}@example.test`, name: "Test" },
        jti: crypto.randomUUID(),
        expiresAt: Date.now() + 3_600_000,
      }),
    });
  } finally {
    stop();
    await llm.close();
    await closeHub();
    await closeKv();
  }
}
