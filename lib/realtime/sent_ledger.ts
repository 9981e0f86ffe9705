import { eventsOf, frameBefore, type StampedFrame, toFrame } from "./stamped_frame.ts";

/** Frames a ledger remembers; past this it keeps only the first one's id. */
export const SENT_LEDGER_LIMIT = 64;
/**
 * Text a ledger holds on to, in UTF-16 code units; past this it keeps only
 * the first frame's id. The frames are shared with the replay buffer, but a
 * ledger would keep them alive after the buffer let them go: without a bound
 * on bytes, a socket that never resumes could hold 64 frames of 64 KiB.
 */
export const SENT_LEDGER_MAX_BYTES = 16 * 1024;

/**
 * The frames a socket was given (live, or replayed by an earlier resume), so
 * that `resume` sends every held event except exactly those. An id cut-off
 * cannot tell: an event from another instance may arrive live between held
 * events, by id. Past {@linkcode SENT_LEDGER_LIMIT} frames or
 * {@linkcode SENT_LEDGER_MAX_BYTES} of text (a socket that resumes late, or
 * never) it falls back to that cut-off: nothing from the first event it was
 * given on.
 */
export class SentLedger {
  #frames: StampedFrame[] = [];
  #bytes = 0;
  #firstId?: string;
  #overflow = false;

  /** Records a frame the socket was given. */
  note(frame: StampedFrame): void {
    this.#firstId ??= frame.firstId;
    if (this.#overflow) return;
    this.#bytes += frame.json.length;
    if (this.#frames.length === SENT_LEDGER_LIMIT || this.#bytes > SENT_LEDGER_MAX_BYTES) {
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
