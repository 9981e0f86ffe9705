/**
 * Load generator (a separate process; reads frames lean: raw TCP reads of
 * every frame that arrived (`ws_raw_reader.ts`), a regex scan for the send
 * stamps, no JSON parsing). `deno run -A bench/ws_client.ts JSON_OPTIONS`
 * opens the sockets, prints `{"ready":N}`, then obeys lines on stdin:
 * `start` (reset counters and the CPU baseline), `finish <expected> <timeoutMs>`
 * (wait until that many events arrived, print a ClientResult), `exit`.
 */
import process from "node:process";
import type { ClientOptions, ClientResult, GroupResult } from "./ws_protocol.ts";
import { startProfile, stopProfile, summarizeProfile } from "./ws_profile.ts";
import { openRawReader, type RawReader } from "./ws_raw_reader.ts";

const options: ClientOptions = JSON.parse(Deno.args[0]);
const sampleEvery = options.sampleEvery ?? 8;
const STAMP = /t=(\d+\.\d+);/g;

interface Group {
  received: number;
  latencies: number[];
}
const groups = new Map<string, Group>();
let received = 0;
let frames = 0;
/** Frames by events carried: 1, 2–4, 5–16, 17–64, 65+. */
const frameSizes = [0, 0, 0, 0, 0];
const sizeClass = (events: number) =>
  events <= 1 ? 0 : events <= 4 ? 1 : events <= 16 ? 2 : events <= 64 ? 3 : 4;
let lastAt = 0;
let cpuBefore = process.cpuUsage();
let exiting = false;
const sockets: RawReader[] = [];

function groupOf(user: string): Group {
  const key = user[0];
  let group = groups.get(key);
  if (!group) groups.set(key, group = { received: 0, latencies: [] });
  return group;
}

function open(user: string): Promise<void> {
  const group = groupOf(user);
  return new Promise((resolve, reject) => {
    let first = true;
    openRawReader(options.port, `/ws/${user}/chat?token=${user}`, {
      text(payload, at) {
        if (first) {
          first = false;
          resolve();
          return;
        }
        STAMP.lastIndex = 0;
        let events = 0;
        for (let match = STAMP.exec(payload); match; match = STAMP.exec(payload)) {
          events++;
          if (++group.received % sampleEvery === 0) group.latencies.push(at - Number(match[1]));
        }
        received += events;
        frames++;
        frameSizes[sizeClass(events)]++;
        lastAt = at;
      },
      closed(code) {
        if (!exiting) console.error(`ws_client: the socket of ${user} closed with ${code}`);
        if (first) reject(new Error(`socket for ${user} closed before it opened`));
      },
    }).then((reader) => sockets.push(reader), reject);
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : NaN;

// Open in waves so the accept queue is not overrun.
for (let i = 0; i < options.users.length; i += 200) {
  await Promise.all(options.users.slice(i, i + 200).map(open));
}
console.log(JSON.stringify({ ready: sockets.length }));

async function finish(expected: number, timeoutMs: number): Promise<ClientResult> {
  const deadline = performance.now() + timeoutMs;
  while (received < expected && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const cpu = process.cpuUsage(cpuBefore);
  const profile = options.profilePath ? await stopProfile() : undefined;
  if (profile) await Deno.writeTextFile(options.profilePath!, JSON.stringify(profile));
  const result: Record<string, GroupResult> = {};
  for (const [key, group] of groups) {
    const sorted = group.latencies.sort((a, b) => a - b);
    result[key] = {
      received: group.received,
      p50: Number(percentile(sorted, 0.5).toFixed(2)),
      p99: Number(percentile(sorted, 0.99).toFixed(2)),
    };
  }
  return {
    received,
    lastAt,
    clientCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    frames,
    frameSizes,
    groups: result,
    profile: profile ? summarizeProfile(profile, 12) : undefined,
  };
}

const lines = Deno.stdin.readable.pipeThrough(new TextDecoderStream());
let pending = "";
for await (const chunk of lines) {
  pending += chunk;
  let end: number;
  while ((end = pending.indexOf("\n")) >= 0) {
    const [command, ...args] = pending.slice(0, end).trim().split(" ");
    pending = pending.slice(end + 1);
    if (command === "start") {
      received = frames = 0;
      frameSizes.fill(0);
      lastAt = 0;
      for (const group of groups.values()) group.received = group.latencies.length = 0;
      cpuBefore = process.cpuUsage();
      if (options.profilePath) await startProfile();
      console.log(JSON.stringify({ started: true }));
    } else if (command === "finish") {
      console.log(JSON.stringify(await finish(Number(args[0]), Number(args[1] ?? 60_000))));
    } else if (command === "exit") {
      exiting = true;
      for (const socket of sockets) socket.close();
      Deno.exit(0);
    }
  }
}
Deno.exit(0);
