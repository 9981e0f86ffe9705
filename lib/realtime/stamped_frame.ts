import { MAX_BATCH_EVENTS, MAX_BATCH_FRAME_BYTES } from "./constants.ts";
import type { ServerEvent } from "./events.ts";

/**
 * Consecutive stamped events of one user, serialised once as the frame a
 * socket receives: the event object when there is one, a JSON array of them
 * otherwise (the contract's two frame shapes). Every socket of the user, the
 * replay buffer and the bus share the text. A producer publishes in runs (a
 * burst of tool events, a stream's deltas within one tick), and serialising a
 * run at once costs one `JSON.stringify` and one kept string per run, not per
 * event.
 */
export interface StampedFrame {
  /** Id of the first event. */
  readonly firstId: string;
  /** Id of the last event, the greatest: where a client that had this frame resumes from. */
  readonly id: string;
  /** Events in the frame. */
  readonly count: number;
  /** `ts` of the last event, as ms since the epoch (replay ageing). */
  readonly tsMs: number;
  /** The frame's text. */
  readonly json: string;
  /** The run id when every event is a `message_delta` of that run (only such frames merge). */
  readonly deltaRun: string | undefined;
}

/** A `message_delta` event. */
export type DeltaEvent = Extract<ServerEvent, { event_type: "message_delta" }>;

/**
 * One frame of `events` (at least one, in id order). `values` are what is
 * serialised when it is not the events themselves: the sender's objects for
 * events that came over the bus, so their text stays the sender's.
 */
export function toFrame(
  events: readonly ServerEvent[],
  values: readonly unknown[] = events,
): StampedFrame {
  const last = events[events.length - 1];
  let deltaRun = last.event_type === "message_delta" ? last.run_id : undefined;
  for (let i = 0; deltaRun !== undefined && i < events.length - 1; i++) {
    const event = events[i];
    if (event.event_type !== "message_delta" || event.run_id !== deltaRun) deltaRun = undefined;
  }
  return {
    firstId: events[0].id,
    id: last.id,
    count: events.length,
    tsMs: parseTs(last.ts),
    json: JSON.stringify(events.length === 1 ? values[0] : values),
    deltaRun,
  };
}

/** The last `ts` parsed: events stamped within one millisecond share the text. */
let parsedTs = { text: "", ms: Number.NaN };

function parseTs(ts: string): number {
  if (ts !== parsedTs.text) parsedTs = { text: ts, ms: Date.parse(ts) };
  return parsedTs.ms;
}

/**
 * Frames of `events` in order, each of at most `maxEvents` events and (when it
 * holds more than one) at most {@linkcode MAX_BATCH_FRAME_BYTES} of text.
 */
export function toFrames(
  events: readonly ServerEvent[],
  maxEvents: number = MAX_BATCH_EVENTS,
  values: readonly unknown[] = events,
): StampedFrame[] {
  const frames: StampedFrame[] = [];
  if (events.length <= maxEvents) {
    pushWithinBytes(frames, events, values);
    return frames;
  }
  for (let start = 0; start < events.length; start += maxEvents) {
    const end = Math.min(events.length, start + maxEvents);
    pushWithinBytes(frames, events.slice(start, end), values.slice(start, end));
  }
  return frames;
}

/** Pushes one frame of the events, or halves of them until each fits the byte limit. */
function pushWithinBytes(
  frames: StampedFrame[],
  events: readonly ServerEvent[],
  values: readonly unknown[],
): void {
  const frame = toFrame(events, values);
  if (frame.count === 1 || frame.json.length <= MAX_BATCH_FRAME_BYTES) {
    frames.push(frame);
    return;
  }
  const half = events.length >>> 1;
  pushWithinBytes(frames, events.slice(0, half), values.slice(0, half));
  pushWithinBytes(frames, events.slice(half), values.slice(half));
}

/**
 * Where a packed frame starting at `frames[start]` ends: as many consecutive
 * frames as fit {@linkcode MAX_BATCH_EVENTS} events and
 * {@linkcode MAX_BATCH_FRAME_BYTES} of text together (at least one).
 */
export function packEnd(frames: readonly StampedFrame[], start: number): number {
  let events = frames[start].count;
  // The packed text: its brackets, the frames' bodies, a comma between two.
  let bytes = 2 + bodyLength(frames[start]);
  let end = start + 1;
  while (end < frames.length) {
    const next = frames[end];
    if (events + next.count > MAX_BATCH_EVENTS) break;
    if (bytes + 1 + bodyLength(next) > MAX_BATCH_FRAME_BYTES) break;
    events += next.count;
    bytes += 1 + bodyLength(next);
    end++;
  }
  return end;
}

