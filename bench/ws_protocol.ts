import type { ProfileLine } from "./ws_profile.ts";

/** What the realtime benchmark's processes tell each other (`ws_load.ts`, `ws_server.ts`, `ws_client.ts`). */

/** Options of `ws_server.ts` (its one argument, as JSON). */
export interface ServerOptions {
  mode: "bare" | "hub";
  batching: boolean;
  /** The hub publishes on and listens to this Redis. */
  redisUrl?: string;
  /** Close a socket with 1013 over this many waiting bytes. @default 64 MiB (no 1013 in fan-out runs) */
  maxBufferedBytes?: number;
}

/** `GET /stats` of `ws_server.ts`. */
export interface ServerStats {
  cpuMs: number;
  rss: number;
  heap: number;
  replayBytes: number;
  /** The most bytes waiting for one socket (hub mode). */
  maxPendingBytes: number;
  connections: number;
}

/** Options of `ws_client.ts` (its one argument, as JSON). */
export interface ClientOptions {
  port: number;
  /** One socket per entry (repeat a user id for several tabs). */
  users: string[];
  /** Keep the latency of every n-th event. @default 8 */
  sampleEvery?: number;
  /** Take a CPU profile of this process from `start` to `finish`, written to this path. */
  profilePath?: string;
}

/** Latency and count of the events one group of users received (grouped by the user id's first letter). */
export interface GroupResult {
  received: number;
  p50: number;
  p99: number;
}

/** What `ws_client.ts` prints for `finish`. */
export interface ClientResult {
  received: number;
  /** Wall-clock ms when the last event arrived. */
  lastAt: number;
  clientCpuMs: number;
  /** Frames (messages) that carried the events: events ÷ frames is the mean batch size. */
  frames: number;
  /** Frames by the number of events they carried: `[1, 2–4, 5–16, 17–64, 65+]`. */
  frameSizes: number[];
  groups: Record<string, GroupResult>;
  /** Self-time summary of the client's CPU profile (with `profilePath`). */
  profile?: ProfileLine[];
}
