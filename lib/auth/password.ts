/**
 * Password hashing with scrypt (`node:crypto`), N=2^17, r=8, p=1, a 16-byte
 * salt and the parameters stored beside the hash:
 * `scrypt$<log2 N>$<r>$<p>$<salt base64url>$<hash base64url>`.
 * At most two hashes run at once (each needs 128 MiB at the default cost).
 */
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { Buffer } from "node:buffer";

/** Shortest accepted password. */
export const PASSWORD_MIN = 8;
/** Longest accepted password. */
export const PASSWORD_MAX = 256;

const DEFAULT_LOG_N = 17;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const MAX_CONCURRENT_HASHES = 2;
const STORED = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d)\$([\w-]{16,64})\$([\w-]{16,128})$/;

let logN = DEFAULT_LOG_N;
/** Salt of the stand-in hash for unknown emails; fixed per process, never stored. */
const DUMMY_SALT = randomBytes(SALT_BYTES);

/**
 * Lowers (or restores) the scrypt cost of new hashes, for tests only.
 * Production always uses the default, N = 2^17.
 * @param log2N log2 of N, 10..20; `undefined` restores the default.
 */
export function setPasswordCostForTesting(log2N: number | undefined): void {
  if (log2N !== undefined && (!Number.isInteger(log2N) || log2N < 10 || log2N > 20)) {
    throw new RangeError(`Cannot use scrypt cost 2^${log2N}: expected 10..20`);
  }
  logN = log2N ?? DEFAULT_LOG_N;
}

/** Hashes a password with a fresh salt at the current cost. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, logN, BLOCK_SIZE, PARALLELISM);
  return ["scrypt", logN, BLOCK_SIZE, PARALLELISM, b64(salt), b64(key)].join("$");
}

/**
 * Checks a password against a stored hash in constant time, using the
 * parameters stored with it. A malformed stored hash never matches.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = STORED.exec(stored);
  if (!match) return false;
  const [cost, blockSize, parallelism] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (cost < 10 || cost > 20 || blockSize < 1 || blockSize > 16 || parallelism < 1) return false;
  const expected = Buffer.from(match[5], "base64url");
  const actual = await derive(
    password,
    Buffer.from(match[4], "base64url"),
    cost,
    blockSize,
    parallelism,
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Spends the same time as {@linkcode verifyPassword} against a hash made at
 * the current cost (one key derivation, from the first call on), and fails:
 * used when the email is unknown so both answers look alike.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  await derive(password, DUMMY_SALT, logN, BLOCK_SIZE, PARALLELISM);
  return false;
}

function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64url");
}

async function derive(
  password: string,
  salt: Uint8Array,
  cost: number,
  blockSize: number,
  parallelism: number,
): Promise<Buffer> {
  const N = 2 ** cost;
  const options = { N, r: blockSize, p: parallelism, maxmem: 256 * N * blockSize };
  return await hashSlots.run(() =>
    new Promise<Buffer>((resolve, reject) =>
      scrypt(password.normalize("NFC"), salt, KEY_BYTES, options, (error, key) => {
        if (error) reject(error);
        else resolve(key);
      })
    )
  );
}

/** A counting semaphore: at most `size` tasks run at once, the rest wait in order. */
class Semaphore {
  #free: number;
  #waiting: (() => void)[] = [];

  constructor(size: number) {
    this.#free = size;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    }
  }
}

const hashSlots = new Semaphore(MAX_CONCURRENT_HASHES);