/** Length of {@linkcode frameBody} without building it. */
function bodyLength(frame: StampedFrame): number {
  return frame.count === 1 ? frame.json.length : frame.json.length - 2;
}

/** One frame of the events of `frames[start, end)`, joined from their texts (no re-serialising). */
export function packFrames(
  frames: readonly StampedFrame[],
  start: number,
  end: number,
): StampedFrame {
  if (end - start === 1) return frames[start];
  const first = frames[start];
  const last = frames[end - 1];
  let count = 0;
  let deltaRun = first.deltaRun;
  const bodies: string[] = [];
  for (let i = start; i < end; i++) {
    count += frames[i].count;
    if (frames[i].deltaRun !== deltaRun) deltaRun = undefined;
    bodies.push(frameBody(frames[i]));
  }
  return {
    firstId: first.firstId,
    id: last.id,
    count,
    tsMs: last.tsMs,
    json: `[${bodies.join(",")}]`,
    deltaRun,
  };
}

/** The part of a frame before event `id`; `undefined` when nothing of it is before `id`. */
export function frameBefore(frame: StampedFrame, id: string): StampedFrame | undefined {
  if (frame.id < id) return frame;
  if (frame.firstId >= id) return undefined;
  return toFrame(eventsOf(frame).filter((event) => event.id < id));
}

/** The events of a frame, parsed back (its text was serialised here from typed events). */
export function eventsOf(frame: StampedFrame): ServerEvent[] {
  const value = JSON.parse(frame.json);
  return frame.count === 1 ? [value] : value;
}

/** A frame's events as comma-separated JSON, without the brackets of an array frame. */
export function frameBody(frame: StampedFrame): string {
  return frame.count === 1 ? frame.json : frame.json.slice(1, -1);
}

/** The part of a frame after event `id`; `undefined` when nothing of it is after `id`. */
export function frameAfter(frame: StampedFrame, id: string): StampedFrame | undefined {
  if (frame.firstId > id) return frame;
  if (frame.id <= id) return undefined;
  return toFrame(eventsOf(frame).filter((event) => event.id > id));
}

/** Frames of one event each (a frame being taken apart to interleave with another). */
export function singleEventFrames(frame: StampedFrame): StampedFrame[] {
  return frame.count === 1 ? [frame] : eventsOf(frame).map((event) => toFrame([event]));
}

/** True when `next` may be merged into `last`: deltas of one run. */
export function canMerge(last: StampedFrame, next: StampedFrame): boolean {
  return last.deltaRun !== undefined && last.deltaRun === next.deltaRun;
}

/**
 * Deltas of one run merged into one `message_delta` (every text, the last id,
 * so resume points stay exact) for a socket that is behind. Texts are
 * gathered and serialised once, when the frame is needed: re-serialising the
 * merged text on every new delta would cost time growing with its square.
 */
export class DeltaMerge {
  #last: DeltaEvent;
  #texts: string[] = [];
  #textLength = 0;
  #envelope: number;

  /** Starts from a frame that {@linkcode canMerge} accepts. */
  constructor(first: StampedFrame) {
    if (first.deltaRun === undefined) {
      throw new TypeError("Cannot merge a frame that is not deltas of one run");
    }
    this.#last = this.#take(first);
    this.#envelope = JSON.stringify({ ...this.#last, delta: "" }).length;
  }

  /** Length of the merged frame's text, without building it. */
  get length(): number {
    return this.#envelope + this.#textLength;
  }

  /** Adds the deltas of a later frame of the same run. */
  add(next: StampedFrame): void {
    if (next.deltaRun !== this.#last.run_id) {
      throw new TypeError("Cannot merge frames that are not deltas of one run");
    }
    this.#last = this.#take(next);
  }

  /** The merged frame. */
  frame(): StampedFrame {
    return toFrame([{ ...this.#last, delta: this.#texts.join("") }]);
  }

  #take(frame: StampedFrame): DeltaEvent {
    const deltas = eventsOf(frame) as DeltaEvent[];
    for (const { delta } of deltas) {
      this.#texts.push(delta);
      // Escaped as JSON (quotes, backslashes, control characters), without the quotes.
      this.#textLength += JSON.stringify(delta).length - 2;
    }
    return deltas[deltas.length - 1];
  }
}
