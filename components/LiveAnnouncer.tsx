/** Props of {@linkcode LiveAnnouncer}. */
export interface LiveAnnouncerProps {
  /** The latest polite sentence (run progress). */
  polite: string;
  /** The latest urgent sentence (errors, connection lost). */
  urgent: string;
}

/**
 * Two visually hidden live regions: progress is read when the reader is idle,
 * errors and a lost connection interrupt. They stay in the page from the
 * first render, so screen readers watch them before anything is said.
 */
export function LiveAnnouncer({ polite, urgent }: LiveAnnouncerProps) {
  return (
    <>
      <div class="visually-hidden" aria-live="polite" data-testid="announcer">{polite}</div>
      <div class="visually-hidden" aria-live="assertive" data-testid="announcer-urgent">
        {urgent}
      </div>
    </>
  );
}
