import assert from "node:assert/strict";
import { type JsonSchema, PORTABLE_KEYWORDS, portableSchema } from "./tool_schema.ts";
import { toolDefinitions } from "./tools.ts";

/** Every schema keyword used, walking into properties and items (property names are not keywords). */
function keywordsOf(schema: JsonSchema, found = new Set<string>()): Set<string> {
  for (const [keyword, value] of Object.entries(schema)) {
    found.add(keyword);
    if (keyword === "properties") {
      for (const property of Object.values(value as Record<string, JsonSchema>)) {
        keywordsOf(property, found);
      }
    } else if (keyword === "items" || keyword === "anyOf") {
      for (const item of [value].flat() as JsonSchema[]) keywordsOf(item, found);
    }
  }
  return found;
}

Deno.test("[tool schema] every tool's parameters use only keywords Gemini, Ollama and OpenAI all accept", () => {
  // Keywords servers are known to refuse (Gemini: "Unknown name …"; draft-2020 extras).
  for (
    const refused of ["const", "exclusiveMinimum", "additionalProperties", "$schema", "default"]
  ) {
    assert.ok(!PORTABLE_KEYWORDS.has(refused), refused);
  }
  for (const tool of toolDefinitions()) {
    const used = keywordsOf(tool.function.parameters as JsonSchema);
    const foreign = [...used].filter((keyword) => !PORTABLE_KEYWORDS.has(keyword));
    assert.deepEqual(foreign, [], tool.function.name);
  }
});

Deno.test("[tool schema] nullable, exclusive bounds, const and defaults become portable", () => {
  assert.deepEqual(
    portableSchema({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "object",
      additionalProperties: false,
      properties: {
        note: {
          anyOf: [{ type: "string", maxLength: 20 }, { type: "null" }],
          description: "a note",
        },
        id: { type: "integer", exclusiveMinimum: 0, maximum: Number.MAX_SAFE_INTEGER },
        size: { type: "number", exclusiveMinimum: 0.5, maximum: 10 },
        confirm: { type: "boolean", const: true },
        status: { type: "string", enum: ["a", "b"], default: "a" },
        either: { anyOf: [{ type: "string" }, { type: "integer" }] },
        tags: { type: "array", items: { type: "string", const: "x" } },
      },
      required: ["id"],
    }),
    {
      type: "object",
      properties: {
        note: { type: "string", maxLength: 20, description: "a note" },
        id: { type: "integer", minimum: 1 },
        size: { type: "number", minimum: 0.5, maximum: 10 },
        confirm: { type: "boolean" },
        status: { type: "string", enum: ["a", "b"] },
        either: { anyOf: [{ type: "string" }, { type: "integer" }] },
        tags: { type: "array", items: { type: "string" } },
      },
      required: ["id"],
    },
  );
});
