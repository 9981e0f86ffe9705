import { type Config, getConfig, setConfigForTesting } from "../../lib/config.ts";

type LogLevelSetting = Config["LOG_LEVEL"];

/** Captures what `console.error` prints (where log warnings and errors go) while `run` runs. */
export async function captureWarnings(run: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const original = console.error;
  console.error = (line: unknown) => lines.push(String(line));
  try {
    await run();
  } finally {
    console.error = original;
  }
  return lines;
}

/** Runs `run` with the log at `level`, then puts the level back. */
export async function withLogLevel<T>(level: LogLevelSetting, run: () => Promise<T>): Promise<T> {
  const before = getConfig().LOG_LEVEL;
  setConfigForTesting({ LOG_LEVEL: level });
  try {
    return await run();
  } finally {
    setConfigForTesting({ LOG_LEVEL: before });
  }
}
