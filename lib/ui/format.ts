/** Small display formatters shared by the chat components. */

/** "40 ms", "0.4 s", "12 s". */
export function formatDuration(ms: number): string {
  if (ms < 100) return `${Math.max(0, Math.round(ms))} ms`;
  const seconds = ms / 1000;
  return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}

/** The collapsed run line: "3 steps · 0.4 s" (duration left out when unknown). */
export function formatRunSummary(steps: number, durationMs?: number): string {
  const count = `${steps} ${steps === 1 ? "step" : "steps"}`;
  return durationMs === undefined ? count : `${count} · ${formatDuration(durationMs)}`;
}

// One formatter for every message: creating one per call costs ~50 µs each.
const TIME_FORMAT = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

/** "14:05" (UTC, so server and browser render the same text), from an ISO time. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : `${TIME_FORMAT.format(date)} UTC`;
}
