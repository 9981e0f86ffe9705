// @ts-types="./ioredis_types.d.ts"
import { Redis } from "ioredis";
import { type Bus, type BusHandlers, parseBusMessage } from "./bus.ts";
import { BUS_CHANNEL } from "./constants.ts";
import { log } from "../log.ts";

/** Options for {@linkcode RedisBus}. */
export interface RedisBusOptions {
  /** Pub/sub channel. @default BUS_CHANNEL */
  channel?: string;
  /** Longest wait between reconnection attempts, in ms. @default 2000 */
  maxRetryDelayMs?: number;
}

/**
 * The bus over Redis pub/sub, for self-hosted instances: one connection
 * publishes, one subscribes. ioredis reconnects both and re-subscribes by
 * itself; every reconnection of the subscriber is reported as a gap, and the
 * publisher's return after it dropped messages as `unsent`.
 */
export class RedisBus implements Bus {
  #pub: Redis;
  #sub: Redis;
  #channel: string;
  #handlers?: BusHandlers;
  #closing = false;
  #wasReady = false;
  #target: string;
  /** Connections in an outage (said once, when it starts); messages dropped during it. */
  #down = new Set<"pub" | "sub">();
  #dropped = 0;

  constructor(url: string, options: RedisBusOptions = {}) {
    this.#channel = options.channel ?? BUS_CHANNEL;
    const maxDelay = options.maxRetryDelayMs ?? 2000;
    const common = {
      lazyConnect: false,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      // Subscribing again on every "ready" below is simpler to reason about.
      autoResubscribe: false,
      retryStrategy: (attempt: number) => Math.min(50 * 2 ** attempt, maxDelay),
    };
    this.#pub = new Redis(url, { ...common, connectionName: "taskstream-pub" });
    this.#sub = new Redis(url, { ...common, connectionName: "taskstream-sub" });
    const where = this.#target = safeTarget(url);
    // ioredis reports every failed reconnection attempt: an outage is logged when it starts and ends.
    for (const [role, client] of [["pub", this.#pub], ["sub", this.#sub]] as const) {
      client.on("error", (error: Error) => {
        if (this.#closing || this.#down.has(role)) return;
        this.#down.add(role);
        log.warn("Redis bus unreachable; reconnecting", {
          role,
          redis: where,
          error: error.message,
        });
      });
      client.on("ready", () => {
        // A quick reconnection may report no error, yet messages were dropped meanwhile.
        const wasDown = this.#down.delete(role);
        const dropped = role === "pub" ? this.#dropped : 0;
        if (role === "pub") this.#dropped = 0;
        if (wasDown || dropped) {
          log.info("Redis bus connected again", { role, redis: where, dropped });
        }
        if (dropped) this.#handlers?.unsent();
      });
    }
    this.#sub.on("ready", () => {
      if (this.#wasReady) {
        log.info("Redis bus reconnected", { redis: where });
        this.#handlers?.gap();
      }
      this.#wasReady = true;
      if (this.#handlers) this.#subscribeNow();
    });
    this.#sub.on("message", (_channel: string, raw: string) => {
      const message = parseBusMessage(raw);
      if (message) this.#handlers?.message(message);
      else log.warn("Ignored a malformed bus message", { bus: "redis" });
    });
  }

  publish(data: string): void {
    if (this.#pub.status !== "ready") {
      // Counted, and said once per outage: under load this would be a line per message.
      if (this.#dropped++ === 0) {
        log.warn("Bus messages dropped until Redis is back", { redis: this.#target });
      }
      return;
    }
    this.#pub.publish(this.#channel, data).catch((error: Error) => {
      // Lost with a connection going down: announced as unsent once it is back.
      this.#dropped++;
      log.warn("Bus message not sent", { bus: "redis", error: error.message });
    });
  }

  subscribe(handlers: BusHandlers): void {
    this.#handlers = handlers;
    if (this.#sub.status === "ready") this.#subscribeNow();
  }

  #subscribeNow(): void {
    this.#sub.subscribe(this.#channel).catch((error: Error) => {
      log.warn("Redis subscribe failed; retried on reconnect", { error: error.message });
    });
  }

  /** Resolves once both connections are ready (tests and start-up). */
  async ready(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.#pub.status !== "ready" || this.#sub.status !== "ready") {
      if (Date.now() > deadline) {
        throw new Error(
          `Redis at "${this.#target}" not ready within ${timeoutMs} ms: is it running, and is REDIS_URL right?`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close(): Promise<void> {
    this.#closing = true;
    this.#handlers = undefined;
    await Promise.allSettled([this.#pub.quit(), this.#sub.quit()]);
    this.#pub.disconnect();
    this.#sub.disconnect();
  }
}

/** Host and port only: a Redis URL may carry a password. */
function safeTarget(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "redis";
  }
}
