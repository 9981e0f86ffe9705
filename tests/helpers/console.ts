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
