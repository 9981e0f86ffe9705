/**
 * Realtime load benchmark: `deno run -A bench/ws_load.ts [fanout] [steady] [memory] [slow] [redis]
 * [--clients=N] [--runs=N] [--shapes=100x3,1000x1] [--events=N] [--profile=DIR]` (no scenario named: all of
 * them; 127.0.0.1 only, bounded, stops by itself, about two minutes with one run).
 * The server (`ws_server.ts`) and the load generators (`ws_client.ts`, N processes, default 2)
 * are separate processes; this one drives them and prints a markdown table. Fan-out and steady
 * runs compare the bare Deno.upgradeWebSocket baseline with the hub (batching off / on). Server
 * CPU is the server's own `process.cpuUsage()` over the measured phase only; client CPU is the
 * sum over the load generators.
 */
import { RawClient } from "../tests/realtime/raw_client.ts";
import { formatSummary, type ProfileLine } from "./ws_profile.ts";
import type {
  ClientOptions,
  ClientResult,
  GroupResult,
  ServerOptions,
  ServerStats,
} from "./ws_protocol.ts";

const here = new URL(".", import.meta.url);
const args = Deno.args.filter((arg) => !arg.startsWith("--"));
const clientProcesses = Number(
  Deno.args.find((arg) => arg.startsWith("--clients="))?.split("=")[1] ?? 2,
);
const wanted = (name: string) => args.length === 0 || args.includes(name);
/** `--profile=DIR`: a CPU profile of the server per fan-out run, written to DIR and summarised. */
const profileDir = Deno.args.find((arg) => arg.startsWith("--profile="))?.split("=")[1];
/** `--runs=N`: each fan-out variant N times (median reported). */
const fanOutRuns = Number(Deno.args.find((arg) => arg.startsWith("--runs="))?.split("=")[1] ?? 1);
/** `--shapes=1000x1,100x3`: which fan-out shapes (users × tabs) to run. @default both */
const fanOutShapes = Deno.args.find((arg) => arg.startsWith("--shapes="))?.split("=")[1]
  .split(",") ?? ["100x3", "1000x1"];
/** `--events=N`: events per user in each fan-out run (a multiple of 20). @default 1000 for 100×3, 300 for 1000×1 */
const fanOutEvents = Number(
  Deno.args.find((arg) => arg.startsWith("--events="))?.split("=")[1] ?? 0,
);
const wallNow = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rows: string[] = [];
/** Events per user the server's burst producer publishes per macrotask (`CHUNK` in ws_server.ts). */
const CHUNK_EVENTS = 20;

/** A child process spoken to in JSON lines. */
class LineProcess {
  readonly child: Deno.ChildProcess;
  #reader: ReadableStreamDefaultReader<string>;
  #writer: WritableStreamDefaultWriter<Uint8Array>;
  #buffer = "";

  constructor(script: string, argument: string, v8Flags: string[] = []) {
    this.child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", ...v8Flags, new URL(script, here).pathname, argument],
      stdin: "piped",
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    this.#reader = this.child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    this.#writer = this.child.stdin.getWriter();
  }

  async line(): Promise<string> {
    while (!this.#buffer.includes("\n")) {
      const { value, done } = await this.#reader.read();
      if (done) throw new Error("The benchmark process ended early");
      this.#buffer += value;
    }
    const end = this.#buffer.indexOf("\n");
    const line = this.#buffer.slice(0, end);
    this.#buffer = this.#buffer.slice(end + 1);
    return line;
  }

  async ask<T>(command: string): Promise<T> {
    await this.#writer.write(new TextEncoder().encode(`${command}\n`));
    return JSON.parse(await this.line());
  }

  async exit(): Promise<void> {
    await this.#writer.write(new TextEncoder().encode("exit\n")).catch(() => {});
    await this.#writer.close().catch(() => {});
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 5000);
    await this.child.status;
    clearTimeout(timer);
    await this.#reader.cancel().catch(() => {});
  }
}

