/**
 * What the chat tells screen readers: run progress politely, errors and a
 * lost connection assertively (they interrupt). Pure; the island renders the
 * two live regions (`components/LiveAnnouncer.tsx`).
 */
import type { ServerEvent } from "../realtime/events.ts";
import type { ConnectionState } from "../realtime/client.ts";

/** One sentence for the live regions; `urgent` ones go to the assertive region. */
export interface Announcement {
  text: string;
  urgent: boolean;
}

const polite = (text: string): Announcement => ({ text, urgent: false });
const urgent = (text: string): Announcement => ({ text, urgent: true });

/**
 * The announcement for `event`, or null: run start, tool start and end, run
 * end are polite; a run that failed and an error about our own frame are
 * urgent; text deltas and socket chatter are not announced.
 */
export function announcementFor(event: ServerEvent): Announcement | null {
  switch (event.event_type) {
    case "user_message":
      return polite("Assistant started working.");
    case "tool_starting":
    case "tool_complete":
      return polite(event.message);
    case "tool_error":
      return polite(`${event.message}: ${event.error.message}`);
    case "agent_done":
      return polite("Assistant finished.");
    case "agent_error":
      return event.error.code === "cancelled"
        ? polite("Assistant stopped.")
        : urgent(`Assistant stopped: ${event.error.message}`);
    case "error":
      return urgent(event.error.message);
    default:
      return null;
  }
}

/**
 * The announcement for a change of the connection, or null: losing it is
 * urgent, getting it back after a loss is polite, the first connect is silent.
 */
export function connectionAnnouncement(
  previous: ConnectionState["status"],
  next: ConnectionState,
): Announcement | null {
  if (previous === next.status) return null;
  switch (next.status) {
    case "reconnecting":
      return previous === "live" ? urgent("Connection lost. Reconnecting…") : null;
    case "offline":
      return urgent("You are offline. Messages will be sent when you are back online.");
    case "expired":
      return urgent("Session expired. Sign in again to continue.");
    case "live":
      return previous === "connecting" ? null : polite("Connection restored.");
    case "connecting":
      return null;
  }
}
