/**
 * Retention of stored data (`RETENTION_DAYS`): every write of retained data
 * sets `expireIn: retentionMs()`, and every read hides items that
 * `isExpired`, because KV deletes expired keys lazily.
 */
import { getConfig } from "../config.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long retained data lives after its last write, in ms. */
export function retentionMs(): number {
  return getConfig().RETENTION_DAYS * DAY_MS;
}

/** True when an item last written at `writtenAt` (ISO time) is past retention. */
export function isExpired(writtenAt: string, now: number = Date.now()): boolean {
  const time = Date.parse(writtenAt);
  return !Number.isFinite(time) || now - time >= retentionMs();
}
