/**
 * Runs a callback in a new macrotask without the clamp nested `setTimeout(0)`
 * gets (HTML timer nesting: about 2–4 ms per hop after a few levels, measured
 * here), through a MessageChannel that exists only while a run is pending
 * (an open port would keep the process alive).
 */
export class MacrotaskScheduler {
  #callback: () => void;
  #channel?: MessageChannel;
  #scheduled = false;

  constructor(callback: () => void) {
    this.#callback = callback;
  }

  /** True while a run is pending. */
  get scheduled(): boolean {
    return this.#scheduled;
  }

  /** Runs the callback once in a coming macrotask (once, however often this is called before). */
  schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    if (!this.#channel) {
      this.#channel = new MessageChannel();
      this.#channel.port1.onmessage = this.#run;
    }
    this.#channel.port2.postMessage(null);
  }

  /** Drops a pending run and releases the channel. */
  cancel(): void {
    this.#scheduled = false;
    this.#release();
  }

  #run = (): void => {
    if (!this.#scheduled) return;
    this.#scheduled = false;
    this.#callback();
    if (!this.#scheduled) this.#release();
  };

  #release(): void {
    const channel = this.#channel;
    this.#channel = undefined;
    channel?.port1.close();
    channel?.port2.close();
  }
}
