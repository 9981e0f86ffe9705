/** A hook for the buttons that open an inline question ("Delete?" → Delete / Keep). */
import type { RefObject } from "preact";
import { useEffect, useRef } from "preact/hooks";

/**
 * A ref for the button that opened a question: when `open` turns false and
 * the button is still there (the answer kept things as they were), focus goes
 * back to it instead of being lost with the question.
 */
export function useFocusReturn<T extends HTMLElement>(open: boolean): RefObject<T> {
  const opener = useRef<T>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (wasOpen.current && !open) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return opener;
}
