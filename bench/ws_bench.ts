/**
 * In-process micro-benchmarks of the hub (`deno bench -A bench/ws_bench.ts`, part of
 * `deno task bench`): the cost of `publish` up to the socket's `send`, with null sockets
 * (no I/O), beside a baseline that stamps, serialises and sends each event itself. The
 * socket-level load test with separate processes is `bench/ws_load.ts`.
 */
import { Hub } from "../lib/realtime/hub.ts";
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
const body = { event_type: "message_delta", run_id: "run-1", delta: "x".repeat(90) } as const;

for (const [users, tabs] of [[100, 3], [1000, 1]]) {
  const group = `fan-out ${users}×${tabs}`;
  for (const batching of [false, true]) {
    const hub = new Hub({ connection: { batching } });
    for (let u = 0; u < users; u++) {
      for (let t = 0; t < tabs; t++) hub.connect({ userId: `u${u}` }, new NullSocket());
    }
    Deno.bench({
      name: `hub publish ${users}×${tabs}, ${EVENTS_PER_USER} events each, batching ${
        batching ? "on" : "off"
      }`,
      group,
      async fn() {
        for (let u = 0; u < users; u++) {
          for (let e = 0; e < EVENTS_PER_USER; e++) hub.publish(`u${u}`, body);
        }
        await Promise.resolve(); // the hub flushes in a microtask
      },
    });
  }

  const bare = new Map<string, NullSocket[]>();
  for (let u = 0; u < users; u++) {
    bare.set(`u${u}`, Array.from({ length: tabs }, () => new NullSocket()));
  }
  let counter = 0;
  Deno.bench({
    name: `baseline: stamp + stringify + send per socket, ${users}×${tabs}`,
    group,
    baseline: true,
    fn() {
      for (const [, sockets] of bare) {
        for (let e = 0; e < EVENTS_PER_USER; e++) {
          const json = JSON.stringify({
            ...body,
            id: String(++counter),
            ts: new Date().toISOString(),
          });
          for (const socket of sockets) socket.send(json);
        }
      }
    },
  });
}
