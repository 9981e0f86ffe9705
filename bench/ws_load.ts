/**
 * Realtime load benchmark: `deno run -A bench/ws_load.ts` (127.0.0.1 only,
 * bounded, stops by itself). Each scenario runs against the bare
 * Deno.upgradeWebSocket baseline and the hub (batching off / on), with the
 * server and the load generator in separate processes. Prints a markdown table.
 */

interface Running {
  port: number;
  stats(): Promise<{ cpuMs: number; rss: number; heap: number }>;
  stop(): Promise<void>;
}

const here = new URL(".", import.meta.url);

async function firstLine(stream: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  reader.releaseLock();
  return text.split("\n")[0];
}

async function startServer(mode: string, batching: string): Promise<Running> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--v8-flags=--expose-gc",
      new URL("ws_server.ts", here).pathname,
      mode,
      batching,
    ],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const line = await firstLine(child.stdout);
  const port = Number(line.split(" ")[1]);
  return {
    port,
    stats: () => fetch(`http://127.0.0.1:${port}/stats`).then((r) => r.json()),
    async stop() {
      await fetch(`http://127.0.0.1:${port}/quit`).then((r) => r.body?.cancel()).catch(() => {});
      await child.status;
    },
  };
}

async function runClient(options: Record<string, unknown>): Promise<Record<string, number>> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("ws_client.ts", here).pathname, JSON.stringify(options)],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const output = await child.output();
  const text = new TextDecoder().decode(output.stdout).trim().split("\n").at(-1)!;
  return JSON.parse(text);
}

const variants = [["bare", "off"], ["hub", "off"], ["hub", "on"]] as const;
const rows: string[] = [];

async function scenario(name: string, client: Record<string, unknown>) {
  for (const [mode, batching] of variants) {
    const server = await startServer(mode, batching);
    try {
      const before = await server.stats();
      const result = await runClient({ port: server.port, ...client });
      const after = await server.stats();
      rows.push(
        `| ${name} | ${mode}${mode === "hub" ? ` batching ${batching}` : ""} | ${
          result.eventsPerSec ?? "-"
        } | ${result.received}/${
          result.expected ?? result.received
        } | ${result.p50} | ${result.p99} | ${
          Math.round(after.cpuMs - before.cpuMs)
        } | ${result.clientCpuMs} |`,
      );
      console.error(rows.at(-1));
    } finally {
      await server.stop();
    }
  }
}

async function memory(sockets: number) {
  for (const mode of ["bare", "hub"]) {
    const server = await startServer(mode, "on");
    try {
      const before = await server.stats();
      const child = new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-A",
          new URL("ws_client.ts", here).pathname,
          JSON.stringify({
            port: server.port,
            users: sockets,
            tabs: 1,
            action: "idle",
            seconds: 30,
          }),
        ],
        stdout: "piped",
        stderr: "inherit",
      }).spawn();
      const opened = JSON.parse(await firstLine(child.stdout));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const after = await server.stats();
      child.kill("SIGKILL");
      await child.status;
      const perSocket = (after.rss - before.rss) / opened.sockets / 1024;
      const heapPerSocket = (after.heap - before.heap) / opened.sockets / 1024;
      rows.push(
        `| idle memory, ${opened.sockets} sockets | ${mode} | rss ${
          perSocket.toFixed(1)
        } KiB/socket | heap ${heapPerSocket.toFixed(1)} KiB/socket | | | | |`,
      );
      console.error(rows.at(-1));
    } finally {
      await server.stop();
    }
  }
}

await scenario("fan-out 100×3, 200 events each", {
  users: 100,
  tabs: 3,
  action: "burst",
  events: 200,
});
await scenario("fan-out 1000×1, 100 events each", {
  users: 1000,
  tabs: 1,
  action: "burst",
  events: 100,
});
await scenario("steady 300 sockets, 5,000 events/s for 3 s", {
  users: 300,
  tabs: 1,
  action: "steady",
  rate: 5000,
  seconds: 3,
});
await memory(5000);

console.log(
  "| scenario | server | events/s | delivered | p50 ms | p99 ms | server CPU ms | client CPU ms |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const row of rows) console.log(row);
