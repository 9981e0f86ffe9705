/**
 * Benchmark server (127.0.0.1 only). `deno run -A bench/ws_server.ts MODE BATCHING`
 * MODE: `bare` (a plain Deno.upgradeWebSocket loop: the baseline) or `hub`
 * (the real handler and hub, with a stand-in for authentication).
 * Prints `READY <port>`; exits after `POST /quit` or 5 minutes.
 */
import process from "node:process";
import { parseConfig } from "../lib/config.ts";
import { Hub } from "../lib/realtime/hub.ts";
import { handleChatSocket } from "../lib/realtime/socket_handler.ts";
import type { Session } from "../lib/state.ts";

const [mode = "hub", batching = "on"] = Deno.args;
const config = {
  ...parseConfig({}),
  WS_MAX_SOCKETS_PER_USER: 100,
  WS_MAX_BUFFERED_BYTES: 64 * 1024 * 1024,
  LOG_LEVEL: "error" as const,
};
const hub = new Hub({
  maxSocketsPerUser: 100,
  connection: { batching: batching === "on", maxBufferedBytes: config.WS_MAX_BUFFERED_BYTES },
});
const bare = new Map<string, WebSocket[]>();

/** A ~200-byte event whose delta carries its send time (ms, fractional). */
function body(runId: string) {
  const stamp = `t=${(performance.timeOrigin + performance.now()).toFixed(3)};`;
  return { event_type: "message_delta" as const, run_id: runId, delta: stamp.padEnd(90, "x") };
}

let counter = 0;
function send(userId: string): void {
  if (mode === "hub") {
    hub.publish(userId, body("run-1"));
    return;
  }
  // The baseline does what a bare server does: stamp, serialise, send to each socket.
  const json = JSON.stringify({
    ...body("run-1"),
    id: String(++counter).padStart(30, "0"),
    ts: new Date().toISOString(),
  });
  for (const socket of bare.get(userId) ?? []) socket.send(json);
}

const users =
  () => (mode === "hub" ? [...Array(2000).keys()].map((i) => `u${i}`) : [...bare.keys()]);
const CHUNK = 20;
const yieldNow = () => new Promise((resolve) => setTimeout(resolve, 0));

async function burst(events: number): Promise<number> {
  const started = performance.now();
  const targets = mode === "hub" ? users().filter((u) => hub.socketCount(u) > 0) : users();
  // A producer that runs ahead of the sockets: CHUNK events per user, then a yield.
  for (let sent = 0; sent < events; sent += CHUNK) {
    for (const user of targets) {
      for (let i = 0; i < Math.min(CHUNK, events - sent); i++) send(user);
    }
    await yieldNow();
  }
  return performance.now() - started;
}

async function steady(rate: number, seconds: number): Promise<void> {
  const targets = mode === "hub" ? users().filter((u) => hub.socketCount(u) > 0) : users();
  const tickMs = 5;
  const perTick = (rate * tickMs) / 1000;
  const end = performance.now() + seconds * 1000;
  let owed = 0;
  let next = 0;
  while (performance.now() < end) {
    owed += perTick;
    for (; owed >= 1; owed--) send(targets[next++ % targets.length]);
    await new Promise((resolve) => setTimeout(resolve, tickMs));
  }
}

function authenticate(req: Request): Promise<Session | null> {
  const user = new URL(req.url).searchParams.get("token") ?? "";
  return Promise.resolve({
    user: { id: user, email: `${user}@bench.test`, name: user },
    jti: "bench",
    expiresAt: Date.now() + 3_600_000,
  });
}

const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
  const url = new URL(req.url);
  const ws = url.pathname.match(/^\/ws\/([^/]+)\/chat$/);
  if (ws && mode === "bare") {
    const { socket, response } = Deno.upgradeWebSocket(req, { idleTimeout: 30 });
    const list = bare.get(ws[1]) ?? [];
    list.push(socket);
    bare.set(ws[1], list);
    socket.onopen = () => socket.send(JSON.stringify({ event_type: "connection_established" }));
    socket.onclose = () => list.splice(list.indexOf(socket), 1);
    return response;
  }
  if (ws) {
    return handleChatSocket(req, ws[1], {
      authenticate,
      chat: {
        sendChatMessage: () => Promise.resolve({}),
        cancelRun: () => Promise.resolve(false),
      },
      hub: () => hub,
      config: () => config,
    });
  }
  if (url.pathname === "/burst") {
    return Response.json({ ms: await burst(Number(url.searchParams.get("events") ?? 100)) });
  }
  if (url.pathname === "/steady") {
    await steady(Number(url.searchParams.get("rate")), Number(url.searchParams.get("seconds")));
    return Response.json({ ok: true });
  }
  if (url.pathname === "/stats") {
    const cpu = process.cpuUsage();
    (globalThis as { gc?: () => void }).gc?.();
    return Response.json({
      cpuMs: (cpu.user + cpu.system) / 1000,
      rss: Deno.memoryUsage().rss,
      heap: Deno.memoryUsage().heapUsed,
    });
  }
  if (url.pathname === "/quit") {
    setTimeout(() => Deno.exit(0), 10);
    return Response.json({ ok: true });
  }
  return new Response("not found", { status: 404 });
});
setTimeout(() => Deno.exit(0), 300_000);
console.log(`READY ${server.addr.port}`);
