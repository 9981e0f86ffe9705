/**
 * Load generator (a separate process; reads frames lean: a regex scan for the
 * send stamps, no JSON parsing). `deno run -A bench/ws_client.ts JSON_OPTIONS`
 * Options: { port, users, tabs, action: "burst"|"steady"|"idle", events?, rate?, seconds? }.
 * Prints one JSON line with the results.
 */
import process from "node:process";

interface Options {
  port: number;
  users: number;
  tabs: number;
  action: "burst" | "steady" | "idle";
  events?: number;
  rate?: number;
  seconds?: number;
}

const options: Options = JSON.parse(Deno.args[0]);
const base = `127.0.0.1:${options.port}`;
const STAMP = /t=(\d+\.\d+);/g;
const latencies: number[] = [];
let received = 0;
let established = 0;
const sockets: WebSocket[] = [];

function open(user: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://${base}/ws/${user}/chat?token=${user}`);
    sockets.push(socket);
    let first = true;
    socket.onmessage = (message) => {
      const text = message.data as string;
      if (first) {
        first = false;
        established++;
        resolve();
        return;
      }
      const now = performance.timeOrigin + performance.now();
      STAMP.lastIndex = 0;
      for (let match = STAMP.exec(text); match; match = STAMP.exec(text)) {
        received++;
        if ((received & 7) === 0) latencies.push(now - Number(match[1]));
      }
    };
    socket.onerror = () => reject(new Error(`socket for ${user} failed`));
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : NaN;

// Open in waves so the accept queue is not overrun.
const all: string[] = [];
for (let u = 0; u < options.users; u++) for (let t = 0; t < options.tabs; t++) all.push(`u${u}`);
for (let i = 0; i < all.length; i += 200) await Promise.all(all.slice(i, i + 200).map(open));

const cpuBefore = process.cpuUsage();
const started = performance.now();
let result: Record<string, unknown> = { sockets: established };
if (options.action === "burst") {
  const expected = all.length * options.events!;
  await fetch(`http://${base}/burst?events=${options.events}`).then((r) => r.body?.cancel());
  const deadline = performance.now() + 60_000;
  while (received < expected && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const seconds = (performance.now() - started) / 1000;
  result = { ...result, expected, received, eventsPerSec: Math.round(received / seconds) };
} else if (options.action === "steady") {
  await fetch(`http://${base}/steady?rate=${options.rate}&seconds=${options.seconds}`)
    .then((r) => r.body?.cancel());
  await new Promise((resolve) => setTimeout(resolve, 200));
  result = { ...result, received };
} else {
  console.log(JSON.stringify({ sockets: established }));
  await new Promise((resolve) => setTimeout(resolve, (options.seconds ?? 5) * 1000));
  Deno.exit(0);
}
const cpu = process.cpuUsage(cpuBefore);
latencies.sort((a, b) => a - b);
console.log(JSON.stringify({
  ...result,
  p50: Number(percentile(latencies, 0.5).toFixed(2)),
  p99: Number(percentile(latencies, 0.99).toFixed(2)),
  clientCpuMs: Math.round((cpu.user + cpu.system) / 1000),
}));
for (const socket of sockets) socket.close();
Deno.exit(0);
