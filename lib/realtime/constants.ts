/** Close codes of the wire contract (protocol.md, "Close codes and limits"). */
export const CLOSE = {
  NORMAL: 1000,
  GOING_AWAY: 1001,
  TOO_BIG: 1009,
  SERVER_ERROR: 1011,
  TRY_AGAIN_LATER: 1013,
  UNAUTHENTICATED: 4401,
  FORBIDDEN: 4403,
  TOO_MANY: 4429,
} as const;

/** A close code the server uses. */
export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];

/** WebSocket `readyState` values (the DOM constants, without needing a socket). */
export const READY_STATE = { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 } as const;

/** Name of the BroadcastChannel and of the Redis pub/sub channel the instances share. */
export const BUS_CHANNEL = "taskstream:realtime";

/** Stop writing to a socket once the runtime holds this many unsent bytes for it. */
export const SOCKET_LOW_WATER_BYTES = 64 * 1024;

/** Largest array frame the hub builds when batching. */
export const MAX_BATCH_FRAME_BYTES = 64 * 1024;

/** Most events packed into one array frame. */
export const MAX_BATCH_EVENTS = 256;

/** Time the hub spends flushing connections before it yields to the event loop. */
export const FLUSH_SLICE_MS = 2;

/** Retry delay for a socket that could write nothing (its reader is stuck or slow). */
export const BLOCKED_RETRY_MS = 10;

/** Global cap on the bytes all replay buffers of an instance may hold. */
export const REPLAY_GLOBAL_MAX_BYTES = 64 * 1024 * 1024;

/** How often the hub closes sockets whose token expired (one sweep for all of them). */
export const EXPIRY_SWEEP_MS = 250;

/** Retry delay for a socket that wrote part of its queue before the runtime fell behind. */
export const DRAINING_RETRY_MS = 1;

/** Largest coalesced `events` bus message (one event larger than this travels alone). */
export const BUS_MESSAGE_MAX_BYTES = 64 * 1024;
