import type { ConnectionState } from "../lib/realtime/client.ts";

/** Props of {@linkcode ConnectionStatus}. */
export interface ConnectionStatusProps {
  /** The socket's state. */
  state: ConnectionState;
  /** Last round trip in ms, shown as a tooltip while live. */
  rttMs?: number | null;
}

/** The words for a connection state ("Live", "Reconnecting in 3 s"…). */
export function connectionLabel(state: ConnectionState): string {
  switch (state.status) {
    case "connecting":
      return "Connecting…";
    case "live":
      return "Live";
    case "reconnecting":
      return state.secondsLeft > 0 ? `Reconnecting in ${state.secondsLeft} s` : "Reconnecting…";
    case "offline":
      return "Offline";
    case "expired":
      return "Session expired";
  }
}

/** A dot and words for the live connection; a sign-in link once the session expired. */
export function ConnectionStatus({ state, rttMs }: ConnectionStatusProps) {
  const lost = state.status === "reconnecting" || state.status === "offline" ||
    state.status === "expired";
  return (
    <div
      class={`connection connection-${state.status}`}
      data-status={state.status}
      role="status"
      aria-live={lost ? "assertive" : "polite"}
      title={state.status === "live" && rttMs != null ? `Round trip ${rttMs} ms` : undefined}
    >
      <span class="connection-dot" aria-hidden="true" />
      <span class="connection-label">{connectionLabel(state)}</span>
      {state.status === "expired" && (
        <a class="connection-signin" href="/login?next=/chat">Sign in again</a>
      )}
    </div>
  );
}
