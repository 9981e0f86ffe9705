import type { AsyncRoute, FreshConfig } from "./types.ts";

/** Declares `fresh.config.ts` (identity; gives types). */
export function defineConfig(config: FreshConfig): FreshConfig {
  return config;
}

/** Declares an async route component (identity; gives types). */
export function defineRoute<S = Record<string, unknown>>(
  fn: AsyncRoute<void, S>,
): AsyncRoute<void, S> {
  return fn;
}

/** Declares an async `_layout` component (identity; gives types). */
export function defineLayout<S = Record<string, unknown>>(
  fn: AsyncRoute<void, S>,
): AsyncRoute<void, S> {
  return fn;
}

/** Declares an async `_app` component (identity; gives types). */
export function defineApp<S = Record<string, unknown>>(
  fn: AsyncRoute<void, S>,
): AsyncRoute<void, S> {
  return fn;
}
