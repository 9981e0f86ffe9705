import { describeError, log } from "./log.ts";

type ShutdownHook = () => void | Promise<void>;

const hooks: ShutdownHook[] = [];
let shuttingDown = false;

/** Registers work to do when the process is asked to stop (close sockets, end runs). */
export function onShutdown(hook: ShutdownHook): void {
  hooks.push(hook);
}

/** True once a shutdown has begun; new work should be refused. */
export function isShuttingDown(): boolean {
  return shuttingDown;
}

/**
 * Runs every registered hook at once and waits for them, at most `deadlineMs`.
 * Hooks that fail are logged; the rest still run.
 */
export async function runShutdownHooks(deadlineMs: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<void>((resolve) => timer = setTimeout(resolve, deadlineMs));
  const all = Promise.allSettled(hooks.map(async (hook) => {
    try {
      await hook();
    } catch (error) {
      log.error("Shutdown hook failed", describeError(error));
    }
  }));
  await Promise.race([all, deadline]);
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