interface Server {
  port: number;
  get<T>(path: string): Promise<T>;
  stats(gc?: boolean): Promise<ServerStats>;
  stop(): Promise<void>;
}

async function startServer(options: ServerOptions): Promise<Server> {
  const process = new LineProcess("ws_server.ts", JSON.stringify(options), [
    `--v8-flags=--expose-gc${Deno.env.get("WS_BENCH_V8_FLAGS") ?? ""}`,
  ]);
  const port = Number((await process.line()).split(" ")[1]);
  const get = <T>(path: string): Promise<T> =>
    fetch(`http://127.0.0.1:${port}${path}`).then((r) => r.json());
  return {
    port,
    get,
    stats: (gc = false) => get<ServerStats>(`/stats?gc=${gc ? 1 : 0}`),
    async stop() {
      await get("/quit").catch(() => {});
      await process.exit();
    },
  };
}

/** Opens `users` (one socket each) spread over `processes` load generators. */
async function startClients(
  port: number,
  users: string[],
  processes = clientProcesses,
  sampleEvery = 8,
  profilePrefix?: string,
): Promise<LineProcess[]> {
  const clients: LineProcess[] = [];
  for (let p = 0; p < processes; p++) {
    const share = users.filter((_, i) => i % processes === p);
    if (share.length === 0) continue;
    const profilePath = profilePrefix && `${profilePrefix}-client${p}.cpuprofile`;
    const options: ClientOptions = { port, users: share, sampleEvery, profilePath };
    clients.push(new LineProcess("ws_client.ts", JSON.stringify(options)));
  }
  await Promise.all(clients.map((client) => client.line()));
  return clients;
}

/**
 * Resets the clients, runs the producer, then waits until every client got
 * what `run` says it should (per client index) or `timeoutMs` passed.
 */
async function measure(
  clients: LineProcess[],
  run: () => Promise<(index: number) => number>,
  timeoutMs = 60_000,
): Promise<{ results: ClientResult[]; startedAt: number }> {
  await Promise.all(clients.map((client) => client.ask("start")));
  const startedAt = wallNow();
  const expected = await run();
  const results = await Promise.all(
    clients.map((client, i) => client.ask<ClientResult>(`finish ${expected(i)} ${timeoutMs}`)),
  );
  return { results, startedAt };
}

/** Events each client should get when `sent` events went round-robin to users u0…u(N-1), one socket each. */
function roundRobinShare(sent: number, users: number, clients: number): (index: number) => number {
  return (index) => {
    let total = 0;
    for (let j = index; j < users; j += clients) {
      total += Math.floor(sent / users) + (j < sent % users ? 1 : 0);
    }
    return total;
  };
}

function merge(results: ClientResult[], group?: string): GroupResult & { clientCpuMs: number } {
  // Percentiles of the merged samples are not recoverable; the worst client's are reported.
  const parts = results.map((r) => (group ? r.groups[group] : undefined) ?? mergeGroups(r));
  return {
    received: parts.reduce((sum, part) => sum + part.received, 0),
    p50: Math.max(...parts.map((part) => part.p50)),
    p99: Math.max(...parts.map((part) => part.p99)),
    clientCpuMs: results.reduce((sum, r) => sum + r.clientCpuMs, 0),
  };
}

function mergeGroups(result: ClientResult): GroupResult {
  const groups = Object.values(result.groups);
  return {
    received: groups.reduce((sum, group) => sum + group.received, 0),
    p50: Math.max(...groups.map((group) => group.p50)),
    p99: Math.max(...groups.map((group) => group.p99)),
  };
}

function row(cells: Array<string | number>): void {
  rows.push(`| ${cells.join(" | ")} |`);
  console.error(rows.at(-1));
}

