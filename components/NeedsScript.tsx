/**
 * Shown only by a browser with JavaScript off: the page renders its data
 * but needs scripts to change it or to follow it live.
 */
export function NeedsScript({ page }: { page: string }) {
  return (
    <noscript>
      <p class="notice">
        The {page} needs JavaScript to make changes and to update live. Turn it on and reload.
      </p>
    </noscript>
  );
}
