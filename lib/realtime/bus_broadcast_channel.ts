import { type Bus, type BusHandlers, parseBusMessage } from "./bus.ts";
import { BUS_CHANNEL } from "./constants.ts";
import { log } from "../log.ts";

/**
 * The default bus: a BroadcastChannel (spread across isolates on Deno Deploy;
 * within one process on the CLI).
 */
export class BroadcastChannelBus implements Bus {
  #channel: BroadcastChannel;

  constructor(name: string = BUS_CHANNEL) {
    this.#channel = new BroadcastChannel(name);
  }

  publish(data: string): void {
    try {
      this.#channel.postMessage(data);
    } catch (error) {
      log.warn("Bus message not sent", { bus: "broadcast_channel", error: String(error) });
    }
  }

  subscribe(handlers: BusHandlers): void {
    this.#channel.onmessage = (event: MessageEvent) => {
      const message = parseBusMessage(event.data);
      if (message) handlers.message(message);
      else log.warn("Ignored a malformed bus message", { bus: "broadcast_channel" });
    };
  }

  close(): Promise<void> {
    this.#channel.onmessage = null;
    this.#channel.close();
    return Promise.resolve();
  }
}