const variants: ServerOptions[] = [
  { mode: "bare", batching: false },
  { mode: "hub", batching: false },
  { mode: "hub", batching: true },
];
const label = (options: ServerOptions) =>
  options.mode === "bare" ? "bare baseline" : `hub, batching ${options.batching ? "on" : "off"}`;
const usersOf = (count: number, tabs: number, prefix = "u") =>
  Array.from({ length: count * tabs }, (_, i) => `${prefix}${Math.floor(i / tabs)}`);

/** One measured fan-out run of one server variant. */
interface FanOutRun {
  eventsPerSecond: number;
  received: number;
  p50: number;
  p99: number;
  serverCpuMs: number;
  clientCpuMs: number;
}

async function fanOutOnce(
  options: ServerOptions,
  users: number,
  tabs: number,
  events: number,
): Promise<FanOutRun> {
  const server = await startServer(options);
  const sockets = usersOf(users, tabs);
  const name = `fanout-${users}x${tabs}-${label(options).replace(/\W+/g, "_")}`;
  const profilePrefix = profileDir && `${await Deno.realPath(profileDir)}/${name}`;
  const clients = await startClients(server.port, sockets, clientProcesses, 8, profilePrefix);
  try {
    const share = (i: number) => sockets.filter((_, s) => s % clients.length === i).length;
    // Warm up (JIT, heap sizing) with a fifth of the burst, unmeasured, as a running server would be.
    const warmUp = Math.max(CHUNK_EVENTS, Math.round(events / 5 / CHUNK_EVENTS) * CHUNK_EVENTS);
    await measure(clients, async () => {
      await server.get(`/burst?events=${warmUp}`);
      return (i) => share(i) * warmUp;
    });
    const before = await server.stats(true);
    if (profileDir) await server.get("/profile/start");
    const { results, startedAt } = await measure(clients, async () => {
      await server.get(`/burst?events=${events}`);
      return (i) => share(i) * events;
    });
    const after = await server.stats();
    if (profilePrefix) {
      const path = `${profilePrefix}.cpuprofile`;
      const { summary } = await server.get<{ summary: ProfileLine[] }>(
        `/profile/stop?path=${encodeURIComponent(path)}`,
      );
      console.error(`${name} (self time, heaviest first; ${path}):\n${formatSummary(summary)}`);
      for (const [i, result] of results.entries()) {
        console.error(`${name} client ${i}:\n${formatSummary(result.profile ?? [])}`);
      }
    }
    const total = merge(results);
    const frames = results.reduce((sum, r) => sum + r.frames, 0);
    const sizes = results.reduce(
      (sum, r) => sum.map((n, i) => n + r.frameSizes[i]),
      [0, 0, 0, 0, 0],
    );
    console.error(
      `${name}: ${(total.received / frames).toFixed(1)} events/frame; frames carrying ` +
        `1 / 2–4 / 5–16 / 17–64 / 65+ events: ${sizes.join(" / ")}`,
    );
    const seconds = (Math.max(...results.map((r) => r.lastAt)) - startedAt) / 1000;
    return {
      eventsPerSecond: Math.round(total.received / seconds),
      received: total.received,
      p50: total.p50,
      p99: total.p99,
      serverCpuMs: Math.round(after.cpuMs - before.cpuMs),
      clientCpuMs: total.clientCpuMs,
    };
  } finally {
    await Promise.all(clients.map((client) => client.exit()));
    await server.stop();
  }
}

/**
 * Fan-out: `--runs=N` times each variant, interleaved (bare, off, on, bare, …) so
 * background load hits them alike; the row is the run with the median events/s,
 * and a last row gives the median ratio of batching on to the baseline.
 */
