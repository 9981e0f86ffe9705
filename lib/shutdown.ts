/**
 * Graceful shutdown of the process, in stages. On SIGINT/SIGTERM:
 * 1. new work is refused ({@linkcode isShuttingDown}) and the `runs` hooks
 *    end runs in flight, whose last events still reach the open sockets;
 * 2. the `connections` hooks close the sockets with 1001;
 * 3. the server stops accepting connections (the signal returned by
 *    {@linkcode handleShutdownSignals} aborts and `start()` closes the
 *    listener) and writes the responses still in flight, such as the 503 of
 *    a chat request whose run was ended in step 1;
 * 4. the `storage` hooks run and the process exits.
 * The listener cannot close before step 3: Deno closes every upgraded
 * WebSocket at that moment, which would cut the runs' last events.
 * Whatever still hangs is cut by a forced exit, so the process is gone
 * within {@linkcode EXIT_DEADLINE_MS}.
 */
import { describeError, log } from "./log.ts";

type ShutdownHook = () => void | Promise<void>;

/** The stages, in the order they run. */
export const SHUTDOWN_STAGES = ["runs", "connections", "storage"] as const;

/** One stage of the shutdown. */
export type ShutdownStage = typeof SHUTDOWN_STAGES[number];

/** From the signal to a forced exit; under the 4 s the environment contract allows. */
export const EXIT_DEADLINE_MS = 3500;

/** The stages that run before the server stops; `storage` waits for it to drain. */
const SIGNAL_STAGES: readonly ShutdownStage[] = ["runs", "connections"];
const STOP_SIGNALS = ["SIGINT", "SIGTERM"] as const;
/** A stop signal this soon after the first is the same stop delivered twice. */
const DUPLICATE_SIGNAL_MS = 500;

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
 * Runs the hooks of `stages` stage by stage (the hooks of one stage at once)
 * and waits for them, at most `deadlineMs` in all. Hooks that fail are
 * logged; the rest still run. Marks the process as shutting down.
 */
export async function runShutdownStages(
  stages: readonly ShutdownStage[],
  deadlineMs: number,
): Promise<void> {
  shuttingDown = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<void>((resolve) => timer = setTimeout(resolve, deadlineMs));
  const run = (async () => {
    for (const stage of stages) await Promise.all(hooks.get(stage)!.map(runHook));
  })();
  await Promise.race([run, deadline]);
  clearTimeout(timer);
}

/** What `main.ts` holds while the server runs; see {@linkcode handleShutdownSignals}. */
export interface ShutdownHandle {
  /** Aborts once the signal stages are done: pass it to `start()` as `server.signal`. */
  readonly signal: AbortSignal;
  /**
   * Call once `start()` has resolved (the server has drained): waits for the
   * signal stages, runs the `storage` stage, and exits the process.
   */
  exit(): Promise<never>;
}

/**
 * Listens for SIGINT/SIGTERM and drives the shutdown described at the top
 * of this module. A second signal exits at once.
 */
export function handleShutdownSignals(exitDeadlineMs: number = EXIT_DEADLINE_MS): ShutdownHandle {
  const controller = new AbortController();
  let stoppedAt = performance.now();
  let signalStages: Promise<void> = Promise.resolve();
  const remaining = () => Math.max(0, exitDeadlineMs - (performance.now() - stoppedAt));
  let stopping = false;
  const stop = () => {
    if (stopping) {
      // `deno task` forwards a terminal's Ctrl-C that the child also received:
      // the same stop arrives twice within milliseconds. Only a later one means "now".
      if (performance.now() - stoppedAt < DUPLICATE_SIGNAL_MS) return;
      log.warn("Second stop signal: exiting now");
      Deno.exit(1);
    }
    stopping = true;
    log.info("Shutting down");
    stoppedAt = performance.now();
    signalStages = runShutdownStages(SIGNAL_STAGES, exitDeadlineMs / 2)
      .then(() => controller.abort());
    Deno.unrefTimer(setTimeout(() => {
      log.warn("Shutdown deadline reached: exiting with work still open", {
        deadline_ms: exitDeadlineMs,
      });
      Deno.exit(0);
    }, exitDeadlineMs));
  };
  for (const name of STOP_SIGNALS) Deno.addSignalListener(name, stop);
  return {
    signal: controller.signal,
    async exit() {
      await signalStages;
      await runShutdownStages(["storage"], remaining());
      Deno.exit(0);
    },
  };
}
