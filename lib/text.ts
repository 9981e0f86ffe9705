/**
 * Length in characters, as the contract means it: Unicode code points, so an
 * emoji is one character although JavaScript strings (and zod's `.min`/`.max`)
 * count it as two UTF-16 units. Safe in the browser (no server imports).
 */
import type { z } from "zod";

/**
 * The number of code points in `text`, without allocating: a surrogate pair
 * counts once, a lone surrogate counts as one.
 *
 * @example
 * charLength("👍👍"); // 2, while "👍👍".length is 4
 */
export function charLength(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

/**
 * A count with its noun: "1 task", "3 tasks".
 *
 * @example
 * plural(1, "task"); // "1 task"
 * plural(2, "match", "matches"); // "2 matches"
 */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Limits of {@linkcode limitChars}; each bound is optional. */
export interface CharLimits {
  /** Fewest characters. */
  min?: number;
  /** Most characters. */
  max?: number;
  /** Message when shorter than `min`. @default "must be at least {min} characters" */
  tooShort?: string;
  /** Message when longer than `max`. @default "must be at most {max} characters" */
  tooLong?: string;
}

/**
 * Adds character-count bounds (code points, see {@linkcode charLength}) to a
 * string schema, after its earlier steps (trim and the like). The bounds are
 * also written as `minLength`/`maxLength` metadata, so JSON schemas made with
 * `z.toJSONSchema` (the agent's tool parameters) still show them.
 *
 * @example
 * const Title = limitChars(z.string().trim(), { min: 1, max: 200 });
 */
export function limitChars<T extends z.ZodString>(schema: T, limits: CharLimits): T {
  const { min, max } = limits;
  let limited = schema;
  if (min !== undefined) {
    limited = limited.refine((value) => charLength(value) >= min, {
      error: limits.tooShort ?? `must be at least ${min} characters`,
    });
  }
  if (max !== undefined) {
    limited = limited.refine((value) => value.length <= max || charLength(value) <= max, {
      error: limits.tooLong ?? `must be at most ${max} characters`,
    });
  }
  return limited.meta({
    ...schema.meta(),
    ...(min === undefined ? {} : { minLength: min }),
    ...(max === undefined ? {} : { maxLength: max }),
  });
}
