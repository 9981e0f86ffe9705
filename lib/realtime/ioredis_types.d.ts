// The slice of ioredis's API the Redis bus uses. ioredis's own typings pull in
// @types/node, which would retype `setTimeout` for the whole project.

/** Options the bus passes to ioredis. */
export interface RedisOptions {
  lazyConnect?: boolean;
  maxRetriesPerRequest?: number | null;
  enableOfflineQueue?: boolean;
  autoResubscribe?: boolean;
  connectionName?: string;
  retryStrategy?: (attempt: number) => number | null;
}

/** An ioredis client. */
export class Redis {
  constructor(url: string, options?: RedisOptions);
  readonly status: string;
  on(event: "error", listener: (error: Error) => void): this;
  on(event: "ready" | "close" | "end", listener: () => void): this;
  on(event: "message", listener: (channel: string, message: string) => void): this;
  publish(channel: string, message: string): Promise<number>;
  subscribe(...channels: string[]): Promise<unknown>;
  quit(): Promise<string>;
  disconnect(): void;
}