async function fanOut(users: number, tabs: number, events: number): Promise<void> {
  const runs: FanOutRun[][] = variants.map(() => []);
  for (let r = 0; r < fanOutRuns; r++) {
    for (const [v, options] of variants.entries()) {
      runs[v].push(await fanOutOnce(options, users, tabs, events));
    }
  }
  const medianOf = (list: FanOutRun[]) =>
    [...list].sort((a, b) => a.eventsPerSecond - b.eventsPerSecond)[(list.length - 1) >> 1];
  for (const [v, options] of variants.entries()) {
    const run = medianOf(runs[v]);
    const all = runs[v].map((one) => one.eventsPerSecond.toLocaleString("en")).join(" / ");
    row([
      `fan-out ${users}×${tabs}, ${events} events each`,
      label(options),
      fanOutRuns > 1 ? `${run.eventsPerSecond.toLocaleString("en")} (runs: ${all})` : run
        .eventsPerSecond.toLocaleString("en"),
      `${run.received}/${users * tabs * events}`,
      run.p50,
      run.p99,
      run.serverCpuMs,
      run.clientCpuMs,
    ]);
  }
  const bare = variants.findIndex((options) => options.mode === "bare");
  const batched = variants.findIndex((options) => options.mode === "hub" && options.batching);
  const ratios = runs[batched].map((run, r) => run.eventsPerSecond / runs[bare][r].eventsPerSecond)
    .sort((a, b) => a - b);
  const cpuRatios = runs[batched].map((run, r) => runs[bare][r].serverCpuMs / run.serverCpuMs)
    .sort((a, b) => a - b);
  row([
    `fan-out ${users}×${tabs}: batching on ÷ bare, per run`,
    `median ${ratios[(ratios.length - 1) >> 1].toFixed(2)}×`,
    ratios.map((ratio) => `${ratio.toFixed(2)}×`).join(" / "),
    "",
    "",
    "",
    `bare ÷ hub: median ${cpuRatios[(cpuRatios.length - 1) >> 1].toFixed(2)}×`,
    "",
  ]);
}

async function steady(sockets: number, rate: number, seconds: number): Promise<void> {
  for (const options of variants) {
    const server = await startServer(options);
    const users = usersOf(sockets, 1);
    const clients = await startClients(server.port, users, clientProcesses, 1);
    try {
      // Warm up (JIT, heap sizing) at the same rate, unmeasured, as a running server would be.
      await server.get(`/steady?rate=${rate}&seconds=1`);
      await sleep(200);
      const before = await server.stats(true);
      let sent = 0;
      const { results } = await measure(clients, async () => {
        sent = (await server.get<{ sent: number }>(`/steady?rate=${rate}&seconds=${seconds}`)).sent;
        return roundRobinShare(sent, sockets, clients.length);
      }, 10_000);
      const after = await server.stats();
      const total = merge(results);
      row([
        `steady ${sockets} sockets, ${rate.toLocaleString("en")} events/s for ${seconds} s`,
        label(options),
        `${Math.round(sent / seconds).toLocaleString("en")} (sent)`,
        `${total.received}/${sent}`,
        total.p50,
        total.p99,
        Math.round(after.cpuMs - before.cpuMs),
        total.clientCpuMs,
      ]);
    } finally {
      await Promise.all(clients.map((client) => client.exit()));
      await server.stop();
    }
  }
}

async function memory(sockets: number, modes: ServerOptions[]): Promise<void> {
  for (const options of modes) {
    const server = await startServer(options);
    let clients: LineProcess[] = [];
    try {
      const before = await server.stats(true);
      clients = await startClients(server.port, usersOf(sockets, 1));
      await sleep(1000);
      const after = await server.stats(true);
      const perSocket = (after.rss - before.rss) / after.connections / 1024;
      const heapPerSocket = (after.heap - before.heap) / after.connections / 1024;
      row([
        `idle memory, ${sockets.toLocaleString("en")} sockets`,
        options.mode === "bare" ? "bare baseline" : "hub (authenticated)",
        `rss ${perSocket.toFixed(1)} KiB/socket`,
        `heap ${heapPerSocket.toFixed(1)} KiB/socket`,
        `${after.connections} held`,
        "",
        "",
        "",
      ]);
    } finally {
      await Promise.all(clients.map((client) => client.exit()));
      await server.stop();
    }
  }
}

