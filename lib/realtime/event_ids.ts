/**
 * Event ids: a hybrid logical clock, `MMMMMMMMMMMMMMM-CCCCCC-IIIIIIII`
 * (ms since epoch, counter, instance id; fixed width, zero-padded), so plain
 * string comparison orders them. The clock never goes backwards and advances
 * past every id it observes from other instances, so a user's later events get
 * greater ids whichever instance stamps them.
 */

const MS_WIDTH = 15;
const COUNTER_WIDTH = 6;
const COUNTER_MAX = 10 ** COUNTER_WIDTH - 1;
const ID_PATTERN = /^(\d{15})-(\d{6})-([0-9a-z]{8})$/;

/** The parts of an event id. */
export interface EventIdParts {
  ms: number;
  counter: number;
  instance: string;
}

/** Formats parts as an event id. */
export function formatEventId(parts: EventIdParts): string {
  return `${String(parts.ms).padStart(MS_WIDTH, "0")}-${
    String(parts.counter).padStart(COUNTER_WIDTH, "0")
  }-${parts.instance}`;
}

/** Parses an event id; `null` when it is not one (garbage, foreign format). */
export function parseEventId(id: string): EventIdParts | null {
  const match = ID_PATTERN.exec(id);
  if (!match) return null;
  return { ms: Number(match[1]), counter: Number(match[2]), instance: match[3] };
}

/** A random 8-character instance id (`[0-9a-z]`). */
export function randomInstanceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (byte) => (byte % 36).toString(36)).join("");
}

/** Options for {@linkcode EventClock}. */
export interface EventClockOptions {
  /** This instance's id, 8 characters of `[0-9a-z]`. @default randomInstanceId() */
  instanceId?: string;
  /** Time source in ms. @default Date.now */
  now?: () => number;
}

/** `counter` zero-padded to {@linkcode COUNTER_WIDTH} digits. */
function padCounter(counter: number): string {
  return String(COUNTER_MAX + 1 + counter).slice(1);
}

/** Texts of the first counters of a millisecond, made once: nearly every id uses one. */
const COUNTER_TEXTS: readonly string[] = Array.from({ length: 4096 }, (_, i) => padCounter(i));

function counterText(counter: number): string {
  return counter < COUNTER_TEXTS.length ? COUNTER_TEXTS[counter] : padCounter(counter);
}

/** Issues ordered event ids for one instance. */
export class EventClock {
  readonly instanceId: string;
  #now: () => number;
  #ms = 0;
  #counter = -1;
  /** `MMM…M-` of `#ms` (formatted once per millisecond: ids are minted on the hot path), the counter, `-instance`. */
  #parts: [string, string, string] = ["", "", ""];

  constructor(options: EventClockOptions = {}) {
    this.instanceId = options.instanceId ?? randomInstanceId();
    if (!/^[0-9a-z]{8}$/.test(this.instanceId)) {
      throw new TypeError(`Cannot use instance id "${this.instanceId}": expected 8 of [0-9a-z]`);
    }
    this.#now = options.now ?? Date.now;
    this.#parts[2] = `-${this.instanceId}`;
  }

  /**
   * A new id, greater than every id issued or observed before.
   * @param now the current time, when the caller has just read it
   */
  next(now: number = this.#now()): string {
    if (now > this.#ms) {
      this.#ms = now;
      this.#counter = 0;
    } else if (this.#counter < COUNTER_MAX) {
      this.#counter++;
    } else {
      this.#ms++;
      this.#counter = 0;
    }
    if (this.#counter === 0 || this.#parts[0] === "") {
      this.#parts[0] = `${String(this.#ms).padStart(MS_WIDTH, "0")}-`;
    }
    // One flat string (`join`), not a rope of `+`: JSON.stringify of an event holding a
    // rope id took twice as long, and every id is serialised and kept.
    this.#parts[1] = counterText(this.#counter);
    return this.#parts.join("");
  }

  /** The greatest id issued or observed so far (not a new one). */
  current(): string {
    return formatEventId({
      ms: this.#ms,
      counter: Math.max(0, this.#counter),
      instance: "zzzzzzzz",
    });
  }

  /** Moves the clock past an id seen from another instance. */
  observe(id: string): void {
    const parts = parseEventId(id);
    if (!parts) return;
    if (parts.ms > this.#ms || (parts.ms === this.#ms && parts.counter > this.#counter)) {
      this.#ms = parts.ms;
      this.#counter = parts.counter;
      this.#parts[0] = "";
    }
  }
}
