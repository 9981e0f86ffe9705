/**
 * Tool parameter schemas every OpenAI-compatible server accepts. zod writes
 * full JSON Schema (`const`, `exclusiveMinimum`, `anyOf` with `null`), and
 * some servers refuse what they do not know: Gemini's OpenAI endpoint answers
 * 400 "Unknown name const". The schema the model reads is therefore cut down
 * to keywords all of them know; the tool's zod schema still validates every
 * call in full, so nothing is loosened where it counts.
 */

/** A JSON Schema object, as `z.toJSONSchema` writes it. */
export type JsonSchema = { [keyword: string]: unknown };

/** What every server we target understands in function parameters (Gemini's subset is the narrowest). */
export const PORTABLE_KEYWORDS: ReadonlySet<string> = new Set([
  "type",
  "description",
  "properties",
  "required",
  "enum",
  "items",
  "minimum",
  "maximum",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
]);

/**
 * The schema with only portable keywords: `x | null` becomes `x` (the tool
 * still accepts null), an integer's `exclusiveMinimum: n` becomes
 * `minimum: n + 1`, and the rest (`const`, `default`, `$schema`,
 * `additionalProperties`, a bound no integer reaches) is left out.
 */
export function portableSchema(schema: JsonSchema): JsonSchema {
  const options = Array.isArray(schema.anyOf) ? schema.anyOf as JsonSchema[] : undefined;
  const notNull = options?.filter((option) => option.type !== "null");
  if (notNull?.length === 1) {
    const { anyOf: _anyOf, ...rest } = schema;
    return portableSchema({ ...notNull[0], ...rest });
  }
  const out: JsonSchema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === "properties" && isObject(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map((
          [name, property],
        ) => [name, portableSchema(property as JsonSchema)]),
      );
    } else if (keyword === "items" && isObject(value)) {
      out.items = portableSchema(value);
    } else if (keyword === "anyOf" && Array.isArray(value)) {
      out.anyOf = value.map((option) => portableSchema(option as JsonSchema));
    } else if (keyword === "exclusiveMinimum" && typeof value === "number") {
      out.minimum = schema.type === "integer" ? Math.floor(value) + 1 : value;
    } else if (
      keyword === "maximum" && typeof value === "number" && value >= Number.MAX_SAFE_INTEGER
    ) {
      continue;
    } else if (PORTABLE_KEYWORDS.has(keyword)) {
      out[keyword] = value;
    }
  }
  return out;
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
