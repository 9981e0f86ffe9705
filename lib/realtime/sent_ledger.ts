import { eventsOf, frameBefore, type StampedFrame, toFrame } from "./stamped_frame.ts";

/** Frames a ledger remembers; past this it keeps only the first one's id. */
export const SENT_LEDGER_LIMIT = 64;

/**
 * The frames a socket was given (live, or replayed by an earlier resume), so
 * that `resume` sends every held event except exactly those. An id cut-off
 * cannot tell: an event from another instance may arrive live between held
 * events, by id. Past {@linkcode SENT_LEDGER_LIMIT} frames (a socket that
 * resumes late, or never) it falls back to that cut-off: nothing from the
 * first event it was given on.
 */
export class SentLedger {
  #frames: StampedFrame[] = [];
  #firstId?: string;
  #overflow = false;

  /** Records a frame the socket was given. */
  note(frame: StampedFrame): void {
    this.#firstId ??= frame.firstId;
    if (this.#overflow) return;
    if (this.#frames.length === SENT_LEDGER_LIMIT) {
      this.#overflow = true;
      this.#frames = [];
      return;
    }
    this.#frames.push(frame);
  }

  /** The part of a held frame the socket was not given; undefined when it had all of it. */
  unseen(held: StampedFrame): StampedFrame | undefined {
    if (this.#overflow) return frameBefore(held, this.#firstId!);
    if (this.#frames.includes(held)) return undefined;
    const overlapping = this.#frames.filter((live) =>
      live.firstId <= held.id && held.firstId <= live.id
    );
    if (overlapping.length === 0) return held;
    // The same events in other frames (joined after sending, taken apart on a late insert, split).
    const liveIds = new Set(overlapping.flatMap((live) => eventsOf(live).map((event) => event.id)));
    const events = eventsOf(held);
    const rest = events.filter((event) => !liveIds.has(event.id));
    if (rest.length === events.length) return held;
    return rest.length ? toFrame(rest) : undefined;
  }
}
