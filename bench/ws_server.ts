/**
 * Benchmark server (127.0.0.1 only), driven by `bench/ws_load.ts`.
 * `deno run -A bench/ws_server.ts '{"mode":"hub","batching":true}'`
 * mode `bare`: a plain Deno.upgradeWebSocket loop (the baseline); `hub`: the
 * real handler and hub with its bus as in production (a BroadcastChannel, or Redis
 * with `redisUrl`) and a stand-in for authentication. Prints `READY <port>`; exits after `/quit` or 5 minutes.
 *
 * Producer endpoints (events carry their send time as `t=<ms>;` for latency):
 * `/burst?events=N[&users=K]`, `/steady?rate=R&seconds=S[&users=K][&prefix=u]`,
 * `/publish?user=U&count=N&bytes=B&chunk=C&rate=R`; `/stats[?gc=1]` reports CPU,
 * memory and replay buffer bytes; `/profile/start` and `/profile/stop?path=P` take a
 * CPU profile of this process (written to P; the answer is its self-time summary).
 */
import process from "node:process";
import { parseConfig } from "../lib/config.ts";
import { Hub } from "../lib/realtime/hub.ts";
import { EventClock } from "../lib/realtime/event_ids.ts";
import { RedisBus } from "../lib/realtime/bus_redis.ts";
import { BroadcastChannelBus } from "../lib/realtime/bus_broadcast_channel.ts";
import { handleChatSocket } from "../lib/realtime/socket_handler.ts";
import type { Session } from "../lib/state.ts";
import type { ServerOptions } from "./ws_protocol.ts";
import { startProfile, stopProfile, summarizeProfile } from "./ws_profile.ts";

const options: ServerOptions = JSON.parse(Deno.args[0] ?? '{"mode":"hub","batching":true}');
const config = {
  ...parseConfig({}),
  WS_MAX_SOCKETS_PER_USER: 100,
  WS_MAX_BUFFERED_BYTES: options.maxBufferedBytes ?? 64 * 1024 * 1024,
  LOG_LEVEL: "error" as const,
};
// The hub's bus as in production (`getHub`): Redis when given, else a BroadcastChannel.
const redisBus = options.redisUrl ? new RedisBus(options.redisUrl) : undefined;
await redisBus?.ready();
const bus = redisBus ?? new BroadcastChannelBus();
const hub = new Hub({
  bus,
  maxSocketsPerUser: 100,
  connection: { batching: options.batching, maxBufferedBytes: config.WS_MAX_BUFFERED_BYTES },
});
const bare = new Map<string, WebSocket[]>();
const MAX_USERS = 10_000;

/**
 * A delta of about `bytes` bytes starting with its send time (ms, fractional), for latency.
 * A flat string, as a delta parsed from a model's stream is: `padEnd` or `+` would make a
 * rope, which every `JSON.stringify` of it then serialises about 40 % slower.
 */
function sendStamp(bytes = 200): string {
  const stamp = `t=${(performance.timeOrigin + performance.now()).toFixed(3)};`;
  return [stamp, "x".repeat(Math.max(0, bytes - 110 - stamp.length))].join("");
}

const bareClock = new EventClock();
let bareTsMs = -1;
let bareTsText = "";
function send(userId: string, bytes = 200, delta = sendStamp(bytes)): string {
  if (options.mode === "hub") {
    return hub.publish(userId, { event_type: "message_delta", run_id: "run-1", delta }).id;
  }
  // The baseline does what a bare server does: stamp, serialise, send to each socket. It
  // stamps as the hub does (the same ids, `ts` formatted once per ms, one object per event
  // with the same fields in the same order), so both do the same JSON work per event and
  // differ only in how events reach the sockets.
  const now = Date.now();
  if (now !== bareTsMs) bareTsText = new Date(bareTsMs = now).toISOString();
  const id = bareClock.next(now);
  const event = { event_type: "message_delta", run_id: "run-1", delta, id, ts: bareTsText };
  const json = JSON.stringify(event);
  for (const socket of bare.get(userId) ?? []) socket.send(json);
  return id;
}

/** `users=K`: u0…u(K-1) whether or not they have sockets here (cross-instance); else those that do. */
function targets(url: URL): string[] {
  const prefix = url.searchParams.get("prefix") ?? "u";
  const count = url.searchParams.get("users");
  const all = Array.from({ length: count ? Number(count) : MAX_USERS }, (_, i) => `${prefix}${i}`);
  if (count) return all;
  return options.mode === "hub"
    ? all.filter((user) => hub.socketCount(user) > 0)
    : all.filter((user) => bare.has(user));
}

