/**
 * Island props ⇄ one JSON document. Values are stored in a flat node list
 * and refer to each other by index, so shared and circular references are
 * stored once and revived as the same object (one signal passed to two
 * islands is one signal in the browser). Shared by server and browser.
 *
 * Node forms: a JSON primitive; an array of indices (plain array); an
 * object of indices; a tagged array `[tag, payload]` whose first item is a
 * string. Negative indices encode values JSON lacks.
 */
import { type Signal, signal } from "@preact/signals";

const SPECIAL = {
  undefined: -1,
  NaN: -3,
  Infinity: -4,
  NegativeInfinity: -5,
  NegativeZero: -6,
} as const;

const SPECIAL_VALUES = new Map<number, unknown>([
  [SPECIAL.undefined, undefined],
  [SPECIAL.NaN, NaN],
  [SPECIAL.Infinity, Infinity],
  [SPECIAL.NegativeInfinity, -Infinity],
  [SPECIAL.NegativeZero, -0],
]);

type Node = null | boolean | number | string | Node[] | { [key: string]: number };

/** The serialised form of a value graph. */
export interface SerializedDocument {
  /** Index of the root value. */
  r: number;
  /** The nodes. */
  n: Node[];
}

/** Thrown when a value cannot travel to the browser (e.g. JSX in a prop). */
export class SerializeError extends TypeError {
  override name = "SerializeError";
  readonly code = "unserializable_prop";
}

function isSignal(value: object): value is Signal<unknown> {
  const candidate = value as { brand?: unknown; peek?: unknown };
  return candidate.brand === Symbol.for("preact-signals") && typeof candidate.peek === "function";
}

function isVNode(value: object): boolean {
  return "constructor" in value && value.constructor === undefined && "type" in value &&
    "props" in value;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Serialises a value graph: JSON values, `bigint`, `Uint8Array`, signals,
 * `Date` (as its ISO string), shared and circular references. Functions and
 * symbols are dropped (`undefined` in arrays, left out of objects).
 */
export function serialize(root: unknown): SerializedDocument {
  const nodes: Node[] = [];
  const seen = new Map<object, number>();
  const push = (node: Node) => nodes.push(node) - 1;

  function add(value: unknown, path: string): number {
    switch (typeof value) {
      case "undefined":
      case "function":
      case "symbol":
        return SPECIAL.undefined;
      case "number":
        if (Number.isNaN(value)) return SPECIAL.NaN;
        if (value === Infinity) return SPECIAL.Infinity;
        if (value === -Infinity) return SPECIAL.NegativeInfinity;
        if (Object.is(value, -0)) return SPECIAL.NegativeZero;
        return push(value);
      case "boolean":
      case "string":
        return push(value);
      case "bigint":
        return push(["BigInt", value.toString()]);
    }
    if (value === null) return push(null);
    const object = value as object;
    const known = seen.get(object);
    if (known !== undefined) return known;
    if (!isSignal(object) && isVNode(object)) {
      throw new SerializeError(
        `Cannot serialize JSX at "${path}": only "children" of an island may carry JSX`,
      );
    }
    const custom = object as { toJSON?: () => unknown };
    if (!(object instanceof Date) && !isSignal(object) && typeof custom.toJSON === "function") {
      return add(custom.toJSON(), path);
    }
    const index = push(null);
    seen.set(object, index);
    if (isSignal(object)) {
      nodes[index] = ["Signal", add(object.peek(), `${path}.value`)];
    } else if (object instanceof Date) {
      nodes[index] = Number.isNaN(object.getTime()) ? null : object.toISOString();
    } else if (object instanceof Uint8Array) {
      nodes[index] = ["Uint8Array", bytesToBase64(object)];
    } else if (Array.isArray(object)) {
      nodes[index] = Array.from(object, (item, i) => add(item, `${path}[${i}]`));
    } else {
      const record: { [key: string]: number } = {};
      for (const [key, item] of Object.entries(object)) {
        if (typeof item === "function" || typeof item === "symbol") continue;
        record[key] = add(item, `${path}.${key}`);
      }
      nodes[index] = record;
    }
    return index;
  }

  const r = add(root, "props");
  return { r, n: nodes };
}

/** Revives a document made by {@linkcode serialize}; signals come back as signals. */
export function deserialize(doc: SerializedDocument): unknown {
  const { n: nodes } = doc;
  const revived = new Map<number, unknown>();

  function get(index: number): unknown {
    if (index < 0) {
      if (!SPECIAL_VALUES.has(index)) throw new TypeError(`Cannot revive node ${index}: unknown`);
      return SPECIAL_VALUES.get(index);
    }
    if (revived.has(index)) return revived.get(index);
    if (index >= nodes.length) throw new TypeError(`Cannot revive node ${index}: out of range`);
    const node = nodes[index];
    if (node === null || typeof node !== "object") {
      revived.set(index, node);
      return node;
    }
    if (Array.isArray(node)) {
      if (typeof node[0] === "string") return reviveTagged(index, node[0], node[1]);
      const list: unknown[] = [];
      revived.set(index, list);
      for (const item of node) list.push(get(item as number));
      return list;
    }
    const record: Record<string, unknown> = {};
    revived.set(index, record);
    for (const [key, item] of Object.entries(node)) {
      Object.defineProperty(record, key, {
        value: get(item),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return record;
  }

  function reviveTagged(index: number, tag: string, payload: Node | undefined): unknown {
    switch (tag) {
      case "Signal": {
        const revivedSignal = signal<unknown>(undefined);
        revived.set(index, revivedSignal);
        revivedSignal.value = get(payload as number);
        return revivedSignal;
      }
      case "BigInt": {
        const value = BigInt(payload as string);
        revived.set(index, value);
        return value;
      }
      case "Uint8Array": {
        const value = base64ToBytes(payload as string);
        revived.set(index, value);
        return value;
      }
    }
    throw new TypeError(`Cannot revive node ${index}: unknown tag "${tag}"`);
  }

  return get(doc.r);
}

/** JSON text safe inside a `<script>` element (`<`, `>`, `&`, U+2028/9 escaped). */
export function toScriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
