/**
 * Sortable identifiers (ULID layout: 48-bit time, 80 random bits, Crockford
 * base32). Ids made in one process are strictly increasing, even within one
 * millisecond, so message and conversation keys list in creation order.
 */
import { z } from "zod";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const TIME_LENGTH = 10;
const RANDOM_LENGTH = 16;

let lastTime = -1;
let lastRandom: number[] = [];

function randomDigits(): number[] {
  const bytes = crypto.getRandomValues(new Uint8Array(RANDOM_LENGTH));
  return Array.from(bytes, (byte) => byte & 31);
}

/** Increments base32 digits in place; false when they overflow. */
function increment(digits: number[]): boolean {
  for (let i = digits.length - 1; i >= 0; i--) {
    if (digits[i] < 31) {
      digits[i]++;
      return true;
    }
    digits[i] = 0;
  }
  return false;
}

function encodeTime(time: number): string {
  let out = "";
  for (let i = 0; i < TIME_LENGTH; i++) {
    out = ALPHABET[time % 32] + out;
    time = Math.floor(time / 32);
  }
  return out;
}

/** A new ULID; monotonic within this process. */
export function ulid(now: number = Date.now()): string {
  let time = Math.max(now, lastTime);
  if (time === lastTime) {
    if (!increment(lastRandom)) {
      time++;
      lastRandom = randomDigits();
    }
  } else {
    lastRandom = randomDigits();
  }
  lastTime = time;
  return encodeTime(time) + lastRandom.map((digit) => ALPHABET[digit]).join("");
}

/** The creation time encoded in a ULID, in milliseconds since the epoch. */
export function ulidTime(id: string): number {
  let time = 0;
  for (const char of id.slice(0, TIME_LENGTH)) time = time * 32 + ALPHABET.indexOf(char);
  return time;
}

/** An id made by {@linkcode ulid}: 26 Crockford base32 characters. */
export const Ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, "expected an id of 26 characters");

/** True when `value` looks like an id made by {@linkcode ulid}. */
export function isUlid(value: unknown): value is string {
  return Ulid.safeParse(value).success;
}
