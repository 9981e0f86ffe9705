/**
 * In-process micro-benchmarks of the hub (`deno bench -A bench/ws_bench.ts`, part of
 * `deno task bench`): the cost of `publish` up to the socket's `send`, with null sockets
 * (no I/O), beside a baseline that stamps like the hub, serialises and sends each event itself. The
 * socket-level load test with separate processes is `bench/ws_load.ts`.
 */
import { EventClock } from "../lib/realtime/event_ids.ts";
import { Hub } from "../lib/realtime/hub.ts";
import { DeltaMerge, toFrame } from "../lib/realtime/stamped_frame.ts";
import type { SocketLike } from "../lib/realtime/socket.ts";

class NullSocket implements SocketLike {
  readyState = 1;
  bufferedAmount = 0;
  frames = 0;
  send(_data: string) {
    this.frames++;
  }
  close() {
    this.readyState = 3;
  }
}

const EVENTS_PER_USER = 20;
const delta = "x".repeat(90);
const body = { event_type: "message_delta", run_id: "run-1", delta } as const;

for (const [users, tabs] of [[100, 3], [1000, 1]]) {
  const group = `fan-out ${users}×${tabs}`;
  const userIds = Array.from({ length: users }, (_, u) => `u${u}`);
  for (const batching of [false, true]) {
    const hub = new Hub({ connection: { batching } });
    for (const userId of userIds) {
      for (let t = 0; t < tabs; t++) hub.connect({ userId }, new NullSocket());
    }
    Deno.bench({
      name: `hub publish ${users}×${tabs}, ${EVENTS_PER_USER} events each, batching ${
        batching ? "on" : "off"
      }`,
      group,
      async fn() {
        for (const userId of userIds) {
          for (let e = 0; e < EVENTS_PER_USER; e++) {
            hub.publish(userId, { event_type: "message_delta", run_id: "run-1", delta });
          }
        }
        await Promise.resolve(); // the hub serialises and sends in a microtask
      },
    });
  }

  const bare = new Map<string, NullSocket[]>();
  for (const userId of userIds) {
    bare.set(userId, Array.from({ length: tabs }, () => new NullSocket()));
  }
  // Stamps as the hub does (event-clock ids, `ts` formatted once per millisecond, one object
  // per event with the same fields in the same order).
  const clock = new EventClock();
  let tsMs = -1;
  let tsText = "";
  Deno.bench({
    name: `baseline: stamp + stringify + send per socket, ${users}×${tabs}`,
    group,
    baseline: true,
    fn() {
      for (const [, sockets] of bare) {
        for (let e = 0; e < EVENTS_PER_USER; e++) {
          const now = Date.now();
          if (now !== tsMs) tsText = new Date(tsMs = now).toISOString();
          const id = clock.next(now);
          const json = JSON.stringify({
            event_type: "message_delta",
            run_id: "run-1",
            delta,
            id,
            ts: tsText,
          });
          for (const socket of sockets) socket.send(json);
        }
      }
    },
  });
}

// A stuck tab while a reply streams: each delta merges into the one queued (time should grow with
// the deltas, not their square), beside concatenating the same texts.
const DELTAS = 8_000;
const clock = new EventClock();
const ts = new Date().toISOString();
const deltaFrames = Array.from(
  { length: DELTAS },
  (_, i) => toFrame([{ ...body, delta: `part ${i} `, id: clock.next(), ts }]),
);
Deno.bench({
  name: `merge ${DELTAS} deltas for a socket that is behind`,
  group: "delta merging",
  fn() {
    const merge = new DeltaMerge(deltaFrames[0]);
    for (let i = 1; i < DELTAS; i++) merge.add(deltaFrames[i]);
    merge.frame();
  },
});
Deno.bench({
  name: `baseline: join the ${DELTAS} texts`,
  group: "delta merging",
  baseline: true,
  fn() {
    const texts: string[] = [];
    for (let i = 0; i < DELTAS; i++) texts.push(`part ${i} `);
    JSON.stringify({ ...body, delta: texts.join("") });
  },
});
