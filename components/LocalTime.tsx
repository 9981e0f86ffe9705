import { formatLocalTime, formatTime } from "../lib/ui/format.ts";
import { hydratedSig } from "../lib/ui/hydrated.ts";

/** Props of {@linkcode LocalTime}. */
export interface LocalTimeProps {
  /** An ISO 8601 time (UTC). */
  iso: string;
  /** Extra class names. */
  class?: string;
}

const FULL = { dateStyle: "full", timeStyle: "short" } as const;

/**
 * A machine-readable `<time>`: "11:37 UTC" on the server and during
 * hydration, then the viewer's local "11:37" / "Yesterday 18:02", with the
 * full date as a tooltip.
 */
export function LocalTime({ iso, class: className }: LocalTimeProps) {
  const local = hydratedSig.value;
  const date = new Date(iso);
  return (
    <time
      class={className}
      dateTime={iso}
      title={local && !Number.isNaN(date.getTime())
        ? date.toLocaleString(undefined, FULL)
        : undefined}
    >
      {local ? formatLocalTime(iso) : formatTime(iso)}
    </time>
  );
}
