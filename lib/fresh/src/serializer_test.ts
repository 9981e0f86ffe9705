import assert from "node:assert/strict";
import { h } from "preact";
import { type Signal, signal } from "@preact/signals";
import { deserialize, serialize, SerializeError, toScriptSafeJson } from "./serializer.ts";

function roundTrip(value: unknown): unknown {
  return deserialize(JSON.parse(JSON.stringify(serialize(value))));
}

Deno.test("[fresh serializer] JSON values and the numbers JSON lacks round-trip", () => {
  const value = {
    a: 1,
    b: "two",
    c: [true, null, { d: -0.5 }],
    e: NaN,
    f: -Infinity,
    g: undefined,
  };
  const back = roundTrip(value) as typeof value;
  assert.deepEqual({ ...back, e: 0 }, { ...value, e: 0 });
  assert.ok(Number.isNaN(back.e));
  assert.ok("g" in back);
  assert.ok(Object.is(roundTrip(-0), -0));
});

Deno.test("[fresh serializer] bigint, Uint8Array, Date as string; functions dropped", () => {
  const back = roundTrip({
    big: 2n ** 70n,
    bytes: new Uint8Array([0, 1, 254, 255]),
    when: new Date("2024-05-06T07:08:09.010Z"),
    fn: () => 1,
    list: [() => 1, 2],
  }) as Record<string, unknown>;
  assert.equal(back.big, 2n ** 70n);
  assert.ok(back.bytes instanceof Uint8Array);
  assert.deepEqual(Array.from(back.bytes as Uint8Array), [0, 1, 254, 255]);
  assert.equal(back.when, "2024-05-06T07:08:09.010Z");
  assert.equal("fn" in back, false);
  assert.deepEqual(back.list, [undefined, 2]);
});

Deno.test("[fresh serializer] shared and circular references are stored once", () => {
  const shared = { name: "shared" };
  const loop: Record<string, unknown> = { label: "loop" };
  loop.self = loop;
  const doc = serialize([{ a: shared, loop }, { b: shared }]);
  assert.equal(doc.n.filter((node) => node === "shared").length, 1);
  const [first, second] = deserialize(doc) as Record<string, Record<string, unknown>>[];
  assert.equal(first.a, second.b);
  assert.equal(first.loop.self, first.loop);
});

Deno.test("[fresh serializer] one signal in two places revives as one signal", () => {
  const count = signal(3);
  const [a, b] = roundTrip([{ count }, { other: count }]) as [
    { count: Signal<number> },
    { other: Signal<number> },
  ];
  assert.equal(a.count, b.other);
  assert.equal(a.count.value, 3);
  a.count.value = 4;
  assert.equal(b.other.value, 4);
});

Deno.test("[fresh serializer] JSX outside children is refused with the path", () => {
  assert.throws(
    () => serialize({ icon: h("svg", null) }),
    (error: Error) => error instanceof SerializeError && error.message.includes("props.icon"),
  );
});

Deno.test("[fresh serializer] script-safe JSON escapes <, >, & and U+2028/9", () => {
  const text = toScriptSafeJson({ s: "</script>&\u2028\u2029" });
  assert.doesNotMatch(text, /[<>&\u2028\u2029]/);
  assert.deepEqual(JSON.parse(text), { s: "</script>&\u2028\u2029" });
});