const CHUNK = 20;
const yieldNow = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A producer that runs ahead of the sockets: CHUNK events per user, then a yield. */
async function burst(users: string[], events: number): Promise<number> {
  const started = performance.now();
  for (let sent = 0; sent < events; sent += CHUNK) {
    for (const user of users) {
      // One send time per user and chunk: its events leave within microseconds of each other.
      const delta = sendStamp();
      for (let i = 0; i < Math.min(CHUNK, events - sent); i++) send(user, 200, delta);
    }
    await yieldNow();
  }
  return performance.now() - started;
}

/** Paced by elapsed time (not by counting timer ticks, which run late): `rate` events/s in total. */
async function steady(users: string[], rate: number, seconds: number): Promise<number> {
  const started = performance.now();
  let sent = 0;
  while (true) {
    const elapsed = performance.now() - started;
    if (elapsed >= seconds * 1000) break;
    const due = Math.floor((elapsed * rate) / 1000);
    for (; sent < due; sent++) send(users[sent % users.length]);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return sent;
}

/**
 * `count` events of `bytes` to one user, `chunk` per macrotask, at most `rate`
 * events/s (0: as fast as it can); the id of the last one.
 */
async function publish(user: string, count: number, bytes: number, chunk: number, rate: number) {
  const started = performance.now();
  let last = "";
  for (let sent = 0; sent < count; sent += chunk) {
    for (let i = 0; i < Math.min(chunk, count - sent); i++) last = send(user, bytes);
    const due = rate > 0 ? ((sent + chunk) * 1000) / rate - (performance.now() - started) : 0;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due)));
  }
  return last;
}

function authenticate(req: Request): Promise<Session | null> {
  const user = new URL(req.url).searchParams.get("token") ?? "";
  return Promise.resolve({
    user: { id: user, email: `${user}@bench.test`, name: user },
    jti: "bench",
    expiresAt: Date.now() + 3_600_000,
  });
}

const chat = {
  sendChatMessage: () => Promise.resolve({}),
  cancelRun: () => Promise.resolve(false),
};

function upgradeBare(req: Request, user: string): Response {
  const { socket, response } = Deno.upgradeWebSocket(req, { idleTimeout: 30 });
  const list = bare.get(user) ?? [];
  list.push(socket);
  bare.set(user, list);
  socket.onopen = () => socket.send(JSON.stringify({ event_type: "connection_established" }));
  socket.onclose = () => list.splice(list.indexOf(socket), 1);
  return response;
}

const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
  const url = new URL(req.url);
  const param = (name: string, fallback: number) => Number(url.searchParams.get(name) ?? fallback);
  const ws = url.pathname.match(/^\/ws\/([^/]+)\/chat$/);
  if (ws && options.mode === "bare") return upgradeBare(req, ws[1]);
  if (ws) {
    return handleChatSocket(req, ws[1], {
      authenticate,
      chat,
      hub: () => hub,
      config: () => config,
    });
  }
  switch (url.pathname) {
    case "/burst":
      return Response.json({ ms: await burst(targets(url), param("events", 100)) });
    case "/steady":
      return Response.json({
        sent: await steady(targets(url), param("rate", 1000), param("seconds", 1)),
      });
    case "/publish": {
      const user = url.searchParams.get("user") ?? "u0";
      const last = await publish(
        user,
        param("count", 1),
        param("bytes", 200),
        param("chunk", 50),
        param("rate", 0),
      );
      return Response.json({ last });
    }
    case "/stats": {
      const cpu = process.cpuUsage();
      if (url.searchParams.get("gc") === "1") (globalThis as { gc?: () => void }).gc?.();
      const memory = Deno.memoryUsage();
      return Response.json({
        cpuMs: (cpu.user + cpu.system) / 1000,
        rss: memory.rss,
        heap: memory.heapUsed,
        replayBytes: hub.replay.bytes,
        maxPendingBytes: options.mode === "hub" ? hub.maxPendingBytes : 0,
        connections: options.mode === "hub"
          ? hub.connectionCount
          : [...bare.values()].flat().length,
      });
    }
    case "/profile/start":
      await startProfile();
      return Response.json({ ok: true });
    case "/profile/stop": {
      const profile = await stopProfile();
      const path = url.searchParams.get("path");
      if (path) await Deno.writeTextFile(path, JSON.stringify(profile));
      return Response.json({ summary: summarizeProfile(profile) });
    }
    case "/quit":
      setTimeout(async () => {
        await hub.close();
        Deno.exit(0);
      }, 10);
      return Response.json({ ok: true });
  }
  return new Response("not found", { status: 404 });
});
setTimeout(() => Deno.exit(0), 300_000);
console.log(`READY ${server.addr.port}`);