/**
 * One tab of user s0 stops reading while s0 gets 50 MB (5,000 × 10 KiB, at 1,000
 * events/s); its two other tabs read, and 50 other users get a steady 1,000
 * events/s meanwhile.
 */
async function slowConsumer(): Promise<void> {
  const EVENTS = 5000;
  const BYTES = 10 * 1024;
  /**
   * 10 MB/s: far above any LLM stream; a reading tab has ~100 ms of slack
   * (1 MiB) for a pause of its own before it is "too slow".
   */
  const RATE = 1000;
  const server = await startServer({ mode: "hub", batching: true, maxBufferedBytes: 1024 * 1024 });
  const users = ["s0", "s0", ...usersOf(50, 1)];
  const clients = await startClients(server.port, users, 1, 1);
  const stuck = await RawClient.open(server.port, "/ws/s0/chat?token=s0");
  let resumer: WebSocket | undefined;
  try {
    while ((await server.stats()).connections < users.length + 1) await sleep(20);
    const { last: marker } = await server.get<{ last: string }>("/publish?user=s0&count=1");
    const before = await server.stats(true);
    let peakRss = before.rss;
    let peakReplay = 0;
    let peakPending = 0;
    let running = true;
    let steadySent = 0;
    const sampler = (async () => {
      while (running) {
        const stats = await server.stats();
        peakRss = Math.max(peakRss, stats.rss);
        peakReplay = Math.max(peakReplay, stats.replayBytes);
        peakPending = Math.max(peakPending, stats.maxPendingBytes);
        await sleep(50);
      }
    })();
    const { results } = await measure(clients, async () => {
      const [steady] = await Promise.all([
        server.get<{ sent: number }>("/steady?rate=1000&seconds=5&prefix=u"),
        server.get(`/publish?user=s0&count=${EVENTS}&bytes=${BYTES}&chunk=20&rate=${RATE}`),
      ]);
      steadySent = steady.sent;
      return () => 2 * EVENTS + steadySent;
    }, 30_000);
    const final = results[0];
    running = false;
    await sampler;
    const after = await server.stats();
    const closeCode = await stuck.readCloseCode(30_000);
    const fast = merge([final], "s");
    const others = merge([final], "u");
    row([
      "slow consumer: 50 MB to one user, one of its 3 tabs stuck",
      `stuck tab closed with ${closeCode}`,
      "its 2 other tabs",
      `${fast.received}/${2 * EVENTS}`,
      fast.p50,
      fast.p99,
      Math.round(after.cpuMs - before.cpuMs),
      final.clientCpuMs,
    ]);
    row([
      "slow consumer: 50 other users, 1,000 events/s meanwhile",
      "hub, batching on",
      "",
      `${others.received}/${steadySent}`,
      others.p50,
      others.p99,
      "",
      "",
    ]);
    row([
      "slow consumer: server memory",
      `rss ${(before.rss / 2 ** 20).toFixed(0)} → peak ${(peakRss / 2 ** 20).toFixed(0)} MiB`,
      `replay buffer peak ${(peakReplay / 2 ** 20).toFixed(1)} MiB`,
      `most waiting for one socket ${(peakPending / 2 ** 20).toFixed(2)} MiB`,
      "",
      "",
      "",
      "",
    ]);
    // The stuck tab comes back and resumes from the last event it had processed.
    const startedAt = performance.now();
    let replayed = 0;
    resumer = new WebSocket(`ws://127.0.0.1:${server.port}/ws/s0/chat?token=s0`);
    const socket = resumer;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("resume timed out")), 30_000);
      socket.onopen = () => socket.send(JSON.stringify({ type: "resume", last_event_id: marker }));
      socket.onmessage = (message) => {
        replayed += (String(message.data).match(/"event_type":"message_delta"/g) ?? []).length;
        if (replayed >= EVENTS) {
          clearTimeout(timer);
          resolve();
        }
      };
    });
    row([
      "slow consumer: the stuck tab reconnects and resumes",
      "hub, batching on",
      `${replayed}/${EVENTS} replayed in ${Math.round(performance.now() - startedAt)} ms`,
      "",
      "",
      "",
      "",
      "",
    ]);
  } finally {
    resumer?.close();
    stuck.close();
    await Promise.all(clients.map((client) => client.exit()));
    await server.stop();
  }
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  return port;
}

