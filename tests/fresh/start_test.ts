/**
 * `start()` as a process: PORT=0 and the printed address; graceful SIGTERM
 * (new connections refused at once, in-flight responses still written, exit
 * within 4 s), alone and with the app's staged shutdown hooks.
 */
import assert from "node:assert/strict";
import { listeningLine } from "../../lib/fresh/src/start.ts";

const ADDRESS = /Listening on http:\/\/([^\s/]+)\//;
/** The environment contract: gone within 4 s of SIGTERM. */
const EXIT_BUDGET_MS = 4000;

interface Child {
  origin: string;
  port: number;
  /** Resolves once the process has printed `text`. */
  printed(text: string): Promise<void>;
  output(): string;
  status: Promise<Deno.CommandStatus>;
  kill(signal: Deno.Signal): void;
}

async function spawn(entry: string): Promise<Child> {
  const process = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL(entry, import.meta.url).pathname],
    env: { PORT: "0", HOSTNAME: "127.0.0.1", NO_COLOR: "1", LOG_LEVEL: "warn" },
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  let text = "";
  const waiters: { text: string; resolve: () => void }[] = [];
  const pump = (async () => {
    for await (const chunk of process.stdout.pipeThrough(new TextDecoderStream())) {
      text += chunk;
      for (const waiter of waiters) if (text.includes(waiter.text)) waiter.resolve();
    }
  })();
  const printed = (wanted: string) =>
    new Promise<void>((resolve, reject) => {
      if (text.includes(wanted)) return resolve();
      waiters.push({ text: wanted, resolve });
      pump.then(() => reject(new Error(`"${wanted}" never printed; output:\n${text}`)));
    });
  const status = process.status.then(async (status) => {
    await pump;
    return status;
  });
  await printed("Listening on");
  const host = text.match(ADDRESS)![1];
  return {
    origin: `http://${host}`,
    port: Number(host.split(":").at(-1)),
    printed,
    output: () => text,
    status,
    kill: (signal) => process.kill(signal),
  };
}

async function connectionRefused(port: number): Promise<boolean> {
  try {
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    conn.close();
    return false;
  } catch (error) {
    if (error instanceof Deno.errors.ConnectionRefused) return true;
    // A connect racing the listener's close can land in the backlog and be reset; ask again.
    if (error instanceof Deno.errors.ConnectionReset) return false;
    throw error;
  }
}

/** Polls until connections to `port` are refused; false when they are still accepted after `ms`. */
async function refusedWithin(port: number, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (!await connectionRefused(port)) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

async function stopAndTime(child: Child): Promise<[Deno.CommandStatus, number]> {
  const started = performance.now();
  child.kill("SIGTERM");
  const status = await child.status;
  return [status, performance.now() - started];
}

Deno.test("[fresh] start prints its address on PORT=0 and exits soon after SIGTERM", async () => {
  const child = await spawn("./fixture/main.ts");
  const home = await fetch(`${child.origin}/`);
  assert.equal(home.status, 200);
  await home.body?.cancel();
  const [status, elapsed] = await stopAndTime(child);
  assert.ok(elapsed < EXIT_BUDGET_MS, `exited after ${elapsed} ms`);
  assert.equal(status.success, true);
});

Deno.test("[fresh] on SIGTERM a slow request in flight gets its response and new connections are refused", async () => {
  const child = await spawn("./fixture/main.ts");
  const slow = fetch(`${child.origin}/slow?ms=800`);
  await child.printed("slow: in flight");
  const [[status, elapsed], refused, response] = await Promise.all([
    stopAndTime(child),
    refusedWithin(child.port, 300).then((refused) => [refused, performance.now()] as const),
    slow.then((response) => [response, performance.now()] as const),
  ]);
  assert.equal(refused[0], true, "a new connection after SIGTERM is refused");
  assert.ok(refused[1] < response[1], "refused while the slow request was still in flight");
  assert.equal(response[0].status, 200);
  assert.equal(await response[0].text(), "slow done after 800 ms");
  assert.ok(elapsed < EXIT_BUDGET_MS, `exited after ${elapsed} ms`);
  assert.equal(status.success, true);
});

Deno.test("[fresh] staged shutdown: runs end, sockets get 1001, the listener closes, the 503 is written, storage last", async () => {
  const child = await spawn("./fixture/staged_main.ts");
  const socket = new WebSocket(`ws://127.0.0.1:${child.port}/ws`);
  const closeCode = new Promise<number>((resolve) =>
    socket.onclose = (event) => resolve(event.code)
  );
  await child.printed("socket: open");
  const run = fetch(`${child.origin}/run`, { method: "POST" });
  await child.printed("run: in flight");
  const [[status, elapsed], refused, response, code] = await Promise.all([
    stopAndTime(child),
    child.printed("stage: connections").then(() => refusedWithin(child.port, 1000)),
    run,
    closeCode,
  ]);
  assert.equal(refused, true, "a new connection after SIGTERM is refused");
  assert.equal(response.status, 503);
  assert.equal((await response.json()).error.code, "ai_unavailable");
  assert.equal(code, 1001);
  assert.ok(elapsed < EXIT_BUDGET_MS, `exited after ${elapsed} ms`);
  assert.equal(status.code, 0);
  const steps = child.output().split("\n").filter((line) => /^(stage|run|server):/.test(line));
  assert.deepEqual(steps, [
    "run: in flight",
    "stage: runs",
    "run: ended",
    "stage: connections",
    "run: responding 503",
    "server: drained",
    "stage: storage",
  ]);
});

Deno.test("[fresh] the address line says which URL to open when listening on every interface", () => {
  const addr = (hostname: string): Deno.NetAddr => ({ transport: "tcp", hostname, port: 8000 });
  assert.equal(
    listeningLine(addr("0.0.0.0")),
    "Listening on http://0.0.0.0:8000/ (open http://localhost:8000/)",
  );
  assert.equal(
    listeningLine(addr("::")),
    "Listening on http://[::]:8000/ (open http://localhost:8000/)",
  );
  assert.equal(listeningLine(addr("127.0.0.1")), "Listening on http://127.0.0.1:8000/");
});
