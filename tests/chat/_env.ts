/**
 * The assistant tests' name for the shared harness: `withEnv` is
 * {@linkcode withTestEnv} of `tests/helpers/test_app.ts` (one implementation).
 * New tests import from `tests/helpers/test_app.ts` directly.
 */
export {
  type TestEnv,
  type TestEnvOptions as EnvOptions,
  withTestEnv as withEnv,
} from "../helpers/test_app.ts";
