/** Options for {@linkcode TokenBucket}. */
export interface TokenBucketOptions {
  /** Tokens added per second (the sustained rate allowed). */
  ratePerSecond: number;
  /** Most tokens held (the burst allowed). @default 2 × ratePerSecond */
  capacity?: number;
  /** Time source in ms. @default performance.now */
  now?: () => number;
}

/** A token bucket: `take()` is false once the sustained rate is exceeded. */
export class TokenBucket {
  #rate: number;
  #capacity: number;
  #tokens: number;
  #last: number;
  #now: () => number;

  constructor(options: TokenBucketOptions) {
    if (!(options.ratePerSecond > 0)) {
      throw new RangeError(`Cannot use rate "${options.ratePerSecond}": expected > 0`);
    }
    this.#rate = options.ratePerSecond;
    this.#capacity = options.capacity ?? options.ratePerSecond * 2;
    this.#tokens = this.#capacity;
    this.#now = options.now ?? monotonicNow;
    this.#last = this.#now();
  }

  /** Takes one token; false when none is left. */
  take(): boolean {
    const now = this.#now();
    this.#tokens = Math.min(
      this.#capacity,
      this.#tokens + ((now - this.#last) / 1000) * this.#rate,
    );
    this.#last = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

function monotonicNow(): number {
  return performance.now();
}
