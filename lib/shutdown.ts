import { describeError, log } from "./log.ts";

type ShutdownHook = () => void | Promise<void>;

/**
 * Shutdown happens in stages, in this order: runs in flight end first (so their
 * `agent_error` still reaches the sockets), then connections close with 1001,
 * then storage closes.
 */
export const SHUTDOWN_STAGES = ["runs", "connections", "storage"] as const;

/** One stage of the shutdown. */
export type ShutdownStage = typeof SHUTDOWN_STAGES[number];

const hooks = new Map<ShutdownStage, ShutdownHook[]>(SHUTDOWN_STAGES.map((stage) => [stage, []]));
let shuttingDown = false;

/** Registers work to do when the process is asked to stop, in the given stage. */
export function onShutdown(hook: ShutdownHook, stage: ShutdownStage = "connections"): void {
  hooks.get(stage)!.push(hook);
}

/** True once a shutdown has begun; new work should be refused. */
export function isShuttingDown(): boolean {
  return shuttingDown;
}

async function runHook(hook: ShutdownHook): Promise<void> {
  try {
    await hook();
  } catch (error) {
    log.error("Shutdown hook failed", describeError(error));
  }
}

/**
 * Runs the hooks stage by stage (the hooks of one stage at once) and waits for
 * them, at most `deadlineMs` in all. Hooks that fail are logged; the rest still run.
 */
export async function runShutdownHooks(deadlineMs: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<void>((resolve) => timer = setTimeout(resolve, deadlineMs));
  const stages = (async () => {
    for (const stage of SHUTDOWN_STAGES) {
      await Promise.all(hooks.get(stage)!.map(runHook));
    }
  })();
  await Promise.race([stages, deadline]);
  clearTimeout(timer);
}

/**
 * Returns an `AbortSignal` that fires after SIGINT or SIGTERM once the shutdown
 * hooks have run (at most `deadlineMs`), for `start(manifest, { server: { signal } })`.
 */
export function shutdownSignal(deadlineMs = 2500): AbortSignal {
  const controller = new AbortController();
  const stop = async () => {
    log.info("Shutting down");
    await runShutdownHooks(deadlineMs);
    controller.abort();
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    Deno.addSignalListener(signal, stop);
  }
  return controller.signal;
}
