import { type Bus, type BusHandlers, parseBusMessage } from "./bus.ts";
import { BUS_CHANNEL } from "./constants.ts";
import { log } from "../log.ts";

/**
 * The default bus: a BroadcastChannel (spread across isolates on Deno Deploy;
 * within one process on the CLI).
 */
export class BroadcastChannelBus implements Bus {
  #name: string;
  #channel: BroadcastChannel;
  #handlers?: BusHandlers;
  #reopening = false;
  #closed = false;

  constructor(name: string = BUS_CHANNEL) {
    this.#name = name;
    this.#channel = this.#open();
  }

  publish(data: string): void {
    // Lost with the channel being replaced: the gap is reported once, not per message.
    if (this.#reopening) return;
    try {
      this.#channel.postMessage(data);
    } catch (error) {
      log.warn("Bus message not sent", { bus: "broadcast_channel", error: String(error) });
      this.#reopen();
    }
  }

  subscribe(handlers: BusHandlers): void {
    this.#handlers = handlers;
  }

  close(): Promise<void> {
    this.#closed = true;
    this.#channel.onmessage = null;
    closeQuietly(this.#channel);
    return Promise.resolve();
  }

  #open(): BroadcastChannel {
    const channel = new BroadcastChannel(this.#name);
    channel.onmessage = (event: MessageEvent) => {
      const message = parseBusMessage(event.data);
      if (message) this.#handlers?.message(message);
      else log.warn("Ignored a malformed bus message", { bus: "broadcast_channel" });
    };
    return channel;
  }

  /**
   * Replaces a channel that cannot send. Deno ends its process-wide
   * subscription a moment after the last BroadcastChannel closes; a channel
   * opened in that moment is never subscribed and every send fails ("expected
   * i32"), e.g. when a hub is closed and another made at once. Opened again
   * after a macrotask, the channel subscribes. What was lost meanwhile is a gap.
   */
  #reopen(): void {
    if (this.#reopening || this.#closed) return;
    this.#reopening = true;
    this.#handlers?.gap();
    this.#channel.onmessage = null;
    closeQuietly(this.#channel);
    setTimeout(() => {
      this.#reopening = false;
      if (this.#closed) return;
      this.#channel = this.#open();
      // What was published while the channel was being replaced never went out.
      this.#handlers?.unsent();
    }, 0);
  }
}

/** Closes a channel; closing one whose subscription is already gone throws, harmlessly. */
function closeQuietly(channel: BroadcastChannel): void {
  try {
    channel.close();
  } catch {
    // Nothing left to release.
  }
}
