import assert from "node:assert/strict";
import { z } from "zod";
import { AppError } from "./errors.ts";
import { describeIssues, parseInput } from "./http.ts";

const Body = z.object({ title: z.string().min(1), tags: z.array(z.string()) });

Deno.test("[http] describeIssues names each problem by its path", () => {
  const result = Body.safeParse({ title: "", tags: [1] });
  assert.equal(result.success, false);
  const text = describeIssues(result.error!);
  assert.match(text, /^title: .+; tags\.0: .+$/);
});

Deno.test("[http] parseInput strips unknown fields and throws invalid_request", () => {
  assert.deepEqual(parseInput(Body, { title: "a", tags: [], extra: 1 }), { title: "a", tags: [] });
  assert.throws(() => parseInput(Body, { tags: [] }), (error: unknown) => {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, "invalid_request");
    assert.match(error.message, /^Invalid request: title: /);
    return true;
  });
});
