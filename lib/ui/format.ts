/** Small display formatters shared by the chat components. */
import { plural } from "../text.ts";

/** "40 ms", "0.4 s", "12 s". */
export function formatDuration(ms: number): string {
  if (ms < 100) return `${Math.max(0, Math.round(ms))} ms`;
  const seconds = ms / 1000;
  return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}

/** The collapsed run line: "3 steps · 0.4 s" (duration left out when unknown). */
export function formatRunSummary(steps: number, durationMs?: number): string {
  const count = plural(steps, "step");
  return durationMs === undefined ? count : `${count} · ${formatDuration(durationMs)}`;
}

// One formatter per kind: creating one per call costs ~50 µs each.
const UTC_TIME = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

/**
 * "14:05 UTC" from an ISO time: the same text on the server and in the
 * browser's first render, so hydration matches; {@linkcode formatLocalTime}
 * replaces it once the page is live.
 */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : `${UTC_TIME.format(date)} UTC`;
}

/** Options for {@linkcode formatLocalTime}. */
export interface LocalTimeOptions {
  /** The viewer's "now". @default {new Date()} */
  now?: Date;
  /** IANA time zone. @default the runtime's own */
  timeZone?: string;
  /** BCP 47 locale for weekday and month names. @default "en-GB" */
  locale?: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(
  locale: string,
  timeZone: string | undefined,
  fields: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(fields)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, f = new Intl.DateTimeFormat(locale, { ...fields, timeZone }));
  return f;
}

const DAY_MS = 86_400_000;

/**
 * A message time in the viewer's zone, short as chat apps show it:
 * "11:37" today, "Yesterday 18:02", "Mon 18:02" within the week,
 * "12 Mar 18:02" this year, "12 Mar 2024" before.
 */
export function formatLocalTime(iso: string, options: LocalTimeOptions = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const { now = new Date(), timeZone, locale = "en-GB" } = options;
  const hm = formatter(locale, timeZone, { hour: "2-digit", minute: "2-digit", hour12: false });
  const ymd = formatter(locale, timeZone, { year: "numeric", month: "2-digit", day: "2-digit" });
  // Calendar days in the viewer's zone, compared as UTC dates to count whole days.
  const dayNumber = (d: Date) => {
    const parts = Object.fromEntries(ymd.formatToParts(d).map((p) => [p.type, p.value]));
    return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)) / DAY_MS;
  };
  const daysAgo = dayNumber(now) - dayNumber(date);
  const time = hm.format(date);
  if (daysAgo <= 0) return time;
  if (daysAgo === 1) return `Yesterday ${time}`;
  if (daysAgo < 7) {
    return `${formatter(locale, timeZone, { weekday: "short" }).format(date)} ${time}`;
  }
  const sameYear = formatter(locale, timeZone, { year: "numeric" });
  if (sameYear.format(date) === sameYear.format(now)) {
    return `${
      formatter(locale, timeZone, { day: "numeric", month: "short" }).format(date)
    } ${time}`;
  }
  return formatter(locale, timeZone, { day: "numeric", month: "short", year: "numeric" })
    .format(date);
}
