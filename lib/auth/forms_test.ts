import assert from "node:assert/strict";
import { z } from "zod";
import { setConfigForTesting } from "../config.ts";
import { DEFAULT_AFTER_LOGIN, isSameOriginRequest, parseFormFields, safeNext } from "./forms.ts";

Deno.test("[forms] safeNext keeps same-site paths and refuses the rest", () => {
  assert.equal(safeNext("/tasks?status=pending"), "/tasks?status=pending");
  for (
    const bad of [null, "", "tasks", "//evil.example/x", "/\\evil.example", "https://evil.example"]
  ) {
    assert.equal(safeNext(bad), DEFAULT_AFTER_LOGIN, String(bad));
  }
});

Deno.test("[forms] parseFormFields gives the first message per field", () => {
  const schema = z.object({ email: z.email("email must be valid"), password: z.string().min(8) });
  const form = new FormData();
  form.set("email", "nope");
  form.set("password", "short");
  const result = parseFormFields(schema, form);
  assert.equal(result.ok, false);
  if (!result.ok) {
    assert.equal(result.errors.email, "Email must be valid");
    assert.ok(result.errors.password);
  }
  form.set("email", "a@example.test");
  form.set("password", "long enough");
  assert.deepEqual(parseFormFields(schema, form), {
    ok: true,
    data: { email: "a@example.test", password: "long enough" },
  });
});

Deno.test("[forms] isSameOriginRequest accepts no Origin, our host and ALLOWED_ORIGINS", () => {
  setConfigForTesting({ ALLOWED_ORIGINS: ["https://app.example"] });
  const req = (origin?: string) =>
    new Request("http://127.0.0.1:8000/login", {
      method: "POST",
      headers: origin ? { origin, host: "127.0.0.1:8000" } : { host: "127.0.0.1:8000" },
    });
  assert.equal(isSameOriginRequest(req()), true);
  assert.equal(isSameOriginRequest(req("http://127.0.0.1:8000")), true);
  assert.equal(isSameOriginRequest(req("https://app.example")), true);
  assert.equal(isSameOriginRequest(req("https://evil.example")), false);
  assert.equal(isSameOriginRequest(req("null")), false);
  setConfigForTesting({ ALLOWED_ORIGINS: [] });
});
