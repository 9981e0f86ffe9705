import { getConfig } from "../config.ts";
import { log } from "../log.ts";
import { onShutdown } from "../shutdown.ts";
import type { Bus, ControlMessage } from "./bus.ts";
import { BroadcastChannelBus } from "./bus_broadcast_channel.ts";
import { RedisBus } from "./bus_redis.ts";
import { Hub } from "./hub.ts";

let hub: Hub | undefined;

type ControlListener = (message: ControlMessage) => void;
/** Listeners of control messages, kept across hubs so a recreated hub still reaches them. */
const controlListeners = new Set<ControlListener>();

/**
 * Calls `listener` for every control message the process's hub receives, from
 * this or another instance, whichever hub instance is current.
 */
export function onHubControl(listener: ControlListener): () => void {
  controlListeners.add(listener);
  return () => controlListeners.delete(listener);
}

/**
 * The process's hub, created on first use from the configuration: the Redis
 * bus when `REDIS_URL` is set, else a BroadcastChannel. Closed on shutdown.
 */
export function getHub(): Hub {
  if (hub) return hub;
  const config = getConfig();
  const created = new Hub({
    bus: createBus(config.REDIS_URL),
    maxSocketsPerUser: config.WS_MAX_SOCKETS_PER_USER,
    replay: { maxEvents: config.REPLAY_MAX_EVENTS, maxAgeSeconds: config.REPLAY_MAX_AGE_SECONDS },
    connection: { maxBufferedBytes: config.WS_MAX_BUFFERED_BYTES, batching: true },
  });
  hub = created;
  created.onControl((message) => {
    for (const listener of controlListeners) listener(message);
  });
  onShutdown(async () => {
    if (hub === created) await closeHub();
  });
  return created;
}

/** Closes the process's hub (sockets get 1001); the next `getHub()` makes a new one. */
export async function closeHub(): Promise<void> {
  const closing = hub;
  hub = undefined;
  await closing?.close();
}

function createBus(redisUrl: string | undefined): Bus {
  if (!redisUrl) return new BroadcastChannelBus();
  log.info("Realtime bus: Redis pub/sub");
  return new RedisBus(redisUrl);
}