/** Events published on instance A reach sockets on instance B through a real redis-server. */
async function crossInstance(): Promise<void> {
  const REDIS = "/usr/bin/redis-server";
  if (!(await Deno.stat(REDIS).then(() => true, () => false))) {
    row([
      "cross-instance A → Redis → B",
      `skipped: ${REDIS} is not installed`,
      "",
      "",
      "",
      "",
      "",
      "",
    ]);
    return;
  }
  const redisPort = freePort();
  const redis = new Deno.Command(REDIS, {
    args: ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    stdout: "null",
    stderr: "null",
  }).spawn();
  const servers: Server[] = [];
  let clients: LineProcess[] = [];
  try {
    for (let i = 0; i < 50; i++) {
      const up = await Deno.connect({ hostname: "127.0.0.1", port: redisPort }).then(
        (conn) => (conn.close(), true),
        () => false,
      );
      if (up) break;
      await sleep(20);
    }
    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    const a = await startServer({ mode: "hub", batching: true, redisUrl });
    const b = await startServer({ mode: "hub", batching: true, redisUrl });
    servers.push(a, b);
    clients = await startClients(b.port, usersOf(100, 1), 1, 1);
    for (const [name, publisher] of [["local: published on B", b], ["A → Redis → B", a]] as const) {
      const before = await Promise.all([a.stats(), b.stats()]);
      let sent = 0;
      const { results } = await measure(clients, async () => {
        sent =
          (await publisher.get<{ sent: number }>("/steady?rate=1000&seconds=3&users=100")).sent;
        return () => sent;
      }, 10_000);
      const final = results[0];
      const after = await Promise.all([a.stats(), b.stats()]);
      const total = merge([final]);
      row([
        `cross-instance, 100 sockets on B, 1,000 events/s for 3 s`,
        name,
        "",
        `${total.received}/${sent}`,
        total.p50,
        total.p99,
        `A ${Math.round(after[0].cpuMs - before[0].cpuMs)}, B ${
          Math.round(after[1].cpuMs - before[1].cpuMs)
        }`,
        final.clientCpuMs,
      ]);
    }
  } finally {
    await Promise.all(clients.map((client) => client.exit()));
    await Promise.all(servers.map((server) => server.stop()));
    redis.kill("SIGTERM");
    await redis.status;
  }
}

if (wanted("fanout")) {
  if (fanOutShapes.includes("100x3")) await fanOut(100, 3, fanOutEvents || 1000);
  if (fanOutShapes.includes("1000x1")) await fanOut(1000, 1, fanOutEvents || 300);
}
if (wanted("steady")) await steady(300, 5000, 3);
if (wanted("memory")) {
  await memory(5000, [{ mode: "bare", batching: false }, { mode: "hub", batching: true }]);
  await memory(10_000, [{ mode: "hub", batching: true }]);
}
if (wanted("slow")) await slowConsumer();
if (wanted("redis")) await crossInstance();

console.log(
  `clients: ${clientProcesses} load-generator process(es); ${navigator.hardwareConcurrency} CPUs`,
);
console.log(
  "| scenario | server | events/s | delivered | p50 ms | p99 ms | server CPU ms | client CPU ms |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const line of rows) console.log(line);
